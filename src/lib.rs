//! Milvus Load Console: see which Milvus collections and partitions are loaded, loading or
//! released, and release or load them, from the browser.
//!
//! Importing the module mounts nothing: the standalone page's script calls `startStandalone`;
//! hosts call `mount` (see `embed`).

pub mod api;
pub mod app;
pub mod components;
pub mod cost;
pub mod credentials;
pub mod deep_link;
pub mod download;
pub mod effect;
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
pub mod name_set;
pub mod number;
pub mod options;
pub mod order;
pub mod panic_panel;
pub mod session;
pub mod standalone;
pub mod state;
pub mod storage;
pub mod styles;
pub mod substring;

// The browser build's allocator: smaller and faster than the default dlmalloc.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use embed::{mount, MountHandle};
pub use standalone::start_standalone;
