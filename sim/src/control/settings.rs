//! Control requests that change settings of the running server or of the data: the load
//! timeout, the DDL rate, properties and indexes.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

use super::input::{find, parse};
use crate::sim::{lock, Sim};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoadTimeout {
    /// `null` turns abandonment off.
    seconds: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DdlRate {
    /// `null` turns the limit off.
    per_second: Option<u32>,
}

pub fn load_timeout(sim: &Sim, body: &[u8]) -> Result<Value, String> {
    let t: LoadTimeout = parse(body)?;
    lock(&sim.live).load_timeout = t
        .seconds
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(|s| Duration::from_secs_f64(s.min(86_400.0)));
    Ok(json!({"ok": true}))
}

pub fn ddl_rate(sim: &Sim, body: &[u8]) -> Result<Value, String> {
    let r: DdlRate = parse(body)?;
    let mut live = lock(&sim.live);
    live.ddl_rate = r.per_second;
    live.ddl_admitted.clear();
    Ok(json!({"ok": true}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SetProperties {
    #[serde(default)]
    db_name: Option<String>,
    /// Without a collection, the database's properties are set.
    #[serde(default)]
    collection_name: Option<String>,
    /// Merged into the existing ones; an empty value removes the key.
    properties: std::collections::BTreeMap<String, String>,
}

pub fn set_properties(sim: &Sim, body: &[u8]) -> Result<Value, String> {
    let request: SetProperties = parse(body)?;
    let db = request.db_name.unwrap_or_else(|| "default".into());
    let mut world = lock(&sim.world);
    let database = world
        .databases
        .get_mut(&db)
        .ok_or_else(|| format!("no database {db}"))?;
    let properties = match &request.collection_name {
        Some(name) => {
            &mut database
                .collections
                .get_mut(name)
                .ok_or_else(|| format!("no collection {name} in {db}"))?
                .properties
        }
        None => &mut database.properties,
    };
    for (key, value) in request.properties {
        properties.retain(|(k, _)| *k != key);
        if !value.is_empty() {
            properties.push((key, value));
        }
    }
    Ok(json!({"ok": true}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SetIndexes {
    #[serde(default)]
    db_name: Option<String>,
    collection_name: String,
    /// Whether the first vector field has an index (none at all: loads answer 700).
    #[serde(default)]
    has_index: Option<bool>,
    /// More vector fields, without an index (loads answer "there is no vector index").
    #[serde(default)]
    unindexed_vector_fields: Option<Vec<String>>,
}

pub fn set_indexes(sim: &Sim, body: &[u8]) -> Result<Value, String> {
    let request: SetIndexes = parse(body)?;
    let mut world = lock(&sim.world);
    let c = find(
        &mut world,
        request.db_name.as_deref(),
        &request.collection_name,
    )?;
    if let Some(has_index) = request.has_index {
        c.has_index = has_index;
    }
    if let Some(fields) = request.unindexed_vector_fields {
        c.unindexed_vector_fields = fields;
    }
    Ok(json!({"ok": true}))
}
