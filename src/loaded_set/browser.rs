//! The browser's side of the file: a download of the saved set, reading a picked or dropped
//! file. Panic-free: every failure becomes a text shown to the user.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a JSON file named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    crate::download::save(name, "application/json", text)
        .map_err(|reason| format!("The file was not saved: {reason}."))
}

/// The bytes of a picked or dropped file.
pub async fn read(file: web_sys::File) -> Result<Vec<u8>, String> {
    // Checked before the bytes are copied into the console's memory.
    if file.size() > super::format::MAX_BYTES as f64 {
        return Err(super::FormatError::TooLarge(file.size() as usize).to_string());
    }
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
