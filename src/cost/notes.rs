//! What an estimate assumed or left out, one note per reason, with the text a tooltip shows.

/// One assumption or omission of an estimate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// Always present: what no estimate counts (memory doc 10.7, 10.9).
    NotCounted,
    /// A variable-length field sized at DataCoord's guess, in bytes per row before doubling.
    Guessed { field: String, bytes_per_row: u64 },
    /// The dynamic field `$meta`, sized as JSON.
    DynamicField,
    /// A vector field without an index: raw data plus the interim index.
    NoIndex { field: String },
    /// FLAT or BIN_FLAT: no index file, the raw vectors are what is loaded.
    NoIndexFile { field: String, index: String },
    /// AUTOINDEX read as the type the server builds for this version.
    AutoIndex { field: String, resolved: String },
    /// A build param not set: the index library's default was taken.
    DefaultParam {
        field: String,
        param: &'static str,
        value: &'static str,
    },
    /// Raw vectors (or raw field data) kept on disk, not counted.
    RawOnDisk { field: String },
    /// An mmap'ed index: its file on disk, a 128 MiB buffer while loading.
    IndexMmap { field: String },
    /// DISKANN: its file on disk, a quarter of it in memory.
    DiskIndex { field: String },
    /// An index type whose size the memory doc gives as unverified.
    Unverified { field: String, index: String },
    /// An index type this estimate does not know: the field counted as raw data.
    UnknownIndex { field: String, index: String },
    /// An index on a scalar field, not counted.
    ScalarIndex { field: String },
    /// A type without a size in the memory doc's table, or a field of unknown type.
    NotSized { field: String, data_type: String },
    /// A vector field whose `dim` is missing or unreadable: not counted.
    NoDimension { field: String },
    /// No server version: AUTOINDEX taken as HNSW and raw vectors as in memory (upper bound).
    VersionUnknown,
}

impl Note {
    /// The sentence a tooltip shows.
    pub fn text(&self) -> String {
        match self {
            Note::NotCounted => "Not counted: growing (unflushed) data, scalar and primary-key \
                indexes, stats and delete logs, index runtime overhead."
                .to_string(),
            Note::Guessed {
                field,
                bytes_per_row,
            } => format!(
                "{field}: sized at {bytes_per_row} B per row, the server's guess for its type; \
                 real data is often much smaller."
            ),
            Note::DynamicField => {
                "Dynamic field: sized as JSON, 512 B per row, held twice while loaded.".to_string()
            }
            Note::NoIndex { field } => format!(
                "{field}: no index, so the server will not load it; sized as raw vectors plus \
                 an interim index (1.15 × raw)."
            ),
            Note::NoIndexFile { field, index } => {
                format!("{field}: {index} builds no index file; the raw vectors are loaded.")
            }
            Note::AutoIndex { field, resolved } => {
                format!("{field}: AUTOINDEX on this version builds {resolved}.")
            }
            Note::DefaultParam {
                field,
                param,
                value,
            } => format!("{field}: {param} not set, the default {value} assumed."),
            Note::RawOnDisk { field } => {
                format!("{field}: raw data kept on disk (mmap or cache), not in memory.")
            }
            Note::IndexMmap { field } => {
                format!("{field}: index mmap'ed, on disk; 128 MiB while loading.")
            }
            Note::DiskIndex { field } => {
                format!("{field}: DISKANN keeps its file on disk, about a quarter in memory.")
            }
            Note::Unverified { field, index } => {
                format!("{field}: {index} sized at about 8 B per non-zero value (unverified).")
            }
            Note::UnknownIndex { field, index } => {
                format!("{field}: index type {index} unknown here; counted as raw data.")
            }
            Note::ScalarIndex { field } => format!("{field}: scalar index not counted."),
            Note::NotSized { field, data_type } => {
                format!("{field}: type {data_type} has no size estimate; not counted.")
            }
            Note::NoDimension { field } => {
                format!("{field}: dimension unknown; not counted.")
            }
            Note::VersionUnknown => "Server version unknown: AUTOINDEX taken as HNSW and raw \
                vectors as held in memory (an upper bound)."
                .to_string(),
        }
    }
}
