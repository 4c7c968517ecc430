//! The main area: the collections view (toolbar, results, bulk bar, table), or the
//! partitions view of the open collection. Every callback becomes an intent.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::bulk_bar::{bulk_bar, BulkBarProps};
use crate::components::cluster_panel::cluster_panel;
use crate::components::collections_table::CollectionsTable;
use crate::components::error_view::{error_view, ErrorViewProps};
use crate::components::outcomes::Outcomes;
use crate::components::partitions_panel::PartitionsPanel;
use crate::components::toolbar::{toolbar, ToolbarProps};
use crate::components::window::ScrollMemory;
use crate::journal::Format;
use crate::state::{
    Action, ClusterRead, ConsoleState, Intent, Listing, Operation, Remote, Row, StateCounts,
};

/// Where the view's callbacks go, and what it shows besides the state.
pub struct ViewCallbacks {
    pub on_intent: Callback<Intent>,
    /// Downloads the results; why the browser refused, if it did.
    pub on_export: Callback<Format, Option<String>>,
    /// The collections list's scroll position, kept while the partitions view is shown.
    pub list_scroll: ScrollMemory,
    /// The save and restore controls, shown in the toolbar.
    pub loaded_set: Html,
}

/// The collections view, or the partitions view of the open collection.
pub fn main_view(
    state: &Rc<ConsoleState>,
    rows: &Rc<Vec<Rc<Row>>>,
    counts: StateCounts,
    in_flight: usize,
    callbacks: &ViewCallbacks,
) -> Html {
    let on_intent = &callbacks.on_intent;
    let dispatch = on_intent.reform(Intent::State);
    let read_only = state.read_only;
    if let Some(view) = &state.open {
        let outcome = state.open_outcome().cloned();
        let busy = outcome.as_ref().is_some_and(|o| !o.progress.is_final());
        let on_operate = {
            let (on_intent, state) = (on_intent.clone(), state.clone());
            Callback::from(move |(names, operation)| {
                if let Some(confirmation) = state.partitions_confirmation(names, operation) {
                    on_intent.emit(Intent::Ask(confirmation));
                }
            })
        };
        let size = state.row(&view.collection).and_then(|r| r.size.clone());
        return html! {
            <PartitionsPanel view={view.clone()} {read_only} {busy} {outcome} {size}
                on_close={dispatch.reform(|_| Action::CloseCollection)} {on_operate}
                on_toggle={dispatch.reform(Action::TogglePartition)}
                on_select_all={dispatch.reform(Action::SelectAllPartitions)} />
        };
    }
    let on_refresh = on_intent.reform(|_| Intent::Refresh);
    let databases = match &state.databases {
        Remote::Ready(list) => list.clone(),
        _ => vec![state.database.clone()],
    };
    let ask = on_intent.reform(Intent::Ask);
    let ask_one = {
        let (ask, state) = (ask.clone(), state.clone());
        Callback::from(move |(name, operation): (Rc<str>, Operation)| {
            ask.emit(state.collection_confirmation(&[name], operation))
        })
    };
    let ask_bulk = {
        let selected: Vec<Rc<str>> = state.selected.iter().cloned().collect();
        let actions = [
            state.collection_confirmation(&selected, Operation::Release),
            state.collection_confirmation(&selected, Operation::Load),
        ];
        Callback::from(move |operation| {
            let [release, load] = actions.clone();
            ask.emit(match operation {
                Operation::Release => release,
                Operation::Load => load,
            })
        })
    };
    // Replicas are chosen where the server reports its resource groups (2.5.3+).
    let on_replicas =
        (!read_only && matches!(state.cluster.groups, ClusterRead::Ready(_))).then(|| {
            let (on_intent, state) = (on_intent.clone(), state.clone());
            Callback::from(move |name| {
                on_intent.emit(Intent::Ask(state.replicas_confirmation(name)))
            })
        });
    let on_visible = on_intent.reform(Intent::Visible);
    // The toolbar stays whatever the listing's fate, so another database can be picked.
    let listing = match &state.listing {
        Listing::Failed(e) => html! {
            { error_view(&ErrorViewProps {
                error: e.clone(),
                context: "Listing collections".into(),
                on_retry: Some(on_refresh.clone()),
            }) }
        },
        Listing::NotAsked | Listing::Loading => {
            html! { <p class="mlc-status" role="status">{ "Listing collections…" }</p> }
        }
        Listing::Ready { .. } => html! {
            <>
                if !read_only {
                    { bulk_bar(&BulkBarProps {
                        selected: state.selected.len(),
                        matching: rows.len(),
                        on_select_matching: dispatch.reform(Action::SelectMatching),
                        on_operate: ask_bulk,
                    }) }
                }
                <CollectionsTable rows={rows.clone()} {read_only} selected={state.selected.clone()}
                    on_toggle={dispatch.reform(Action::ToggleSelected)}
                    on_open={dispatch.reform(Action::OpenCollection)} on_operate={ask_one} {on_visible}
                    scroll={callbacks.list_scroll.clone()} scroll_key={state.generation} {on_replicas} />
            </>
        },
    };
    html! {
        <>
            { toolbar(&ToolbarProps {
                databases,
                database: state.database.clone().into(),
                filter: state.filter.clone().into(),
                state_filter: state.state_filter,
                sort: state.sort,
                refresh_interval: state.refresh_interval,
                counts,
                shown: rows.len(),
                refreshed_at: state.listing.refreshed_at(),
                in_flight,
                on_database: dispatch.reform(Action::SelectDatabase),
                on_filter: dispatch.reform(Action::SetFilter),
                on_state_filter: dispatch.reform(Action::SetStateFilter),
                on_sort: dispatch.reform(Action::SetSort),
                on_refresh_interval: dispatch.reform(Action::SetRefreshInterval),
                on_refresh,
                memory: state.loaded_memory_text(),
                // The cluster section sits in the toolbar's row while folded: no line of its own.
                children: html! { <>{ callbacks.loaded_set.clone() }{ cluster_panel(&state.cluster) }</> },
            }) }
            if let Some(e) = state.listing.stale() {
                <div class="mlc-stale">{ error_view(&ErrorViewProps {
                    error: e.clone(),
                    context: "Refresh failed; showing the last good data".into(),
                    on_retry: None,
                }) }</div>
            }
            <Outcomes outcomes={state.outcomes.clone()} database={state.database.clone()}
                paced={state.paced} dropped={state.outcomes_dropped}
                on_dismiss={dispatch.reform(|_| Action::DismissOutcomes)}
                on_export={callbacks.on_export.clone()} />
            { listing }
        </>
    }
}
