//! Database picker, filters, refresh and the summary line.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::number::grouped;
pub use crate::options::AUTO_REFRESH_CHOICES;
use crate::state::{SortKey, StateCounts, StateFilter};

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub databases: Vec<String>,
    pub database: AttrValue,
    pub filter: AttrValue,
    pub state_filter: StateFilter,
    pub sort: SortKey,
    pub refresh_interval: u32,
    pub counts: StateCounts,
    pub shown: usize,
    pub refreshed_at: Option<f64>,
    pub in_flight: usize,
    pub on_database: Callback<String>,
    pub on_filter: Callback<String>,
    pub on_state_filter: Callback<StateFilter>,
    pub on_sort: Callback<SortKey>,
    pub on_refresh_interval: Callback<u32>,
    pub on_refresh: Callback<()>,
    /// The estimated memory of the loaded collections, for the summary line.
    #[prop_or_default]
    pub memory: Option<String>,
    /// More actions, after Refresh.
    #[prop_or_default]
    pub children: Html,
}

/// The index chosen in a `<select>`.
fn selected_index(e: &Event) -> usize {
    e.target_dyn_into::<HtmlSelectElement>()
        .and_then(|s| usize::try_from(s.selected_index()).ok())
        .unwrap_or(0)
}

/// The auto-refresh choices, with `current` among them.
pub fn refresh_choices(current: u32) -> Vec<u32> {
    let mut choices = AUTO_REFRESH_CHOICES.to_vec();
    if !choices.contains(&current) {
        choices.push(current);
    }
    choices
}

fn clock(ms: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// A function, not a component: it has no state of its own, and one component type fewer is one
/// copy fewer of Yew's per-component code in the wasm. (The props stay `Properties` so that a
/// test can render it inside a component of its own.)
pub fn toolbar(props: &ToolbarProps) -> Html {
    let on_database = props.on_database.clone();
    let onchange_db = Callback::from(move |e: Event| {
        if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
            on_database.emit(select.value());
        }
    });
    let on_filter = props.on_filter.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            on_filter.emit(input.value());
        }
    });
    let onchange_state = props.on_state_filter.reform(|e: Event| {
        StateFilter::ALL
            .get(selected_index(&e))
            .copied()
            .unwrap_or_default()
    });
    let onchange_sort = props.on_sort.reform(|e: Event| {
        SortKey::ALL
            .get(selected_index(&e))
            .copied()
            .unwrap_or_default()
    });
    // An interval set by the host is offered too, so the select shows it.
    let choices = refresh_choices(props.refresh_interval);
    let onchange_interval = {
        let choices = choices.clone();
        props
            .on_refresh_interval
            .reform(move |e: Event| choices.get(selected_index(&e)).copied().unwrap_or(0))
    };
    let on_refresh = props.on_refresh.reform(|_: MouseEvent| ());
    let c = props.counts;
    html! {
        <div class="mlc-toolbar">
            <label>
                <span>{ "Database" }</span>
                <select name="database" onchange={onchange_db}>
                    { for props.databases.iter().map(|db| html! {
                        <option value={db.clone()} selected={*db == *props.database}>{ db.clone() }</option>
                    }) }
                </select>
            </label>
            <label>
                <span>{ "Filter" }</span>
                <input name="filter" type="search" placeholder="collection name  ( / )" aria-keyshortcuts="/"
                    value={props.filter.clone()} {oninput} />
            </label>
            <label>
                <span>{ "State" }</span>
                <select name="state" onchange={onchange_state}>
                    { for StateFilter::ALL.iter().map(|f| html! {
                        <option selected={*f == props.state_filter}>{ f.label() }</option>
                    }) }
                </select>
            </label>
            <label>
                <span>{ "Sort by" }</span>
                <select name="sort" onchange={onchange_sort}>
                    { for SortKey::ALL.iter().map(|k| html! {
                        <option selected={*k == props.sort}>{ k.label() }</option>
                    }) }
                </select>
            </label>
            <label>
                <span>{ "Auto-refresh" }</span>
                <select name="refresh-interval" onchange={onchange_interval}>
                    { for choices.iter().map(|s| html! {
                        <option selected={*s == props.refresh_interval}>
                            { if *s == 0 { "Off".to_string() } else { format!("Every {s} s") } }
                        </option>
                    }) }
                </select>
            </label>
            <button type="button" onclick={on_refresh} aria-keyshortcuts="r">{ "Refresh" }</button>
            { props.children.clone() }
            <p class="mlc-summary" aria-live="polite">
                { format!("{} loaded · {} loading · {} released · {} missing/error", n(c.loaded), n(c.loading), n(c.released), n(c.problem)) }
                if c.pending > 0 { { format!(" · {} checking", n(c.pending)) } }
                { format!(" · {} shown", n(props.shown)) }
                if let Some(memory) = &props.memory { { " · " }{ memory.clone() } }
                if let Some(at) = props.refreshed_at { { format!(" · refreshed {}", clock(at)) } }
                { format!(" · {} requests in flight", props.in_flight) }
            </p>
        </div>
    }
}

/// A count in the user's locale.
fn n(count: usize) -> String {
    grouped(count as u64)
}
