//! Full or partial: one `get_load_state` listing every partition of a collection (contract
//! sections 5 and 6). The collection alone says `LoadStateLoaded` as soon as any partition is
//! loaded; listing them all answers -1 `partition not loaded[...]` when one is not.

use super::load_state::{LoadState, LoadStateReply};

/// How much of a collection is loaded, read from one call listing all its partitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadExtent {
    /// Nothing in the collection is loaded.
    NotLoad,
    /// Every partition is loaded.
    Full,
    /// Every partition is loaded or loading; the integer average.
    Loading { progress: u8 },
    /// Some partitions are loaded, at least one is not (the server names only the first, by
    /// numeric ID). `failure` is the reason of a load that failed in the last 24 hours.
    Partial { failure: Option<String> },
    /// A listed partition no longer exists: list the partitions again.
    PartitionsChanged,
    /// Code 100: the collection (or its database) is gone, or a transient lookup failure;
    /// confirm with `Client::collection_gone`.
    Missing,
    /// Not known: keep the last known extent. The server's text.
    Unknown(String),
}

/// Reads a reply to `get_load_state` that listed every partition.
pub fn load_extent(reply: &LoadStateReply) -> LoadExtent {
    if reply.progress_unavailable() {
        if reply.says_partition_not_loaded() {
            return LoadExtent::Partial {
                failure: reply.load_failure(),
            };
        }
        if reply
            .message
            .trim_start()
            .starts_with("partition not found")
        {
            return LoadExtent::PartitionsChanged;
        }
    }
    match super::load_state::collection_state(reply) {
        LoadState::NotLoad => LoadExtent::NotLoad,
        LoadState::Loaded => LoadExtent::Full,
        LoadState::Loading { progress } => LoadExtent::Loading { progress },
        LoadState::Missing => LoadExtent::Missing,
        LoadState::Unknown(text) => LoadExtent::Unknown(text),
    }
}
