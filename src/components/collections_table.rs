//! The collections, one row each, windowed: only the rows on screen are in the DOM, so 10,000
//! collections cost what 30 do.

use std::collections::BTreeSet;
use std::rc::Rc;

use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::api::LoadState;
use crate::components::state_badge::StateBadge;
use crate::state::{Operation, Row, RowState};

/// Fixed row height (CSS must agree), which makes the window a matter of arithmetic.
pub const ROW_PX: f64 = 44.0;
/// Rows rendered beyond the visible ones, above and below.
const OVERSCAN: usize = 8;
/// Rows assumed visible before the first measurement.
const DEFAULT_VISIBLE: usize = 20;

#[derive(Properties, PartialEq)]
pub struct CollectionsTableProps {
    pub rows: Rc<Vec<Row>>,
    pub read_only: bool,
    pub selected: BTreeSet<Rc<str>>,
    pub on_toggle: Callback<Rc<str>>,
    /// Open the collection's partitions.
    pub on_open: Callback<Rc<str>>,
    /// The user asked for an operation on one collection.
    pub on_operate: Callback<(Rc<str>, Operation)>,
    /// The collections rendered (on screen and just around it), after every render.
    pub on_visible: Callback<Vec<Rc<str>>>,
}

/// The operations that make sense for a state.
fn operations(state: &RowState) -> &'static [(Operation, &'static str)] {
    match state {
        RowState::Known(LoadState::Loaded) => &[(Operation::Release, "Release")],
        RowState::Known(LoadState::Loading { .. }) => &[(Operation::Release, "Cancel load")],
        RowState::Known(LoadState::NotLoad) => &[(Operation::Load, "Load")],
        RowState::Known(LoadState::Missing) | RowState::Pending => &[],
        RowState::Known(LoadState::Unknown(_)) | RowState::Failed(_) => {
            &[(Operation::Release, "Release"), (Operation::Load, "Load")]
        }
    }
}

/// The rows to render for a scroll position: `(first, last_exclusive)`.
pub fn window(scroll_top: f64, viewport_px: f64, total: usize) -> (usize, usize) {
    let visible = if viewport_px > 0.0 {
        (viewport_px / ROW_PX).ceil() as usize
    } else {
        DEFAULT_VISIBLE
    };
    let first_visible = (scroll_top.max(0.0) / ROW_PX) as usize;
    let first = first_visible.saturating_sub(OVERSCAN).min(total);
    let last = (first_visible + visible + OVERSCAN).min(total);
    (first, last.max(first))
}

#[component]
pub fn CollectionsTable(props: &CollectionsTableProps) -> Html {
    let scroller = use_node_ref();
    let viewport = use_state(|| (0.0f64, 0.0f64));
    let (top_pad_ref, bottom_pad_ref) = (use_node_ref(), use_node_ref());
    let onscroll = {
        let (scroller, viewport) = (scroller.clone(), viewport.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = scroller.cast::<Element>() {
                viewport.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
            }
        })
    };
    {
        // Measure once mounted, so the first window fits the real height.
        let (scroller, viewport) = (scroller.clone(), viewport.clone());
        use_effect_with((), move |_| {
            if let Some(el) = scroller.cast::<Element>() {
                viewport.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
            }
        });
    }
    let total = props.rows.len();
    let (first, last) = window(viewport.0, viewport.1, total);
    let rows = props.rows.get(first..last).unwrap_or_default();
    {
        // Pad heights go through the CSSOM, not a `style` attribute, so that the page's
        // Content-Security-Policy needs no 'unsafe-inline' for styles.
        let (top_ref, bottom_ref) = (top_pad_ref.clone(), bottom_pad_ref.clone());
        let pads = (first, total - last);
        use_effect_with(pads, move |&(above, below)| {
            set_height(&top_ref, above);
            set_height(&bottom_ref, below);
        });
    }
    {
        let names: Vec<Rc<str>> = rows.iter().map(|r| r.name.clone()).collect();
        let on_visible = props.on_visible.clone();
        use_effect(move || on_visible.emit(names));
    }
    html! {
        <div class="mlc-scroller" ref={scroller} {onscroll} tabindex="-1">
            <table class="mlc-table" aria-rowcount={(total + 1).to_string()}>
                <thead>
                    <tr>if !props.read_only { <th scope="col" class="mlc-select"><span class="mlc-visually-hidden">{ "Select" }</span></th> }
                    <th scope="col">{ "Collection" }</th><th scope="col" class="mlc-col-state">{ "State" }</th>
                    <th scope="col" class="mlc-col-count">{ "Partitions" }</th>
                    if !props.read_only { <th scope="col" class="mlc-col-actions">{ "Actions" }</th> }</tr>
                </thead>
                <tbody>
                    <tr class="mlc-pad" aria-hidden="true" ref={top_pad_ref}></tr>
                    { for rows.iter().enumerate().map(|(i, row)| render_row(row, first + i, props)) }
                    <tr class="mlc-pad" aria-hidden="true" ref={bottom_pad_ref}></tr>
                </tbody>
            </table>
            if total == 0 { <p class="mlc-empty">{ "No collections match." }</p> }
        </div>
    }
}

