//! The schema and index a `collections/create` body asks for: quick setup (name and
//! dimension: `id` and `vector`, AUTOINDEX) or a custom `schema` with `indexParams`.
//! Anything unreadable in a field is left at its default, as this simulator stores no data.

use serde_json::Value;

use crate::model::{DataType, Field, IndexType, VectorIndex};
use crate::request::Body;

/// What a create builds.
pub struct Created {
    pub fields: Vec<Field>,
    /// The first vector field's index, when one is built.
    pub index: Option<VectorIndex>,
    pub partition_key: bool,
}

/// A number given as a JSON number or as text.
fn number(value: Option<&Value>) -> Option<u32> {
    match value? {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str)
}

fn field_of(value: &Value) -> Option<Field> {
    let name = text(value, "fieldName")?;
    let data_type = DataType::parse(text(value, "dataType")?)?;
    let params = value.get("elementTypeParams");
    let param = |key: &str| number(params.and_then(|p| p.get(key)));
    Some(Field {
        dim: param("dim"),
        max_length: param("max_length"),
        max_capacity: param("max_capacity"),
        element: text(value, "elementDataType").and_then(DataType::parse),
        primary: value.get("isPrimary").and_then(Value::as_bool) == Some(true),
        nullable: value.get("nullable").and_then(Value::as_bool) == Some(true),
        ..Field::new(name, data_type)
    })
}

/// The build parameters of an index entry, as text.
fn params_of(entry: &Value) -> Vec<(String, String)> {
    let Some(Value::Object(params)) = entry.get("params") else {
        return Vec::new();
    };
    params
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "index_type" | "metric_type"))
        .map(|(k, v)| match v {
            Value::String(s) => (k.clone(), s.clone()),
            other => (k.clone(), other.to_string()),
        })
        .collect()
}

fn index_of(entries: &[Value], field: &str) -> Option<VectorIndex> {
    let entry = entries
        .iter()
        .find(|e| text(e, "fieldName") == Some(field))?;
    let auto = VectorIndex::auto(field);
    Some(VectorIndex {
        name: text(entry, "indexName").unwrap_or(field).to_string(),
        index_type: text(entry, "indexType")
            .and_then(IndexType::parse)
            .unwrap_or(IndexType::AutoIndex),
        metric: text(entry, "metricType")
            .unwrap_or(&auto.metric)
            .to_string(),
        params: params_of(entry),
        ..auto
    })
}

/// Quick setup with `dimension`, else the custom schema.
pub fn created(body: &Body, dimension: Option<u32>) -> Created {
    if let Some(dim) = dimension {
        let metric = body.opt_str("metricType").ok().flatten();
        let index = VectorIndex {
            metric: metric.unwrap_or_else(|| "COSINE".to_string()),
            ..VectorIndex::auto("vector")
        };
        return Created {
            fields: vec![
                Field::primary("id"),
                Field::vector("vector", DataType::FloatVector, dim),
            ],
            index: Some(index),
            partition_key: false,
        };
    }
    let listed = body
        .get("schema")
        .and_then(|s| s.get("fields"))
        .and_then(Value::as_array);
    let fields: Vec<Field> = listed
        .map(|all| all.iter().filter_map(field_of).collect())
        .unwrap_or_default();
    // The create schema spells it `isPartitionKey`; accept describe's `partitionKey` too.
    let partition_key = listed.is_some_and(|all| {
        all.iter().any(|f| {
            ["isPartitionKey", "partitionKey"]
                .iter()
                .any(|key| f.get(key).and_then(Value::as_bool) == Some(true))
        })
    });
    let entries = body
        .get("indexParams")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let vector = fields.iter().find(|f| f.data_type.is_vector());
    let index = vector.and_then(|v| index_of(&entries, &v.name));
    Created {
        fields,
        index,
        partition_key,
    }
}
