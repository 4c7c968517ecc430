//! Fault injection does what it says, observed by a raw client, and the control API works.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;
use support::SimProcess;

fn only(sim: &SimProcess, kind: &str) {
    let reply = sim.control(
        "faults",
        json!({"rate": 1.0, "kinds": [kind], "slowMs": 400}),
    );
    assert_eq!(reply["ok"], true, "{reply}");
}

const LIST: &str = "/v2/vectordb/collections/list";

#[test]
fn each_fault_kind_is_observed_on_the_wire() {
    let sim = SimProcess::start(&["--demo"]);
    only(&sim, "500");
    let r = sim.post(LIST, "{}", &[]);
    assert_eq!((r.status, r.json()), (500, json!({"code": 500})));
    only(&sim, "502");
    let r = sim.post(LIST, "{}", &[]);
    assert_eq!(r.status, 502);
    assert!(r.text().contains("<html>"));
    only(&sim, "503");
    assert_eq!(sim.post(LIST, "{}", &[]).status, 503);
    only(&sim, "408");
    let r = sim.post(LIST, "{}", &[]);
    assert_eq!(
        (r.status, r.json()),
        (408, json!({"code": 10001, "message": "request timeout"}))
    );
    only(&sim, "ratelimit");
    let r = sim.post(LIST, "{}", &[]);
    assert_eq!((r.status, r.json()["code"].clone()), (200, json!(1807)));
    only(&sim, "html");
    let r = sim.post(LIST, "{}", &[]);
    assert_eq!(r.status, 200);
    assert!(serde_json::from_slice::<serde_json::Value>(&r.body).is_err());
    only(&sim, "truncated");
    let r = sim.post(LIST, "{}", &[]);
    assert_eq!(r.status, 200);
    assert!(r.text().starts_with("{\"code\":0"));
    assert!(serde_json::from_slice::<serde_json::Value>(&r.body).is_err());
    only(&sim, "slow");
    let started = Instant::now();
    let r = sim.post(LIST, "{}", &[]);
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(r.json()["code"], 0);
    // Preflights and the control API are never faulted.
    assert_eq!(
        sim.raw("OPTIONS /v2/vectordb/collections/list HTTP/1.1", b"")
            .status,
        204
    );
}

#[test]
fn reset_fault_closes_the_connection_without_a_reply() {
    let sim = SimProcess::start(&["--demo", "--fault-rate", "1", "--faults", "reset"]);
    let mut stream = TcpStream::connect(("127.0.0.1", sim.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"POST /v2/vectordb/collections/list HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        .unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    assert!(
        bytes.is_empty(),
        "got {:?}",
        String::from_utf8_lossy(&bytes)
    );
}

#[test]
fn fault_rate_applies_to_a_share_of_requests() {
    let sim = SimProcess::start(&[
        "--demo",
        "--fault-rate",
        "0.2",
        "--faults",
        "500",
        "--seed",
        "3",
    ]);
    let failed = (0..300)
        .filter(|_| sim.post(LIST, "{}", &[]).status == 500)
        .count();
    assert!((30..90).contains(&failed), "{failed} of 300");
}

#[test]
fn latency_delays_each_reply() {
    let sim = SimProcess::start(&["--demo", "--latency-ms", "50..60"]);
    let started = Instant::now();
    sim.post(LIST, "{}", &[]);
    assert!(started.elapsed() >= Duration::from_millis(50));
}

#[test]
fn a_scale_data_set_can_put_every_collection_in_one_state() {
    let sim = SimProcess::start(&["--demo"]);
    for (states, expected) in [
        ("loaded", "Loaded"),
        ("loading", "Loading"),
        ("released", "NotLoad"),
    ] {
        sim.control(
            "reset",
            json!({"dataset": {"collections": 20, "partitions": 2, "seed": 3, "states": states}}),
        );
        let state = sim.control_get("state?db=default");
        let collections = state["databases"]["default"]["collections"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(collections.len(), 20);
        assert!(
            collections.iter().all(|c| c["state"] == expected),
            "{states}: {collections:?}"
        );
    }
    let refused = sim.post(
        "/__sim/reset",
        &json!({"dataset": {"collections": 2, "states": "sideways"}}).to_string(),
        &[],
    );
    assert_eq!(refused.status, 400, "{}", refused.text());
}

#[test]
fn counters_rules_loads_and_reset() {
    let sim = SimProcess::start(&["--demo"]);
    sim.post(LIST, "{}", &[]);
    sim.post(LIST, "{}", &[]);
    sim.raw("OPTIONS /v2/vectordb/collections/list HTTP/1.1", b"");
    let counters = sim.control_get("counters");
    assert_eq!(counters["collections/list"], 2);
    assert_eq!(counters["OPTIONS"], 1);
    assert_eq!(
        counters["OPTIONS collections/list"], 1,
        "preflights per endpoint too"
    );
    sim.post(LIST, "{}", &["Authorization: Bearer root:Milvus"]);
    assert_eq!(
        sim.control_get("counters/authorization"),
        json!({"(none)": 2, "Bearer root:Milvus": 1}),
        "requests by the token they carried (preflights carry none and are not counted)"
    );

    sim.control(
        "rules",
        json!({"endpoint": "collections/release", "collectionName": "books",
        "code": 65535, "message": "forced failure"}),
    );
    let refused = sim.call("collections/release", json!({"collectionName": "books"}));
    assert_eq!(refused, json!({"code": 65535, "message": "forced failure"}));
    assert_eq!(
        sim.call("collections/release", json!({"collectionName": "films"}))["code"],
        0
    );
    sim.control("rules/clear", json!({}));
    assert_eq!(
        sim.call("collections/release", json!({"collectionName": "books"}))["code"],
        0
    );

    sim.control(
        "loads/start",
        json!({"collectionName": "films", "seconds": 600, "progress": 42}),
    );
    let held = sim.call(
        "collections/get_load_state",
        json!({"collectionName": "films"}),
    );
    assert_eq!(held["data"]["loadProgress"], 42);
    sim.control("loads/finish", json!({"collectionName": "films"}));
    let done = sim.call(
        "collections/get_load_state",
        json!({"collectionName": "films"}),
    );
    assert_eq!(done["data"]["loadState"], "LoadStateLoaded");

    let state = sim.control_get("state?db=default");
    let films = state["databases"]["default"]["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "films")
        .unwrap()
        .clone();
    assert_eq!(films["state"], "Loaded");
    assert!(state["databases"].get("analytics").is_none());

    let partition_reads = |sim: &SimProcess| {
        sim.control_get("counters")["collections/get_load_state partitionNames"].clone()
    };
    assert_eq!(partition_reads(&sim), json!(null));
    sim.call(
        "collections/get_load_state",
        json!({"collectionName": "books", "partitionNames": ["_default"]}),
    );
    assert_eq!(partition_reads(&sim), 1, "a state read naming partitions");

    sim.control("reset", json!({}));
    assert_eq!(sim.control_get("counters"), json!({}));
    let films = sim.call(
        "collections/get_load_state",
        json!({"collectionName": "films"}),
    );
    assert_eq!(films["data"]["loadState"], "LoadStateNotLoad");

    sim.control(
        "reset",
        json!({"dataset": {"collections": 250, "partitions": 3, "seed": 9}}),
    );
    let list = sim.call("collections/list", json!({}));
    assert_eq!(list["data"].as_array().unwrap().len(), 250);
    let bad = sim.post("/__sim/faults", r#"{"rate": 2}"#, &[]);
    assert_eq!(bad.status, 400);
}
