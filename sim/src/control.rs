//! The control API under `/__sim/` (a path no real server has), for tests and benchmarks:
//! read the state and counters, change faults and latency, force refusals, steer loads, reset.
//! Documented in `sim/README.md`.

use std::time::{Duration, Instant};

use hyper::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::datasets::{Dataset, ScaleStates};
use crate::faults::{FaultConfig, ForcedFault, Latency};
use crate::model::{Collection, Hold, LoadConfig, PartitionLoad, Properties, World};
use crate::reply::{self, Resp};
use crate::sim::{lock, Rule, Sim};

pub fn handle(sim: &Sim, method: &Method, path: &str, query: &str, body: &[u8]) -> Resp {
    let result = match (method.as_str(), path) {
        ("GET", "state") => Ok(state(sim, query)),
        ("GET", "counters") => Ok(json!(*lock(&sim.counters))),
        ("GET", "counters/authorization") => Ok(json!(*lock(&sim.authorization))),
        ("GET", "writes") => Ok(json!(*lock(&sim.writes))),
        ("POST", "counters/reset") => {
            sim.clear_counters();
            Ok(json!({"ok": true}))
        }
        ("POST", "faults/force") => parse::<ForcedFault>(body).map(|forced| {
            lock(&sim.live).forced.push(forced);
            json!({"ok": true})
        }),
        ("POST", "faults/force/clear") => {
            lock(&sim.live).forced.clear();
            Ok(json!({"ok": true}))
        }
        ("POST", "load-timeout") => parse::<LoadTimeout>(body).map(|t| {
            lock(&sim.live).load_timeout = t
                .seconds
                .filter(|s| s.is_finite() && *s > 0.0)
                .map(|s| Duration::from_secs_f64(s.min(86_400.0)));
            json!({"ok": true})
        }),
        ("POST", "ddl-rate") => parse::<DdlRate>(body).map(|r| {
            let mut live = lock(&sim.live);
            live.ddl_rate = r.per_second;
            live.ddl_admitted.clear();
            json!({"ok": true})
        }),
        ("POST", "properties") => set_properties(sim, body),
        ("POST", "indexes") => set_indexes(sim, body),
        ("GET", "faults") => Ok(json!(lock(&sim.live).faults)),
        ("POST", "faults") => parse::<FaultConfig>(body).and_then(|config| {
            if !(0.0..=1.0).contains(&config.rate) {
                return Err("rate must be between 0 and 1".to_string());
            }
            lock(&sim.live).faults = config;
            Ok(json!({"ok": true}))
        }),
        ("POST", "latency") => parse::<Latency>(body).map(|latency| {
            lock(&sim.live).latency = latency;
            json!({"ok": true})
        }),
        ("POST", "rules") => parse::<Rule>(body).map(|rule| {
            lock(&sim.live).rules.push(rule);
            json!({"ok": true})
        }),
        ("POST", "rules/clear") => {
            lock(&sim.live).rules.clear();
            Ok(json!({"ok": true}))
        }
        ("POST", "loads/start") => steer(sim, body, SteerLoad::Start),
        ("POST", "loads/hold") => steer(sim, body, SteerLoad::Hold),
        ("POST", "loads/finish") => steer(sim, body, SteerLoad::Finish),
        ("POST", "loads/fail") => steer(sim, body, SteerLoad::Fail),
        ("POST", "reset") => reset(sim, body),
        _ => Err(format!("no control endpoint {method} /__sim/{path}")),
    };
    match result {
        Ok(value) => reply::json_status(StatusCode::OK, &value),
        Err(error) => reply::json_status(StatusCode::BAD_REQUEST, &json!({ "error": error })),
    }
}

fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("bad control body: {e}"))
}

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

