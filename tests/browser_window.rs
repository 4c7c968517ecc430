//! The windowed collections table in a real browser, styled as on the page: scrolled step by
//! step to the end, it keeps the user's scroll position and draws every row on the way, also
//! when the page around it is slow to render (Yew then lets the browser lay out the new rows
//! before it runs the table's effects).
#![cfg(target_arch = "wasm32")]

mod browser_support;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use milvus_load_console::components::collections_table::CollectionsTable;
use milvus_load_console::state::{Names, Row};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, MutationObserver, MutationObserverInit};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const ROWS: usize = 68;

/// Renders take this long on every scroll, as a busy console's do on a slow machine: longer
/// than the 16 ms after which Yew's scheduler yields to the browser.
const SLOW_RENDER_MS: f64 = 20.0;

fn busy_wait(ms: f64) {
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < ms {}
}

/// The table, as the collections view draws it: every render reports the rows drawn, and the
/// view re-renders when they change and on every scroll (slowly).
#[derive(Properties, PartialEq)]
struct TableProps {
    rows: usize,
}

#[component]
fn Table(props: &TableProps) -> Html {
    let scrolls = use_state(|| 0u32);
    {
        let scrolls = scrolls.clone();
        use_effect_with((), move |_| {
            let document = browser_support::document();
            let options = gloo_events::EventListenerOptions::run_in_capture_phase();
            let listener = gloo_events::EventListener::new_with_options(
                &document,
                "scroll",
                options,
                move |_| scrolls.set(*scrolls + 1),
            );
            move || drop(listener)
        });
    }
    busy_wait(SLOW_RENDER_MS);
    let rows = use_memo(props.rows, |&count| {
        (0..count)
            .map(|i| Rc::new(Row::pending(format!("collection_{i:04}").into())))
            .collect::<Vec<_>>()
    });
    let visible = use_state(Vec::<Rc<str>>::new);
    let on_visible = {
        let visible = visible.clone();
        Callback::from(move |names: Vec<Rc<str>>| {
            if *visible != names {
                visible.set(names);
            }
        })
    };
    html! {
        <div class="mlc-root" style="height: 436px; display: flex; flex-direction: column;">
            <CollectionsTable rows={rows} read_only={false} selected={Names::new()}
                on_toggle={Callback::noop()} on_open={Callback::noop()}
                on_operate={Callback::noop()} {on_visible} />
        </div>
    }
}

fn mount(rows: usize) -> Element {
    milvus_load_console::styles::adopt(&JsValue::from(browser_support::document()))
        .expect("stylesheet");
    let root = browser_support::attached_div();
    yew::Renderer::<Table>::with_root_and_props(root.clone(), TableProps { rows }).render();
    root
}

