//! What a vector index costs (memory doc 10.7, index table; 10.9 for FLAT): its file bytes per
//! row and once per collection, whether it holds the raw vectors, and where it lives.
//! AUTOINDEX is first resolved to the type the server builds for the version.

use crate::api::{DataType, FieldSchema, IndexDescription, IndexType};

use super::notes::Note;
use super::version::ServerVersion;

/// Where an index lives once loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Residence {
    /// In memory: 1 × file loaded, 2 × file while a segment loads.
    Memory,
    /// FLAT, BIN_FLAT: no file; the raw vectors are what is loaded.
    NoFile,
    /// mmap'ed: file on disk, a 128 MiB buffer while a segment loads.
    Mmap,
    /// DISKANN: file on disk, a quarter of it in memory.
    Disk,
}

/// The cost of one field's index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct IndexCost {
    /// Index file bytes per row.
    pub per_row: u64,
    /// Index file bytes once per collection (centroids, codebooks).
    pub once: u64,
    /// The index holds the raw vectors (knowhere `HasRawData`).
    pub keeps_raw: bool,
    pub residence: Residence,
}

/// AUTOINDEX's HNSW `M` on every version (`autoindex_param_nocuda.go`).
const AUTO_M: &str = "18";
/// From 2.6.10, AUTOINDEX on float vectors builds HNSW_SQ (SQ4U, FP16 refine).
const AUTO_SQ_FROM: ServerVersion = ServerVersion::new(2, 6, 10);

/// `index` with AUTOINDEX replaced by the type and params the server builds.
fn resolve_auto(
    field: &FieldSchema,
    index: &IndexDescription,
    version: Option<ServerVersion>,
    notes: &mut Vec<Note>,
) -> IndexDescription {
    use DataType::*;
    if index.index_type != IndexType::AutoIndex {
        return index.clone();
    }
    let mut resolved = index.clone();
    resolved.params.retain(|(k, _)| k == "mmap.enabled");
    let (index_type, params, text): (IndexType, &[(&str, &str)], &str) = match field.data_type {
        SparseFloatVector => (IndexType::SparseInvertedIndex, &[], "SPARSE_INVERTED_INDEX"),
        BinaryVector => (IndexType::BinIvfFlat, &[], "BIN_IVF_FLAT"),
        FloatVector | Float16Vector | BFloat16Vector if version >= Some(AUTO_SQ_FROM) => (
            IndexType::HnswSq,
            &[
                ("M", AUTO_M),
                ("sq_type", "SQ4U"),
                ("refine", "true"),
                ("refine_type", "FP16"),
            ],
            "HNSW_SQ (SQ4U, FP16 refine, M=18)",
        ),
        _ => (IndexType::Hnsw, &[("M", AUTO_M)], "HNSW (M=18)"),
    };
    resolved.index_type = index_type;
    resolved
        .params
        .extend(params.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    notes.push(Note::AutoIndex {
        field: field.name.clone(),
        resolved: text.to_string(),
    });
    resolved
}

/// Build params read with the index library's defaults, noting each default taken.
struct Params<'a> {
    index: &'a IndexDescription,
    field: &'a str,
    notes: &'a mut Vec<Note>,
}

impl Params<'_> {
    /// Whole-number param `key`, at most `max`; `default` (noted) when unset or unreadable.
    fn number(&mut self, key: &'static str, default: &'static str, max: u64) -> u64 {
        let read = self
            .index
            .param(key)
            .and_then(|v| v.trim().parse::<u64>().ok());
        let value = read.unwrap_or_else(|| {
            self.noted(key, default);
            default.parse().unwrap_or(0)
        });
        value.min(max)
    }

    /// Text param `key` in upper case; `default` (noted) when unset.
    fn text(&mut self, key: &'static str, default: &'static str) -> String {
        match self.index.param(key) {
            Some(value) => value.trim().to_ascii_uppercase(),
            None => {
                self.noted(key, default);
                default.to_string()
            }
        }
    }

    fn noted(&mut self, param: &'static str, value: &'static str) {
        self.notes.push(Note::DefaultParam {
            field: self.field.to_string(),
            param,
            value,
        });
    }
}

/// Bytes per row of a scalar-quantised code (`sq_type`, `refine_type`) for dimension `d`.
fn code_bytes(kind: &str, d: u64) -> u64 {
    match kind {
        "SQ4U" => d / 2,
        "SQ6" => d * 6 / 8,
        "FP16" | "BF16" => 2 * d,
        "FP32" => 4 * d,
        _ => d,
    }
}

