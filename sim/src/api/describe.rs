//! `collections/describe` (contract section 10.2): the schema, every index, the load state,
//! properties; failures of its internal calls go to the top-level `message` (always present)
//! while `code` stays 0.

use serde_json::{json, Map, Value};

use super::context::{Answer, Ctx, Reply};
use super::loading::failed_load_state;
use super::lookup::{find_collection, properties_json, state_name};
use crate::compat::Compat;
use crate::model::{Collection, DataType, Field};
use crate::request::{Body, Refusal};

/// User field IDs start here (lower ones are RowID and Timestamp, never listed).
const FIRST_FIELD_ID: usize = 100;

pub fn describe(ctx: &mut Ctx, body: &Body) -> Reply {
    let (now, compat) = (ctx.now, ctx.compat);
    let db = body.database()?;
    let c = find_collection(ctx, body, false).map_err(|r| {
        if r.code == 100 {
            Refusal::new(
                100,
                format!(
                    "can't find collection[database={db}][collection={}]",
                    body.opt_str("collectionName")
                        .ok()
                        .flatten()
                        .unwrap_or_default()
                ),
            )
        } else {
            r
        }
    })?;
    let mut messages = Vec::new();
    let load = match failed_load_state(c, now) {
        Some(refusal) => {
            messages.push(refusal.message);
            ""
        }
        None => state_name(c.progress(now)),
    };
    let indexes = if c.has_index {
        json!([{"indexName": c.index.name, "fieldName": c.index.field, "metricType": c.index.metric}])
    } else {
        messages.push(format!("index not found[collection={}]", c.name));
        json!([])
    };
    let fields: Vec<Value> = all_fields(c)
        .iter()
        .enumerate()
        .map(|(i, f)| field_json(c, f, FIRST_FIELD_ID + i, compat))
        .collect();
    let mut value = json!({
        "collectionName": c.name,
        "collectionID": c.id,
        "description": c.description,
        "autoId": false,
        "fields": fields,
        "indexes": indexes,
        "load": load,
        "shardsNum": 1,
        "partitionsNum": c.partitions.len(),
        "consistencyLevel": "Bounded",
        "enableDynamicField": true,
        "aliases": [],
        "properties": properties_json(&c.properties),
    });
    if compat.describes_2_5_keys() {
        value["functions"] = json!([]);
    }
    Ok(Answer::Data(value, Some(messages.join("; "))))
}

/// The schema's fields, then the unindexed vector fields added like the first vector field.
fn all_fields(c: &Collection) -> Vec<Field> {
    let template = c
        .vector_field()
        .cloned()
        .unwrap_or_else(|| Field::vector("", DataType::FloatVector, 768));
    let extra = c.unindexed_vector_fields.iter().map(|name| Field {
        name: name.clone(),
        ..template.clone()
    });
    c.fields.iter().cloned().chain(extra).collect()
}

/// The partition key of a partition-key collection: its first scalar field after the key.
fn is_partition_key(c: &Collection, field: &Field) -> bool {
    c.partition_key
        && c.fields
            .iter()
            .find(|f| !f.primary && !f.data_type.is_vector())
            .is_some_and(|f| f.name == field.name)
}

/// `printFieldDetail`: `params` is a list of string pairs, absent when the type has none.
fn field_json(c: &Collection, f: &Field, id: usize, compat: Compat) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(f.name));
    out.insert("id".into(), json!(id));
    out.insert("type".into(), json!(f.data_type.name()));
    out.insert("description".into(), json!(""));
    out.insert("primaryKey".into(), json!(f.primary));
    out.insert("partitionKey".into(), json!(is_partition_key(c, f)));
    out.insert("clusteringKey".into(), json!(false));
    out.insert("autoId".into(), json!(false));
    let mut params = Vec::new();
    let pair = |k: &str, v: u32| json!({"key": k, "value": v.to_string()});
    if let (Some(dim), false) = (f.dim, f.data_type == DataType::SparseFloatVector) {
        params.push(pair("dim", dim));
    }
    if let Some(capacity) = f.max_capacity {
        params.push(pair("max_capacity", capacity));
    }
    if let Some(length) = f.max_length {
        params.push(pair("max_length", length));
    }
    if !params.is_empty() {
        out.insert("params".into(), json!(params));
    }
    if let Some(element) = f.element {
        out.insert("elementType".into(), json!(element.name()));
    }
    if compat.describes_2_5_keys() {
        out.insert("nullable".into(), json!(f.nullable));
    }
    Value::Object(out)
}
