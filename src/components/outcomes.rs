//! What became of the releases and loads the user confirmed: a summary of all of them, and
//! the latest ones line by line (thousands of results cost what a hundred do).

use std::rc::Rc;

use yew::prelude::*;

use crate::iso_time::iso_utc;
use crate::iso_time::local_time;
use crate::journal::Format;
use crate::state::{Outcome, OutcomeCounts, Progress};

/// Results listed line by line; earlier ones are only counted.
pub const LISTED: usize = 100;

#[derive(Properties, PartialEq)]
pub struct OutcomesProps {
    pub outcomes: Rc<Vec<Outcome>>,
    /// The database on screen: outcomes from another one name theirs.
    pub database: AttrValue,
    /// Writes per second while the server's rate limiter paces them.
    #[prop_or_default]
    pub paced: Option<f64>,
    /// Ended outcomes no longer kept (the oldest), to say so.
    #[prop_or_default]
    pub dropped: usize,
    pub on_dismiss: Callback<()>,
    /// Downloads the journal of the outcomes; why the browser refused, if it did.
    #[prop_or(Callback::from(|_| None))]
    pub on_export: Callback<Format, Option<String>>,
}

#[component]
pub fn Outcomes(props: &OutcomesProps) -> Html {
    // Why the last export was refused, until one succeeds.
    let export_failed = use_state(|| None::<String>);
    if props.outcomes.is_empty() {
        return html! {};
    }
    let counts = OutcomeCounts::of(&props.outcomes);
    let earlier = props.outcomes.len().saturating_sub(LISTED);
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let export = |format: Format| {
        let (on_export, export_failed) = (props.on_export.clone(), export_failed.clone());
        Callback::from(move |_: MouseEvent| {
            export_failed.set(on_export.emit(format).map(|reason| {
                format!(
                    "Export {} failed: {reason}. The results stay here.",
                    format.label()
                )
            }))
        })
    };
    let (csv, json) = (export(Format::Csv), export(Format::Json));
    html! {
        <section class="mlc-outcomes" aria-live="polite" aria-label="Results">
            <strong>{ counts.summary() }</strong>
            if let Some(rate) = props.paced {
                <p class="mlc-paced">{ format!("paced: {} per second", rate_text(rate)) }</p>
            }
            // It scrolls past a few lines: focusable, so that the keyboard can scroll it too.
            <ul tabindex="0" aria-label="Results, oldest first">
                if props.dropped > 0 {
                    <li class="mlc-earlier">{ format!("… {} older results dropped (not exported)", props.dropped) }</li>
                }
                if earlier > 0 {
                    <li class="mlc-earlier">{ format!("… {earlier} earlier results (counted above)") }</li>
                }
                // Keyed results in a fragment of their own, apart from the unkeyed notes above.
                <>{ for props.outcomes.iter().skip(earlier).map(|o| {
                    let class = match &o.progress {
                        Progress::Done | Progress::Skipped(_) => "mlc-ok",
                        Progress::Failed(_) | Progress::Abandoned(_) => "mlc-failed",
                        Progress::Cancelled(_) => "mlc-cancelled",
                        Progress::Unknown(_) | Progress::NotSeenApplied { .. } => "mlc-unknown",
                        Progress::Waiting | Progress::Working => "mlc-working",
                    };
                    html! {
                        <li class={class} key={o.id}>
                            <time datetime={iso_utc(o.at)}>{ local_time(o.at) }</time>
                            { " " }{ o.text(&props.database) }
                        </li>
                    }
                }) }</>
            </ul>
            <div class="mlc-outcome-actions">
                <button type="button" onclick={on_dismiss}>{ "Dismiss" }</button>
                <button type="button" onclick={csv}>{ "Export CSV" }</button>
                <button type="button" onclick={json}>{ "Export JSON" }</button>
            </div>
            if let Some(text) = &*export_failed {
                <p class="mlc-error" role="alert">{ text.clone() }</p>
            }
        </section>
    }
}

/// A rate to a tenth, "2.5" or "5", without formatting a float (which would add a float
/// printer to the wasm).
fn rate_text(rate: f64) -> String {
    let tenths = (rate * 10.0).round().max(0.0) as u64;
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        tenth => format!("{}.{tenth}", tenths / 10),
    }
}
