//! Times of day as the user reads them.

/// "HH:MM" in the user's time zone (UTC where there is no browser, as in SSR tests).
pub fn local_time(at: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use crate::session::Runtime;
        crate::session::BrowserRuntime.local_time(at)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::iso_time::iso_utc(at)
            .get(11..16)
            .unwrap_or_default()
            .to_string()
    }
}
