//! Contract section 6: the replica settings a REST load uses, what happens to a target loaded
//! otherwise, per version; failed loads and silent abandonment (section 5 and 6).

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::SimProcess;

fn demo(version: &str) -> SimProcess {
    SimProcess::start(&["--demo", "--compat", version])
}

fn load(sim: &SimProcess, collection: &str) -> Value {
    sim.call("collections/load", json!({"collectionName": collection}))
}

fn replicas(sim: &SimProcess, db: &str, collection: &str) -> Value {
    sim.collection(db, collection)["replicas"].clone()
}

#[test]
fn a_load_against_other_replicas_is_refused_before_2_4_13_and_silently_reconfigured_after() {
    // faq_answers was loaded by an SDK with two replicas; REST sends none, so the default (1).
    for version in ["2.4.0", "2.4.12"] {
        let sim = demo(version);
        assert_eq!(
            load(&sim, "faq_answers"),
            json!({"code": 65535, "message": "call query coordinator LoadCollection: can't change the replica number for loaded collection: invalid parameter[expected=2][actual=1]"}),
            "{version}"
        );
        assert_eq!(replicas(&sim, "default", "faq_answers"), 2);
    }
    for version in ["2.4.13", "2.5.4", "2.6.19"] {
        let sim = demo(version);
        assert_eq!(load(&sim, "faq_answers")["code"], 0, "{version}");
        assert_eq!(replicas(&sim, "default", "faq_answers"), 1, "{version}");
    }
}

#[test]
fn other_resource_groups_are_refused_the_same_way_before_2_4_13() {
    for (version, refused) in [("2.4.12", true), ("2.4.13", false)] {
        let sim = demo(version);
        sim.control(
            "loads/start",
            json!({"collectionName": "films", "seconds": 0.001, "resourceGroups": ["rg_a", "rg_b"]}),
        );
        let reply = load(&sim, "films");
        if refused {
            assert_eq!(
                reply,
                json!({"code": 65535, "message": "call query coordinator LoadCollection: can't change the resource group for loaded collection: invalid parameter[expected=[rg_a rg_b]][actual=[__default_resource_group]]"})
            );
        } else {
            assert_eq!(reply["code"], 0);
            assert_eq!(
                sim.collection("default", "films")["resourceGroups"],
                json!(["__default_resource_group"])
            );
        }
    }
}

#[test]
fn a_load_field_subset_is_refused_until_2_6_which_reloads_all_fields() {
    for (version, refused) in [("2.4.13", true), ("2.5.4", true), ("2.6.0", false)] {
        let sim = demo(version);
        sim.control(
            "loads/start",
            json!({"collectionName": "films", "seconds": 0.001, "fieldSubset": true}),
        );
        let reply = load(&sim, "films");
        if refused {
            assert_eq!(reply["code"], 65535, "{version}");
            assert!(
                reply["message"].as_str().unwrap().starts_with(
                    "call query coordinator LoadCollection: can't change the load field list for loaded collection"
                ),
                "{reply}"
            );
        } else {
            assert_eq!(reply["code"], 0);
            assert_eq!(sim.collection("default", "films")["fieldSubset"], false);
        }
    }
}

#[test]
fn settings_come_from_collection_then_database_properties_from_2_4_7() {
    let sim = demo("2.4.7");
    // collection.replica.number = 2, collection.resource_groups = rg_legal.
    assert_eq!(load(&sim, "legal_clauses")["code"], 0);
    let legal = sim.collection("default", "legal_clauses");
    assert_eq!(
        (legal["replicas"].clone(), legal["resourceGroups"].clone()),
        (json!(2), json!(["rg_legal"]))
    );
    // database.replica.number = 2 on analytics.
    let reply = sim.call(
        "collections/load",
        json!({"dbName": "analytics", "collectionName": "sessions_2024"}),
    );
    assert_eq!(reply["code"], 0);
    assert_eq!(replicas(&sim, "analytics", "sessions_2024"), 2);
    // Properties set later through the control API count too; a first load needs a query
    // node per replica in the group (the demo's default group has two).
    let set = |replicas: &str| {
        sim.control(
            "properties",
            json!({"collectionName": "films", "properties": {"collection.replica.number": replicas}}),
        )
    };
    set("3");
    assert_eq!(
        load(&sim, "films"),
        json!({"code": 65535, "message": "call query coordinator LoadCollection: failed to spawn replica for collection: resource group node not enough[rg=__default_resource_group][currentNodeNum=2][expectedNodeNum=3]"})
    );
    set("2");
    assert_eq!(load(&sim, "films")["code"], 0);
    assert_eq!(replicas(&sim, "default", "films"), 2);
    // 2.4.0–2.4.6 ignore properties.
    let old = demo("2.4.6");
    assert_eq!(load(&old, "legal_clauses")["code"], 0);
    assert_eq!(replicas(&old, "default", "legal_clauses"), 1);
}