/// The table's scroller, once Yew has drawn it.
async fn scroller_in(root: &Element) -> Element {
    for _ in 0..250 {
        if let Ok(Some(scroller)) = root.query_selector(".mlc-scroller") {
            return scroller;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("the table was never drawn");
}

/// Waits (up to 5 s) until the table is drawn for where the scroller is: the rows drawn cover
/// the visible part, and the scroller is exactly as high as the table (its sizer measured).
async fn until_drawn(what: &str, scroller: &Element) {
    for _ in 0..250 {
        if drawn_for_position(scroller) {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("the table was not drawn for {what}");
}

fn drawn_for_position(scroller: &Element) -> bool {
    let html = |el: Element| el.dyn_into::<HtmlElement>().ok();
    let Some(table) = scroller
        .query_selector("table.mlc-table")
        .ok()
        .flatten()
        .and_then(html)
    else {
        return false;
    };
    let Ok(rows) = scroller.query_selector_all("tr.mlc-row") else {
        return false;
    };
    let row = |i: u32| rows.get(i).and_then(|n| n.dyn_into::<HtmlElement>().ok());
    let (Some(first), Some(last)) = (row(0), rows.length().checked_sub(1).and_then(row)) else {
        return false;
    };
    let header = table
        .query_selector("thead")
        .ok()
        .flatten()
        .and_then(html)
        .map_or(0, |h| h.offset_height());
    let (top, bottom) = (
        scroller.scroll_top(),
        scroller.scroll_top() + scroller.client_height(),
    );
    let sizer = scroller
        .query_selector(".mlc-sizer")
        .ok()
        .flatten()
        .and_then(html)
        .map_or(0, |s| s.offset_height());
    first.offset_top() <= top + header
        && last.offset_top() + last.offset_height() >= bottom.min(table.offset_height())
        && (scroller.scroll_height() - table.offset_height()).abs() <= 1
        && (sizer - table.offset_height()).abs() <= 1
}

/// The names of the rows in the DOM now.
fn drawn(root: &Element) -> Vec<String> {
    let rows = root
        .query_selector_all("tr.mlc-row th button")
        .expect("selector");
    (0..rows.length())
        .filter_map(|i| rows.get(i))
        .filter_map(|row| row.text_content())
        .collect()
}

/// Records the table's height each time its rows change, as soon as the task that changed them
/// ends: what the browser may lay out and show before the next task.
fn watch_heights(scroller: &Element) -> (MutationObserver, Rc<RefCell<Vec<i32>>>) {
    let heights = Rc::new(RefCell::new(Vec::new()));
    let record = {
        let (heights, scroller) = (heights.clone(), scroller.clone());
        Closure::<dyn FnMut()>::new(move || heights.borrow_mut().push(scroller.scroll_height()))
    };
    let observer = MutationObserver::new(record.as_ref().unchecked_ref()).expect("observer");
    record.forget();
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    observer
        .observe_with_options(scroller, &options)
        .expect("observe");
    (observer, heights)
}

#[wasm_bindgen_test]
async fn scrolled_to_the_end_every_row_is_drawn_and_the_position_holds() {
    let root = mount(ROWS);
    let scroller = scroller_in(&root).await;
    until_drawn("the start", &scroller).await;
    let height_of = |selector: &str| {
        scroller
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<HtmlElement>().ok())
            .map_or(0, |el| el.offset_height())
    };
    let (sizer, table) = (height_of(".mlc-sizer"), height_of("table.mlc-table"));
    assert!(
        (table - sizer).abs() <= 1,
        "the sizer is {sizer} px high, the table {table} px"
    );
    let (observer, heights) = watch_heights(&scroller);
    let full_height = scroller.scroll_height();
    let end = full_height - scroller.client_height();
    assert!(end > 1_000, "the table does not scroll: {full_height} px");
    let mut seen = BTreeSet::new();
    let mut top = 0;
    loop {
        let asked = top.min(end);
        scroller.set_scroll_top(asked);
        until_drawn(&format!("a scroll to {asked}"), &scroller).await;
        assert_eq!(
            (scroller.scroll_top(), scroller.scroll_height()),
            (asked, full_height),
            "the scroll position or the table's height moved after a scroll to {asked}"
        );
        seen.extend(drawn(&root));
        let between_tasks: Vec<i32> = heights.borrow_mut().drain(..).collect();
        assert!(
            between_tasks.iter().all(|h| *h == full_height),
            "after a scroll to {asked} the table was laid out {between_tasks:?} px high \
             between two tasks, not {full_height} px"
        );
        if top >= end {
            break;
        }
        top += 300;
    }
    observer.disconnect();
    let missing: Vec<String> = (0..ROWS)
        .map(|i| format!("collection_{i:04}"))
        .filter(|name| !seen.contains(name))
        .collect();
    assert!(missing.is_empty(), "never drawn: {missing:?}");
}

#[wasm_bindgen_test]
async fn a_long_list_scrolled_straight_to_the_end_shows_its_last_row() {
    let root = mount(4_096);
    let scroller = scroller_in(&root).await;
    until_drawn("the start", &scroller).await;
    let end = scroller.scroll_height() - scroller.client_height();
    assert!(end > 4_000 * 20, "4,096 rows make a table of {end} px");
    // As after ticking a box: the focus is in a row that leaves the window.
    root.query_selector("tr.mlc-row input")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("a checkbox")
        .focus()
        .expect("focus");
    // The header grows after it was measured (its titles wrap when the window narrows): the
    // table grows with it at once, the sizer only when the scroll measures the header again,
    // in the same render that moves the window and removes the focused row.
    let taller = browser_support::document()
        .create_element("style")
        .expect("style");
    taller.set_text_content(Some(
        ".mlc-scroller .mlc-table thead th { padding-bottom: 28px !important; }",
    ));
    root.append_child(&taller).expect("style attached");
    let end = scroller.scroll_height() - scroller.client_height();
    scroller.set_scroll_top(end);
    until_drawn("the end", &scroller).await;
    let (top, end_now) = (
        scroller.scroll_top(),
        scroller.scroll_height() - scroller.client_height(),
    );
    assert_eq!(
        (top, end_now),
        (end, end),
        "scrolled to the end at {end} px, the position is {top} px and the end {end_now} px"
    );
    let names = drawn(&root);
    assert!(
        names.last().is_some_and(|n| n == "collection_4095"),
        "at the end ({end} px) the rows drawn are {names:?}"
    );
}
