//! The page's side of the saved file: offering the saved set as a download, reading a picked
//! or dropped file. Panic-free: every failure is an error to show.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::restore::RestoreError;

use super::format::MAX_BYTES;
use super::{shortened, FormatError};

/// Offers `text` as a JSON file named `name`; why the browser refused, if it did.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    crate::download::save(name, "application/json", text)
}

/// The bytes of a picked or dropped file.
pub async fn read(file: web_sys::File) -> Result<Vec<u8>, RestoreError> {
    // Checked before the bytes are copied into the console's memory.
    if file.size() > MAX_BYTES as f64 {
        return Err(RestoreError::Format(FormatError::TooLarge(
            file.size() as usize
        )));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| RestoreError::Unreadable(shortened(&file.name())))?;
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
