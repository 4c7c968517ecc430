//! Table tests of the estimate: each row's expected bytes are derived in a comment from the
//! memory doc's section 10.7 (raw bytes per row, index file bytes per row, peak rules).

mod bytes;
mod fields;
mod indexes;
mod versions;

use crate::api::{DataType, FieldSchema, IndexDescription, IndexType};

use super::{estimate, CostInput, Estimate, Note, ServerVersion};

/// One row of a table.
struct Case {
    name: &'static str,
    fields: Vec<FieldSchema>,
    dynamic: bool,
    mmap: Option<bool>,
    rows: u64,
    indexes: Vec<IndexDescription>,
    version: Option<ServerVersion>,
    steady: u64,
    peak: u64,
}

const M: u64 = 1_000_000;

fn v(major: u32, minor: u32, patch: u32) -> Option<ServerVersion> {
    Some(ServerVersion::new(major, minor, patch))
}

fn field(name: &str, data_type: DataType) -> FieldSchema {
    FieldSchema::new(name, data_type)
}

fn vector(name: &str, data_type: DataType, dim: u32) -> FieldSchema {
    FieldSchema::new(name, data_type).with_dim(dim)
}

/// `id` Int64 and `vec` FloatVector(128): 8 B + 512 B of raw data per row.
fn float128() -> Vec<FieldSchema> {
    vec![
        field("id", DataType::Int64),
        vector("vec", DataType::FloatVector, 128),
    ]
}

/// An index on `field` with these params.
fn index(field: &str, index_type: IndexType, params: &[(&str, &str)]) -> IndexDescription {
    params.iter().fold(
        IndexDescription::new(field, index_type).with_metric("L2"),
        |i, (k, val)| i.with_param(k, val),
    )
}

/// A case over `float128()` with one index on `vec`, 1,000,000 rows, no dynamic field.
fn on_vec(
    name: &'static str,
    index_type: IndexType,
    params: &[(&str, &str)],
    version: Option<ServerVersion>,
    steady: u64,
    peak: u64,
) -> Case {
    Case {
        name,
        fields: float128(),
        dynamic: false,
        mmap: None,
        rows: M,
        indexes: vec![index("vec", index_type, params)],
        version,
        steady,
        peak,
    }
}

fn run_case(case: &Case) -> Estimate {
    estimate(&CostInput {
        fields: &case.fields,
        dynamic_field: case.dynamic,
        mmap: case.mmap,
        rows: case.rows,
        indexes: &case.indexes,
        version: case.version,
    })
}

fn check(cases: &[Case]) {
    for case in cases {
        let estimate = run_case(case);
        assert_eq!(
            (estimate.steady, estimate.peak),
            (case.steady, case.peak),
            "{}: {:?}",
            case.name,
            estimate
        );
        let b = estimate.breakdown;
        let parts = [b.raw, b.index, b.interim, b.system].map(u128::from);
        let sum = u64::try_from(parts.iter().sum::<u128>()).unwrap_or(u64::MAX);
        assert_eq!(sum, estimate.steady, "{}: parts", case.name);
        assert_eq!(estimate.notes.first(), Some(&Note::NotCounted));
    }
}