#[test]
fn partitions_load_against_other_replicas_is_1100_on_every_version() {
    for version in ["2.4.0", "2.4.13", "2.6.19"] {
        let sim = demo(version);
        // Loaded by an SDK with two replicas; a REST load asks for the default, one.
        sim.control(
            "loads/start",
            json!({"collectionName": "user_events", "partitionNames": ["region_eu"],
                   "seconds": 0.001, "replicas": 2}),
        );
        assert_eq!(
            sim.call(
                "partitions/load",
                json!({"collectionName": "user_events", "partitionNames": ["archive"]})
            ),
            json!({"code": 1100, "message": "can't change the replica number for loaded partitions: invalid parameter[expected=2][actual=1]"}),
            "{version}"
        );
    }
}

#[test]
fn a_failed_load_prefixes_partition_not_loaded_until_the_next_release() {
    let sim = demo("2.6.19");
    let eu = sim.partition_id("default", "user_events", "region_eu");
    sim.control(
        "loads/fail",
        json!({"collectionName": "user_events", "partitionNames": ["region_eu"],
               "reason": "load collection failed: out of memory"}),
    );
    let reply = sim.load_state("user_events", Some(&["region_eu"]));
    assert_eq!(
        reply,
        json!({"code": 0, "data": {"loadState": "LoadStateLoading", "loadProgress": -1},
               "message": format!("load collection failed: out of memory: partition not loaded[partition={eu}].")})
    );
    sim.call(
        "partitions/release",
        json!({"collectionName": "user_events", "partitionNames": ["archive"]}),
    );
    assert_eq!(
        sim.load_state("user_events", Some(&["region_eu"]))["message"],
        format!("partition not loaded[partition={eu}].")
    );
}

/// Polls until `get_load_state` of `collection` reads NotLoad, with a deadline.
fn wait_not_loaded(sim: &SimProcess, collection: &str, within: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let reply = sim.load_state(collection, None);
        if reply == json!({"code": 0, "data": {"loadState": "LoadStateNotLoad"}}) {
            return started.elapsed();
        }
        assert_eq!(reply["code"], 0, "no error anywhere: {reply}");
        assert!(started.elapsed() < within, "{collection} still {reply}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_load_without_progress_is_silently_abandoned() {
    let sim = SimProcess::start(&["--demo", "--load-timeout", "1"]);
    sim.control(
        "loads/start",
        json!({"collectionName": "films", "seconds": 600, "progress": 30}),
    );
    assert_eq!(
        sim.load_state("films", None)["data"]["loadState"],
        "LoadStateLoading"
    );
    let took = wait_not_loaded(&sim, "films", Duration::from_secs(5));
    assert!(took >= Duration::from_millis(700), "{took:?}");
    assert_eq!(sim.collection("default", "films")["state"], "NotLoad");
    // A load that progresses is kept.
    assert_eq!(
        sim.load_state("books", None)["data"]["loadState"],
        "LoadStateLoaded"
    );

    // Set at run time through the control API.
    let sim = SimProcess::start(&["--demo"]);
    sim.control("load-timeout", json!({"seconds": 0.3}));
    sim.control(
        "loads/start",
        json!({"collectionName": "films", "seconds": 600, "progress": 5}),
    );
    wait_not_loaded(&sim, "films", Duration::from_secs(5));
    sim.control("load-timeout", json!({"seconds": null}));
    sim.control(
        "loads/start",
        json!({"collectionName": "films", "seconds": 600, "progress": 5}),
    );
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        sim.load_state("films", None)["data"]["loadState"],
        "LoadStateLoading"
    );
}
