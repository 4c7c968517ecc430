//! Contract sections 10.6 and 10.7: loads placed on query nodes. A first load with too few
//! nodes in the group is refused; a load the nodes cannot hold answers code 0, stays Loading
//! at a flat percent, and once dropped `get_load_state` answers the loader's error.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::SimProcess;

fn demo(version: &str, extra: &[&str]) -> SimProcess {
    let mut args = vec!["--demo", "--compat", version];
    args.extend_from_slice(extra);
    SimProcess::start(&args)
}

#[test]
fn a_first_load_needs_a_node_per_replica_in_2_6_without_the_spawn_text_and_with_304_from_2_6_19() {
    for (version, code, spawn) in [
        ("2.5.4", 65535, true),
        ("2.6.0", 65535, false),
        ("2.6.19", 304, false),
    ] {
        let sim = demo(version, &[]);
        sim.control(
            "properties",
            json!({"collectionName": "chat_memory", "properties": {
                "collection.replica.number": "3", "collection.resource_groups": "rg_legal"}}),
        );
        let spawn = if spawn {
            "failed to spawn replica for collection: "
        } else {
            ""
        };
        assert_eq!(
            sim.call("collections/load", json!({"collectionName": "chat_memory"})),
            json!({"code": code, "message": format!("call query coordinator LoadCollection: {spawn}resource group node not enough[rg=rg_legal][currentNodeNum=2][expectedNodeNum=3]")}),
            "{version}"
        );
        sim.control(
            "properties",
            json!({"collectionName": "chat_memory", "properties": {"collection.resource_groups": "rg_nope"}}),
        );
        let missing = sim.call("collections/load", json!({"collectionName": "chat_memory"}));
        assert!(
            missing["message"]
                .as_str()
                .unwrap_or("")
                .ends_with("resource group not found[rg=rg_nope]"),
            "{missing}"
        );
    }
}

#[test]
fn a_reconfiguration_skips_the_node_check() {
    let sim = demo("2.6.19", &[]);
    // faq_answers is loaded; a load with three replicas reconfigures it without a check.
    sim.control(
        "properties",
        json!({"collectionName": "faq_answers", "properties": {"collection.replica.number": "3"}}),
    );
    assert_eq!(
        sim.call("collections/load", json!({"collectionName": "faq_answers"}))["code"],
        0
    );
    let cluster = sim.control_get("cluster");
    let faq = cluster["loaded"]
        .as_array()
        .and_then(|l| l.iter().find(|c| c["collection"] == "faq_answers").cloned())
        .unwrap_or_default();
    assert_eq!(
        faq["replicas"],
        json!([
            {"group": "__default_resource_group", "nodes": [1]},
            {"group": "__default_resource_group", "nodes": [2]},
            {"group": "__default_resource_group", "nodes": []}
        ])
    );
}

#[test]
fn database_properties_count_from_2_4_6_collection_ones_from_2_4_7() {
    for (version, replicas) in [("2.4.5", 1), ("2.4.6", 2)] {
        let sim = demo(version, &[]);
        let reply = sim.call(
            "collections/load",
            json!({"dbName": "analytics", "collectionName": "sessions_2024"}),
        );
        assert_eq!(reply["code"], 0, "{version}");
        assert_eq!(
            sim.collection("analytics", "sessions_2024")["replicas"],
            replicas,
            "{version}"
        );
    }
    let sim = demo("2.4.6", &[]);
    assert_eq!(
        sim.call(
            "collections/load",
            json!({"collectionName": "legal_clauses"})
        )["code"],
        0
    );
    assert_eq!(sim.collection("default", "legal_clauses")["replicas"], 1);
}

/// Loads `video_frames_clip` (far larger than the nodes) and waits for it to be dropped.
fn load_too_large(version: &str) -> SimProcess {
    let sim = demo(version, &["--load-timeout", "1"]);
    assert_eq!(
        sim.call(
            "collections/load",
            json!({"collectionName": "video_frames_clip"})
        ),
        json!({"code": 0, "data": {}})
    );
    let stalled = sim.load_state("video_frames_clip", None);
    assert_eq!(
        stalled["data"]["loadState"], "LoadStateLoading",
        "{stalled}"
    );
    let percent = stalled["data"]["loadProgress"].as_i64().unwrap_or(-1);
    assert!((0..100).contains(&percent), "{stalled}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        sim.load_state("video_frames_clip", None)["data"]["loadProgress"],
        percent,
        "flat"
    );
    let started = Instant::now();
    while sim.load_state("video_frames_clip", None)["code"] == 0 {
        assert!(started.elapsed() < Duration::from_secs(10), "never dropped");
        std::thread::sleep(Duration::from_millis(100));
    }
    sim
}

#[test]
fn an_over_memory_load_answers_0_stays_loading_then_get_load_state_answers_the_loader_error() {
    let sim = load_too_large("2.5.4");
    let reply = sim.load_state("video_frames_clip", None);
    assert_eq!(reply["code"], 65535, "{reply}");
    let message = reply["message"].as_str().unwrap_or("");
    assert!(
        message.starts_with(
            "show collection failed: load segment failed, OOM if load, maxSegmentSize = "
        ),
        "{message}"
    );
    assert!(message.ends_with("thresholdFactor = 0.900000"), "{message}");
    // Describe's load is "" and its message carries the failure; code stays 0.
    let described = sim.call(
        "collections/describe",
        json!({"collectionName": "video_frames_clip"}),
    );
    assert_eq!(
        (described["code"].clone(), described["data"]["load"].clone()),
        (json!(0), json!(""))
    );
    assert!(described["message"]
        .as_str()
        .unwrap_or("")
        .contains("OOM if load"));
    // A release clears the failure.
    sim.call(
        "collections/release",
        json!({"collectionName": "video_frames_clip"}),
    );
    assert_eq!(
        sim.load_state("video_frames_clip", None),
        json!({"code": 0, "data": {"loadState": "LoadStateNotLoad"}})
    );
}

#[test]
fn from_2_6_8_the_memory_refusal_is_code_605() {
    let sim = load_too_large("2.6.8");
    assert_eq!(
        sim.load_state("video_frames_clip", None),
        json!({"code": 605, "message": "show collection failed: segment request resource failed[resourceType=Memory]"})
    );
    let older = load_too_large("2.6.7");
    assert_eq!(older.load_state("video_frames_clip", None)["code"], 65535);
}

#[test]
fn a_collection_loaded_after_start_holds_the_replicas_its_properties_ask_for() {
    let sim = demo("2.6.19", &[]);
    assert_eq!(
        sim.call(
            "collections/alter_properties",
            json!({"collectionName": "films", "properties": {
                "collection.replica.number": 2, "collection.resource_groups": "__default_resource_group"}}),
        )["code"],
        0
    );
    assert_eq!(
        sim.call("collections/load", json!({"collectionName": "films"}))["code"],
        0
    );
    let cluster = sim.control_get("cluster");
    let films = cluster["loaded"]
        .as_array()
        .and_then(|loaded| loaded.iter().find(|l| l["collection"] == "films"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        films["replicas"],
        json!([
            {"group": "__default_resource_group", "nodes": [1]},
            {"group": "__default_resource_group", "nodes": [2]},
        ]),
        "{cluster}"
    );
}
