//! Raw bytes per row of each field type (memory doc 10.7, `EstimateSizePerRecord`), which of
//! them are held twice while loaded, and where raw data lives with the server's defaults.

use crate::api::{DataType, FieldSchema};

use super::notes::Note;
use super::version::ServerVersion;

/// DataCoord's cap on a VarChar's guessed size.
pub const VARCHAR_GUESS_CAP: u64 = 256;
/// DataCoord's guess for JSON, Array and `$meta`.
pub const JSON_GUESS: u64 = 512;
/// DataCoord's guess for a sparse vector: 150 non-zeros × 8 B.
pub const SPARSE_GUESS: u64 = 1200;
/// RowID 8 B + Timestamp 16 B per row, always in memory.
pub const SYSTEM_BYTES_PER_ROW: u64 = 24;

/// A field's binlog bytes per row, or why it has none. `Guessed` notes are pushed for the
/// variable-length types.
pub(crate) fn bytes_per_row(field: &FieldSchema, notes: &mut Vec<Note>) -> Result<u64, Note> {
    use DataType::*;
    let dim = || {
        field.dim.map(u64::from).ok_or_else(|| Note::NoDimension {
            field: field.name.clone(),
        })
    };
    let guessed = |bytes_per_row: u64, notes: &mut Vec<Note>| {
        notes.push(Note::Guessed {
            field: field.name.clone(),
            bytes_per_row,
        });
        bytes_per_row
    };
    Ok(match &field.data_type {
        Bool | Int8 => 1,
        Int16 => 2,
        Int32 | Float => 4,
        Int64 | Double | Timestamptz => 8,
        VarChar | Text => {
            let max = field.max_length.map_or(VARCHAR_GUESS_CAP, u64::from);
            guessed(max.min(VARCHAR_GUESS_CAP), notes)
        }
        Json | Array => guessed(JSON_GUESS, notes),
        SparseFloatVector => guessed(SPARSE_GUESS, notes),
        FloatVector => 4 * dim()?,
        Float16Vector | BFloat16Vector => 2 * dim()?,
        BinaryVector => dim()? / 8,
        Int8Vector => dim()?,
        Geometry | ArrayOfVector | ArrayOfStruct | Unknown(_) => {
            return Err(Note::NotSized {
                field: field.name.clone(),
                data_type: type_name(&field.data_type),
            })
        }
    })
}

/// How many times a type's binlog is held while loaded (`DoubleMemoryDataType`: strings and
/// JSON twice). Text is a string type, so it counts as one.
pub(crate) fn memory_factor(data_type: &DataType) -> u64 {
    match data_type {
        DataType::VarChar | DataType::Text | DataType::Json => 2,
        _ => 1,
    }
}

/// Whether raw vectors of a field live on disk with the server's defaults: `behind_index`
/// for vectors an index does not hold (2.4 memory unless mmap'ed; 2.5 disk through the chunk
/// cache; 2.6 disk through `queryNode.mmap.vectorField`, on by default), otherwise for a field
/// without index file (mmap'ed only on 2.6 by default). An explicit `mmap.enabled` wins,
/// except for 2.5's chunk cache. An unknown version keeps them in memory.
pub(crate) fn vectors_on_disk(
    mmap: Option<bool>,
    behind_index: bool,
    version: Option<ServerVersion>,
) -> bool {
    let Some(version) = version else {
        return mmap == Some(true);
    };
    let line = version.line();
    if behind_index && line == (2, 5) {
        return true;
    }
    mmap.unwrap_or(line >= (2, 6))
}

/// The proto name of a type, for notes.
pub(crate) fn type_name(data_type: &DataType) -> String {
    data_type.name().to_string()
}