fn properties_json(properties: &Properties) -> Value {
    Value::Object(
        properties
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

fn load_state_json(c: &Collection, now: Instant) -> Value {
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
fn state(sim: &Sim, query: &str) -> Value {
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

fn set_properties(sim: &Sim, body: &[u8]) -> Result<Value, String> {
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

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
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

fn set_indexes(sim: &Sim, body: &[u8]) -> Result<Value, String> {
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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LoadTarget {
    #[serde(default)]
    db_name: Option<String>,
    collection_name: String,
    #[serde(default)]
    partition_names: Option<Vec<String>>,
    /// For start: how long the load takes.
    #[serde(default)]
    seconds: Option<f64>,
    /// For hold: the percent to stay at; `null` lets the load run on.
    #[serde(default)]
    progress: Option<u8>,
    /// For start: the settings of the load, as an SDK could set them.
    #[serde(default)]
    replicas: Option<u32>,
    #[serde(default)]
    resource_groups: Option<Vec<String>>,
    #[serde(default)]
    field_subset: Option<bool>,
    /// For fail: the failure text that prefixes `partition not loaded` messages.
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Clone, Copy)]
enum SteerLoad {
    Start,
    Hold,
    Finish,
    Fail,
}

/// What a failed load reports when the control API names no reason.
const DEFAULT_FAILURE: &str =
    "load collection failed: resource group node not enough[rg=__default_resource_group]";

fn steer(sim: &Sim, body: &[u8], how: SteerLoad) -> Result<Value, String> {
    let target: LoadTarget = parse(body)?;
    let now = Instant::now();
    let load_timeout = lock(&sim.live).load_timeout;
    let mut world = lock(&sim.world);
    let collection = find(
        &mut world,
        target.db_name.as_deref(),
        &target.collection_name,
    )?;
    collection.settle(now, load_timeout);
    let names = target
        .partition_names
        .clone()
        .unwrap_or_else(|| collection.all_partition_names());
    if let SteerLoad::Fail = how {
        let reason = target.reason.as_deref().unwrap_or(DEFAULT_FAILURE);
        collection.fail_load(&names, reason, now);
        return Ok(load_state_json(collection, now));
    }
    let hold = target.progress.map(|p| Hold {
        percent: p.min(99),
        since: now,
    });
    for partition in collection
        .partitions
        .iter_mut()
        .filter(|p| names.contains(&p.name))
    {
        match how {
            SteerLoad::Start => {
                let seconds = target.seconds.unwrap_or(60.0).clamp(0.001, 86_400.0);
                partition.load = PartitionLoad::Loading {
                    started: now,
                    duration: Duration::from_secs_f64(seconds),
                    held: hold,
                };
            }
            SteerLoad::Hold => {
                if let PartitionLoad::Loading { held, .. } = &mut partition.load {
                    *held = hold;
                }
            }
            SteerLoad::Finish => {
                if partition.load != PartitionLoad::Released {
                    partition.load = PartitionLoad::Loaded;
                }
            }
            SteerLoad::Fail => {}
        }
    }
    if let SteerLoad::Start = how {
        if target.partition_names.is_none() {
            collection.loaded_whole = true;
        }
        let default = LoadConfig::cluster_default();
        collection.loaded_with = Some(LoadConfig {
            replicas: target.replicas.unwrap_or(default.replicas),
            resource_groups: target
                .resource_groups
                .clone()
                .unwrap_or(default.resource_groups),
            field_subset: target.field_subset.unwrap_or(false),
        });
    }
    Ok(load_state_json(collection, now))
}

fn find<'w>(
    world: &'w mut World,
    db: Option<&str>,
    name: &str,
) -> Result<&'w mut Collection, String> {
    let db = db.unwrap_or("default");
    world
        .databases
        .get_mut(db)
        .and_then(|d| d.collections.get_mut(name))
        .ok_or_else(|| format!("no collection {name} in {db}"))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ResetRequest {
    /// "demo", "empty", "hostile", or a scale spec.
    #[serde(default)]
    dataset: Option<Value>,
}

fn reset(sim: &Sim, body: &[u8]) -> Result<Value, String> {
    let request: ResetRequest = if body.is_empty() {
        ResetRequest::default()
    } else {
        parse(body)?
    };
    let dataset = match request.dataset {
        None => None,
        Some(Value::String(s)) => Some(match s.as_str() {
            "demo" => Dataset::Demo,
            "empty" => Dataset::Empty,
            "hostile" => Dataset::Hostile,
            other => return Err(format!("unknown dataset {other:?}")),
        }),
        Some(spec) => {
            let get =
                |key: &str, default: u64| spec.get(key).and_then(Value::as_u64).unwrap_or(default);
            let states = match spec.get("states").and_then(Value::as_str) {
                None => ScaleStates::Mixed,
                Some(text) => ScaleStates::parse(text).ok_or_else(|| {
                    format!("unknown states {text:?} (mixed, loaded, loading, released)")
                })?,
            };
            Some(Dataset::Scale {
                collections: get("collections", 100) as usize,
                partitions: get("partitions", 1) as usize,
                seed: get("seed", 1),
                states,
            })
        }
    };
    sim.reset(dataset);
    Ok(json!({"ok": true}))
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_decoding() {
        assert_eq!(super::percent_decode("a%20b+c%3C"), "a b c<");
        assert_eq!(super::percent_decode("bad%zz%"), "bad%zz%");
    }
}
