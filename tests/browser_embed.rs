//! The embedding API through its JS path in a real browser: argument and option errors as
//! thrown, callbacks kept as the host's functions, event details as plain JS objects, and the
//! panic panel in every mounted instance. No server needed: without an endpoint the console
//! shows its connect form and sends nothing.
#![cfg(target_arch = "wasm32")]

mod browser_support;

use js_sys::{Function, Object, Reflect};
use milvus_load_console::{mount, panic_panel, MountHandle};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn slot() -> Element {
    browser_support::attached_div()
}

/// Evaluates a JS expression (object literals with functions, as a host writes them).
fn js(source: &str) -> JsValue {
    Function::new_no_args(&format!("return ({source});"))
        .call0(&JsValue::NULL)
        .expect("valid JS")
}

fn message(result: Result<MountHandle, wasm_bindgen::JsError>) -> String {
    match result {
        Ok(_) => "no error".into(),
        Err(error) => {
            let value = JsValue::from(error);
            let error: &js_sys::Error = value.dyn_ref().expect("an Error");
            String::from(error.message())
        }
    }
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Lets Yew render and run its effects (its `scheduler::flush` needs the `test` feature).
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(100).await;
}

/// Values JSON cannot hold: a BigInt counts as the number it holds, -0 as 0, a Map or bytes
/// as an object; a function, a symbol or a Set where a value is expected cannot be read.
#[wasm_bindgen_test]
fn js_only_values_are_read_as_before() {
    let cases = [
        ("{ concurrency: 8n, stallMinutes: 0n }", "no error"),
        ("{ concurrency: 2n ** 70n }", "option `concurrency`: Couldn't deserialize i64 or u64 from a BigInt outside i64::MIN..u64::MAX bounds"),
        ("{ concurrency: -0 }", "option `concurrency` must be a whole number from 1 to 64 (got 0)"),
        ("{ concurrency: NaN }", "option `concurrency` must be a whole number from 1 to 64 (got NaN)"),
        ("{ readOnly: 1.5 }", "option `readOnly` must be true or false (got 1.5)"),
        ("{ readOnly: 2 ** 60 }", "option `readOnly` must be true or false (got a number)"),
        ("{ concurrency: new Map([[1, 2]]) }", "option `concurrency` must be a whole number from 1 to 64 (got an object or a function)"),
        ("{ concurrency: new Uint8Array(2) }", "option `concurrency` must be a whole number from 1 to 64 (got an object or a function)"),
        ("{ concurrency: new ArrayBuffer(2) }", "option `concurrency` must be a whole number from 1 to 64 (got an object or a function)"),
        ("{ theme: [1, {}] }", "option `theme` must be \"light\", \"dark\" or \"auto\" (got an array)"),
        ("{ concurrency: function f() {} }", "option `concurrency`: invalid type: JsValue(Function(f)), expected any value"),
        ("{ concurrency: new Set([1]) }", "option `concurrency`: invalid type: JsValue(Set), expected any value"),
        ("{ token: Symbol('s') }", "option `token`: invalid type: JsValue(Symbol(s)), expected any value"),
        ("{ onStall: Symbol('s') }", "option `onStall` must be a function (got a symbol)"),
        ("{ onStall: 1n }", "option `onStall` must be a function (got a bigint)"),
        ("{ onStall: [] }", "option `onStall` must be a function (got an array)"),
    ];
    for (options, expected) in cases {
        let text = message(mount(slot().into(), js(options)));
        let text = text.strip_prefix("milvus-load-console: ").unwrap_or(&text);
        assert_eq!(text, expected, "{options}");
    }
}

#[wasm_bindgen_test]
fn mount_refuses_a_missing_element_like_any_other_bad_input() {
    let text = message(mount(JsValue::NULL, js("{}")));
    assert!(
        text.starts_with("milvus-load-console: argument `element`") && text.contains("(got null)"),
        "{text}"
    );
    let text = message(mount(JsValue::UNDEFINED, js("{}")));
    assert!(text.contains("(got undefined)"), "{text}");
    let text = message(mount(js("'#app'"), js("{}")));
    assert!(text.contains("(got a string)"), "{text}");
}

#[wasm_bindgen_test]
fn options_are_checked_in_the_browser() {
    let cases = [
        ("{ colour: 'red' }", "unknown option `colour`"),
        (
            "{ concurrency: 0 }",
            "option `concurrency` must be a whole number from 1 to 64 (got 0)",
        ),
        (
            "{ readOnly: 'yes' }",
            "option `readOnly` must be true or false (got \"yes\")",
        ),
        (
            "{ onAction: 'log' }",
            "option `onAction` must be a function (got a string)",
        ),
        (
            "{ onError: {} }",
            "option `onError` must be a function (got an object)",
        ),
        (
            "{ token: 42 }",
            "option `token` must be a string, or null for no token (got a number)",
        ),
        (
            "{ endpoint: 'http://user:secret@milvus' }",
            "<redacted>@milvus",
        ),
        ("'endpoint'", "options must be an object (got a string)"),
        ("[]", "options must be an object (got an array)"),
    ];
    for (options, expected) in cases {
        let text = message(mount(slot().into(), js(options)));
        assert!(text.contains(expected), "{options}: {text}");
        assert!(!text.contains("secret"), "{text}");
    }
    // `undefined` is an absent key; `null` where it is allowed clears.
    let mut handle = mount(
        slot().into(),
        js("{ readOnly: undefined, theme: undefined, token: null, onAction: null }"),
    )
    .expect("valid options");
    handle
        .update(js("{ token: 'root:Milvus' }"))
        .expect("a token");
    handle.update(js("{ token: null }")).expect("no token");
    handle.update(JsValue::UNDEFINED).expect("nothing");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn callbacks_are_the_hosts_functions_and_details_plain_objects() {
    let element = slot();
    let seen = js("[]");
    let callback = Function::new_with_args("seen", "return (detail) => seen.push(detail);")
        .call1(&JsValue::NULL, &seen)
        .expect("callback");
    let options = Object::new();
    Reflect::set(&options, &"onStateChange".into(), &callback).expect("set");
    let mut handle = mount(element.into(), options.into()).expect("mounted");
    settle().await;
    let first = get(&seen, "0");
    assert!(
        first.is_object(),
        "no statechange detail reached the callback"
    );
    assert!(!first.is_instance_of::<js_sys::Map>());
    assert_eq!(
        get(&first, "database").as_string().as_deref(),
        Some("default")
    );
    assert_eq!(get(&first, "loaded").as_f64(), Some(0.0));
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_panic_shows_the_panel_in_every_mounted_instance() {
    let (a, b) = (slot(), slot());
    let mut first = mount(a.clone().into(), js("{}")).expect("a");
    let _second = mount(b.clone().into(), js("{}")).expect("b");
    settle().await;
    let panels = |element: &Element| {
        element
            .shadow_root()
            .and_then(|s| s.query_selector_all(".mlc-panic[role=alert]").ok())
            .map_or(0, |list| list.length())
    };
    assert!(panic_panel::show_everywhere("boom") >= 2);
    assert_eq!((panels(&a), panels(&b)), (1, 1));
    let text = b
        .shadow_root()
        .and_then(|s| s.query_selector(".mlc-panic").ok().flatten())
        .and_then(|p| p.text_content())
        .unwrap_or_default();
    assert!(text.contains("boom"), "{text}");
    // An unmounted instance is no longer a place for the panel.
    first.unmount();
    panic_panel::show_everywhere("again");
    assert_eq!((panels(&a), panels(&b)), (0, 2));
}
