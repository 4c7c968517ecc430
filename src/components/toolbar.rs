//! Database picker, filters, refresh and the summary line.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{StateCounts, StateFilter};

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub databases: Vec<String>,
    pub database: AttrValue,
    pub filter: AttrValue,
    pub state_filter: StateFilter,
    pub counts: StateCounts,
    pub shown: usize,
    pub refreshed_at: Option<f64>,
    pub in_flight: usize,
    pub on_database: Callback<String>,
    pub on_filter: Callback<String>,
    pub on_state_filter: Callback<StateFilter>,
    pub on_refresh: Callback<()>,
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

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
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
    let on_state_filter = props.on_state_filter.clone();
    let onchange_state = Callback::from(move |e: Event| {
        if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
            let index: usize = select.selected_index().try_into().unwrap_or(0);
            on_state_filter.emit(StateFilter::ALL.get(index).copied().unwrap_or_default());
        }
    });
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
                <input name="filter" type="search" placeholder="collection name"
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
            <button type="button" onclick={on_refresh}>{ "Refresh" }</button>
            <p class="mlc-summary" aria-live="polite">
                { format!("{} loaded · {} loading · {} released · {} missing/error", c.loaded, c.loading, c.released, c.problem) }
                if c.pending > 0 { { format!(" · {} checking", c.pending) } }
                { format!(" · {} shown", props.shown) }
                if let Some(at) = props.refreshed_at { { format!(" · refreshed {}", clock(at)) } }
                { format!(" · {} requests in flight", props.in_flight) }
            </p>
        </div>
    }
}
