//! Contract section 10.1–10.6: `indexes/describe`, `resource_groups/*` (2.5.3+, describe
//! without `code`), `quotacenter/describe` (2.6.0+, `data` is JSON text) and
//! `collections/alter_properties|drop_properties` (2.5.4+); 404 before each boundary.

mod support;

use serde_json::{json, Value};
use support::SimProcess;

fn demo(version: &str) -> SimProcess {
    SimProcess::start(&["--demo", "--compat", version])
}

fn status(sim: &SimProcess, endpoint: &str, body: Value) -> u16 {
    sim.post(&format!("/v2/vectordb/{endpoint}"), &body.to_string(), &[])
        .status
}

#[test]
fn each_endpoint_is_404_before_its_version() {
    let rg = json!({"name": "rg_legal"});
    let alter = json!({"collectionName": "films", "properties": {"a": "b"}});
    for (endpoint, body, before, from) in [
        ("resource_groups/list", json!({}), "2.5.2", "2.5.3"),
        ("resource_groups/describe", rg, "2.5.2", "2.5.3"),
        (
            "collections/alter_properties",
            alter.clone(),
            "2.5.3",
            "2.5.4",
        ),
        (
            "collections/drop_properties",
            json!({"collectionName": "films", "propertyKeys": ["a"]}),
            "2.5.3",
            "2.5.4",
        ),
        ("quotacenter/describe", json!({}), "2.5.4", "2.6.0"),
    ] {
        assert_eq!(
            status(&demo(before), endpoint, body.clone()),
            404,
            "{endpoint} {before}"
        );
        assert_eq!(
            status(&demo(from), endpoint, body),
            200,
            "{endpoint} {from}"
        );
    }
}

#[test]
fn resource_group_describe_has_no_code_and_leaves_out_empty_values() {
    let sim = demo("2.5.3");
    assert_eq!(
        sim.call("resource_groups/list", json!({})),
        json!({"code": 0, "data": ["__default_resource_group", "rg_legal"]})
    );
    let legal = sim.call("resource_groups/describe", json!({"name": "rg_legal"}));
    assert!(legal.get("code").is_none(), "{legal}");
    let group = &legal["resource_group"];
    assert_eq!(group["capacity"], 2);
    assert_eq!(group["num_available_node"], 2);
    assert_eq!(group["num_loaded_replica"], json!({"image_hashes": 1}));
    assert_eq!(
        group["config"],
        json!({"requests": {"node_num": 2}, "limits": {"node_num": 2}})
    );
    assert_eq!(group["nodes"][0]["hostname"], "querynode-2");
    let default = sim.call(
        "resource_groups/describe",
        json!({"name": "__default_resource_group"}),
    );
    assert_eq!(default["resource_group"]["capacity"], 1_000_000);
    assert_eq!(
        default["resource_group"]["num_loaded_replica"]["faq_answers"],
        2
    );
    assert_eq!(
        sim.call("resource_groups/describe", json!({"name": "nope"})),
        json!({"code": 300, "message": "resource group not found[rg=nope]"})
    );
    assert_eq!(
        sim.call("resource_groups/describe", json!({}))["code"],
        1802
    );
}

#[test]
fn index_describe_keeps_the_users_type_and_adds_keys_from_2_5() {
    let sim = demo("2.5.4");
    let books = sim.call(
        "indexes/describe",
        json!({"collectionName": "books", "indexName": "embedding"}),
    );
    let index = &books["data"][0];
    assert_eq!(index["indexType"], "AUTOINDEX");
    assert_eq!(index["totalRows"], 120_000);
    assert_eq!(index["mmap.enabled"], "false");
    let films = sim.call(
        "indexes/describe",
        json!({"collectionName": "films", "indexName": "plot_embedding"}),
    );
    assert_eq!(
        films["data"][0]["indexParams"],
        json!({"M": "16", "efConstruction": "200"})
    );
    assert_eq!(
        sim.call(
            "indexes/describe",
            json!({"collectionName": "books", "indexName": "x"})
        ),
        json!({"code": 700, "message": "index not found[indexName=x]"})
    );
    assert_eq!(
        sim.call("indexes/describe", json!({"collectionName": "books"}))["code"],
        1802
    );
    let old = demo("2.4.18").call(
        "indexes/describe",
        json!({"collectionName": "books", "indexName": "embedding"}),
    );
    assert!(old["data"][0].get("mmap.enabled").is_none(), "{old}");
}

#[test]
fn quotacenter_data_is_json_text_with_node_memory() {
    let sim = demo("2.6.0");
    let reply = sim.call("quotacenter/describe", json!({}));
    let text = reply["data"].as_str().unwrap_or_default();
    let metrics: Value = serde_json::from_str(text).unwrap_or_default();
    let node = &metrics["QueryNodeMetrics"]["1"];
    assert!(node["Hms"]["memory"].as_u64() > node["Hms"]["memory_usage"].as_u64());
    assert!(node["LoadedBinlogSize"].as_u64() > Some(0));
    assert!(metrics["DataCoordMetrics"]["CollectionBinlogSize"]
        .as_object()
        .is_some_and(|m| !m.is_empty()));
}

#[test]
fn alter_stores_go_text_and_reconfigures_a_loaded_collection_from_2_6_3() {
    for (version, replicas) in [("2.6.2", 2), ("2.6.3", 1)] {
        let sim = demo(version);
        let reply = sim.call(
            "collections/alter_properties",
            json!({"collectionName": "faq_answers", "properties": {"collection.replica.number": 1, "x": ["a", "b"]}}),
        );
        assert_eq!(reply, json!({"code": 0, "data": {}}));
        assert_eq!(
            sim.collection("default", "faq_answers")["replicas"],
            replicas,
            "{version}"
        );
        let described = sim.call(
            "collections/describe",
            json!({"collectionName": "faq_answers"}),
        );
        assert_eq!(
            described["data"]["properties"],
            json!([{"key": "collection.replica.number", "value": "1"}, {"key": "x", "value": "[a b]"}])
        );
        sim.call(
            "collections/drop_properties",
            json!({"collectionName": "faq_answers", "propertyKeys": ["x"]}),
        );
        let described = sim.call(
            "collections/describe",
            json!({"collectionName": "faq_answers"}),
        );
        assert_eq!(
            described["data"]["properties"].as_array().map(Vec::len),
            Some(1)
        );
        assert_eq!(
            sim.call(
                "collections/alter_properties",
                json!({"collectionName": "faq_answers"})
            )["code"],
            1802
        );
    }
}
