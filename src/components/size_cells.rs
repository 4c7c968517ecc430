//! The size columns of a collection's row: rows, estimated memory of one replica ("≈", or
//! "≤" for an upper bound, with a tooltip saying how it was estimated) and loaded replicas (a
//! button that changes them, where offered); a collection without a vector index is marked.

use std::rc::Rc;

use yew::prelude::*;

use crate::number::grouped;
use crate::state::{Replicas, Row};

/// The header cells of the size columns.
pub fn size_headers() -> Html {
    html! {
        <>
            <th scope="col" class="mlc-col-rows">{ "Rows" }</th>
            <th scope="col" class="mlc-col-memory" title="Estimated memory of one replica">{ "Memory (est.)" }</th>
            <th scope="col" class="mlc-col-replicas">{ "Replicas" }</th>
        </>
    }
}

/// The size cells of one row. `on_replicas`: the replicas of a fully loaded collection may be
/// changed (the count is then a button).
pub fn size_cells(row: &Row, on_replicas: Option<&Callback<Rc<str>>>) -> Html {
    let Some(size) = &row.size else {
        return html! { <><td class="mlc-rows" /><td class="mlc-memory" /><td class="mlc-replicas" /></> };
    };
    let replicas = match (
        row.replicas,
        on_replicas.filter(|_| row.replicas_changeable()),
    ) {
        (Replicas::Count(n), Some(on_replicas)) => {
            let name = row.name.clone();
            html! {
                <button type="button" class="mlc-link" title="Change the replicas and resource groups"
                    aria-label={format!("Change the replicas of {}", row.name)}
                    onclick={on_replicas.reform(move |_: MouseEvent| name.clone())}>
                    { grouped(u64::from(n)) }
                </button>
            }
        }
        (Replicas::Count(n), None) => html! { grouped(u64::from(n)) },
        (Replicas::Ambiguous, _) => html! {
            <span title="Resource groups count replicas by collection name, and this name also exists in another database (or other databases could not be checked): the count may be theirs.">{ "?" }</span>
        },
        (Replicas::NotKnown, _) => html! {},
    };
    html! {
        <>
            <td class="mlc-rows">{ grouped(size.rows) }</td>
            <td class="mlc-memory">
                <span class="mlc-estimate" title={size.note.to_string()}>{ size.memory_text() }</span>
                if let Some(reason) = size.load_refusal() {
                    <span class="mlc-row-note mlc-no-index" title={reason}>{ "no vector index" }</span>
                }
            </td>
            <td class="mlc-replicas">{ replicas }</td>
        </>
    }
}
