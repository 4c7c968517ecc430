//! Under a loading row: the time left at the rate seen so far, or that it has stalled.

use yew::prelude::*;

use crate::iso_time::local_time;
use crate::state::Pace;

/// A function, not a component: it has no state of its own, and one component type fewer is one
/// copy fewer of Yew's per-component code in the wasm.
pub fn pace_note(pace: Option<Pace>) -> Html {
    let Some(pace) = pace else {
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
