//! The state of a collection: a badge, with a progress bar while loading.

use yew::prelude::*;

use crate::api::{LoadState, PartitionCoverage};
use crate::number::grouped;
use crate::state::RowState;

#[derive(Properties, PartialEq)]
pub struct StateBadgeProps {
    pub state: RowState,
    /// For a collection: its partitions' coverage, when known.
    #[prop_or_default]
    pub coverage: Option<PartitionCoverage>,
    /// For a collection: one read listing all its partitions found some not loaded.
    #[prop_or_default]
    pub partly: bool,
    /// For a collection: how many partitions it has, when known.
    #[prop_or_default]
    pub partitions: Option<u32>,
}

/// A function, not a component: it has no state of its own, and one component type fewer is one
/// copy fewer of Yew's per-component code in the wasm. (The props stay `Properties` so that a
/// test can render it inside a component of its own.)
pub fn state_badge(props: &StateBadgeProps) -> Html {
    match &props.state {
        RowState::Pending => html! { <span class="mlc-badge mlc-pending">{ "Checking…" }</span> },
        RowState::Known(LoadState::Loaded) => match props.coverage {
            Some(c) if c.is_partial() => html! {
                <span class="mlc-badge mlc-partial">
                    { format!("Partly loaded: {} of {} partitions", grouped(c.loaded as u64), grouped(c.total as u64)) }
                </span>
            },
            _ if props.partly => html! {
                <span class="mlc-badge mlc-partial"
                    title="Some partitions are not loaded: a Load loads the rest">
                    { match props.partitions {
                        Some(n) => format!("Partly loaded: some of {} partitions", grouped(u64::from(n))),
                        None => "Partly loaded".to_string(),
                    } }
                </span>
            },
            _ => html! { <span class="mlc-badge mlc-loaded">{ "Loaded" }</span> },
        },
        RowState::Known(LoadState::NotLoad) => {
            html! { <span class="mlc-badge mlc-released">{ "Released" }</span> }
        }
        RowState::Known(LoadState::Loading { progress }) => html! {
            <span class="mlc-badge mlc-loading">
                { format!("Loading {progress}%") }
                <progress class="mlc-progress" max="100" value={progress.to_string()}
                    aria-label={format!("Loading progress {progress} percent")} />
            </span>
        },
        RowState::Known(LoadState::Missing) => {
            html! { <span class="mlc-badge mlc-problem">{ "Missing" }</span> }
        }
        RowState::Known(LoadState::Unknown(text)) => html! {
            <span class="mlc-badge mlc-problem" title={text.clone()}>{ format!("Unknown: {text}") }</span>
        },
        RowState::Failed(error) => match error.memory_refusal() {
            Some(refusal) => html! {
                <span class="mlc-badge mlc-problem mlc-no-memory" title={refusal.text.clone()}>
                    { refusal.headline() }
                </span>
            },
            None => html! {
            <span class="mlc-badge mlc-problem mlc-row-error">{ format!("Error: {error}") }</span>
            },
        },
    }
}
