//! Contract sections 4–6: every endpoint's answer and the load/release rules, asserted on raw
//! JSON.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::SimProcess;

fn state(sim: &SimProcess, collection: &str, partitions: Option<&[&str]>) -> Value {
    sim.load_state(collection, partitions)
}

fn ok(sim: &SimProcess, endpoint: &str, body: Value) {
    let reply = sim.call(endpoint, body);
    assert_eq!(reply, json!({"code": 0, "data": {}}), "{endpoint}");
}

/// Waits (with a deadline) until the collection's reply equals `expected`.
fn wait_for(sim: &SimProcess, collection: &str, expected: Value) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = state(sim, collection, None);
        if now == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{collection}: {now} never became {expected}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn loaded() -> Value {
    json!({"code": 0, "data": {"loadState": "LoadStateLoaded", "loadProgress": 100}, "message": ""})
}

fn not_loaded() -> Value {
    json!({"code": 0, "data": {"loadState": "LoadStateNotLoad"}})
}

#[test]
fn get_load_state_rows_of_section_5() {
    let sim = SimProcess::start(&["--demo"]);
    assert_eq!(state(&sim, "films", None), not_loaded());
    // partitionNames are ignored when nothing is loaded.
    assert_eq!(state(&sim, "films", Some(&["_default"])), not_loaded());
    assert_eq!(state(&sim, "books", None), loaded());
    assert_eq!(state(&sim, "books", Some(&["_default"])), loaded());
    let loading = state(&sim, "wiki_passages_e5_large", None);
    assert_eq!(loading["data"]["loadState"], "LoadStateLoading");
    let progress = loading["data"]["loadProgress"].as_i64().unwrap();
    assert!((0..100).contains(&progress), "{progress}");
    assert_eq!(loading["message"], "");
    // Partly loaded: the collection says Loaded; a released partition says -1 "not loaded".
    assert_eq!(state(&sim, "user_events", None), loaded());
    assert_eq!(state(&sim, "user_events", Some(&["region_eu"])), loaded());
    // "Not loaded" names the partition by its numeric ID, never by name.
    let archive = sim.partition_id("default", "user_events", "archive");
    assert_eq!(
        state(&sim, "user_events", Some(&["archive"])),
        json!({"code": 0, "data": {"loadState": "LoadStateLoading", "loadProgress": -1},
               "message": format!("partition not loaded[partition={archive}].")})
    );
    // One call listing every partition tells full from partial.
    let every = [
        "_default",
        "region_eu",
        "region_us",
        "region_apac",
        "archive",
    ];
    let partial = state(&sim, "user_events", Some(&every));
    assert_eq!(partial["data"]["loadProgress"], -1);
    assert!(partial["message"]
        .as_str()
        .unwrap()
        .starts_with("partition not loaded["));
    assert_eq!(
        state(&sim, "user_events", Some(&["region_eu", "region_us"])),
        loaded()
    );
    let gone = state(&sim, "user_events", Some(&["dropped_meanwhile"]));
    assert_eq!(gone["data"]["loadProgress"], -1);
    assert!(gone["message"]
        .as_str()
        .unwrap()
        .starts_with("partition not found"));
    let missing = state(&sim, "nope", None);
    assert_eq!(missing["code"], 100);
    assert_eq!(
        missing,
        json!({"code": 100, "message": "collection not found[collection=nope]"}),
        "no database in the text"
    );
    let no_db = sim.call(
        "collections/get_load_state",
        json!({"dbName": "nope", "collectionName": "books"}),
    );
    assert_eq!(
        no_db,
        json!({"code": 100, "message": "collection not found[collection=books]"})
    );
}

