//! An endpoint's reply: latency, faults and forced refusals around the handler, and the
//! Milvus envelope around its answer.

use std::time::{Duration, Instant};

use hyper::StatusCode;
use serde_json::{json, Value};

use super::auth::Auth;
use super::injected::early_fault;
use super::outcome::{DropConnection, Outcome};
use crate::api::{self, Answer, Ctx};
use crate::faults::FaultKind;
use crate::reply;
use crate::request::Body;
use crate::sim::{lock, take_matching, Sim};

/// State reads that name partitions (one per partition, or one telling full from partial),
/// counted apart from whole-collection reads so that their cost can be measured.
pub fn count_partition_reads(sim: &Sim, endpoint: &str, body: &[u8]) {
    if endpoint != "collections/get_load_state" {
        return;
    }
    let names_partitions = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .is_some_and(|v| v.get("partitionNames").is_some_and(|p| !p.is_null()));
    if names_partitions {
        sim.count("collections/get_load_state partitionNames");
    }
}

pub async fn answer(sim: &Sim, endpoint: &str, bytes: &[u8], auth: Auth) -> Outcome {
    let parsed = Body::parse(bytes).ok();
    let collection = parsed
        .as_ref()
        .and_then(|b| b.opt_str("collectionName").ok().flatten());
    let privilege = api::find(endpoint).and_then(|r| r.privilege);
    let write = privilege.is_some();
    if let (true, Some(name)) = (write, &collection) {
        let db = parsed.as_ref().and_then(|b| b.database().ok());
        sim.count_write(endpoint, db.as_deref().unwrap_or("default"), name);
    }
    let (delay, fault, slow_ms) = {
        let mut live = lock(&sim.live);
        let live = &mut *live;
        let delay = live.latency.draw(&mut live.rng);
        let forced = take_matching(&mut live.forced, endpoint, collection.as_deref());
        let fault = match forced {
            Some(forced) => Some(forced.kind),
            None => live.faults.pick(&mut live.rng),
        };
        (delay, fault, live.faults.slow_ms)
    };
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let compat = sim.settings.compat;
    if let Some(early) = fault.and_then(|f| early_fault(f, compat, endpoint, collection.as_deref()))
    {
        return early;
    }
    if let (Auth::ReadOnly, Some(privilege)) = (auth, privilege) {
        return Ok(reply::permission_denied(privilege, "reader"));
    }
    if write {
        if let Err(rate) = lock(&sim.live).admit_ddl(Instant::now()) {
            return Ok(reply::rate_limited(rate));
        }
    }
    let Some(body) = envelope(sim, endpoint, bytes) else {
        return Ok(reply::not_found());
    };
    let text = body.to_string();
    const JSON: &str = "application/json; charset=utf-8";
    let pause = Duration::from_millis(slow_ms);
    Ok(match fault {
        Some(FaultKind::Truncated) => {
            let cut = text.as_bytes().get(..text.len() / 2).unwrap_or_default();
            reply::text(StatusCode::OK, JSON, cut.to_vec())
        }
        Some(FaultKind::Slow) => reply::slow(StatusCode::OK, JSON, text, pause),
        Some(FaultKind::AppliedReset) => return Err(DropConnection),
        Some(FaultKind::AppliedSlow) => {
            tokio::time::sleep(pause).await;
            reply::json_status(StatusCode::OK, &body)
        }
        _ => reply::json_status(StatusCode::OK, &body),
    })
}

/// The JSON envelope of an endpoint's answer; `None` when the route does not exist on this
/// server generation.
fn envelope(sim: &Sim, endpoint: &str, bytes: &[u8]) -> Option<Value> {
    let compat = sim.settings.compat;
    let body = match Body::parse(bytes) {
        Ok(body) => body,
        Err(refusal) => return Some(json!({"code": refusal.code, "message": refusal.message})),
    };
    let collection = body.opt_str("collectionName").ok().flatten();
    let (rule, load_timeout) = {
        let mut live = lock(&sim.live);
        let rule = take_matching(&mut live.rules, endpoint, collection.as_deref());
        (rule, live.load_timeout)
    };
    if let Some(rule) = rule {
        return Some(json!({"code": rule.code, "message": rule.message}));
    }
    let mut world = lock(&sim.world);
    let mut ctx = Ctx {
        world: &mut world,
        now: Instant::now(),
        timing: sim.settings.timing,
        compat,
        hostile: sim.settings.hostile,
        load_timeout,
    };
    match api::handle(&mut ctx, endpoint, &body) {
        Answer::Data(data, message) => {
            let mut value = json!({"code": compat.success_code(), "data": data});
            if let Some(message) = message {
                value["message"] = Value::String(message);
            }
            Some(value)
        }
        Answer::Refused(r) => Some(json!({"code": r.code, "message": r.message})),
        Answer::Bare(value) => Some(value),
        Answer::NoRoute => None,
    }
}
