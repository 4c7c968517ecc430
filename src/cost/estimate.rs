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
}

fn clamp(value: u128) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

/// Per-row sums and constants gathered over the fields.
#[derive(Default)]
struct Sums {
    raw: u128,
    index: u128,
    /// DISKANN file bytes per row: a quarter of them stays in memory.
    disk_index: u128,
    interim_raw: u128,
    once: u128,
    /// Binlog bytes per row of every counted field: what fills a segment.
    binlog: u128,
    /// (file bytes per row, once, residence) of each indexed field, for the peak.
    segment_indexes: Vec<(u128, u128, Residence)>,
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
        sums.binlog += u128::from(bytes);
        let mmap = field.mmap.or(input.mmap);
        if !field.data_type.is_vector() {
            if mmap == Some(true) {
                notes.push(Note::RawOnDisk {
                    field: field.name.clone(),
                });
            } else {
                sums.raw += u128::from(bytes * memory_factor(&field.data_type));
            }
            continue;
        }
        let index = input.indexes.iter().find(|i| i.field_name == field.name);
        let cost = index.map(|i| index_cost(field, bytes, i, input.version, &mut notes));
        let raw_needed = cost.as_ref().is_none_or(|c| !c.keeps_raw);
        if let Some(cost) = &cost {
            sums.once += u128::from(cost.once);
            match cost.residence {
                Residence::Memory => sums.index += u128::from(cost.per_row),
                Residence::Disk => sums.disk_index += u128::from(cost.per_row),
                Residence::Mmap | Residence::NoFile => {}
            }
            if cost.residence != Residence::NoFile {
                let once = u128::from(cost.once);
                sums.segment_indexes
                    .push((u128::from(cost.per_row), once, cost.residence));
            }
        } else {
            notes.push(Note::NoIndex {
                field: field.name.clone(),
            });
            sums.interim_raw += u128::from(bytes);
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
                sums.raw += u128::from(bytes);
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
        sums.binlog += u128::from(JSON_GUESS);
        sums.raw += u128::from(JSON_GUESS * 2);
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
    let rows128 = u128::from(rows);
    let breakdown = Breakdown {
        raw: clamp(rows128 * sums.raw),
        index: clamp(rows128 * sums.index + rows128 * sums.disk_index / 4 + sums.once),
        interim: clamp(rows128 * sums.interim_raw * u128::from(INTERIM_PERCENT) / 100),
        system: clamp(rows128 * u128::from(SYSTEM_BYTES_PER_ROW)),
    };
    let steady = clamp(
        [
            breakdown.raw,
            breakdown.index,
            breakdown.interim,
            breakdown.system,
        ]
        .iter()
        .map(|&b| u128::from(b))
        .sum(),
    );
    // One segment holds at most SEGMENT_MAX_BYTES of binlog.
    // Divided as u64: a u128 division would add its own routine to the wasm.
    let segment_rows = match clamp(sums.binlog) {
        0 => rows128,
        binlog => rows128.min(u128::from(SEGMENT_MAX_BYTES / binlog)),
    };
    let buffer = u128::from(LOADING_BUFFER_BYTES);
    let extra: u128 = sums
        .segment_indexes
        .iter()
        .map(|&(per_row, once, residence)| {
            let file = segment_rows * per_row + once;
            match residence {
                // 2 × file while loading, 1 × once loaded.
                Residence::Memory => file,
                // max(¼ file, 128 MiB) while loading, ¼ file once loaded.
                Residence::Disk => (file / 4).max(buffer) - file / 4,
                Residence::Mmap => buffer,
                Residence::NoFile => 0,
            }
        })
        .sum();
    Estimate {
        steady,
        peak: clamp(u128::from(steady) + extra),
        breakdown,
        notes,
    }
}