#[test]
fn read_endpoints_of_section_4() {
    let sim = SimProcess::start(&["--demo"]);
    let stats = sim.call("collections/get_stats", json!({"collectionName": "books"}));
    assert_eq!(stats, json!({"code": 0, "data": {"rowCount": 120000}}));
    let parts = sim.call("partitions/list", json!({"collectionName": "user_events"}));
    assert_eq!(parts["data"][0], "_default");
    assert_eq!(parts["data"].as_array().unwrap().len(), 5);
    assert_eq!(
        sim.call(
            "partitions/has",
            json!({"collectionName": "user_events", "partitionName": "archive"})
        ),
        json!({"code": 0, "data": {"has": true}})
    );
    assert_eq!(
        sim.call(
            "partitions/has",
            json!({"collectionName": "user_events", "partitionName": "x"})
        )["data"]["has"],
        false
    );
    assert_eq!(
        sim.call(
            "partitions/get_stats",
            json!({"collectionName": "user_events", "partitionName": "region_eu"})
        ),
        json!({"code": 0, "data": {"rowCount": 220000}})
    );
    let describe = sim.post(
        "/v2/vectordb/collections/describe",
        r#"{"collectionName":"books"}"#,
        &[],
    );
    let text = describe.text();
    let value = describe.json();
    let id = value["data"]["collectionID"].as_i64().unwrap();
    assert!(id > 1 << 53, "IDs must exceed JavaScript's safe integers");
    assert!(
        text.contains(&format!("\"collectionID\":{id}")),
        "sent as a bare number"
    );
    assert_eq!(value["data"]["load"], "LoadStateLoaded");
    assert_eq!(value["data"]["partitionsNum"], 1);
    let no_index = sim.call(
        "collections/describe",
        json!({"collectionName": "raw_events_no_index"}),
    );
    assert_eq!(no_index["code"], 0);
    assert!(no_index["message"]
        .as_str()
        .unwrap()
        .contains("index not found"));
    let missing = sim.call("collections/describe", json!({"collectionName": "x"}));
    assert_eq!(missing["code"], 100);
    assert_eq!(
        missing["message"],
        "can't find collection[database=default][collection=x]"
    );
}

#[test]
fn load_is_asynchronous_and_repeats_are_no_ops() {
    let sim = SimProcess::start(&["--demo", "--load-ms-per-100k-rows", "2000"]);
    ok(&sim, "collections/load", json!({"collectionName": "films"}));
    let first = state(&sim, "films", None);
    assert_eq!(first["data"]["loadState"], "LoadStateLoading");
    ok(&sim, "collections/load", json!({"collectionName": "films"}));
    wait_for(&sim, "films", loaded());
    ok(&sim, "collections/load", json!({"collectionName": "films"}));
    ok(
        &sim,
        "collections/release",
        json!({"collectionName": "films"}),
    );
    assert_eq!(state(&sim, "films", None), not_loaded());
    ok(
        &sim,
        "collections/release",
        json!({"collectionName": "films"}),
    );
}

#[test]
fn release_cancels_a_load_in_progress() {
    let sim = SimProcess::start(&["--demo"]);
    assert_eq!(
        state(&sim, "wiki_passages_e5_large", None)["data"]["loadState"],
        "LoadStateLoading"
    );
    ok(
        &sim,
        "collections/release",
        json!({"collectionName": "wiki_passages_e5_large"}),
    );
    assert_eq!(state(&sim, "wiki_passages_e5_large", None), not_loaded());
}

#[test]
fn releasing_the_last_loaded_partitions_releases_the_collection() {
    let sim = SimProcess::start(&["--demo"]);
    ok(
        &sim,
        "partitions/release",
        json!({"collectionName": "user_events", "partitionNames": ["region_eu"]}),
    );
    assert_eq!(state(&sim, "user_events", None), loaded());
    ok(
        &sim,
        "partitions/release",
        json!({"collectionName": "user_events", "partitionNames": ["region_us"]}),
    );
    assert_eq!(state(&sim, "user_events", None), not_loaded());
    // `_default` can be released like any partition.
    ok(
        &sim,
        "partitions/release",
        json!({"collectionName": "books", "partitionNames": ["_default"]}),
    );
    assert_eq!(state(&sim, "books", None), not_loaded());
}

#[test]
fn collection_load_on_a_partly_loaded_collection_loads_the_rest() {
    let sim = SimProcess::start(&["--demo", "--load-ms-per-100k-rows", "20"]);
    ok(
        &sim,
        "collections/load",
        json!({"collectionName": "user_events"}),
    );
    wait_for(&sim, "user_events", loaded());
    assert_eq!(state(&sim, "user_events", Some(&["archive"])), loaded());
}

#[test]
fn new_partitions_follow_how_the_collection_was_loaded() {
    // Loaded only through partitions/load: not on 2.4/2.5, yes on 2.6 (every load is recorded
    // as a collection load there).
    for (version, loaded_at_once) in [("2.4.18", false), ("2.5.4", false), ("2.6.0", true)] {
        let sim = SimProcess::start(&["--demo", "--compat", version]);
        ok(
            &sim,
            "partitions/create",
            json!({"collectionName": "books", "partitionName": "fresh"}),
        );
        assert_eq!(state(&sim, "books", Some(&["fresh"])), loaded());
        ok(
            &sim,
            "partitions/create",
            json!({"collectionName": "user_events", "partitionName": "fresh"}),
        );
        let fresh = state(&sim, "user_events", Some(&["fresh"]));
        if loaded_at_once {
            assert_eq!(fresh, loaded(), "{version}");
        } else {
            assert_eq!(fresh["data"]["loadProgress"], -1, "{version}");
        }
    }
}

