//! Milvus Load Console: see which Milvus collections and partitions are loaded, loading or
//! released, and release or load them, from the browser.

pub mod api;
