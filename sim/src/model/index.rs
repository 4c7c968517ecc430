//! Vector indexes: the type the user asked for (`AUTOINDEX` stays `AUTOINDEX` in replies),
//! the type a server of a version builds for it, and whether it keeps the raw vectors.

use super::schema::DataType;
use crate::compat::Compat;

/// Index types of the common kinds, by their user-facing names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexType {
    AutoIndex,
    Flat,
    IvfFlat,
    IvfSq8,
    IvfPq,
    Hnsw,
    HnswSq,
    DiskAnn,
    BinFlat,
    BinIvfFlat,
    SparseInvertedIndex,
}

const ALL: [IndexType; 11] = [
    IndexType::AutoIndex,
    IndexType::Flat,
    IndexType::IvfFlat,
    IndexType::IvfSq8,
    IndexType::IvfPq,
    IndexType::Hnsw,
    IndexType::HnswSq,
    IndexType::DiskAnn,
    IndexType::BinFlat,
    IndexType::BinIvfFlat,
    IndexType::SparseInvertedIndex,
];

impl IndexType {
    pub fn name(self) -> &'static str {
        match self {
            IndexType::AutoIndex => "AUTOINDEX",
            IndexType::Flat => "FLAT",
            IndexType::IvfFlat => "IVF_FLAT",
            IndexType::IvfSq8 => "IVF_SQ8",
            IndexType::IvfPq => "IVF_PQ",
            IndexType::Hnsw => "HNSW",
            IndexType::HnswSq => "HNSW_SQ",
            IndexType::DiskAnn => "DISKANN",
            IndexType::BinFlat => "BIN_FLAT",
            IndexType::BinIvfFlat => "BIN_IVF_FLAT",
            IndexType::SparseInvertedIndex => "SPARSE_INVERTED_INDEX",
        }
    }

    pub fn parse(name: &str) -> Option<IndexType> {
        ALL.into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name))
    }

    /// The type built for this one on a field of `data_type`: AUTOINDEX is HNSW (M=18) for
    /// float vectors up to 2.6.9 and HNSW_SQ from 2.6.10; sparse, binary and int8 vectors have
    /// their own.
    pub fn resolved(self, data_type: DataType, compat: Compat) -> IndexType {
        if self != IndexType::AutoIndex {
            return self;
        }
        match data_type {
            DataType::SparseFloatVector => IndexType::SparseInvertedIndex,
            DataType::BinaryVector => IndexType::BinIvfFlat,
            DataType::Int8Vector => IndexType::Hnsw,
            _ if compat.autoindex_is_hnsw_sq() => IndexType::HnswSq,
            _ => IndexType::Hnsw,
        }
    }

    /// Whether the index keeps the raw vectors (knowhere `HasRawData`); DISKANN with IP does
    /// not, which this simulator does not distinguish.
    pub fn has_raw_data(self) -> bool {
        !matches!(
            self,
            IndexType::IvfSq8 | IndexType::IvfPq | IndexType::HnswSq
        )
    }
}

/// The index of a collection's first vector field.
#[derive(Clone, Debug, PartialEq)]
pub struct VectorIndex {
    pub name: String,
    pub field: String,
    pub index_type: IndexType,
    pub metric: String,
    /// The user's build parameters (`M`, `efConstruction`, `nlist`...).
    pub params: Vec<(String, String)>,
}

impl VectorIndex {
    /// AUTOINDEX with COSINE on `field`, named after it (what quick setup builds).
    pub fn auto(field: &str) -> VectorIndex {
        VectorIndex {
            name: field.to_string(),
            field: field.to_string(),
            index_type: IndexType::AutoIndex,
            metric: "COSINE".to_string(),
            params: Vec::new(),
        }
    }

    /// A build parameter as a number, if set.
    pub fn param(&self, key: &str) -> Option<u64> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.parse().ok())
    }
}
