//! Every field type of 10.7's bytes-per-row table, the doubling of strings and JSON, the
//! dynamic field, mmap, and the edges (no rows, huge counts, big collections, unsized types).

use super::{check, field, index, run_case, v, vector, Case, M};
use crate::api::{
    DataType,
    DataType::*,
    FieldSchema, IndexType,
    IndexType::{Hnsw, HnswSq},
};
use crate::cost::Note;

/// Every scalar type, plus an 8-dimensional FloatVector with HNSW M = 8.
fn every_scalar() -> Vec<FieldSchema> {
    vec![
        field("id", Int64),
        field("b", Bool),
        field("i8", Int8),
        field("i16", Int16),
        field("i32", Int32),
        field("f", Float),
        field("dbl", Double),
        field("ts", Timestamptz),
        field("title", VarChar).with_max_length(512),
        field("short", VarChar).with_max_length(64),
        field("body", Text),
        field("meta", Json),
        field("tags", Array),
        vector("vec", FloatVector, 8),
    ]
}

#[test]
fn scalar_types_and_the_dynamic_field() {
    check(&[
        // In memory per row: Int64 8 + Bool 1 + Int8 1 + Int16 2 + Int32 4 + Float 4
        // + Double 8 + Timestamptz 8 = 36; VarChar(512) min(512, 256) = 256 × 2 = 512;
        // VarChar(64) 64 × 2 = 128; Text (no max_length) 256 × 2 = 512; JSON 512 × 2 = 1024;
        // Array 512 × 1 = 512 → 2724; `$meta` 512 × 2 = 1024 → 3748.
        // HNSW M = 8 on d = 8: 4 × 8 + 8 × 8 + 16 = 112, keeps raw. System 24.
        // R × (3748 + 112 + 24) = 3,884,000,000.
        // Binlog per row: 36 + 256 + 64 + 256 + 512 + 512 + 32 + `$meta` 512 = 2180, so a
        // segment holds 1,073,741,824 / 2180 = 492,542 rows: peak + 492,542 × 112 = 55,164,704.
        Case {
            name: "every scalar type",
            fields: every_scalar(),
            dynamic: true,
            mmap: None,
            rows: M,
            indexes: vec![index("vec", Hnsw, &[("M", "8")])],
            version: v(2, 5, 4),
            steady: 3_884 * M,
            peak: 3_884 * M + 55_164_704,
        },
    ]);
}

#[test]
fn half_precision_vectors() {
    let case = |name, data_type, index| Case {
        name,
        fields: vec![field("id", Int64), vector("vec", data_type, 128)],
        dynamic: false,
        mmap: None,
        rows: M,
        indexes: vec![index],
        version: v(2, 4, 24),
        steady: 0,
        peak: 0,
    };
    let mut f16 = case(
        "Float16 HNSW",
        Float16Vector,
        index("vec", Hnsw, &[("M", "16")]),
    );
    // 2d = 256 raw; HNSW 256 + 144 = 400, keeps raw. R × (8 + 400 + 24); peak + R × 400.
    (f16.steady, f16.peak) = (432 * M, 832 * M);
    let sq = [
        ("M", "16"),
        ("sq_type", "SQ8"),
        ("refine", "true"),
        ("refine_type", "BF16"),
    ];
    let mut bf16 = case(
        "BFloat16 HNSW_SQ",
        BFloat16Vector,
        index("vec", HnswSq, &sq),
    );
    // SQ8 d = 128 + BF16 refine 2d = 256 (lossless for BFloat16) + 144 = 528, keeps raw.
    // R × (8 + 528 + 24) = 560,000,000; peak + 528,000,000.
    (bf16.steady, bf16.peak) = (560 * M, 1_088 * M);
    check(&[f16, bf16]);
}

#[test]
fn mmap_keeps_raw_data_on_disk() {
    // Collection `mmap.enabled`: Int64 and VarChar(512) on disk; HNSW M = 16 keeps the
    // vectors in its 656 B per row. R × (656 + 24) = 680,000,000; peak + 656,000,000.
    let fields = vec![
        field("id", Int64),
        field("title", VarChar).with_max_length(512),
        vector("vec", FloatVector, 128),
    ];
    let collection = Case {
        name: "collection mmap",
        fields: fields.clone(),
        dynamic: false,
        mmap: Some(true),
        rows: M,
        indexes: vec![index("vec", Hnsw, &[("M", "16")])],
        version: v(2, 4, 24),
        steady: 680 * M,
        peak: 1_336 * M,
    };
    // A field's own `mmap.enabled: false` wins: the VarChar is back, 256 × 2 = 512 per row.
    let mut own = collection.clone_shape("field mmap off", 1_192 * M, 1_848 * M);
    own.fields[1] = fields[1].clone().with_mmap(false);
    check(&[collection, own]);
}

impl Case {
    /// This case's inputs under another name and expectation.
    fn clone_shape(&self, name: &'static str, steady: u64, peak: u64) -> Case {
        Case {
            name,
            fields: self.fields.clone(),
            dynamic: self.dynamic,
            mmap: self.mmap,
            rows: self.rows,
            indexes: self.indexes.clone(),
            version: self.version,
            steady,
            peak,
        }
    }
}

#[test]
fn row_count_edges() {
    let hnsw = || vec![index("vec", Hnsw, &[("M", "16")])];
    let base = Case {
        name: "no rows",
        fields: super::float128(),
        dynamic: false,
        mmap: None,
        rows: 0,
        indexes: hnsw(),
        version: v(2, 4, 24),
        steady: 0,
        peak: 0,
    };
    // 10,000,000 rows, HNSW M = 16 (656 per row): 10M × (8 + 656 + 24) = 6,880,000,000.
    // Binlog 520 B per row: a segment holds 1,073,741,824 / 520 = 2,064,888 rows, so the
    // peak adds 2,064,888 × 656 = 1,354,566,528, not the whole index.
    let mut big = base.clone_shape("segment-sized peak", 6_880 * M, 6_880 * M + 1_354_566_528);
    big.rows = 10 * M;
    // u64::MAX rows saturate instead of wrapping.
    let mut huge = base.clone_shape("saturated", u64::MAX, u64::MAX);
    huge.rows = u64::MAX;
    check(&[base, big, huge]);
}

#[test]
fn unsized_fields_are_noted_not_counted() {
    let case = Case {
        name: "unsized",
        fields: vec![
            field("id", Int64),
            field("shape", Geometry),
            field("odd", DataType::Unknown("Quaternion".into())),
            field("nodim", FloatVector),
            field("title", VarChar).with_max_length(100),
        ],
        dynamic: false,
        mmap: None,
        rows: M,
        indexes: vec![index("title", IndexType::Unknown("INVERTED".into()), &[])],
        version: v(2, 6, 10),
        // Int64 8 + VarChar min(100, 256) × 2 = 200 + system 24: R × 232.
        steady: 232 * M,
        peak: 232 * M,
    };
    let notes = run_case(&case).notes;
    check(&[case]);
    for expected in [
        Note::NotSized {
            field: "shape".into(),
            data_type: "Geometry".into(),
        },
        Note::NotSized {
            field: "odd".into(),
            data_type: "Quaternion".into(),
        },
        Note::NoDimension {
            field: "nodim".into(),
        },
        Note::ScalarIndex {
            field: "title".into(),
        },
        Note::Guessed {
            field: "title".into(),
            bytes_per_row: 100,
        },
    ] {
        assert!(notes.contains(&expected), "{expected:?} in {notes:?}");
    }
    assert!(notes.iter().all(|n| !n.text().is_empty()));
}
