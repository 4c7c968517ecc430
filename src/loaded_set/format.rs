//! The saved loaded set as a JSON file: a format marker and a version checked before anything
//! else, so a foreign or newer file is refused with a reason rather than half read.

use crate::substring::Joined;
use serde::Serialize;
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

/// What was loaded, per database, when the set was saved. Written through serde, read by
/// `decode` below.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SavedDatabase {
    pub name: String,
    pub collections: Vec<SavedCollection>,
}

/// A loaded collection: all of it, or only `partitions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SavedCollection {
    pub name: String,
    /// The loaded partitions of a partly loaded collection; absent when it is fully loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
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
            Some(other) => return Err(FormatError::Version(crate::api::json_text(other))),
            None => return Err(FormatError::Damaged("it has no \"version\"".into())),
        }
        decode(&value).map_err(FormatError::Damaged)
    }
}

/// The set read from its JSON value by hand, not through a derived `Deserialize`: that would
/// put a copy of serde_json's value deserializer in the wasm for this one file. The shapes are
/// the derive's: objects with only the known fields (or, as serde also takes, arrays of the
/// fields in order), strings where strings are due, `partitions` absent or null when the whole
/// collection is loaded. An error names the value (`databases[0].collections[2].name`) and what
/// is wrong with it. The format and version were checked by `parse`.
fn decode(file: &Value) -> Result<LoadedSet, String> {
    let [_, _, saved_at, endpoint, databases] = fields(
        file,
        "the file",
        ["format", "version", "savedAt", "endpoint", "databases"],
    )?;
    let mut read = Vec::new();
    for (i, database) in list(databases, "databases")?.iter().enumerate() {
        let at = format!("databases[{i}]");
        let [name, collections] = fields(database, &at, ["name", "collections"])?;
        let mut saved = Vec::new();
        for (j, collection) in list(collections, &format!("{at}.collections"))?
            .iter()
            .enumerate()
        {
            let at = format!("{at}.collections[{j}]");
            let [name, partitions] = fields(collection, &at, ["name", "partitions"])?;
            let partitions = match partitions {
                Ok(Value::Null) | Err(_) => None,
                Ok(list_of) => {
                    let at = format!("{at}.partitions");
                    // A loop, not a `collect` into a `Result`: no iterator adapter of its own.
                    let mut names = Vec::new();
                    for (k, partition) in list(Ok(list_of), &at)?.iter().enumerate() {
                        names.push(string(Ok(partition), &format!("{at}[{k}]"))?);
                    }
                    Some(names)
                }
            };
            saved.push(SavedCollection {
                name: string(name, &format!("{at}.name"))?,
                partitions,
            });
        }
        read.push(SavedDatabase {
            name: string(name, &format!("{at}.name"))?,
            collections: saved,
        });
    }
    Ok(LoadedSet::new(
        string(saved_at, "savedAt")?,
        string(endpoint, "endpoint")?,
        read,
    ))
}

/// A field's value, or why there is none ("databases[0] has no \"name\"").
type Field<'v> = Result<&'v Value, String>;

/// The fields `names` of the object (or array, in order) at `at`. Any other field is refused.
fn fields<'v, const N: usize>(
    value: &'v Value,
    at: &str,
    names: [&str; N],
) -> Result<[Field<'v>; N], String> {
    let missing = |name: &str| format!("{at} has no \"{name}\"");
    match value {
        Value::Object(map) => match map.keys().find(|key| !names.contains(&key.as_str())) {
            Some(key) => Err(format!(
                "{at} has a field \"{key}\" that a saved loaded set has not (its fields: {})",
                names.joined(", ")
            )),
            None => Ok(names.map(|name| map.get(name).ok_or_else(|| missing(name)))),
        },
        Value::Array(items) if items.len() <= N => {
            let mut i = 0;
            Ok(names.map(|name| {
                i += 1;
                items.get(i - 1).ok_or_else(|| missing(name))
            }))
        }
        Value::Array(items) => Err(format!("{at} lists {} values for {N} fields", items.len())),
        other => Err(format!("{at} is {}, not an object", kind(other))),
    }
}

/// A list, or why the value is not one.
fn list<'v>(value: Field<'v>, at: &str) -> Result<&'v [Value], String> {
    let value = value?;
    value
        .as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| format!("{at} is {}, not a list", kind(value)))
}

/// A string, or why the value is not one.
fn string(value: Field<'_>, at: &str) -> Result<String, String> {
    let value = value?;
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{at} is {}, not a string", kind(value)))
}

/// What a JSON value is, for an error.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The host and port of an endpoint, without scheme, user-info, path or query.
pub fn endpoint_host(endpoint: &str) -> String {
    let rest = crate::substring::split_once(endpoint, "://").map_or(endpoint, |(_, r)| r);
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
