//! The whole console in a real browser, without a server: `App` gets its transport through
//! Yew's context, the way a host or a test substitutes it, and the assertions read the DOM.
//! The transport answers as a tiny Milvus would (contract section 4 and 5 shapes) and applies
//! releases, so a click goes all the way through the session, the reducer and the components.
#![cfg(target_arch = "wasm32")]

mod browser_support;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use milvus_load_console::api::{AnyTransport, HttpReply, HttpRequest, Transport, TransportError};
use milvus_load_console::app::App;
use milvus_load_console::options::ConsoleOptions;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Collections and their load states, on the other side of the transport.
#[derive(Clone, Default)]
struct TinyMilvus {
    states: Rc<RefCell<BTreeMap<String, &'static str>>>,
    /// `path collectionName` of every request, in order.
    sent: Rc<RefCell<Vec<String>>>,
}

impl TinyMilvus {
    fn with(collections: &[(&str, &'static str)]) -> Self {
        let milvus = TinyMilvus::default();
        for (name, state) in collections {
            milvus.states.borrow_mut().insert(name.to_string(), state);
        }
        milvus
    }

    fn answer(&self, path: &str, name: &str) -> Value {
        let ok = |data: Value| json!({ "code": 0, "data": data });
        match path {
            "databases/list" => ok(json!(["default"])),
            "collections/list" => ok(json!(self.states.borrow().keys().collect::<Vec<_>>())),
            "partitions/list" => ok(json!(["_default"])),
            "collections/get_load_state" => match self.states.borrow().get(name) {
                Some(&"LoadStateLoaded") => {
                    ok(json!({ "loadState": "LoadStateLoaded", "loadProgress": 100 }))
                }
                Some(state) => ok(json!({ "loadState": state })),
                None => {
                    json!({ "code": 100, "message": format!("collection not found[collection={name}]") })
                }
            },
            "collections/has" => ok(json!({ "has": self.states.borrow().contains_key(name) })),
            "collections/release" => {
                self.states
                    .borrow_mut()
                    .insert(name.to_string(), "LoadStateNotLoad");
                ok(json!({}))
            }
            other => json!({ "code": 1100, "message": format!("not scripted: {other}") }),
        }
    }
}

impl Transport for TinyMilvus {
    async fn post(&self, request: HttpRequest) -> Result<HttpReply, TransportError> {
        let path = request
            .url
            .split_once("/v2/vectordb/")
            .map(|(_, path)| path.to_string())
            .unwrap_or_default();
        let body: Value = serde_json::from_str(&request.body).unwrap_or_default();
        let name = body["collectionName"].as_str().unwrap_or_default();
        self.sent.borrow_mut().push(format!("{path} {name}"));
        // A reply never comes in the same turn as its request.
        gloo_timers::future::TimeoutFuture::new(1).await;
        Ok(HttpReply {
            status: 200,
            body: self.answer(&path, name).to_string().into_bytes(),
        })
    }
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    transport: AnyTransport,
    options: ConsoleOptions,
}

#[component]
fn Harness(props: &HarnessProps) -> Html {
    html! {
        <ContextProvider<AnyTransport> context={props.transport.clone()}>
            <App options={props.options.clone()} />
        </ContextProvider<AnyTransport>>
    }
}

fn mount(milvus: &TinyMilvus) -> Element {
    let root = browser_support::attached_div();
    let props = HarnessProps {
        transport: AnyTransport::new(milvus.clone(), "tiny-milvus"),
        options: ConsoleOptions {
            endpoint: Some("http://milvus.test:19530".into()),
            ..ConsoleOptions::default()
        },
    };
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), props).render();
    root
}

/// Waits (up to 5 s) until `condition` holds, then returns; fails naming `what` otherwise.
async fn until(what: &str, root: &Element, condition: impl Fn(&Element) -> bool) {
    for _ in 0..250 {
        if condition(root) {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!(
        "{what} did not happen; the console shows: {}",
        root.text_content().unwrap_or_default()
    );
}

/// The row of `name` as text ("books Loaded 1 Release"), if it is in the table.
fn row_text(root: &Element, name: &str) -> Option<String> {
    let rows = root.query_selector_all("tr.mlc-row").ok()?;
    (0..rows.length())
        .filter_map(|i| rows.get(i))
        .filter_map(|row| row.text_content())
        .find(|text| text.starts_with(name))
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .click();
}

#[wasm_bindgen_test]
async fn rows_show_what_the_provided_transport_answers() {
    let milvus = TinyMilvus::with(&[("books", "LoadStateLoaded"), ("films", "LoadStateNotLoad")]);
    let root = mount(&milvus);
    until("both states drawn", &root, |root| {
        row_text(root, "books").is_some_and(|t| t.contains("Loaded"))
            && row_text(root, "films").is_some_and(|t| t.contains("Released"))
    })
    .await;
    let sent = milvus.sent.borrow().clone();
    assert!(sent.contains(&"collections/list ".to_string()), "{sent:?}");
    assert!(
        sent.contains(&"collections/get_load_state books".to_string()),
        "{sent:?}"
    );
}

#[wasm_bindgen_test]
async fn a_confirmed_release_goes_through_the_transport_and_ends_visibly() {
    let milvus = TinyMilvus::with(&[("books", "LoadStateLoaded")]);
    let root = mount(&milvus);
    until("books drawn as loaded", &root, |root| {
        row_text(root, "books").is_some_and(|t| t.contains("Loaded"))
    })
    .await;
    click(&root, "button[aria-label='Release books']");
    until("the confirmation", &root, |root| {
        root.query_selector(".mlc-dialog").ok().flatten().is_some()
    })
    .await;
    assert!(
        !milvus
            .sent
            .borrow()
            .contains(&"collections/release books".to_string()),
        "released before Confirm"
    );
    click(&root, ".mlc-dialog button.mlc-danger");
    until("books released and the outcome shown", &root, |root| {
        row_text(root, "books").is_some_and(|t| t.contains("Released"))
            && root
                .query_selector(".mlc-outcomes")
                .ok()
                .flatten()
                .and_then(|o| o.text_content())
                .is_some_and(|t| t.contains("books"))
    })
    .await;
    let releases = milvus
        .sent
        .borrow()
        .iter()
        .filter(|s| *s == "collections/release books")
        .count();
    assert_eq!(releases, 1);
}
