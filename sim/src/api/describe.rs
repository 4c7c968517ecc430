//! `collections/describe`: the collection's schema, indexes, load state and properties, with
//! failures of its internal calls in the top-level `message` while `code` stays 0.

use serde_json::json;

use super::context::{Answer, Ctx, Reply};
use super::lookup::{find_collection, properties_json, state_name};
use crate::request::{Body, Refusal};

pub fn describe(ctx: &mut Ctx, body: &Body) -> Reply {
    let now = ctx.now;
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
    let indexes = if c.has_index {
        json!([{"indexName": "vector", "fieldName": "vector", "metricType": "COSINE"}])
    } else {
        json!([])
    };
    let message = (!c.has_index).then(|| format!("index not found[collection={}]", c.name));
    let mut fields = vec![
        json!({"name": "id", "type": "Int64", "id": 100, "primaryKey": true, "autoId": false,
               "partitionKey": false, "description": ""}),
        json!({"name": "tenant", "type": "VarChar", "id": 101, "primaryKey": false,
               "autoId": false, "partitionKey": c.partition_key, "description": "",
               "params": [{"key": "max_length", "value": "64"}]}),
    ];
    // The first vector field carries the index describe shows; others never show theirs.
    let vectors = std::iter::once(&"vector".to_string())
        .chain(&c.unindexed_vector_fields)
        .cloned()
        .collect::<Vec<_>>();
    for (i, name) in vectors.iter().enumerate() {
        fields.push(json!({"name": name, "type": "FloatVector", "id": 102 + i,
            "primaryKey": false, "autoId": false, "partitionKey": false, "description": "",
            "params": [{"key": "dim", "value": c.dimension.to_string()}]}));
    }
    let value = json!({
        "collectionName": c.name,
        "collectionID": c.id,
        "description": c.description,
        "autoId": false,
        "fields": fields,
        "indexes": indexes,
        "load": state_name(c.progress(now)),
        "shardsNum": 1,
        "partitionsNum": c.partitions.len(),
        "consistencyLevel": "Bounded",
        "enableDynamicField": true,
        "aliases": [],
        "properties": properties_json(&c.properties),
    });
    Ok(Answer::Data(value, message))
}
