//! The collections, one row each, windowed: only the rows on screen are in the DOM, so 10,000
//! collections cost what 30 do.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::pace_note::pace_note;
use crate::components::size_cells::{size_cells, size_headers};
use crate::components::state_badge::{state_badge, StateBadgeProps};
use crate::components::window::{use_window, ScrollMemory};
use crate::number::grouped;
use crate::state::{Names, Operation, Row};

#[derive(Properties, PartialEq)]
pub struct CollectionsTableProps {
    pub rows: Rc<Vec<Rc<Row>>>,
    pub read_only: bool,
    pub selected: Names,
    pub on_toggle: Callback<Rc<str>>,
    /// Open the collection's partitions.
    pub on_open: Callback<Rc<str>>,
    /// The user asked for an operation on one collection.
    pub on_operate: Callback<(Rc<str>, Operation)>,
    /// The collections rendered (on screen and just around it), after every render.
    pub on_visible: Callback<Vec<Rc<str>>>,
    /// Where the list is scrolled to, kept for when it is shown again.
    #[prop_or_default]
    pub scroll: ScrollMemory,
    /// Which list the scroll position belongs to (the view's generation).
    #[prop_or_default]
    pub scroll_key: u64,
    /// The user asked to change the replicas of a loaded collection (absent: not offered).
    #[prop_or_default]
    pub on_replicas: Option<Callback<Rc<str>>>,
}

#[component]
pub fn CollectionsTable(props: &CollectionsTableProps) -> Html {
    let total = props.rows.len();
    let w = use_window(total, props.scroll.get(props.scroll_key));
    let onscroll = {
        let (inner, scroller) = (w.onscroll.clone(), w.scroller.clone());
        let (memory, key) = (props.scroll.clone(), props.scroll_key);
        Callback::from(move |e: Event| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                memory.save(key, f64::from(el.scroll_top()));
            }
            inner.emit(e);
        })
    };
    let (first, last) = (w.first, w.last);
    let rows = props.rows.get(first..last).unwrap_or_default();
    {
        let names: Vec<Rc<str>> = rows.iter().map(|r| r.name.clone()).collect();
        let on_visible = props.on_visible.clone();
        use_effect(move || on_visible.emit(names));
    }
    html! {
        <div class="mlc-scroller" ref={w.scroller} {onscroll} tabindex="-1">
            <table class="mlc-table" aria-rowcount={(total + 1).to_string()}>
                <thead>
                    <tr>if !props.read_only { <th scope="col" class="mlc-select"><span class="mlc-visually-hidden">{ "Select" }</span></th> }
                    <th scope="col">{ "Collection" }</th><th scope="col" class="mlc-col-state">{ "State" }</th>
                    <th scope="col" class="mlc-col-count">{ "Partitions" }</th>{ size_headers() }
                    if !props.read_only { <th scope="col" class="mlc-col-actions">{ "Actions" }</th> }</tr>
                </thead>
                <tbody>
                    { w.top_pad }
                    // A fragment of its own: keyed rows among the unkeyed padding rows would be
                    // matched by position, and re-created as the window moves.
                    <>{ for rows.iter().enumerate().map(|(i, row)| render_row(row, first + i, props)) }</>
                    { w.bottom_pad }
                </tbody>
            </table>
            { w.sizer }
            if total == 0 { <p class="mlc-empty">{ "No collections match." }</p> }
        </div>
    }
}

fn render_row(row: &Row, index: usize, props: &CollectionsTableProps) -> Html {
    let actions = if props.read_only {
        html! {}
    } else {
        html! {
            <td class="mlc-actions">
                { for row.state.offers().iter().map(|&operation| {
                    let label = row.state.offer_label(operation);
                    let busy = row.in_flight.is_some();
                    let refusal = (operation == Operation::Load)
                        .then(|| row.size.as_ref().and_then(|s| s.load_refusal()))
                        .flatten();
                    let refused = refusal.is_some();
                    let name = row.name.clone();
                    let onclick = props.on_operate.reform(move |_: MouseEvent| (name.clone(), operation));
                    html! {
                        <button type="button" disabled={busy || refused} {onclick} title={refusal}
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
            <td>{ state_badge(&StateBadgeProps {
                    state: row.state.clone(),
                    coverage: row.coverage,
                    partly: row.partly_loaded,
                    partitions: row.partitions,
                }) }
                if let Some(text) = &row.unconfirmed {
                    <span class="mlc-row-note mlc-stale" title={text.clone()}>
                        { format!("not confirmed now: {text} — reading again") }
                    </span>
                }
                { pace_note(row.pace) }
                if let Some(abandoned) = &row.abandoned {
                    <span class="mlc-row-note mlc-abandoned">{ abandoned.text() }</span>
                }
            </td>
            <td class="mlc-count">{ match row.partitions {
                Some(count) => html! { grouped(u64::from(count)) },
                None => html! { <span aria-label="not known yet">{ "…" }</span> },
            } }</td>
            { size_cells(row, props.on_replicas.as_ref()) }
            { actions }
        </tr>
    }
}
