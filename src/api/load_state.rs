//! Load state as the console shows it, read from `get_load_state` replies with the contract's
//! section 5 table. The subtle row: a partition asked about by name answers
//! `LoadStateLoading` with progress -1 and "partition not loaded[" when it is simply released.
//! That text names the partition by numeric ID and may follow a failed load's reason, so it is
//! found anywhere in the message and never matched against a partition name.

use serde_json::Value;

/// The load state of a collection or a partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadState {
    /// Released: not in query-node memory.
    NotLoad,
    /// Loading, at this percent (0–99).
    Loading {
        progress: u8,
    },
    Loaded,
    /// The collection, database or partition does not exist (any more).
    Missing,
    /// A state this client does not know, kept as the server sent it.
    Unknown(String),
}

impl LoadState {
    pub fn is_loaded_or_loading(&self) -> bool {
        matches!(self, LoadState::Loaded | LoadState::Loading { .. })
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, LoadState::Loading { .. })
    }
}

/// A decoded `get_load_state` success reply.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadStateReply {
    pub load_state: String,
    pub load_progress: Option<i64>,
    /// The top-level `message` (where the server puts per-partition errors).
    pub message: String,
}

impl LoadStateReply {
    /// Reads `data` and the top-level `message`; `None` when `data` has no `loadState` string.
    pub fn from_parts(data: &Value, message: Option<&str>) -> Option<LoadStateReply> {
        let load_state = data.get("loadState")?.as_str()?.to_string();
        // Progress may come as an integer or (from a proxy) a float or a string.
        let load_progress = match data.get("loadProgress") {
            Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        Some(LoadStateReply {
            load_state,
            load_progress,
            message: message.unwrap_or_default().to_string(),
        })
    }

    /// Progress -1: the server could not compute it, and `message` says why.
    pub fn progress_unavailable(&self) -> bool {
        self.load_state == "LoadStateLoading" && self.load_progress.is_some_and(|p| p < 0)
    }

    /// The -1 message says a listed partition is not loaded (the caller knows which it asked).
    pub fn says_partition_not_loaded(&self) -> bool {
        crate::substring::contains(&self.message, PARTITION_NOT_LOADED)
    }

    /// The reason of a load that failed in the last 24 hours, which the server puts before
    /// `partition not loaded[...]` (`<reason>: partition not loaded[partition=<id>].`).
    pub fn load_failure(&self) -> Option<String> {
        let (before, _) = crate::substring::split_once(&self.message, PARTITION_NOT_LOADED)?;
        let reason = before.trim().trim_end_matches(':').trim_end();
        (!reason.is_empty()).then(|| reason.to_string())
    }

    /// The server's text for a -1 it did not explain in a known way.
    fn unexplained(&self) -> LoadState {
        let text = self.message.trim();
        LoadState::Unknown(if text.is_empty() {
            "load progress unavailable (-1) without a reason".to_string()
        } else {
            text.to_string()
        })
    }
}

const PARTITION_NOT_LOADED: &str = "partition not loaded[";

fn progress_state(progress: Option<i64>) -> LoadState {
    match progress {
        Some(p) if p >= 100 => LoadState::Loaded,
        Some(p) if p >= 0 => LoadState::Loading {
            progress: p.min(99) as u8,
        },
        Some(_) | None => LoadState::Loading { progress: 0 },
    }
}

/// The state of a whole collection (asked without `partitionNames`).
pub fn collection_state(reply: &LoadStateReply) -> LoadState {
    match reply.load_state.as_str() {
        "LoadStateNotLoad" => LoadState::NotLoad,
        "LoadStateNotExist" => LoadState::Missing,
        "LoadStateLoaded" => LoadState::Loaded,
        "LoadStateLoading" if reply.progress_unavailable() => reply.unexplained(),
        "LoadStateLoading" => progress_state(reply.load_progress),
        other => LoadState::Unknown(other.to_string()),
    }
}

/// The state of one partition (asked with `partitionNames: [partition]`). A -1 with another
/// text (permission denied, service not ready, a timeout) is `Unknown` with the server's text:
/// never read as not loaded.
pub fn partition_state(reply: &LoadStateReply) -> LoadState {
    if reply.progress_unavailable() {
        return if reply.says_partition_not_loaded() {
            LoadState::NotLoad
        } else if reply
            .message
            .trim_start()
            .starts_with("partition not found")
        {
            LoadState::Missing
        } else {
            reply.unexplained()
        };
    }
    collection_state(reply)
}

/// How much of a collection is loaded, from its partitions' states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartitionCoverage {
    pub loaded: usize,
    pub total: usize,
}

impl PartitionCoverage {
    pub fn of(partitions: &[LoadState]) -> PartitionCoverage {
        PartitionCoverage {
            loaded: partitions
                .iter()
                .filter(|s| s.is_loaded_or_loading())
                .count(),
            total: partitions
                .iter()
                .filter(|s| **s != LoadState::Missing)
                .count(),
        }
    }

    /// Some but not all partitions are loaded: the server still says `LoadStateLoaded`.
    pub fn is_partial(&self) -> bool {
        self.loaded > 0 && self.loaded < self.total
    }
}
