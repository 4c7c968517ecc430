//! Milvus Load Console: see which Milvus collections and partitions are loaded, loading or
//! released, and release or load them, from the browser.
//!
//! Importing the module mounts nothing: the standalone page opts in with
//! `<div id="milvus-load-console" data-standalone>`; hosts call `mount` (see `embed`).

pub mod api;
pub mod app;
pub mod components;
pub mod credentials;
pub mod deep_link;
pub mod download;
pub mod embed;
pub mod hooks;
pub mod host;
pub mod host_link;
pub mod iso_time;
pub mod journal;
pub mod keyboard;
pub mod lifetime;
pub mod loaded_set;
pub mod marks;
pub mod number;
pub mod options;
pub mod panic_panel;
pub mod session;
pub mod state;
pub mod storage;
pub mod styles;

use wasm_bindgen::prelude::*;

// The browser build's allocator: smaller and faster than the default dlmalloc.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use crate::app::{App, AppProps};
use crate::options::ConsoleOptions;

pub use embed::{mount, MountHandle};

/// The element the standalone page provides.
const STANDALONE_ROOT: &str = "milvus-load-console";

/// Runs on import: mounts only into the standalone page's marked root.
#[wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document
        .get_element_by_id(STANDALONE_ROOT)
        .filter(|el| el.has_attribute("data-standalone"))
    else {
        return;
    };
    panic_panel::install();
    // The page's only console: its panel place lives as long as the page.
    std::mem::forget(panic_panel::register(&root));
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let mut options = ConsoleOptions::from_query(&query);
    options.standalone = true;
    let _ = styles::adopt(&document);
    let props = AppProps {
        options,
        events: None,
        refresh_nonce: 0,
        lifetime: lifetime::Lifetime::new(),
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}
