//! The partitions of one collection: per-partition state, row counts, and release/load of
//! one or many partitions (sent as one request).

use std::rc::Rc;

use yew::prelude::*;

use crate::components::error_view::{error_view, ErrorViewProps};
use crate::components::state_badge::{state_badge, StateBadgeProps};
use crate::components::window::use_window;
use crate::number::grouped;
use crate::state::{Operation, Outcome, PartitionRow, PartitionsView, Progress, Remote, RowSize};

#[derive(Properties, PartialEq)]
pub struct PartitionsPanelProps {
    pub view: PartitionsView,
    pub read_only: bool,
    /// An operation on this collection's partitions is under way.
    pub busy: bool,
    /// The latest operation on this collection's partitions.
    pub outcome: Option<Outcome>,
    pub on_close: Callback<()>,
    pub on_toggle: Callback<Rc<str>>,
    pub on_select_all: Callback<bool>,
    /// The user asked for an operation on these partitions.
    pub on_operate: Callback<(Vec<Rc<str>>, Operation)>,
    /// The collection's estimate, shared out over its partitions by rows.
    #[prop_or_default]
    pub size: Option<Rc<RowSize>>,
}

#[component]
pub fn PartitionsPanel(props: &PartitionsPanelProps) -> Html {
    let view = &props.view;
    let busy = props.busy;
    let w = use_window(view.partitions.len(), None);
    let shown = view.partitions.get(w.first..w.last).unwrap_or_default();
    let actions_allowed = !props.read_only && !view.partition_key;
    let selected: Vec<Rc<str>> = view.selected.iter().cloned().collect();
    let bulk = |operation: Operation, label: &str| {
        let names = selected.clone();
        let onclick = props
            .on_operate
            .reform(move |_: MouseEvent| (names.clone(), operation));
        html! {
            <button type="button" disabled={busy || selected.is_empty()} {onclick}>
                { format!("{label} selected ({})", selected.len()) }
            </button>
        }
    };
    let all_selected = !view.partitions.is_empty() && view.selected.len() == view.partitions.len();
    let on_select_all = props.on_select_all.reform(move |_: Event| !all_selected);
    let coverage = view.coverage().map(|c| coverage_text(c.loaded, c.total));
    html! {
        <section class="mlc-partitions" aria-labelledby="mlc-partitions-title">
            <div class="mlc-partitions-head">
                <button type="button" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "← Collections" }</button>
                <h2 id="mlc-partitions-title" class="mlc-name" title={view.collection.to_string()}>
                    { format!("Partitions of {}", view.collection) }
                </h2>
            </div>
            if view.partition_key {
                <p class="mlc-note" role="note">
                    { "This collection uses a partition key: Milvus manages its partitions and refuses to load or release them one by one. Load or release the whole collection instead." }
                </p>
            } else if !props.read_only {
                <p class="mlc-note" role="note">
                    { "Releasing the last loaded partitions releases the whole collection." }
                </p>
            }
            if let Some(outcome) = &props.outcome {
                <div class="mlc-outcomes" aria-live="polite">
                    { match &outcome.progress {
                        Progress::Failed(e) => error_view(&ErrorViewProps {
                            error: e.clone(),
                            context: format!("{} of {} partition(s)", outcome.target.operation.label(), outcome.target.partitions.len()).into(),
                            on_retry: None,
                        }),
                        progress => html! { <span class={if *progress == Progress::Done { "mlc-ok" } else { "mlc-working" }}>{ partition_text(outcome) }</span> },
                    } }
                </div>
            }
            if actions_allowed {
                <div class="mlc-bulk">
                    { bulk(Operation::Release, "Release") }
                    { bulk(Operation::Load, "Load") }
                </div>
            }
            // Right above the table it sums up.
            if let Some(text) = coverage { <p class="mlc-summary">{ text }</p> }
            { match &view.list {
                Remote::Failed(e) => error_view(&ErrorViewProps {
                    error: e.clone(),
                    context: "Listing partitions".into(),
                    on_retry: None,
                }),
                Remote::Ready(()) => html! {
                    <div class="mlc-scroller mlc-partitions-table" ref={w.scroller.clone()} onscroll={w.onscroll.clone()}>
                        <table class="mlc-table">
                            <thead><tr>
                                if actions_allowed {
                                    <th scope="col" class="mlc-select">
                                        <input type="checkbox" aria-label="Select all partitions"
                                            checked={all_selected} onchange={on_select_all} />
                                    </th>
                                }
                                <th scope="col">{ "Partition" }</th>
                                <th scope="col" class="mlc-col-state">{ "State" }</th>
                                <th scope="col" class="mlc-col-rows">{ "Rows" }</th>
                                <th scope="col" class="mlc-col-memory" title="Estimated memory of one replica: the collection's estimate shared out by rows">{ "Memory (est.)" }</th>
                                if actions_allowed { <th scope="col" class="mlc-col-actions">{ "Actions" }</th> }
                            </tr></thead>
                            <tbody>
                                { w.top_pad.clone() }
                                // Keyed rows in a fragment of their own (see the collections table).
                                <>{ for shown.iter().map(|p| partition_row(p, props, actions_allowed, busy)) }</>
                                { w.bottom_pad.clone() }
                            </tbody>
                        </table>
                        { w.sizer.clone() }
                    </div>
                },
                _ => html! { <p class="mlc-status" role="status">{ "Listing partitions…" }</p> },
            } }
        </section>
    }
}

