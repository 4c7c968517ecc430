//! The schema part of `collections/describe` (memory doc 10.2): every field with its type and
//! type params, the collection's index list and the dynamic-field flag, decoded leniently: a
//! value of an unexpected shape becomes `None` or `DataType::Unknown`, never a dropped field.

use serde_json::Value;

use super::client::{Client, Effect};
use super::decode::wrong_shape;
use super::error::ApiError;
use super::transport::Transport;
use super::types::{text, CollectionDescription, RequestBody};

/// A field's data type: the proto enum name `collections/describe` sends (2.6 adds `Int8Vector`,
/// `Text`, `Timestamptz`, `Geometry`, `ArrayOfVector`, `ArrayOfStruct`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    Float,
    Double,
    VarChar,
    Text,
    Timestamptz,
    Json,
    Array,
    Geometry,
    BinaryVector,
    FloatVector,
    Float16Vector,
    BFloat16Vector,
    SparseFloatVector,
    Int8Vector,
    ArrayOfVector,
    ArrayOfStruct,
    /// A name this console does not know, as sent.
    Unknown(String),
}

impl DataType {
    /// The proto enum name, as `parse` reads it.
    pub fn name(&self) -> &str {
        use DataType::*;
        match self {
            Bool => "Bool",
            Int8 => "Int8",
            Int16 => "Int16",
            Int32 => "Int32",
            Int64 => "Int64",
            Float => "Float",
            Double => "Double",
            VarChar => "VarChar",
            Text => "Text",
            Timestamptz => "Timestamptz",
            Json => "JSON",
            Array => "Array",
            Geometry => "Geometry",
            BinaryVector => "BinaryVector",
            FloatVector => "FloatVector",
            Float16Vector => "Float16Vector",
            BFloat16Vector => "BFloat16Vector",
            SparseFloatVector => "SparseFloatVector",
            Int8Vector => "Int8Vector",
            ArrayOfVector => "ArrayOfVector",
            ArrayOfStruct => "ArrayOfStruct",
            Unknown(name) => name,
        }
    }

    /// The type of a proto enum name.
    pub fn parse(name: &str) -> Self {
        use DataType::*;
        match name {
            "Bool" => Bool,
            "Int8" => Int8,
            "Int16" => Int16,
            "Int32" => Int32,
            "Int64" => Int64,
            "Float" => Float,
            "Double" => Double,
            "VarChar" => VarChar,
            "Text" => Text,
            "Timestamptz" => Timestamptz,
            "JSON" => Json,
            "Array" => Array,
            "Geometry" => Geometry,
            "BinaryVector" => BinaryVector,
            "FloatVector" => FloatVector,
            "Float16Vector" => Float16Vector,
            "BFloat16Vector" => BFloat16Vector,
            "SparseFloatVector" => SparseFloatVector,
            "Int8Vector" => Int8Vector,
            "ArrayOfVector" => ArrayOfVector,
            "ArrayOfStruct" => ArrayOfStruct,
            other => Unknown(other.to_string()),
        }
    }

    /// A vector type: the kind of field a vector index is built on.
    pub fn is_vector(&self) -> bool {
        use DataType::*;
        matches!(
            self,
            BinaryVector
                | FloatVector
                | Float16Vector
                | BFloat16Vector
                | SparseFloatVector
                | Int8Vector
        )
    }
}

/// One field of a collection, as described.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSchema {
    pub name: String,
    pub data_type: DataType,
    /// `elementType` of an Array field.
    pub element_type: Option<DataType>,
    /// Param `dim` of a vector field.
    pub dim: Option<u32>,
    /// Param `max_length` of a VarChar field (or of an Array's VarChar elements).
    pub max_length: Option<u32>,
    /// Param `max_capacity` of an Array field.
    pub max_capacity: Option<u32>,
    /// Param `mmap.enabled` of the field, when set.
    pub mmap: Option<bool>,
    pub primary_key: bool,
    pub partition_key: bool,
    pub nullable: bool,
}

impl FieldSchema {
    /// A field of this name and type, without params.
    pub fn new(name: impl Into<String>, data_type: DataType) -> Self {
        FieldSchema {
            name: name.into(),
            data_type,
            element_type: None,
            dim: None,
            max_length: None,
            max_capacity: None,
            mmap: None,
            primary_key: false,
            partition_key: false,
            nullable: false,
        }
    }

