//! Selection and bulk actions over collections.

use yew::prelude::*;

use crate::number::grouped;
use crate::state::Operation;

#[derive(Properties, PartialEq)]
pub struct BulkBarProps {
    pub selected: usize,
    /// Rows matching the current filters.
    pub matching: usize,
    pub on_select_matching: Callback<bool>,
    pub on_operate: Callback<Operation>,
}

/// A function, not a component: it has no state of its own, and one component type fewer is one
/// copy fewer of Yew's per-component code in the wasm. (The props stay `Properties` so that a
/// test can render it inside a component of its own.)
pub fn bulk_bar(props: &BulkBarProps) -> Html {
    let none = props.selected == 0;
    html! {
        <div class="mlc-bulk" role="group" aria-label="Bulk actions">
            <button type="button" disabled={props.matching == 0}
                onclick={props.on_select_matching.reform(|_: MouseEvent| true)}>
                { format!("Select all matching ({})", grouped(props.matching as u64)) }
            </button>
            <button type="button" disabled={none} onclick={props.on_select_matching.reform(|_: MouseEvent| false)}>
                { "Clear selection" }
            </button>
            <button type="button" disabled={none} onclick={props.on_operate.reform(|_: MouseEvent| Operation::Release)}>
                { format!("Release selected ({})", grouped(props.selected as u64)) }
            </button>
            <button type="button" disabled={none} onclick={props.on_operate.reform(|_: MouseEvent| Operation::Load)}>
                { format!("Load selected ({})", grouped(props.selected as u64)) }
            </button>
        </div>
    }
}
