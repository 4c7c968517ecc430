//! The control API under `/__sim/` (a path no real server has), for tests and benchmarks:
//! read the state and counters, change faults and latency, force refusals, steer loads, reset.
//! Documented in `sim/README.md`.

mod cluster;
mod input;
mod loads;
mod reset;
mod settings;
mod state;

use hyper::{Method, StatusCode};
use serde_json::json;

use crate::faults::{FaultConfig, ForcedFault, Latency};
use crate::reply::{self, Resp};
use crate::sim::{lock, Rule, Sim};
use input::parse;

pub fn handle(sim: &Sim, method: &Method, path: &str, query: &str, body: &[u8]) -> Resp {
    let result = match (method.as_str(), path) {
        ("GET", "state") => Ok(state::state(sim, query)),
        ("GET", "cluster") => Ok(cluster::cluster(sim)),
        ("GET", "counters") => Ok(json!(*lock(&sim.counters))),
        ("GET", "counters/authorization") => Ok(json!(*lock(&sim.authorization))),
        ("GET", "in-flight") => Ok(json!(sim.in_flight.report())),
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
        ("POST", "load-timeout") => settings::load_timeout(sim, body),
        ("POST", "ddl-rate") => settings::ddl_rate(sim, body),
        ("POST", "properties") => settings::set_properties(sim, body),
        ("POST", "indexes") => settings::set_indexes(sim, body),
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
        ("POST", "loads/start") => loads::steer(sim, body, loads::SteerLoad::Start),
        ("POST", "loads/hold") => loads::steer(sim, body, loads::SteerLoad::Hold),
        ("POST", "loads/finish") => loads::steer(sim, body, loads::SteerLoad::Finish),
        ("POST", "loads/fail") => loads::steer(sim, body, loads::SteerLoad::Fail),
        ("POST", "reset") => reset::reset(sim, body),
        _ => Err(format!("no control endpoint {method} /__sim/{path}")),
    };
    match result {
        Ok(value) => reply::json_status(StatusCode::OK, &value),
        Err(error) => reply::json_status(StatusCode::BAD_REQUEST, &json!({ "error": error })),
    }
}
