//! The memory a loaded collection takes on query nodes, per replica, by the rules of contract
//! section 10.7: raw data of fields without an index (strings and JSON twice), index files
//! (twice at the peak), system fields, and the interim index of unindexed vectors.

use super::index::{IndexType, VectorIndex};
use super::schema::Field;
use crate::compat::Compat;

/// RowID and Timestamp, always in memory.
const SYSTEM_BYTES_PER_ROW: u64 = 24;
/// The size of a sealed segment (`dataCoord.segment.maxSize`): the peak adds one more of
/// these worth of index.
pub const SEGMENT_MAX_BYTES: u64 = 1024 * MIB;
const MIB: u64 = 1 << 20;
/// The buffer a DISKANN index keeps in memory, at least.
const DISKANN_MIN_BYTES: u64 = 128 * MIB;

/// One replica's memory, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Estimate {
    /// Once loaded.
    pub steady: u64,
    /// What the loader adds on top while loading the largest segment.
    pub peak_extra: u64,
    /// DataCoord's binlog size of the rows (the raw data, once).
    pub binlog: u64,
}

/// Index file bytes for `rows` vectors of `field` (estimates from the index layouts); FLAT
/// and BIN_FLAT build no file.
fn index_file_bytes(index: &VectorIndex, kind: IndexType, field: &Field, rows: u64) -> u64 {
    let raw = field.raw_bytes_per_row();
    let dim = u64::from(field.dim.unwrap_or(0));
    let m = index.param("M").unwrap_or(18);
    let per_row = match kind {
        IndexType::Flat | IndexType::BinFlat => 0,
        IndexType::IvfFlat | IndexType::BinIvfFlat => raw + 8,
        IndexType::IvfSq8 => dim + 8,
        IndexType::IvfPq => index.param("m").unwrap_or(dim / 4).max(1) + 8,
        IndexType::Hnsw | IndexType::AutoIndex => raw + 8 * m + 16,
        IndexType::HnswSq => dim / 2 + 2 * dim + 8 * m + 16,
        IndexType::DiskAnn => raw + 4 * 56 + dim / 4,
        IndexType::SparseInvertedIndex => 150 * 8 + 64,
    };
    rows.saturating_mul(per_row)
}

/// The estimate for `rows` rows of a collection with these fields, its first vector field
/// indexed by `index` (none: every vector field is unindexed).
pub fn estimate(
    fields: &[Field],
    index: Option<&VectorIndex>,
    rows: u64,
    compat: Compat,
) -> Estimate {
    let mut steady = rows.saturating_mul(SYSTEM_BYTES_PER_ROW);
    let mut index_total = 0;
    let mut binlog = 0u64;
    for field in fields {
        let raw = rows.saturating_mul(field.raw_bytes_per_row());
        binlog = binlog.saturating_add(raw);
        let indexed = index.filter(|i| i.field == field.name);
        let Some(index) = indexed else {
            steady = steady.saturating_add(match field.data_type {
                t if t.is_vector() => raw + raw * 115 / 100,
                t if t.doubled_in_memory() => 2 * raw,
                _ => raw,
            });
            continue;
        };
        let kind = index.index_type.resolved(field.data_type, compat);
        let file = index_file_bytes(index, kind, field, rows);
        let in_memory = match kind {
            IndexType::DiskAnn => (file / 4).max(DISKANN_MIN_BYTES),
            IndexType::Flat | IndexType::BinFlat => raw,
            _ => file,
        };
        index_total = index_total.max(file);
        // Raw vectors behind an index that lacks them: in memory on 2.4, on disk from 2.5.
        let behind = if kind.has_raw_data() || !compat.raw_vectors_in_memory() {
            0
        } else {
            raw
        };
        steady = steady.saturating_add(in_memory).saturating_add(behind);
    }
    Estimate {
        steady,
        peak_extra: index_total.min(SEGMENT_MAX_BYTES),
        binlog,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{default_fields, DataType};

    #[test]
    fn hnsw_on_768_dimensions_takes_about_three_kilobytes_a_row() {
        let fields = default_fields(768);
        let index = VectorIndex::auto("vector");
        let e = estimate(&fields, Some(&index), 1_000, Compat::V2_6_0);
        // id 8 + tenant 64×2 + system 24 + HNSW (3072 + 8×18 + 16).
        assert_eq!(e.steady, 1_000 * (8 + 128 + 24 + 3072 + 144 + 16));
        assert_eq!(e.binlog, 1_000 * (8 + 64 + 3072));
        let newer = estimate(&fields, Some(&index), 1_000, Compat::new(6, 10));
        assert!(newer.steady < e.steady, "HNSW_SQ from 2.6.10");
    }

    #[test]
    fn an_index_without_raw_data_keeps_the_vectors_in_memory_only_on_2_4() {
        let fields = vec![Field::vector("v", DataType::FloatVector, 128)];
        let index = VectorIndex {
            index_type: IndexType::IvfSq8,
            ..VectorIndex::auto("v")
        };
        let old = estimate(&fields, Some(&index), 100, Compat::V2_4_13);
        let new = estimate(&fields, Some(&index), 100, Compat::V2_5_4);
        assert_eq!(old.steady - new.steady, 100 * 512);
    }
}
