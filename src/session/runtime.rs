//! What the session needs from its surroundings: spawning a task, sleeping, the clock, page
//! visibility and performance marks. The browser provides them here; tests provide a manual
//! clock (`tests/support`).

use futures::future::LocalBoxFuture;

/// A single-threaded runtime.
pub trait Runtime: 'static {
    /// Runs `task` to completion in the background.
    fn spawn(&self, task: LocalBoxFuture<'static, ()>);
    /// Completes after `millis` milliseconds.
    fn sleep(&self, millis: u64) -> LocalBoxFuture<'static, ()>;
    /// Milliseconds since the epoch, by the wall clock (which may step back or forward).
    fn now(&self) -> f64;
    /// Milliseconds on a clock that never steps back, for measuring intervals.
    fn monotonic(&self) -> f64 {
        self.now()
    }
    /// The page is in a background tab or minimised.
    fn page_hidden(&self) -> bool;
    /// A number in [0, 1) for backoff jitter; one half where there is no randomness (tests).
    fn random(&self) -> f64 {
        0.5
    }
    /// A performance mark, for measurements.
    fn mark(&self, _name: &str) {}
    /// `at` (milliseconds since the epoch) as the user's local time of day, "HH:MM"; UTC
    /// unless the runtime knows the time zone.
    fn local_time(&self, at: f64) -> String {
        let minutes = (at / 60_000.0).floor() as i64;
        format!(
            "{:02}:{:02}",
            minutes.div_euclid(60).rem_euclid(24),
            minutes.rem_euclid(60)
        )
    }
}

/// The client's pauses between attempts run on the runtime's clock: time has one source.
impl<R: Runtime> crate::api::Clock for R {
    fn pause(&self, millis: u64) -> LocalBoxFuture<'static, ()> {
        Runtime::sleep(self, millis)
    }

    fn random(&self) -> f64 {
        Runtime::random(self)
    }
}

/// The longest a browser timer can wait: `setTimeout` takes a signed 32-bit delay and runs at
/// once when it is exceeded.
pub const TIMER_MAX_MS: u64 = i32::MAX as u64;

/// The timers a long sleep is made of, none beyond `TIMER_MAX_MS`.
pub fn timer_steps(millis: u64) -> impl Iterator<Item = u32> {
    let full = millis / TIMER_MAX_MS;
    let rest = millis % TIMER_MAX_MS;
    let max = u32::try_from(TIMER_MAX_MS).unwrap_or(u32::MAX);
    std::iter::repeat_n(max, usize::try_from(full).unwrap_or(usize::MAX))
        .chain((rest > 0 || millis == 0).then(|| u32::try_from(rest).unwrap_or(max)))
}

/// The browser: `spawn_local`, `setTimeout`, `Date.now`, `document.visibilityState`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BrowserRuntime;

impl Runtime for BrowserRuntime {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        wasm_bindgen_futures::spawn_local(task);
    }

    fn sleep(&self, millis: u64) -> LocalBoxFuture<'static, ()> {
        Box::pin(async move {
            for step in timer_steps(millis) {
                gloo_timers::future::TimeoutFuture::new(step).await;
            }
        })
    }

    fn now(&self) -> f64 {
        js_sys::Date::now()
    }

    fn monotonic(&self) -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or_else(js_sys::Date::now, |p| p.now())
    }

    fn page_hidden(&self) -> bool {
        web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
    }

    fn mark(&self, name: &str) {
        crate::marks::mark(name);
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn local_time(&self, at: f64) -> String {
        crate::iso_time::local_time(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A delay past a signed 32-bit number of milliseconds is taken by the browser as negative
    /// and run at once: a long sleep is split into timers it can hold.
    #[test]
    fn long_sleeps_are_split_into_timers_a_browser_can_hold() {
        assert!((3_000_000_000u32 as i32) < 0, "what setTimeout received");
        let steps: Vec<u32> = timer_steps(3_000_000_000).collect();
        assert!(steps.iter().all(|&s| u64::from(s) <= TIMER_MAX_MS));
        assert_eq!(
            steps.iter().map(|&s| u64::from(s)).sum::<u64>(),
            3_000_000_000
        );
        assert_eq!(timer_steps(1_000).collect::<Vec<_>>(), [1_000]);
        assert_eq!(timer_steps(0).collect::<Vec<_>>(), [0]);
    }

    struct Utc;
    impl Runtime for Utc {
        fn spawn(&self, _: LocalBoxFuture<'static, ()>) {}
        fn sleep(&self, _: u64) -> LocalBoxFuture<'static, ()> {
            Box::pin(async {})
        }
        fn now(&self) -> f64 {
            0.0
        }
        fn page_hidden(&self) -> bool {
            false
        }
    }

    #[test]
    fn local_time_defaults_to_utc_hours_and_minutes() {
        assert_eq!(Utc.local_time(1_700_000_000_000.0), "22:13");
        assert_eq!(Utc.local_time(0.0), "00:00");
        assert_eq!(Utc.local_time(-60_000.0), "23:59");
        assert_eq!(Utc.local_time(f64::NAN), "00:00");
    }
}