#[test]
fn quick_create_starts_a_load_custom_schema_without_index_does_not() {
    let sim = SimProcess::start(&["--load-ms-per-100k-rows", "50"]);
    ok(
        &sim,
        "collections/create",
        json!({"collectionName": "quick", "dimension": 8}),
    );
    assert_ne!(state(&sim, "quick", None), not_loaded());
    ok(
        &sim,
        "collections/create",
        json!({"collectionName": "custom", "schema": {"fields": []}}),
    );
    assert_eq!(state(&sim, "custom", None), not_loaded());
    let refused = sim.call("collections/load", json!({"collectionName": "custom"}));
    assert_eq!(
        refused,
        json!({"code": 700, "message": "index not found[collection=custom]"})
    );
    ok(
        &sim,
        "collections/drop",
        json!({"collectionName": "custom"}),
    );
    assert_eq!(
        sim.call("collections/list", json!({}))["data"],
        json!(["quick"])
    );
}

#[test]
fn partition_refusals_of_section_6() {
    let sim = SimProcess::start(&["--demo", "--compat", "2.6.18"]);
    let unknown = sim.call(
        "partitions/load",
        json!({"collectionName": "user_events", "partitionNames": ["nope"]}),
    );
    assert_eq!(
        unknown,
        json!({"code": 200, "message": "partition not found[partition=nope]"})
    );
    let unknown = sim.call(
        "partitions/release",
        json!({"collectionName": "user_events", "partitionNames": ["nope"]}),
    );
    assert_eq!(unknown["code"], 200);
    let empty_release = sim.call(
        "partitions/release",
        json!({"collectionName": "user_events", "partitionNames": []}),
    );
    assert_eq!(empty_release["code"], 1100);
    let empty_load = sim.call(
        "partitions/load",
        json!({"collectionName": "user_events", "partitionNames": []}),
    );
    assert_eq!(empty_load["code"], 65535);
    let missing = sim.call("partitions/load", json!({"collectionName": "user_events"}));
    assert_eq!(missing["code"], 1802);
    let key = sim.call(
        "partitions/release",
        json!({"collectionName": "support_tickets", "partitionNames": ["_default_0"]}),
    );
    assert_eq!(key["code"], 65535);
    let drop_loaded = sim.call(
        "partitions/drop",
        json!({"collectionName": "user_events", "partitionName": "region_eu"}),
    );
    assert_eq!(
        drop_loaded,
        json!({"code": 65535, "message": "partition cannot be dropped, partition is loaded, please release it first"})
    );
    ok(
        &sim,
        "partitions/drop",
        json!({"collectionName": "user_events", "partitionName": "archive"}),
    );
    // collections/load ignores partitionNames.
    let sim2 = SimProcess::start(&["--demo"]);
    ok(
        &sim2,
        "collections/load",
        json!({"collectionName": "films", "partitionNames": ["x"]}),
    );
}

#[test]
fn invalid_names_are_1100_and_echo_the_name() {
    let sim = SimProcess::start(&["--demo"]);
    let reply = sim.call(
        "collections/create",
        json!({"collectionName": "1abc", "dimension": 4}),
    );
    assert_eq!(
        reply,
        json!({"code": 1100, "message": "Invalid collection name: 1abc.  the first character of a collection name must be an underscore or letter: invalid parameter"})
    );
    let html = "<img src=x onerror=alert(1)>";
    let reply = sim.call("collections/load", json!({"collectionName": html}));
    assert_eq!(reply["code"], 1100);
    assert!(reply["message"].as_str().unwrap().contains(html));
    let long = "a".repeat(256);
    assert_eq!(
        sim.call("collections/describe", json!({"collectionName": long}))["code"],
        1100
    );
}

#[test]
fn hostile_mode_lists_names_a_real_server_refuses() {
    let sim = SimProcess::start(&["--hostile"]);
    let list = sim.call("collections/list", json!({}));
    let names: Vec<String> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    assert!(names.iter().any(|n| n.contains("<script>")));
    let refused_by_real_server = |n: &&String| {
        !n.chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
            || !n.chars().all(|c| c == '_' || c.is_ascii_alphanumeric())
            || n.len() > 255
    };
    assert!(names.iter().filter(refused_by_real_server).count() >= 50);
    let dbs = sim.call("databases/list", json!({}));
    assert!(dbs["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d.as_str().unwrap_or("").contains('<')));
    let payload = names.iter().find(|n| n.contains("<svg")).unwrap();
    let state = sim.call(
        "collections/get_load_state",
        json!({"collectionName": payload}),
    );
    assert_eq!(state["code"], 0);
}