/// HNSW's graph per row: level 0 holds 2M int32 links, plus about 16 B of upper levels.
fn graph(m: u64) -> u64 {
    8 * m + 16
}

/// The cost of `index` on `field`, whose raw vectors take `raw` bytes per row.
pub(crate) fn index_cost(
    field: &FieldSchema,
    raw: u64,
    index: &IndexDescription,
    version: Option<ServerVersion>,
    notes: &mut Vec<Note>,
) -> IndexCost {
    use IndexType::*;
    let index = resolve_auto(field, index, version, notes);
    let name = field.name.as_str();
    let d = field.dim.map_or(0, u64::from);
    let mut p = Params {
        index: &index,
        field: name,
        notes,
    };
    let memory = |per_row: u64, once: u64, keeps_raw: bool| IndexCost {
        per_row,
        once,
        keeps_raw,
        residence: Residence::Memory,
    };
    let mut cost = match &index.index_type {
        Flat | BinFlat => IndexCost {
            per_row: 0,
            once: 0,
            keeps_raw: false,
            residence: Residence::NoFile,
        },
        IvfFlat => memory(raw + 8, p.number("nlist", "1024", 1 << 16) * raw, true),
        IvfSq8 => memory(d + 8, p.number("nlist", "1024", 1 << 16) * 4 * d, false),
        IvfPq => {
            let nlist = p.number("nlist", "1024", 1 << 16);
            let (m, nbits) = (p.number("m", "4", 1 << 16), p.number("nbits", "8", 16));
            let codebooks = (1u64 << nbits) * 4 * d;
            memory(
                (m * nbits).div_ceil(8) + 8,
                nlist * 4 * d + codebooks,
                false,
            )
        }
        Hnsw => memory(raw + graph(p.number("M", "16", 1 << 16)), 0, true),
        HnswSq | HnswPq | HnswPrq => {
            let m_graph = p.number("M", "16", 1 << 16);
            let code = match &index.index_type {
                HnswSq => code_bytes(&p.text("sq_type", "SQ8"), d),
                _ => {
                    let (m, nbits) = (p.number("m", "4", 1 << 16), p.number("nbits", "8", 16));
                    let rounds = match index.index_type {
                        HnswPrq => p.number("nrq", "2", 1 << 8),
                        _ => 1,
                    };
                    (m * nbits).div_ceil(8) * rounds
                }
            };
            let refine = index
                .param("refine")
                .is_some_and(|r| r.trim().eq_ignore_ascii_case("true"));
            let (refine_bytes, lossless) = if refine {
                let kind = p.text("refine_type", "FP32");
                let lossless = kind == "FP32"
                    || (kind == "FP16" && field.data_type == DataType::Float16Vector)
                    || (kind == "BF16" && field.data_type == DataType::BFloat16Vector);
                (code_bytes(&kind, d), lossless)
            } else {
                (0, false)
            };
            memory(code + refine_bytes + graph(m_graph), 0, lossless)
        }
        DiskAnn => {
            let degree = p.number("max_degree", "56", 1 << 16);
            // PQ codes: `pq_code_budget_gb_ratio` (0.125) of the raw vectors.
            let keeps_raw = !index.metric_type.trim().eq_ignore_ascii_case("IP");
            IndexCost {
                per_row: raw + 4 * degree + raw / 8,
                once: 0,
                keeps_raw,
                residence: Residence::Disk,
            }
        }
        BinIvfFlat => memory(d / 8 + 8, 0, true),
        SparseInvertedIndex | SparseWand => {
            p.notes.push(Note::Unverified {
                field: name.to_string(),
                index: index.index_type.name().to_string(),
            });
            memory(raw, 0, true)
        }
        AutoIndex | Unknown(_) => {
            p.notes.push(Note::UnknownIndex {
                field: name.to_string(),
                index: index.index_type.name().to_string(),
            });
            IndexCost {
                per_row: 0,
                once: 0,
                keeps_raw: false,
                residence: Residence::NoFile,
            }
        }
    };
    let mmap = index.mmap == Some(true)
        || index
            .param("mmap.enabled")
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("true"));
    if mmap && cost.residence == Residence::Memory {
        cost.residence = Residence::Mmap;
    }
    match cost.residence {
        Residence::NoFile if matches!(index.index_type, Flat | BinFlat) => {
            notes.push(Note::NoIndexFile {
                field: name.to_string(),
                index: index.index_type.name().to_string(),
            })
        }
        Residence::Mmap => notes.push(Note::IndexMmap {
            field: name.to_string(),
        }),
        Residence::Disk => notes.push(Note::DiskIndex {
            field: name.to_string(),
        }),
        _ => {}
    }
    cost
}
