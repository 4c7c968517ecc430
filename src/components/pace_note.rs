//! Under a loading row: the time left at the rate seen so far, or that it has stalled.

use yew::prelude::*;

use crate::state::Pace;

#[derive(Properties, PartialEq)]
pub struct PaceNoteProps {
    pub pace: Option<Pace>,
}

#[component]
pub fn PaceNote(props: &PaceNoteProps) -> Html {
    let Some(pace) = props.pace else {
        return html! {};
    };
    if pace.stalled {
        let text = format!(
            "stalled at {}% since {}",
            pace.progress,
            local_time(pace.since)
        );
        return html! { <span class="mlc-row-note mlc-stalled">{ text }</span> };
    }
    match pace.time_left_text() {
        Some(text) => html! { <span class="mlc-time-left">{ format!(" · {text}") }</span> },
        None => html! {},
    }
}

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
