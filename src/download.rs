//! Saves text as a file the browser downloads: a Blob, an object URL and a temporary
//! `<a download>` clicked once. Panic-free: a browser that refuses gives its reason.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` for download as `name`, of type `mime`; `Err` says why the browser refused.
pub fn save(name: &str, mime: &str, text: &str) -> Result<(), String> {
    offer(name, mime, text).map_err(|e| reason(&e))
}

/// The browser's message, as it gave it.
fn reason(refusal: &JsValue) -> String {
    refusal
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| refusal.as_string())
        .filter(|text| !text.trim().is_empty())
        .unwrap_or_else(|| "the browser refused to save the file".to_string())
}

fn offer(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let clicked = click_link(name, &url);
    // Revoked once the browser has read it: at once could cancel the download.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    clicked
}

fn click_link(name: &str, url: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    Ok(())
}
