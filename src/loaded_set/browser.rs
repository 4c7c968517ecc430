//! The browser's side of the file: a download of the saved set, reading a picked or dropped
//! file. Panic-free: every failure becomes a text shown to the user.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a JSON file named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    let fail = |_| "The browser refused to save the file.".to_string();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("No document to save from.")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "The browser refused to save the file.".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The bytes of a picked or dropped file.
pub async fn read(file: web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("Could not read the file {}.", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The first file of a drop, if it carries one.
pub fn dropped_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let drag = event.dyn_ref::<web_sys::DragEvent>()?;
    drag.data_transfer()?.files()?.get(0)
}

/// Whether a drag carries files (other drags are left to the page).
pub fn drags_files(event: &web_sys::Event) -> bool {
    event
        .dyn_ref::<web_sys::DragEvent>()
        .and_then(|d| d.data_transfer())
        .is_some_and(|t| {
            t.types()
                .iter()
                .any(|k| k.as_string().as_deref() == Some("Files"))
        })
}
