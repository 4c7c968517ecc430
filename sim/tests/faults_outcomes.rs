//! Faults that hide a write's outcome (applied, then lost), the transient code 100, the DDL
//! rate limit and the write counters, observed by a raw client.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;
use support::SimProcess;

/// Sends one request on a fresh connection and returns every byte that came back.
fn exchange(sim: &SimProcess, endpoint: &str, body: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(("127.0.0.1", sim.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let request = format!(
        "POST /v2/vectordb/{endpoint} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    bytes
}

#[test]
fn applied_reset_does_the_write_then_drops_the_connection() {
    let sim = SimProcess::start(&["--demo"]);
    sim.control(
        "faults/force",
        json!({"endpoint": "collections/release", "collectionName": "books",
               "kind": "applied-reset", "times": 1}),
    );
    let bytes = exchange(&sim, "collections/release", r#"{"collectionName":"books"}"#);
    assert!(bytes.is_empty(), "{:?}", String::from_utf8_lossy(&bytes));
    assert_eq!(
        sim.load_state("books", None),
        json!({"code": 0, "data": {"loadState": "LoadStateNotLoad"}}),
        "the release was applied"
    );
    // Used up: the next one answers.
    assert_eq!(
        sim.call("collections/release", json!({"collectionName": "books"}))["code"],
        0
    );
    assert_eq!(sim.control_get("writes")["collections/release"]["books"], 2);
}

#[test]
fn a_reset_before_processing_does_not_apply() {
    let sim = SimProcess::start(&["--demo"]);
    sim.control(
        "faults/force",
        json!({"endpoint": "collections/release", "kind": "reset"}),
    );
    assert!(exchange(&sim, "collections/release", r#"{"collectionName":"books"}"#).is_empty());
    assert_eq!(
        sim.load_state("books", None)["data"]["loadState"],
        "LoadStateLoaded"
    );
    sim.control("faults/force/clear", json!({}));
    assert_eq!(
        sim.call("collections/release", json!({"collectionName": "books"}))["code"],
        0
    );
}

#[test]
fn applied_slow_does_the_write_and_answers_after_slow_ms() {
    let sim = SimProcess::start(&["--demo", "--load-ms-per-100k-rows", "600000"]);
    sim.control("faults", json!({"rate": 0, "slowMs": 400}));
    sim.control(
        "faults/force",
        json!({"endpoint": "collections/load", "kind": "applied-slow", "times": 1}),
    );
    let started = Instant::now();
    let reply = sim.call("collections/load", json!({"collectionName": "films"}));
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(reply, json!({"code": 0, "data": {}}));
    // Applied before the pause: a client that gave up meanwhile sees it loading.
    assert_eq!(sim.collection("default", "films")["state"], "Loading");
}

#[test]
fn transient_100_hides_an_existing_collection_from_get_load_state_only() {
    let sim = SimProcess::start(&["--demo"]);
    sim.control(
        "faults/force",
        json!({"endpoint": "collections/get_load_state", "collectionName": "books",
               "kind": "transient100", "times": 2}),
    );
    let gone = json!({"code": 100, "message": "collection not found[collection=books]"});
    assert_eq!(sim.load_state("books", None), gone);
    assert_eq!(
        sim.call("collections/has", json!({"collectionName": "books"})),
        json!({"code": 0, "data": {"has": true}})
    );
    assert!(sim.call("collections/list", json!({}))["data"]
        .as_array()
        .unwrap()
        .contains(&json!("books")));
    assert_eq!(sim.load_state("books", Some(&["_default"])), gone);
    assert_eq!(
        sim.load_state("books", None)["data"]["loadState"],
        "LoadStateLoaded"
    );
    // Also as a rate, with other endpoints untouched.
    sim.control("faults", json!({"rate": 1.0, "kinds": ["transient100"]}));
    assert_eq!(sim.load_state("films", None)["code"], 100);
    assert_eq!(sim.call("collections/list", json!({}))["code"], 0);
    // And as a rule that applies a number of times.
    sim.control("faults", json!({"rate": 0}));
    sim.control(
        "rules",
        json!({"endpoint": "collections/get_load_state", "collectionName": "films",
               "code": 100, "message": "collection not found[collection=films]", "times": 1}),
    );
    assert_eq!(sim.load_state("films", None)["code"], 100);
    assert_eq!(sim.load_state("films", None)["code"], 0);
}

#[test]
fn writes_are_counted_per_endpoint_and_collection() {
    let sim = SimProcess::start(&["--demo"]);
    sim.call("collections/load", json!({"collectionName": "films"}));
    sim.call("collections/load", json!({"collectionName": "films"}));
    sim.call(
        "partitions/release",
        json!({"dbName": "analytics", "collectionName": "clickstream", "partitionNames": ["month_01"]}),
    );
    sim.call(
        "collections/get_load_state",
        json!({"collectionName": "films"}),
    );
    let expected = json!({
        "collections/load": {"films": 2},
        "partitions/release": {"analytics/clickstream": 1},
    });
    assert_eq!(sim.control_get("writes"), expected);
    assert_eq!(sim.control_get("state")["writes"], expected);
    sim.control("counters/reset", json!({}));
    assert_eq!(sim.control_get("writes"), json!({}));
}

#[test]
fn ddl_beyond_the_rate_answers_1807_with_http_200() {
    let sim = SimProcess::start(&["--demo", "--ddl-rate", "2"]);
    let release = |name: &str| sim.call("collections/release", json!({"collectionName": name}));
    assert_eq!(release("books")["code"], 0);
    assert_eq!(release("films")["code"], 0);
    assert_eq!(
        release("faq_answers"),
        json!({"code": 1807, "message": "request is rejected by limiter, error: rate limit exceeded[rate=2]"})
    );
    // Reads are not limited; the refused write was not applied.
    assert_eq!(
        sim.load_state("faq_answers", None)["data"]["loadState"],
        "LoadStateLoaded"
    );
    // Setting the rate starts a new window: the write refused in the last one is admitted.
    sim.control("ddl-rate", json!({"perSecond": 2}));
    assert_eq!(release("faq_answers")["code"], 0);
    // Changed at run time.
    sim.control("ddl-rate", json!({"perSecond": null}));
    for _ in 0..5 {
        assert_eq!(release("books")["code"], 0);
    }
    sim.control("ddl-rate", json!({"perSecond": 1}));
    assert_eq!(release("books")["code"], 0);
    assert_eq!(release("books")["code"], 1807);
}
