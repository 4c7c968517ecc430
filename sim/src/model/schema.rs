//! Fields of a collection's schema, named as `collections/describe` names them (the proto
//! `DataType` enum), and the raw bytes per row DataCoord estimates for each type.

/// A field's type (`schema.proto` `DataType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    Float,
    Double,
    VarChar,
    Array,
    Json,
    BinaryVector,
    FloatVector,
    Float16Vector,
    BFloat16Vector,
    SparseFloatVector,
    Int8Vector,
}

const ALL: [DataType; 16] = [
    DataType::Bool,
    DataType::Int8,
    DataType::Int16,
    DataType::Int32,
    DataType::Int64,
    DataType::Float,
    DataType::Double,
    DataType::VarChar,
    DataType::Array,
    DataType::Json,
    DataType::BinaryVector,
    DataType::FloatVector,
    DataType::Float16Vector,
    DataType::BFloat16Vector,
    DataType::SparseFloatVector,
    DataType::Int8Vector,
];

impl DataType {
    /// The proto enum name describe answers.
    pub fn name(self) -> &'static str {
        match self {
            DataType::Bool => "Bool",
            DataType::Int8 => "Int8",
            DataType::Int16 => "Int16",
            DataType::Int32 => "Int32",
            DataType::Int64 => "Int64",
            DataType::Float => "Float",
            DataType::Double => "Double",
            DataType::VarChar => "VarChar",
            DataType::Array => "Array",
            DataType::Json => "JSON",
            DataType::BinaryVector => "BinaryVector",
            DataType::FloatVector => "FloatVector",
            DataType::Float16Vector => "Float16Vector",
            DataType::BFloat16Vector => "BFloat16Vector",
            DataType::SparseFloatVector => "SparseFloatVector",
            DataType::Int8Vector => "Int8Vector",
        }
    }

    /// A type by its proto name, as a create schema spells it.
    pub fn parse(name: &str) -> Option<DataType> {
        ALL.into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name))
    }

    pub fn is_vector(self) -> bool {
        matches!(
            self,
            DataType::BinaryVector
                | DataType::FloatVector
                | DataType::Float16Vector
                | DataType::BFloat16Vector
                | DataType::SparseFloatVector
                | DataType::Int8Vector
        )
    }

    /// Held twice in memory when loaded without an index (`DoubleMemoryDataType`).
    pub fn doubled_in_memory(self) -> bool {
        matches!(self, DataType::VarChar | DataType::Json)
    }
}

/// One field of a collection.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub data_type: DataType,
    /// Vectors: the dimension (`dim`).
    pub dim: Option<u32>,
    /// VarChar, and Array of VarChar: `max_length`.
    pub max_length: Option<u32>,
    /// Array: the element type and `max_capacity`.
    pub element: Option<DataType>,
    pub max_capacity: Option<u32>,
    pub primary: bool,
    pub nullable: bool,
}

impl Field {
    pub fn new(name: &str, data_type: DataType) -> Field {
        Field {
            name: name.to_string(),
            data_type,
            dim: None,
            max_length: None,
            element: None,
            max_capacity: None,
            primary: false,
            nullable: false,
        }
    }

    pub fn primary(name: &str) -> Field {
        Field {
            primary: true,
            ..Field::new(name, DataType::Int64)
        }
    }

    pub fn varchar(name: &str, max_length: u32) -> Field {
        Field {
            max_length: Some(max_length),
            ..Field::new(name, DataType::VarChar)
        }
    }

    pub fn vector(name: &str, data_type: DataType, dim: u32) -> Field {
        Field {
            dim: Some(dim),
            ..Field::new(name, data_type)
        }
    }

    pub fn array(name: &str, element: DataType, capacity: u32, max_length: Option<u32>) -> Field {
        Field {
            element: Some(element),
            max_capacity: Some(capacity),
            max_length,
            ..Field::new(name, DataType::Array)
        }
    }

    pub fn nullable(self) -> Field {
        Field {
            nullable: true,
            ..self
        }
    }

    /// Raw bytes per row (`EstimateSizePerRecord`; variable-length sizes are DataCoord's
    /// guesses).
    pub fn raw_bytes_per_row(&self) -> u64 {
        let dim = u64::from(self.dim.unwrap_or(0));
        match self.data_type {
            DataType::Bool | DataType::Int8 => 1,
            DataType::Int16 => 2,
            DataType::Int32 | DataType::Float => 4,
            DataType::Int64 | DataType::Double => 8,
            DataType::VarChar => u64::from(self.max_length.unwrap_or(256).min(256)),
            DataType::Array | DataType::Json => 512,
            DataType::FloatVector => 4 * dim,
            DataType::Float16Vector | DataType::BFloat16Vector => 2 * dim,
            DataType::BinaryVector => dim / 8,
            DataType::Int8Vector => dim,
            DataType::SparseFloatVector => 1200,
        }
    }
}

/// The schema a collection gets when nothing more is said: a primary key, a text field and
/// one float vector.
pub fn default_fields(dim: u32) -> Vec<Field> {
    vec![
        Field::primary("id"),
        Field::varchar("tenant", 64),
        Field::vector("vector", DataType::FloatVector, dim),
    ]
}
