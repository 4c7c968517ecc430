//! Keyboard shortcuts: `/` focuses the filter, `r` refreshes. Ignored while typing in a field,
//! with a modifier held, or when the focus is in another part of a host page.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::NodeRef;

/// Listens on the document for as long as the returned listener lives.
pub fn listen(root: NodeRef) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    let body = document.body();
    // Not passive: the shortcut's key must not also be typed into the field it focuses.
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        options,
        move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            let Some(root) = root.cast::<Element>() else {
                return;
            };
            // The real target, also from inside a shadow root (where `target` is the host).
            let path = event.composed_path();
            let target = path.get(0).dyn_into::<Element>().ok();
            let root_node: &wasm_bindgen::JsValue = root.as_ref();
            let in_console = path.iter().any(|node| node == *root_node);
            let on_body = target
                .as_ref()
                .is_some_and(|t| body.as_ref().is_some_and(|b| b.is_same_node(Some(t))));
            let on_page = in_console || on_body;
            let typing = target
                .as_ref()
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
            if !on_page
                || typing
                || root
                    .query_selector("[role=dialog]")
                    .ok()
                    .flatten()
                    .is_some()
            {
                return;
            }
            let selector = match event.key().as_str() {
                "/" => "input[name=filter]",
                "r" => "button[aria-keyshortcuts=r]",
                _ => return,
            };
            if let Some(element) = root
                .query_selector(selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                event.prevent_default();
                if event.key() == "/" {
                    let _ = element.focus();
                } else {
                    element.click();
                }
            }
        },
    ))
}
