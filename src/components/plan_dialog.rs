//! The restore plan shown before acting: what will be loaded, what already is, what no longer
//! exists, and what is loaded now but not in the file (offered for release, unticked).

use std::rc::Rc;

use yew::prelude::*;

use crate::components::confirm_dialog::{dialog_keys, LISTED};
use crate::effect::use_effect_on;
use crate::state::restore::{PlanItem, Planned, Step};

#[derive(Properties, PartialEq)]
pub struct PlanDialogProps {
    /// The plan, where the file was saved, the replica settings and the releases ticked.
    pub planned: Rc<Planned>,
    /// Ticks or unticks an item offered for release (by index in the plan).
    pub on_toggle: Callback<usize>,
    /// Ticks (`true`) or unticks every item offered for release, listed or not.
    pub on_tick_all: Callback<bool>,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The sections, in the order shown.
const SECTIONS: [(Step, &str); 4] = [
    (Step::Load, "Will be loaded"),
    (Step::Already, "Already loaded (nothing is sent)"),
    (Step::Gone, "In the file, no longer on the server"),
    (
        Step::Release,
        "Loaded now but not in the file: tick to release",
    ),
];

#[component]
pub fn PlanDialog(props: &PlanDialogProps) -> Html {
    let dialog_ref = use_node_ref();
    let run_ref = use_node_ref();
    {
        let run_ref = run_ref.clone();
        use_effect_on((), move |_| {
            if let Some(button) = run_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let onkeydown = dialog_keys(&dialog_ref, &props.on_cancel);
    let planned = &props.planned;
    let plan = &planned.plan;
    let (loads, releases) = (plan.count(Step::Load), planned.ticked.len());
    let summary = format!(
        "{loads} to load · {} already loaded · {} gone · {} loaded but not in the file ({releases} ticked to release). {}",
        plan.count(Step::Already),
        plan.count(Step::Gone),
        plan.count(Step::Release),
        planned.source
    );
    let nothing = loads + releases == 0;
    // Each section lists its first items: thousands of rows would make every tick slow.
    let section = |(step, heading): &(Step, &str)| {
        let count = plan.count(*step);
        if count == 0 {
            return html! {};
        }
        let rows = plan
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.step == *step)
            .take(LISTED)
            .map(|(i, item)| row(i, item, props));
        let more = count.saturating_sub(LISTED);
        html! {
            <>
                <h3>{ format!("{heading} ({count})") }</h3>
                if *step == Step::Release {
                    <div class="mlc-tick-all">
                        <button type="button" onclick={props.on_tick_all.reform(|_: MouseEvent| true)}>
                            { format!("Tick all {count}") }
                        </button>
                        <button type="button" onclick={props.on_tick_all.reform(|_: MouseEvent| false)}>
                            { "Untick all" }
                        </button>
                    </div>
                }
                <ul class="mlc-names mlc-plan">
                    { for rows }
                    if more > 0 {
                        <li class="mlc-more">{ format!("… and {more} more, not listed") }</li>
                    }
                </ul>
            </>
        }
    };
    html! {
        <div class="mlc-backdrop">
            <div class="mlc-dialog" role="dialog" aria-modal="true" aria-labelledby="mlc-plan-title"
                aria-describedby="mlc-plan-summary" ref={dialog_ref} {onkeydown}>
                <h2 id="mlc-plan-title">{ "Restore the loaded set" }</h2>
                <p id="mlc-plan-summary" class="mlc-dialog-summary">{ summary }</p>
                if !planned.replicas.is_empty() {
                    <ul class="mlc-plan-replicas">
                        { for planned.replicas.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
                    </ul>
                }
                <div class="mlc-dialog-body" tabindex="0" role="group" aria-label="The plan">
                    { for SECTIONS.iter().map(section) }
                </div>
                <div class="mlc-dialog-actions">
                    <button type="button" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                    <button type="button" ref={run_ref} disabled={nothing}
                        onclick={props.on_run.reform(|_: MouseEvent| ())}>
                        { format!("Load {loads}, release {releases}") }
                    </button>
                </div>
            </div>
        </div>
    }
}

/// One item; those offered for release carry their checkbox.
fn row(i: usize, item: &PlanItem, props: &PlanDialogProps) -> Html {
    let text = item.to_string();
    if item.step != Step::Release {
        return html! { <li>{ text }</li> };
    }
    let on_toggle = props.on_toggle.reform(move |_: Event| i);
    html! {
        <li>
            <label>
                <input type="checkbox" checked={props.planned.ticked.contains(i)} onchange={on_toggle} />
                { format!("Release {text}") }
            </label>
        </li>
    }
}
