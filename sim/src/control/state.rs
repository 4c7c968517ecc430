//! `GET /__sim/state`: the whole world as tests read it.

use std::time::Instant;

use serde_json::{json, Value};

use crate::model::{Collection, Properties};
use crate::sim::{lock, Sim};

pub fn properties_json(properties: &Properties) -> Value {
    Value::Object(
        properties
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

pub fn load_state_json(c: &Collection, now: Instant) -> Value {
    let state = |progress: Option<u8>| match progress {
        None => "NotLoad",
        Some(100) => "Loaded",
        Some(_) => "Loading",
    };
    json!({
        "name": c.name,
        "id": c.id.to_string(),
        "state": state(c.progress(now)),
        "progress": c.progress(now),
        "loadedWhole": c.loaded_whole,
        "partitionKey": c.partition_key,
        "hasIndex": c.has_index,
        "rows": c.rows(),
        "replicas": c.loaded_with.as_ref().map(|l| l.replicas),
        "resourceGroups": c.loaded_with.as_ref().map(|l| l.resource_groups.clone()),
        "fieldSubset": c.loaded_with.as_ref().map(|l| l.field_subset),
        "properties": properties_json(&c.properties),
        "partitions": c.partitions.iter().map(|p| json!({
            "id": p.id.to_string(),
            "name": p.name,
            "rows": p.rows,
            "state": state(p.load.progress(now)),
            "progress": p.load.progress(now),
        })).collect::<Vec<_>>(),
    })
}

/// The whole world, or one database with `?db=NAME`.
pub fn state(sim: &Sim, query: &str) -> Value {
    let now = Instant::now();
    let only = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("db="))
        .map(percent_decode);
    let load_timeout = lock(&sim.live).load_timeout;
    let mut world = lock(&sim.world);
    let mut out = serde_json::Map::new();
    for (name, db) in world.databases.iter_mut() {
        if only.as_ref().is_some_and(|o| o != name) {
            continue;
        }
        let collections: Vec<Value> = db
            .collections
            .values_mut()
            .map(|c| {
                c.settle(now, load_timeout);
                load_state_json(c, now)
            })
            .collect();
        out.insert(
            name.clone(),
            json!({ "id": db.id, "properties": properties_json(&db.properties), "collections": collections }),
        );
    }
    json!({ "databases": out, "writes": *lock(&sim.writes) })
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_decoding() {
        assert_eq!(super::percent_decode("a%20b+c%3C"), "a b c<");
        assert_eq!(super::percent_decode("bad%zz%"), "bad%zz%");
    }
}
