//! "Save loaded set" and "Restore": the save reads what is loaded and downloads it; a restore
//! takes a picked or dropped file, reads what is loaded now, shows the plan and runs it as
//! the session's operations. The flow is local to this component: nothing else reads it.

use std::collections::BTreeSet;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::BrowserSession;

use super::browser::{download, drags_files, dropped_file, read};
use super::dialog::PlanDialog;
use super::{plan, source_text, LoadedSet, Plan, Step};

#[derive(Properties, PartialEq)]
pub struct LoadedSetControlsProps {
    pub session: BrowserSession,
    /// Restoring is hidden in read-only mode; saving only reads.
    pub read_only: bool,
}

/// Where a save or restore stands.
#[derive(Clone, PartialEq)]
enum Flow {
    Idle,
    Busy(&'static str),
    Done(String),
    Failed(String),
    Planned {
        plan: Rc<Plan>,
        source: String,
        ticked: BTreeSet<usize>,
        /// The connection the plan was read on: it runs on that one only.
        read_on: BrowserSession,
    },
}

/// Why a plan shown is not run (its targets belong to the connection it was read on).
const PLAN_CLOSED: &str =
    "Restore: the connection or read-only mode changed, so the plan was closed. Nothing was changed.";

/// Reads a file, then what is loaded now, and shows the plan (or why the file is refused).
fn plan_restore(session: &BrowserSession, bytes: &[u8], flow: UseStateHandle<Flow>) {
    let file = match LoadedSet::parse(bytes) {
        Ok(file) => file,
        Err(e) => return flow.set(Flow::Failed(format!("Restore: {e} Nothing was changed."))),
    };
    flow.set(Flow::Busy("Reading what is loaded now…"));
    let databases = file.databases.iter().map(|d| d.name.clone()).collect();
    // Partly loaded ones need their partitions listed even when nothing of them is loaded.
    let partly = file
        .databases
        .iter()
        .flat_map(|d| {
            d.collections
                .iter()
                .filter(|c| c.partitions.is_some())
                .map(|c| (d.name.clone(), c.name.clone()))
        })
        .collect();
    let read_on = session.clone();
    let source = source_text(&file, &session.endpoint_host());
    session.read_loaded(databases, partly, move |now| match now {
        Ok(now) => flow.set(Flow::Planned {
            plan: Rc::new(plan(&file, &now)),
            source,
            ticked: BTreeSet::new(),
            read_on,
        }),
        Err(e) => flow.set(Flow::Failed(format!("Restore: {e}. Nothing was changed."))),
    });
}

fn restore_file(session: BrowserSession, file: web_sys::File, flow: UseStateHandle<Flow>) {
    flow.set(Flow::Busy("Reading the file…"));
    wasm_bindgen_futures::spawn_local(async move {
        match read(file).await {
            Ok(bytes) => plan_restore(&session, &bytes, flow),
            Err(e) => flow.set(Flow::Failed(format!("Restore: {e} Nothing was changed."))),
        }
    });
}

fn save(session: &BrowserSession, flow: UseStateHandle<Flow>) {
    flow.set(Flow::Busy("Reading what is loaded…"));
    let this = session.clone();
    session.read_all_loaded(move |now| {
        let set = match now {
            Ok(now) => now.saved(this.now_iso(), this.endpoint_host()),
            Err(e) => return flow.set(Flow::Failed(format!("Save loaded set: {e}"))),
        };
        let stamp: String = set.saved_at.chars().filter(char::is_ascii_digit).collect();
        let host: String = set
            .endpoint
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let name = format!("loaded-set-{host}-{stamp}.json");
        let count: usize = set.databases.iter().map(|d| d.collections.len()).sum();
        flow.set(match download(&name, &set.to_json()) {
            Ok(()) => Flow::Done(format!(
                "Saved {count} loaded collections of {} databases to {name}.",
                set.databases.len()
            )),
            Err(e) => Flow::Failed(format!("Save loaded set: {e}")),
        });
    });
}

/// The console's root element around `here`.
fn root_of(here: &NodeRef) -> Option<web_sys::Element> {
    here.cast::<web_sys::Element>()
        .and_then(|e| e.closest(".mlc-root").ok().flatten())
}

#[component]
pub fn LoadedSetControls(props: &LoadedSetControlsProps) -> Html {
    let flow = use_state(|| Flow::Idle);
    let here = use_node_ref();
    // A saved file dropped anywhere on the console is restored.
    {
        let (here, flow) = (here.clone(), flow.clone());
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
                            restore_file(session.clone(), file, flow.clone());
                        }
                    });
                    (over, drop)
                });
                move || drop(listeners)
            },
        );
    }
    // A plan shown when the connection or read-only mode changes is closed, not run.
    {
        let flow = flow.clone();
        use_effect_with((props.session.clone(), props.read_only), move |_| {
            if matches!(*flow, Flow::Planned { .. }) {
                flow.set(Flow::Failed(PLAN_CLOSED.into()));
            }
        });
    }
    let on_save = {
        let (session, flow) = (props.session.clone(), flow.clone());
        Callback::from(move |_: MouseEvent| save(&session, flow.clone()))
    };
    let on_pick = {
        let (session, flow) = (props.session.clone(), flow.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                restore_file(session.clone(), file, flow.clone());
            }
            // The same file can be picked again.
            input.set_value("");
        })
    };
    let busy = matches!(*flow, Flow::Busy(_));
    let dialog = match &*flow {
        Flow::Planned {
            plan,
            source,
            ticked,
            read_on,
        } => {
            let on_toggle = {
                let (flow, plan, source, ticked, read_on) = (
                    flow.clone(),
                    plan.clone(),
                    source.clone(),
                    ticked.clone(),
                    read_on.clone(),
                );
                Callback::from(move |i: usize| {
                    let mut ticked = ticked.clone();
                    if !ticked.remove(&i) {
                        ticked.insert(i);
                    }
                    flow.set(Flow::Planned {
                        plan: plan.clone(),
                        source: source.clone(),
                        ticked,
                        read_on: read_on.clone(),
                    });
                })
            };
            let on_tick_all = {
                let (flow, plan, source, read_on) =
                    (flow.clone(), plan.clone(), source.clone(), read_on.clone());
                Callback::from(move |tick: bool| {
                    let ticked = if tick {
                        plan.indices(Step::Release).collect()
                    } else {
                        BTreeSet::new()
                    };
                    flow.set(Flow::Planned {
                        plan: plan.clone(),
                        source: source.clone(),
                        ticked,
                        read_on: read_on.clone(),
                    });
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
                    session.restore(&plan, &|i| ticked.contains(&i));
                    flow.set(Flow::Idle);
                })
            };
            let on_cancel = {
                let flow = flow.clone();
                Callback::from(move |_| flow.set(Flow::Idle))
            };
            let dialog = html! {
                <PlanDialog plan={plan.clone()} source={source.clone()} ticked={ticked.clone()}
                    {on_toggle} {on_tick_all} {on_run} {on_cancel} />
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
                Flow::Done(text) => html! { <p class="mlc-status" role="status">{ text.clone() }</p> },
                Flow::Failed(text) => html! { <p class="mlc-error" role="alert">{ text.clone() }</p> },
                Flow::Idle | Flow::Planned { .. } => html! {},
            } }
            { dialog }
        </div>
    }
}
