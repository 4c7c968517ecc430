//! "Save loaded set" and "Restore": the buttons, the file picker and drop, Cancel while a
//! restore is read, and the plan's dialog, run as the session's operations. The flow
//! (`flow`) is local to this component: nothing else reads it.

use gloo_events::{EventListener, EventListenerOptions};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::BrowserSession;

use super::browser::{drags_files, dropped_file};
use super::dialog::PlanDialog;
use super::flow::{restore_file, save, Flow, PLAN_CLOSED, READ_CANCELLED, READ_STOPPED};
use super::{Reading, Step, Ticked};

#[derive(Properties, PartialEq)]
pub struct LoadedSetControlsProps {
    pub session: BrowserSession,
    /// Restoring is hidden in read-only mode; saving only reads.
    pub read_only: bool,
}

/// The console's root element around `here`.
fn root_of(here: &NodeRef) -> Option<web_sys::Element> {
    here.cast::<web_sys::Element>()
        .and_then(|e| e.closest(".mlc-root").ok().flatten())
}

/// The plan shown, with these releases ticked.
fn ticking(flow: &Flow, ticked: Ticked) -> Flow {
    match flow.clone() {
        Flow::Planned {
            plan,
            source,
            replicas,
            read_on,
            ..
        } => Flow::Planned {
            plan,
            source,
            replicas,
            ticked,
            read_on,
        },
        other => other,
    }
}

#[component]
pub fn LoadedSetControls(props: &LoadedSetControlsProps) -> Html {
    let flow = use_state(|| Flow::Idle);
    let reading = use_memo((), |_| Reading::default());
    let here = use_node_ref();
    // A saved file dropped anywhere on the console is restored, replacing a restore under way.
    {
        let (here, flow, reading) = (here.clone(), flow.clone(), (*reading).clone());
        use_effect_with(
            (props.session.clone(), props.read_only),
            move |(session, read_only)| {
                let read_only = *read_only;
                let root = root_of(&here);
                let options = EventListenerOptions::enable_prevent_default();
                let listeners = root.filter(|_| !read_only).map(|root| {
                    let over = EventListener::new_with_options(&root, "dragover", options, |e| {
                        if drags_files(e) {
                            e.prevent_default();
                        }
                    });
                    let session = session.clone();
                    let drop = EventListener::new_with_options(&root, "drop", options, move |e| {
                        if let Some(file) = dropped_file(e) {
                            e.prevent_default();
                            restore_file(session.clone(), file, flow.clone(), reading.clone());
                        }
                    });
                    (over, drop)
                });
                move || drop(listeners)
            },
        );
    }
    // When the connection or read-only mode changes, a plan shown is closed, not run, and a
    // restore being read is stopped; both stop when the console goes.
    {
        let (flow, reading) = (flow.clone(), (*reading).clone());
        use_effect_with((props.session.clone(), props.read_only), move |_| {
            match *flow {
                Flow::Planned { .. } => flow.set(Flow::Failed(PLAN_CLOSED.into())),
                Flow::Reading(_) => flow.set(Flow::Failed(READ_STOPPED.into())),
                _ => {}
            }
            reading.cancel();
            move || reading.cancel()
        });
    }
    let on_save = {
        let (session, flow) = (props.session.clone(), flow.clone());
        Callback::from(move |_: MouseEvent| save(&session, flow.clone()))
    };
    let on_pick = {
        let (session, flow, reading) = (props.session.clone(), flow.clone(), (*reading).clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                restore_file(session.clone(), file, flow.clone(), reading.clone());
            }
            // The same file can be picked again.
            input.set_value("");
        })
    };
    let on_stop = {
        let (flow, reading) = (flow.clone(), (*reading).clone());
        Callback::from(move |_: MouseEvent| {
            reading.cancel();
            flow.set(Flow::Done(READ_CANCELLED.into()));
        })
    };
    let busy = matches!(*flow, Flow::Busy(_) | Flow::Reading(_));
    let dialog = match &*flow {
        Flow::Planned {
            plan,
            source,
            replicas,
            ticked,
            read_on,
        } => {
            let on_toggle = {
                let (flow, ticked) = (flow.clone(), ticked.clone());
                Callback::from(move |i: usize| {
                    let mut ticked = ticked.clone();
                    ticked.toggle(i);
                    flow.set(ticking(&flow, ticked));
                })
            };
            let on_tick_all = {
                let (flow, plan) = (flow.clone(), plan.clone());
                Callback::from(move |tick: bool| {
                    let ticked = if tick {
                        plan.indices(Step::Release).collect()
                    } else {
                        Ticked::default()
                    };
                    flow.set(ticking(&flow, ticked));
                })
            };
            let on_run = {
                let (flow, session, plan, ticked, read_on, read_only) = (
                    flow.clone(),
                    props.session.clone(),
                    plan.clone(),
                    ticked.clone(),
                    read_on.clone(),
                    props.read_only,
                );
                Callback::from(move |_| {
                    if read_only || read_on != session {
                        return flow.set(Flow::Failed(PLAN_CLOSED.into()));
                    }
                    session.restore(&plan, &|i| ticked.contains(i));
                    flow.set(Flow::Idle);
                })
            };
            let on_cancel = {
                let flow = flow.clone();
                Callback::from(move |_| flow.set(Flow::Idle))
            };
            let dialog = html! {
                <PlanDialog plan={plan.clone()} source={source.clone()} replicas={replicas.clone()}
                    ticked={ticked.clone()} {on_toggle} {on_tick_all} {on_run} {on_cancel} />
            };
            // Drawn at the console's root, out of the toolbar's row and its label styles.
            match root_of(&here) {
                Some(root) => create_portal(dialog, root),
                None => dialog,
            }
        }
        _ => html! {},
    };
    html! {
        <div class="mlc-loaded-set" ref={here}>
            <button type="button" onclick={on_save} disabled={busy}>{ "Save loaded set" }</button>
            if !props.read_only {
                <label class="mlc-restore" title="Pick a saved file, or drop it on the console">
                    { "Restore loaded set…" }
                    <input class="mlc-visually-hidden" type="file" name="restore" accept=".json,application/json"
                        disabled={busy} onchange={on_pick} />
                </label>
            }
            { match &*flow {
                Flow::Busy(text) => html! { <p class="mlc-status" role="status">{ *text }</p> },
                Flow::Reading(text) => html! {
                    <>
                        <p class="mlc-status" role="status">{ text.clone() }</p>
                        <button type="button" onclick={on_stop}>{ "Cancel restore" }</button>
                    </>
                },
                Flow::Done(text) => html! { <p class="mlc-status" role="status">{ text.clone() }</p> },
                Flow::Failed(text) => html! { <p class="mlc-error" role="alert">{ text.clone() }</p> },
                Flow::Idle | Flow::Planned { .. } => html! {},
            } }
            { dialog }
        </div>
    }
}
