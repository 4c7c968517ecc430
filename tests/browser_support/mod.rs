//! What the browser tests share: a fresh element in the test page to mount into.

use web_sys::{Document, Element};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// A new `<div>` at the end of the test page's body.
pub fn attached_div() -> Element {
    let document = document();
    let div = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("attach");
    div
}
