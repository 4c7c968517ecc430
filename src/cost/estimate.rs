//! The memory one replica of a loaded collection takes on query nodes, from its schema, row
//! count, vector indexes and the server version (memory doc 10.7, "Console estimate"):
//!
//! steady = rows × (raw bytes held in memory + index bytes in memory + 24) + index constants
//!          + 1.15 × raw bytes of vector fields without index (interim index)
//! peak   = steady + one more segment's index (what the loader's check adds while loading)
//!
//! An order of magnitude, not a promise: see `Note` for what each estimate assumed.

use crate::api::{FieldSchema, IndexDescription};

use super::fields::{
    bytes_per_row, memory_factor, vectors_on_disk, JSON_GUESS, SYSTEM_BYTES_PER_ROW,
};
use super::index::{index_cost, Residence};
use super::notes::Note;
use super::version::ServerVersion;

/// `dataCoord.segment.maxSize`: 1024 MB (Milvus's MB are MiB).
pub const SEGMENT_MAX_BYTES: u64 = 1024 * 1024 * 1024;
/// What a segment's mmap'ed index, or a small DISKANN, takes while loading
/// (`DEFAULT_FIELD_MAX_MEMORY_LIMIT`).
pub const LOADING_BUFFER_BYTES: u64 = 128 * 1024 * 1024;
/// The interim index of a vector field without index, in hundredths of its raw data.
pub const INTERIM_PERCENT: u64 = 115;

/// What is known of a collection for an estimate.
#[derive(Clone, Copy, Debug)]
pub struct CostInput<'a> {
    /// The user fields, as `describe_collection_details` gives them.
    pub fields: &'a [FieldSchema],
    /// Rows carry `$meta` (`enableDynamicField`).
    pub dynamic_field: bool,
    /// The collection's `mmap.enabled` property, copied onto fields without their own.
    pub mmap: Option<bool>,
    /// `get_stats`' `rowCount` (deleted rows included until compaction).
    pub rows: u64,
    /// The collection's indexes from `describe_index`; a vector field without one is
    /// unindexed. Indexes on scalar fields are noted and not counted.
    pub indexes: &'a [IndexDescription],
    pub version: Option<ServerVersion>,
}

/// Where the steady bytes go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// Raw field data held in memory (VarChar, Text and JSON twice).
    pub raw: u64,
    /// Vector indexes in memory (DISKANN: a quarter of its file).
    pub index: u64,
    /// Interim indexes of vector fields without index.
    pub interim: u64,
    /// RowID and Timestamp.
    pub system: u64,
}

/// Memory of one replica, estimated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    /// Once loaded, in bytes.
    pub steady: u64,
    /// While the last segment loads, in bytes: what must fit under 90 % of a node's memory.
    pub peak: u64,
    pub breakdown: Breakdown,
    /// What was assumed or left out, for the tooltip; `Note::NotCounted` always first.
    pub notes: Vec<Note>,
}

impl Estimate {
    /// Steady bytes over `replicas` replicas (each replica holds a full copy).
    pub fn for_replicas(&self, replicas: u32) -> u64 {
        self.steady.saturating_mul(u64::from(replicas))
    }

    /// Variable-length fields (or the dynamic field) were sized at the server's guess: real
    /// data is usually smaller, so the figure is an upper bound (memory doc 10.9).
    pub fn is_upper_bound(&self) -> bool {
        self.notes
            .iter()
            .any(|n| matches!(n, Note::Guessed { .. } | Note::DynamicField))
    }
}

/// Per-row sums and constants gathered over the fields, in u64 that saturates (past 16 EiB
/// no figure matters; u128 arithmetic costs the wasm several times the code).
#[derive(Default)]
struct Sums {
    raw: u64,
    index: u64,
    /// DISKANN file bytes per row: a quarter of them stays in memory.
    disk_index: u64,
    interim_raw: u64,
    once: u64,
    /// Binlog bytes per row of every counted field: what fills a segment.
    binlog: u64,
    /// (file bytes per row, once, residence) of each indexed field, for the peak.
    segment_indexes: Vec<(u64, u64, Residence)>,
}