/// Gives a padding row the height of `rows` rows.
fn set_height(pad: &NodeRef, rows: usize) {
    if let Some(pad) = pad.cast::<HtmlElement>() {
        let px = rows.saturating_mul(ROW_PX as usize);
        // Setting a style property cannot fail for a valid length.
        let _ = pad.style().set_property("height", &format!("{px}px"));
    }
}

fn render_row(row: &Row, index: usize, props: &CollectionsTableProps) -> Html {
    let actions = if props.read_only {
        html! {}
    } else {
        html! {
            <td class="mlc-actions">
                { for operations(&row.state).iter().map(|(operation, label)| {
                    let busy = row.in_flight.is_some();
                    let (name, operation) = (row.name.clone(), *operation);
                    let onclick = props.on_operate.reform(move |_: MouseEvent| (name.clone(), operation));
                    html! {
                        <button type="button" disabled={busy} {onclick}
                            aria-label={format!("{label} {}", row.name)}>
                            { if busy { "Working…" } else { label } }
                        </button>
                    }
                }) }
            </td>
        }
    };
    let select = if props.read_only {
        html! {}
    } else {
        let name = row.name.clone();
        html! {
            <td class="mlc-select">
                <input type="checkbox" aria-label={format!("Select {}", row.name)}
                    checked={props.selected.contains(&row.name)}
                    onchange={props.on_toggle.reform(move |_: Event| name.clone())} />
            </td>
        }
    };
    let name = row.name.clone();
    let open = props.on_open.reform(move |_: MouseEvent| name.clone());
    html! {
        <tr key={&*row.name} aria-rowindex={(index + 2).to_string()} class="mlc-row">
            { select }
            <th scope="row" class="mlc-name" title={row.name.to_string()}>
                <button type="button" class="mlc-link" onclick={open}
                    aria-label={format!("Partitions of {}", row.name)}>{ row.name.to_string() }</button>
            </th>
            <td><StateBadge state={row.state.clone()} coverage={row.coverage} /></td>
            <td class="mlc-count">{ match row.partitions {
                Some(count) => html! { count.to_string() },
                None => html! { <span aria-label="not known yet">{ "…" }</span> },
            } }</td>
            { actions }
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn window_renders_the_visible_rows_and_some_overscan() {
        assert_eq!(window(0.0, 440.0, 10_000), (0, 18));
        assert_eq!(window(44_000.0, 440.0, 10_000), (992, 1_018));
        assert_eq!(window(1e9, 440.0, 10_000), (10_000, 10_000));
        assert_eq!(window(0.0, 0.0, 5), (0, 5));
    }
}
