//! Every index type of 10.7's table. Unless said otherwise: `float128()` (Int64 8 B +
//! FloatVector d = 128, 4d = 512 B per row), 1,000,000 rows (R), system 24 B per row; the
//! binlog is 520 B per row, so one segment (1 GiB) holds all R rows and the peak adds the
//! whole index once (2 × file while loading, 1 × loaded).

use super::{check, field, index, on_vec, v, vector, Case, M};
use crate::api::{DataType, IndexType::*};

#[test]
fn float_vector_indexes() {
    check(&[
        // FLAT: no index file (10.9); raw vectors in memory on 2.4.
        // R × (8 + 512 + 24) = 544,000,000; no file, so peak = steady.
        on_vec("FLAT", Flat, &[], v(2, 4, 24), 544 * M, 544 * M),
        // IVF_FLAT: 4d + 8 = 520 per row, + nlist·4d = 1024 × 512 = 524,288 once; keeps raw.
        // R × (8 + 520 + 24) + 524,288 = 552,524,288; peak + (R × 520 + 524,288).
        on_vec(
            "IVF_FLAT",
            IvfFlat,
            &[("nlist", "1024")],
            v(2, 4, 24),
            552_524_288,
            552_524_288 + 520_524_288,
        ),
        // IVF_SQ8: d + 8 = 136 per row, + centroids 128 × 4 × 128 = 65,536; no raw data, and
        // 2.4 keeps the raw vectors in memory: R × (8 + 512 + 136 + 24) + 65,536.
        // Peak + R × 136 + 65,536.
        on_vec(
            "IVF_SQ8 on 2.4",
            IvfSq8,
            &[("nlist", "128")],
            v(2, 4, 24),
            680_065_536,
            680_065_536 + 136_065_536,
        ),
        // Same on 2.5: raw vectors behind the index go to disk (chunk cache).
        // R × (8 + 136 + 24) + 65,536 = 168,065,536.
        on_vec(
            "IVF_SQ8 on 2.5",
            IvfSq8,
            &[("nlist", "128")],
            v(2, 5, 4),
            168_065_536,
            168_065_536 + 136_065_536,
        ),
        // IVF_PQ m = 16, nbits = 8: m·nbits/8 + 8 = 24 per row; centroids 128 × 512 = 65,536
        // + codebooks 2^8 × 4d = 131,072 → 196,608 once; 2.5: raw on disk.
        // R × (8 + 24 + 24) + 196,608 = 56,196,608; peak + R × 24 + 196,608.
        on_vec(
            "IVF_PQ",
            IvfPq,
            &[("nlist", "128"), ("m", "16"), ("nbits", "8")],
            v(2, 5, 4),
            56_196_608,
            56_196_608 + 24_196_608,
        ),
        // IVF_PQ without params: knowhere's defaults nlist 1024, m 4, nbits 8: 4 + 8 = 12 per
        // row; 1024 × 512 + 256 × 512 = 655,360 once; 2.4: raw 512 in memory.
        // R × (8 + 512 + 12 + 24) + 655,360 = 556,655,360; peak + 12,000,000 + 655,360.
        on_vec(
            "IVF_PQ defaults",
            IvfPq,
            &[],
            v(2, 4, 24),
            556_655_360,
            556_655_360 + 12_655_360,
        ),
        // HNSW M = 16: 4d + 8M + 16 = 512 + 128 + 16 = 656 per row; keeps raw.
        // R × (8 + 656 + 24) = 688,000,000; peak + 656,000,000.
        on_vec(
            "HNSW",
            Hnsw,
            &[("M", "16")],
            v(2, 4, 24),
            688 * M,
            1_344 * M,
        ),
        // HNSW_SQ SQ8, no refine, M = 16: d + 8M + 16 = 128 + 144 = 272; no raw data, 2.6
        // keeps raw vectors on disk (mmap.vectorField). R × (8 + 272 + 24) = 304,000,000.
        on_vec(
            "HNSW_SQ SQ8",
            HnswSq,
            &[("M", "16"), ("sq_type", "SQ8"), ("refine", "false")],
            v(2, 6, 10),
            304 * M,
            576 * M,
        ),
        // HNSW_SQ SQ6 + FP32 refine (lossless, keeps raw): 6d/8 + 4d + 144 = 96 + 512 + 144
        // = 752. R × (8 + 752 + 24) = 784,000,000; peak + 752,000,000.
        on_vec(
            "HNSW_SQ SQ6 + FP32 refine",
            HnswSq,
            &[
                ("M", "16"),
                ("sq_type", "SQ6"),
                ("refine", "true"),
                ("refine_type", "FP32"),
            ],
            v(2, 4, 24),
            784 * M,
            1_536 * M,
        ),
        // HNSW_PQ m = 32, nbits = 8, M = 16: 32 + 144 = 176; no raw data, 2.5 disk.
        // R × (8 + 176 + 24) = 208,000,000; peak + 176,000,000.
        on_vec(
            "HNSW_PQ",
            HnswPq,
            &[("M", "16"), ("m", "32"), ("nbits", "8")],
            v(2, 5, 4),
            208 * M,
            384 * M,
        ),
        // HNSW_PRQ m = 32, nbits = 8, nrq = 2, SQ8 refine (lossy), M = 16: 32 × 2 + 128 + 144
        // = 336; raw 512 in memory on 2.4. R × (8 + 512 + 336 + 24) = 880,000,000.
        on_vec(
            "HNSW_PRQ + SQ8 refine",
            HnswPrq,
            &[
                ("M", "16"),
                ("m", "32"),
                ("nbits", "8"),
                ("nrq", "2"),
                ("refine", "true"),
                ("refine_type", "SQ8"),
            ],
            v(2, 4, 24),
            880 * M,
            1_216 * M,
        ),
        // DISKANN L2 (keeps raw), max_degree 56: 4d + 4·56 + PQ codes 4d/8 = 512 + 224 + 64
        // = 800 file bytes per row, on disk, ¼ in memory: R × (8 + 24) + R × 800 / 4
        // = 232,000,000. Peak: one segment's max(¼ × 800,000,000, 128 MiB) − ¼ file = 0.
        on_vec(
            "DISKANN L2",
            DiskAnn,
            &[("max_degree", "56")],
            v(2, 4, 24),
            232 * M,
            232 * M,
        ),
        // HNSW M = 16 mmap'ed (index param): file on disk, keeps raw: R × (8 + 24).
        // Peak + 128 MiB = 134,217,728.
        on_vec(
            "HNSW mmap",
            Hnsw,
            &[("M", "16"), ("mmap.enabled", "true")],
            v(2, 5, 4),
            32 * M,
            32 * M + 134_217_728,
        ),
        // An index type 10.7 does not know: counted as raw vectors, no file (2.4: memory).
        on_vec(
            "SCANN",
            Unknown("SCANN".into()),
            &[],
            v(2, 4, 24),
            544 * M,
            544 * M,
        ),
    ]);
}