/// The estimate of one replica of the collection `input` describes.
pub fn estimate(input: &CostInput) -> Estimate {
    let mut notes = vec![Note::NotCounted];
    if input.version.is_none() {
        notes.push(Note::VersionUnknown);
    }
    let mut sums = Sums::default();
    for field in input.fields {
        let bytes = match bytes_per_row(field, &mut notes) {
            Ok(bytes) => bytes,
            Err(note) => {
                notes.push(note);
                continue;
            }
        };
        sums.binlog = sums.binlog.saturating_add(bytes);
        let mmap = field.mmap.or(input.mmap);
        if !field.data_type.is_vector() {
            if mmap == Some(true) {
                notes.push(Note::RawOnDisk {
                    field: field.name.clone(),
                });
            } else {
                sums.raw = sums
                    .raw
                    .saturating_add(bytes.saturating_mul(memory_factor(&field.data_type)));
            }
            continue;
        }
        let index = input.indexes.iter().find(|i| i.field_name == field.name);
        let cost = index.map(|i| index_cost(field, bytes, i, input.version, &mut notes));
        let raw_needed = cost.as_ref().is_none_or(|c| !c.keeps_raw);
        if let Some(cost) = &cost {
            sums.once = sums.once.saturating_add(cost.once);
            match cost.residence {
                Residence::Memory => sums.index = sums.index.saturating_add(cost.per_row),
                Residence::Disk => sums.disk_index = sums.disk_index.saturating_add(cost.per_row),
                Residence::Mmap | Residence::NoFile => {}
            }
            if cost.residence != Residence::NoFile {
                sums.segment_indexes
                    .push((cost.per_row, cost.once, cost.residence));
            }
        } else {
            notes.push(Note::NoIndex {
                field: field.name.clone(),
            });
            sums.interim_raw = sums.interim_raw.saturating_add(bytes);
        }
        if raw_needed {
            let behind_index = cost
                .as_ref()
                .is_some_and(|c| c.residence != Residence::NoFile);
            if vectors_on_disk(mmap, behind_index, input.version) {
                notes.push(Note::RawOnDisk {
                    field: field.name.clone(),
                });
            } else {
                sums.raw = sums.raw.saturating_add(bytes);
            }
        }
    }
    for index in input.indexes {
        let on_scalar = input
            .fields
            .iter()
            .any(|f| f.name == index.field_name && !f.data_type.is_vector());
        if on_scalar {
            notes.push(Note::ScalarIndex {
                field: index.field_name.clone(),
            });
        }
    }
    if input.dynamic_field {
        notes.push(Note::DynamicField);
        sums.binlog = sums.binlog.saturating_add(JSON_GUESS);
        sums.raw = sums.raw.saturating_add(JSON_GUESS * 2);
    }
    total(input.rows, &sums, notes)
}

/// Rows times the per-row sums, plus the constants, plus one segment's index for the peak.
fn total(rows: u64, sums: &Sums, notes: Vec<Note>) -> Estimate {
    if rows == 0 {
        return Estimate {
            steady: 0,
            peak: 0,
            breakdown: Breakdown::default(),
            notes,
        };
    }
    let per_rows = |per_row: u64| rows.saturating_mul(per_row);
    let breakdown = Breakdown {
        raw: per_rows(sums.raw),
        index: per_rows(sums.index)
            .saturating_add(per_rows(sums.disk_index) / 4)
            .saturating_add(sums.once),
        interim: per_rows(sums.interim_raw).saturating_mul(INTERIM_PERCENT) / 100,
        system: per_rows(SYSTEM_BYTES_PER_ROW),
    };
    let steady = [
        breakdown.raw,
        breakdown.index,
        breakdown.interim,
        breakdown.system,
    ]
    .iter()
    .fold(0u64, |sum, &b| sum.saturating_add(b));
    // One segment holds at most SEGMENT_MAX_BYTES of binlog.
    let segment_rows = match sums.binlog {
        0 => rows,
        binlog => rows.min(SEGMENT_MAX_BYTES / binlog),
    };
    let buffer = LOADING_BUFFER_BYTES;
    let extra = sums
        .segment_indexes
        .iter()
        .map(|&(per_row, once, residence)| {
            let file = segment_rows.saturating_mul(per_row).saturating_add(once);
            match residence {
                // 2 × file while loading, 1 × once loaded.
                Residence::Memory => file,
                // max(¼ file, 128 MiB) while loading, ¼ file once loaded.
                Residence::Disk => (file / 4).max(buffer) - file / 4,
                Residence::Mmap => buffer,
                Residence::NoFile => 0,
            }
        })
        .fold(0u64, u64::saturating_add);
    Estimate {
        steady,
        peak: steady.saturating_add(extra),
        breakdown,
        notes,
    }
}