    /// This field with param `dim`.
    pub fn with_dim(mut self, dim: u32) -> Self {
        self.dim = Some(dim);
        self
    }

    /// This field with param `max_length`.
    pub fn with_max_length(mut self, max_length: u32) -> Self {
        self.max_length = Some(max_length);
        self
    }

    /// This field with param `mmap.enabled`.
    pub fn with_mmap(mut self, mmap: bool) -> Self {
        self.mmap = Some(mmap);
        self
    }

    /// One entry of describe's `fields`. A non-object keeps its place as a nameless field of
    /// an unknown type, so that the estimate says it was not counted.
    fn from_value(value: &Value) -> Self {
        let Some(object) = value.as_object() else {
            return FieldSchema::new("", DataType::Unknown(super::json_text(value)));
        };
        let flag = |key: &str| object.get(key).and_then(Value::as_bool) == Some(true);
        let params = object.get("params");
        let data_type = match object.get("type") {
            Some(Value::String(name)) => DataType::parse(name),
            other => DataType::Unknown(other.map(super::json_text).unwrap_or_default()),
        };
        FieldSchema {
            name: text(value, "name"),
            data_type,
            element_type: object
                .get("elementType")
                .and_then(Value::as_str)
                .map(DataType::parse),
            dim: number_param(params, "dim"),
            max_length: number_param(params, "max_length"),
            max_capacity: number_param(params, "max_capacity"),
            mmap: param(params, "mmap.enabled").and_then(|v| parse_bool(&v)),
            primary_key: flag("primaryKey"),
            partition_key: flag("partitionKey"),
            nullable: flag("nullable"),
        }
    }
}

/// `true`/`false` in any case, as Milvus reads boolean properties.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The value of `key` in a `[{"key","value"}]` list, as text (a number is accepted too).
fn param(params: Option<&Value>, key: &str) -> Option<String> {
    params?
        .as_array()?
        .iter()
        .find(|p| p.get("key").and_then(Value::as_str) == Some(key))
        .map(|p| text(p, "value"))
}

fn number_param(params: Option<&Value>, key: &str) -> Option<u32> {
    param(params, key)?.trim().parse().ok()
}

/// An entry of describe's `indexes`: every index of the collection, without type or params.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexSummary {
    /// What `indexes/describe` needs as `indexName`.
    pub index_name: String,
    pub field_name: String,
    pub metric_type: String,
}

/// `collections/describe` in full: the summary the load views use, and the schema.
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionDetails {
    pub description: CollectionDescription,
    /// User fields in the server's order; RowID, Timestamp and `$meta` are never listed.
    pub fields: Vec<FieldSchema>,
    pub indexes: Vec<IndexSummary>,
    /// Whether rows carry the hidden `$meta` JSON field.
    pub enable_dynamic_field: bool,
}

impl CollectionDetails {
    pub(crate) fn from_data(data: &Value, message: Option<String>) -> Option<Self> {
        let list = |key: &str| {
            data.get(key)
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice)
        };
        Some(CollectionDetails {
            description: CollectionDescription::from_data(data, message)?,
            fields: list("fields").iter().map(FieldSchema::from_value).collect(),
            indexes: list("indexes")
                .iter()
                .map(|index| IndexSummary {
                    index_name: text(index, "indexName"),
                    field_name: text(index, "fieldName"),
                    metric_type: text(index, "metricType"),
                })
                .collect(),
            enable_dynamic_field: data.get("enableDynamicField").and_then(Value::as_bool)
                == Some(true),
        })
    }
}

impl<T: Transport> Client<T> {
    /// `collections/describe` with the schema: fields, types, `dim`/`max_length`, the index
    /// list and the properties (replicas, resource groups, mmap).
    pub async fn describe_collection_details(
        &self,
        name: &str,
    ) -> Result<CollectionDetails, ApiError> {
        let body = RequestBody {
            db_name: self.database(),
            collection_name: Some(name),
            ..RequestBody::default()
        };
        let reply = self
            .call("collections/describe", &body, Effect::Read)
            .await?;
        CollectionDetails::from_data(&reply.data, reply.message).ok_or_else(|| {
            wrong_shape(
                "collections/describe",
                "a collection description",
                &reply.data,
            )
        })
    }
}
