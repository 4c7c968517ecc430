//! `POST /__sim/reset`: back to the start-up state, or to another data set.

use serde::Deserialize;
use serde_json::{json, Value};

use super::input::parse;
use crate::datasets::{Dataset, ScaleStates};
use crate::sim::Sim;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ResetRequest {
    /// "demo", "empty", "hostile", or a scale spec.
    #[serde(default)]
    dataset: Option<Value>,
}

pub fn reset(sim: &Sim, body: &[u8]) -> Result<Value, String> {
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
