//! The standalone page's start, called by the page's own script: nothing mounts on import, so
//! markup planted in a host's DOM never starts a console.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::options::ConsoleOptions;
use crate::{embed, panic_panel, styles};

/// Starts the standalone console in `root` (the standalone page calls it; hosts use `mount`):
/// options from the page's address, the view kept in its fragment, the endpoint remembered.
#[wasm_bindgen(js_name = startStandalone)]
pub fn start_standalone(root: Element) {
    // The page's only console: its panel place lives as long as the page.
    std::mem::forget(panic_panel::register(&root));
    let window = web_sys::window();
    let query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let mut options = ConsoleOptions::from_query(&query);
    options.standalone = true;
    if let Some(document) = window.and_then(|w| w.document()) {
        let _ = styles::adopt(&document);
    }
    // The page's only console: never unmounted.
    let _ = embed::mount_into(root, options, None);
}