/// "2 of 5 partitions loaded or loading".
pub fn coverage_text(loaded: usize, total: usize) -> String {
    format!(
        "{} of {} partitions loaded or loading",
        grouped(loaded as u64),
        grouped(total as u64)
    )
}

/// "Release of 2 partition(s): done", and the other stages.
fn partition_text(outcome: &Outcome) -> String {
    outcome.line(&format!(
        "{} of {} partition(s)",
        outcome.target.operation.label(),
        outcome.target.partitions.len()
    ))
}

fn partition_row(
    p: &PartitionRow,
    props: &PartitionsPanelProps,
    actions_allowed: bool,
    busy: bool,
) -> Html {
    let view = &props.view;
    let name = p.name.clone();
    let toggle = props.on_toggle.reform(move |_: Event| name.clone());
    html! {
        <tr class="mlc-row" key={&*p.name}>
            if actions_allowed {
                <td class="mlc-select">
                    <input type="checkbox" aria-label={format!("Select partition {}", p.name)}
                        checked={view.selected.contains(&p.name)} onchange={toggle} />
                </td>
            }
            <th scope="row" class="mlc-name" title={p.name.to_string()}>{ p.name.to_string() }</th>
            <td>{ state_badge(&StateBadgeProps {
                    state: p.state.clone(),
                    coverage: None,
                    partly: false,
                    partitions: None,
                }) }
                if let Some(text) = &p.unconfirmed {
                    <span class="mlc-row-note mlc-stale" title={text.clone()}>
                        { format!("not confirmed now: {text} — reading again") }
                    </span>
                }
            </td>
            <td class="mlc-rows">{ p.rows.map(grouped).unwrap_or_default() }</td>
            <td class="mlc-memory">if let (Some(size), Some(rows)) = (&props.size, p.rows) {
                <span class="mlc-estimate" title={size.note.to_string()}>{ size.bytes_text(size.share(rows)) }</span>
            }</td>
            if actions_allowed {
                <td class="mlc-actions">
                    { for p.state.offers().iter().map(|&operation| {
                        let label = p.state.offer_label(operation);
                        let name = p.name.clone();
                        let onclick = props.on_operate.reform(move |_: MouseEvent| (vec![name.clone()], operation));
                        html! {
                            <button type="button" disabled={busy} {onclick}
                                aria-label={format!("{label} partition {}", p.name)}>
                                { if busy { "Working…" } else { label } }
                            </button>
                        }
                    }) }
                </td>
            }
        </tr>
    }
}
