//! The control API under `/__sim/` (a path no real server has), for tests and benchmarks:
//! read the state and counters, change faults and latency, force refusals, steer loads, reset.
//! Documented in `sim/README.md`.

use std::time::{Duration, Instant};

use hyper::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::datasets::Dataset;
use crate::faults::{FaultConfig, Latency};
use crate::model::{Collection, PartitionLoad, World};
use crate::reply::{self, Resp};
use crate::sim::{lock, Rule, Sim};

pub fn handle(sim: &Sim, method: &Method, path: &str, query: &str, body: &[u8]) -> Resp {
    let result = match (method.as_str(), path) {
        ("GET", "state") => Ok(state(sim, query)),
        ("GET", "counters") => Ok(json!(*lock(&sim.counters))),
        ("POST", "counters/reset") => {
            lock(&sim.counters).clear();
            Ok(json!({"ok": true}))
        }
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
        "partitions": c.partitions.iter().map(|p| json!({
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
                c.settle(now);
                load_state_json(c, now)
            })
            .collect();
        out.insert(name.clone(), json!({ "collections": collections }));
    }
    json!({ "databases": out })
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
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
}

#[derive(Clone, Copy)]
enum SteerLoad {
    Start,
    Hold,
    Finish,
}

fn steer(sim: &Sim, body: &[u8], how: SteerLoad) -> Result<Value, String> {
    let target: LoadTarget = parse(body)?;
    let now = Instant::now();
    let mut world = lock(&sim.world);
    let collection = find(&mut world, &target)?;
    collection.settle(now);
    let names = target
        .partition_names
        .clone()
        .unwrap_or_else(|| collection.all_partition_names());
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
                    held: target.progress.map(|p| p.min(99)),
                };
            }
            SteerLoad::Hold => {
                if let PartitionLoad::Loading { held, .. } = &mut partition.load {
                    *held = target.progress.map(|p| p.min(99));
                }
            }
            SteerLoad::Finish => {
                if partition.load != PartitionLoad::Released {
                    partition.load = PartitionLoad::Loaded;
                }
            }
        }
    }
    if matches!(how, SteerLoad::Start) && target.partition_names.is_none() {
        collection.loaded_whole = true;
    }
    Ok(load_state_json(collection, now))
}

fn find<'w>(world: &'w mut World, target: &LoadTarget) -> Result<&'w mut Collection, String> {
    let db = target.db_name.clone().unwrap_or_else(|| "default".into());
    world
        .databases
        .get_mut(&db)
        .and_then(|d| d.collections.get_mut(&target.collection_name))
        .ok_or_else(|| format!("no collection {} in {db}", target.collection_name))
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
            Some(Dataset::Scale {
                collections: get("collections", 100) as usize,
                partitions: get("partitions", 1) as usize,
                seed: get("seed", 1),
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