#[test]
fn diskann_ip_keeps_no_raw_data_and_a_small_segment_reserves_128_mib() {
    // 100,000 rows, IP: raw 512 in memory on 2.4; file 800 per row, ¼ in memory.
    // 100,000 × (8 + 512 + 24) + 100,000 × 800 / 4 = 54,400,000 + 20,000,000 = 74,400,000.
    // Peak: file 80,000,000, ¼ = 20,000,000 < 128 MiB: + 134,217,728 − 20,000,000.
    let mut case = on_vec("DISKANN IP", DiskAnn, &[], v(2, 4, 24), 74_400_000, 0);
    case.rows = 100_000;
    case.peak = 74_400_000 + 114_217_728;
    case.indexes[0].metric_type = "IP".into();
    check(&[case]);
}

#[test]
fn binary_and_sparse_indexes() {
    let binary = || {
        vec![
            field("id", DataType::Int64),
            vector("bin", DataType::BinaryVector, 256),
        ]
    };
    let sparse = || {
        vec![
            field("id", DataType::Int64),
            field("sparse", DataType::SparseFloatVector),
        ]
    };
    let case = |name, fields, index, rows, version, steady, peak| Case {
        name,
        fields,
        dynamic: false,
        mmap: None,
        rows,
        indexes: vec![index],
        version,
        steady,
        peak,
    };
    check(&[
        // BIN_FLAT: no file; raw d/8 = 32 B per row in memory. R × (8 + 32 + 24).
        case(
            "BIN_FLAT",
            binary(),
            index("bin", BinFlat, &[]),
            M,
            v(2, 4, 24),
            64 * M,
            64 * M,
        ),
        // BIN_IVF_FLAT: d/8 + 8 = 40 per row, keeps raw. R × (8 + 40 + 24); peak + R × 40.
        case(
            "BIN_IVF_FLAT",
            binary(),
            index("bin", BinIvfFlat, &[("nlist", "128")]),
            M,
            v(2, 5, 4),
            72 * M,
            112 * M,
        ),
        // SPARSE_INVERTED_INDEX: 8 B × 150 non-zeros = 1200 per row (raw guess 1200), kept
        // raw. R × (8 + 1200 + 24) = 1,232,000,000. Binlog 1208 B per row: a segment holds
        // 1,073,741,824 / 1208 = 888,859 rows; peak + 888,859 × 1200 = 1,066,630,800.
        case(
            "SPARSE_INVERTED_INDEX",
            sparse(),
            index("sparse", SparseInvertedIndex, &[]),
            M,
            v(2, 5, 4),
            1_232 * M,
            1_232 * M + 1_066_630_800,
        ),
        // SPARSE_WAND, 100,000 rows: 100,000 × 1232 = 123,200,000; peak + 100,000 × 1200.
        case(
            "SPARSE_WAND",
            sparse(),
            index("sparse", SparseWand, &[]),
            100_000,
            v(2, 4, 24),
            123_200_000,
            243_200_000,
        ),
    ]);
}

#[test]
fn a_vector_field_without_index_adds_the_interim_index() {
    let case = |name, version, steady| Case {
        name,
        fields: super::float128(),
        dynamic: false,
        mmap: None,
        rows: M,
        indexes: vec![],
        version,
        steady,
        peak: steady,
    };
    check(&[
        // Raw 512 in memory + 1.15 × 512 × R = 588,800,000 interim:
        // R × (8 + 512 + 24) + 588,800,000 = 1,132,800,000.
        case("unindexed on 2.4", v(2, 4, 24), 1_132_800_000),
        // 2.6: raw vectors mmap'ed by default; the interim index stays:
        // R × (8 + 24) + 588,800,000 = 620,800,000.
        case("unindexed on 2.6", v(2, 6, 10), 620_800_000),
    ]);
}
