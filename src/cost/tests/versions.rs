//! What the version changes: AUTOINDEX's real type (10.7, AUTOINDEX rows) and where raw
//! vectors live. `float128()`, 1,000,000 rows (R), as in `indexes`.

use super::{check, field, index, on_vec, run_case, v, vector, Case, M};
use crate::api::{DataType, IndexType::*};
use crate::cost::{Note, ServerVersion};

#[test]
fn autoindex_resolves_per_version() {
    check(&[
        // HNSW M = 18: 512 + 8 × 18 + 16 = 672 per row, keeps raw.
        // R × (8 + 672 + 24) = 704,000,000; peak + 672,000,000.
        on_vec(
            "AUTOINDEX 2.4",
            AutoIndex,
            &[],
            v(2, 4, 24),
            704 * M,
            1_376 * M,
        ),
        on_vec(
            "AUTOINDEX 2.6.9",
            AutoIndex,
            &[],
            v(2, 6, 9),
            704 * M,
            1_376 * M,
        ),
        // 2.6.10+: HNSW_SQ SQ4U + FP16 refine, M = 18: d/2 + 2d + 8 × 18 + 16 = 64 + 256
        // + 160 = 480 (the doc's 2.5d + 160); lossy, so raw vectors stay on disk (2.6).
        // R × (8 + 480 + 24) = 512,000,000; peak + 480,000,000.
        on_vec(
            "AUTOINDEX 2.6.10",
            AutoIndex,
            &[],
            v(2, 6, 10),
            512 * M,
            992 * M,
        ),
        // No version: HNSW, as 2.4.
        on_vec(
            "AUTOINDEX unknown",
            AutoIndex,
            &[],
            None,
            704 * M,
            1_376 * M,
        ),
    ]);
}

#[test]
fn autoindex_on_other_vector_types() {
    let case = |name, vec_field, version, steady, peak| Case {
        name,
        fields: vec![field("id", DataType::Int64), vec_field],
        dynamic: false,
        mmap: None,
        rows: M,
        indexes: vec![index("v", AutoIndex, &[])],
        version,
        steady,
        peak,
    };
    let sparse = crate::api::FieldSchema::new("v", DataType::SparseFloatVector);
    check(&[
        // Sparse → SPARSE_INVERTED_INDEX: 1200 per row; R × (8 + 1200 + 24); a segment holds
        // 888,859 rows (1 GiB / 1208 B): peak + 888,859 × 1200.
        case(
            "AUTOINDEX sparse",
            sparse,
            v(2, 5, 4),
            1_232 * M,
            1_232 * M + 1_066_630_800,
        ),
        // Binary d = 256 → BIN_IVF_FLAT: 32 + 8 = 40 per row. R × (8 + 40 + 24).
        case(
            "AUTOINDEX binary",
            vector("v", DataType::BinaryVector, 256),
            v(2, 5, 4),
            72 * M,
            112 * M,
        ),
        // Int8 d = 128 → HNSW M = 18: raw d = 128, 128 + 160 = 288 per row.
        // R × (8 + 288 + 24) = 320,000,000; peak + 288,000,000.
        case(
            "AUTOINDEX int8",
            vector("v", DataType::Int8Vector, 128),
            v(2, 6, 10),
            320 * M,
            608 * M,
        ),
    ]);
}

#[test]
fn flat_raw_vectors_follow_the_mmap_default_of_the_version() {
    check(&[
        // 2.6: the raw vectors of a field without index file are mmap'ed: R × (8 + 24).
        on_vec("FLAT 2.6", Flat, &[], v(2, 6, 10), 32 * M, 32 * M),
        // 2.5: in memory. R × (8 + 512 + 24).
        on_vec("FLAT 2.5", Flat, &[], v(2, 5, 4), 544 * M, 544 * M),
    ]);
}

#[test]
fn notes_say_what_was_resolved_and_assumed() {
    let notes = run_case(&on_vec("auto", AutoIndex, &[], v(2, 6, 10), 0, 0)).notes;
    assert!(notes.contains(&Note::AutoIndex {
        field: "vec".into(),
        resolved: "HNSW_SQ (SQ4U, FP16 refine, M=18)".into()
    }));
    assert!(notes.contains(&Note::RawOnDisk {
        field: "vec".into()
    }));
    let notes = run_case(&on_vec("auto", AutoIndex, &[], None, 0, 0)).notes;
    assert!(notes.contains(&Note::VersionUnknown));
    let notes = run_case(&on_vec("pq", IvfPq, &[("m", "x")], v(2, 4, 24), 0, 0)).notes;
    for (param, value) in [("nlist", "1024"), ("m", "4"), ("nbits", "8")] {
        assert!(notes.contains(&Note::DefaultParam {
            field: "vec".into(),
            param,
            value
        }));
    }
    let notes = run_case(&on_vec("hnsw", Hnsw, &[], v(2, 4, 24), 0, 0)).notes;
    assert!(notes
        .iter()
        .any(|n| n.text() == "vec: M not set, the default 16 assumed."));
}

#[test]
fn versions_parse() {
    let parsed = |text| ServerVersion::parse(text);
    assert_eq!(parsed("2.6.10"), Some(ServerVersion::new(2, 6, 10)));
    assert_eq!(parsed(" v2.5.4-rc1 "), Some(ServerVersion::new(2, 5, 4)));
    assert_eq!(parsed("2.4.24+gabc"), Some(ServerVersion::new(2, 4, 24)));
    assert_eq!(parsed("2.6"), Some(ServerVersion::new(2, 6, 0)));
    for bad in [
        "",
        "master",
        "2",
        "2.x.1",
        "2.6.10.1",
        "v",
        "2..1",
        "99999999999.1.1",
    ] {
        assert_eq!(parsed(bad), None, "{bad}");
    }
    assert!(ServerVersion::new(2, 6, 10) > ServerVersion::new(2, 6, 9));
    assert!(ServerVersion::new(2, 10, 0) > ServerVersion::new(2, 6, 10));
}
