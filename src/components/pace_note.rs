//! Under a loading row: the time left at the rate seen so far, or that it has stalled.

use yew::prelude::*;

use crate::iso_time::local_time;
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
