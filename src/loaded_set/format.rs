//! The saved loaded set as a JSON file: a format marker and a version checked before anything
//! else, so a foreign or newer file is refused with a reason rather than half read.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The format marker every saved file carries.
pub const FORMAT: &str = "milvus-load-console/loaded-set";
/// The version this console writes and reads.
pub const VERSION: u64 = 1;
/// Larger files are refused before being parsed: a set of 10,000 collections with the longest
/// names Milvus allows takes under 3 MB (with 25-character names, 0.7 MB).
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// Databases a restore reads at most.
pub const MAX_DATABASES: usize = 256;
/// Collections a restore plans at most, over every database.
pub const MAX_COLLECTIONS: usize = 10_000;
/// Partitions one saved collection lists at most.
pub const MAX_PARTITIONS: usize = 4_096;

/// What was loaded, per database, when the set was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LoadedSet {
    pub format: String,
    pub version: u64,
    /// When it was saved (ISO 8601, UTC).
    pub saved_at: String,
    /// The host (and port) it was saved from: never the scheme's user-info or a token.
    pub endpoint: String,
    pub databases: Vec<SavedDatabase>,
}

/// The loaded collections of one database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedDatabase {
    pub name: String,
    pub collections: Vec<SavedCollection>,
}

/// A loaded collection: all of it, or only `partitions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedCollection {
    pub name: String,
    /// The loaded partitions of a partly loaded collection; absent when it is fully loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitions: Option<Vec<String>>,
}

/// Why a file cannot be restored. The text is shown as is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is too large ({0} bytes) to be a saved loaded set.")]
    TooLarge(usize),
    #[error("The file is not JSON ({0}), so it is not a saved loaded set.")]
    NotJson(String),
    #[error("The file is JSON but not a saved loaded set: it has no \"format\": \"{FORMAT}\".")]
    Foreign,
    #[error(
        "The file is a saved loaded set of version {0}; this console reads version {VERSION}."
    )]
    Version(String),
    #[error("The file names {count} {what}; a restore takes at most {most}.")]
    TooMany {
        what: &'static str,
        count: usize,
        most: usize,
    },
    #[error("The saved loaded set is damaged: {0}.")]
    Damaged(String),
}

impl LoadedSet {
    /// A set of this format and version.
    pub fn new(saved_at: String, endpoint: String, databases: Vec<SavedDatabase>) -> Self {
        LoadedSet {
            format: FORMAT.to_string(),
            version: VERSION,
            saved_at,
            endpoint,
            databases,
        }
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Decodes a file: its size, the marker and version first, then the strict shape. What it
    /// holds is checked by `LoadedSet::read` (limits.rs).
    pub fn parse(bytes: &[u8]) -> Result<LoadedSet, FormatError> {
        if bytes.len() > MAX_BYTES {
            return Err(FormatError::TooLarge(bytes.len()));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(FormatError::Empty);
        }
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| FormatError::NotJson(e.to_string()))?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(FormatError::Foreign);
        }
        match value.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
            Some(other) => return Err(FormatError::Version(other.to_string())),
            None => return Err(FormatError::Damaged("it has no \"version\"".into())),
        }
        serde_json::from_value(value).map_err(|e| FormatError::Damaged(e.to_string()))
    }
}

/// The host and port of an endpoint, without scheme, user-info, path or query.
pub fn endpoint_host(endpoint: &str) -> String {
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.rsplit('@').next().unwrap_or_default().to_string()
}

/// Milliseconds since the epoch as `2026-12-02T17:04:05Z`.
pub fn iso_time(ms: f64) -> String {
    let secs = (ms / 1000.0).floor() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = crate::iso_time::civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
