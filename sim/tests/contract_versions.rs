//! The contract's rows that depend on the server version, per `--compat` boundary: success
//! code, `databases/*`, the 408 body, `refresh_load`, 65535 versus 1100, name rules.

mod support;

use serde_json::{json, Value};
use support::SimProcess;

fn demo(version: &str) -> SimProcess {
    SimProcess::start(&["--demo", "--compat", version])
}

fn post(sim: &SimProcess, endpoint: &str, body: Value) -> support::Raw {
    sim.post(&format!("/v2/vectordb/{endpoint}"), &body.to_string(), &[])
}

#[test]
fn success_is_code_200_only_on_2_4_0_to_2_4_2() {
    for (version, code) in [("2.4.0", 200), ("2.4.2", 200), ("2.4.3", 0), ("2.6.19", 0)] {
        let sim = demo(version);
        assert_eq!(
            sim.call("collections/list", json!({}))["code"],
            code,
            "{version}"
        );
        assert_eq!(
            sim.call("collections/has", json!({"collectionName": "books"})),
            json!({"code": code, "data": {"has": true}}),
            "{version}"
        );
    }
}

#[test]
fn databases_endpoints_exist_from_2_4_18() {
    for version in ["2.4.0", "2.4.13", "2.4.17"] {
        let sim = demo(version);
        for endpoint in ["databases/list", "databases/describe"] {
            let raw = post(&sim, endpoint, json!({"dbName": "default"}));
            assert_eq!(
                (raw.status, raw.text()),
                (404, "404 page not found".to_string()),
                "{version} {endpoint}"
            );
        }
    }
    for version in ["2.4.18", "2.5.0", "2.6.0"] {
        let sim = demo(version);
        assert_eq!(
            sim.call("databases/list", json!({}))["code"],
            0,
            "{version}"
        );
        let analytics = sim.call("databases/describe", json!({"dbName": "analytics"}));
        let data = &analytics["data"];
        assert_eq!(data["dbName"], "analytics");
        assert!(data["dbID"].is_i64(), "{analytics}");
        assert_eq!(
            data["properties"],
            json!([{"key": "database.replica.number", "value": "2"}])
        );
        assert_eq!(
            sim.call("databases/describe", json!({"dbName": "nope"})),
            json!({"code": 800, "message": "database not found[database=nope]"})
        );
        assert_eq!(
            sim.call("databases/describe", json!({}))["code"],
            1802,
            "dbName is required"
        );
    }
}

#[test]
fn server_timeout_is_plain_text_before_2_5_4_and_json_from_it() {
    for (version, json_body) in [
        ("2.4.18", false),
        ("2.5.0", false),
        ("2.5.3", false),
        ("2.5.4", true),
        ("2.6.19", true),
    ] {
        let sim = demo(version);
        sim.control(
            "faults/force",
            json!({"endpoint": "collections/list", "kind": "408", "times": 1}),
        );
        let raw = post(&sim, "collections/list", json!({}));
        assert_eq!(raw.status, 408, "{version}");
        if json_body {
            assert_eq!(
                raw.json(),
                json!({"code": 10001, "message": "request timeout"})
            );
        } else {
            assert_eq!(raw.text(), "timeout", "{version}");
            assert_eq!(raw.header("content-type"), Some("text/plain"));
        }
        assert_eq!(post(&sim, "collections/list", json!({})).status, 200);
    }
}

fn collection_id(sim: &SimProcess, name: &str) -> String {
    sim.collection("default", name)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn refresh_load_exists_from_2_5_4_and_names_an_unloaded_collection_by_id() {
    for version in ["2.4.18", "2.5.3"] {
        let raw = post(
            &demo(version),
            "collections/refresh_load",
            json!({"collectionName": "books"}),
        );
        assert_eq!(raw.status, 404, "{version}");
    }
    for (version, code) in [("2.5.4", 65535), ("2.6.18", 65535), ("2.6.19", 101)] {
        let sim = demo(version);
        assert_eq!(
            sim.call(
                "collections/refresh_load",
                json!({"collectionName": "books"})
            ),
            json!({"code": 0, "data": {}})
        );
        let films = collection_id(&sim, "films");
        assert_eq!(
            sim.call(
                "collections/refresh_load",
                json!({"collectionName": "films"})
            ),
            json!({"code": code, "message": format!(
                "call query coordinator LoadCollection: collection not loaded[collection={films}]"
            )}),
            "{version}"
        );
        let wiki = collection_id(&sim, "wiki_passages_e5_large");
        assert_eq!(
            sim.call(
                "collections/refresh_load",
                json!({"collectionName": "wiki_passages_e5_large"})
            ),
            json!({"code": code, "message": format!(
                "call query coordinator LoadCollection: collection not fully loaded: collection not loaded[collection={wiki}]"
            )}),
            "{version}"
        );
    }
}

/// The refusals of section 6 that changed code in 2.6.19: `(endpoint, body, text)`.
fn refusals() -> Vec<(&'static str, Value, &'static str)> {
    vec![
        (
            "partitions/load",
            json!({"collectionName": "user_events", "partitionNames": []}),
            "failed to load partition, due to no partition specified",
        ),
        (
            "partitions/load",
            json!({"collectionName": "support_tickets", "partitionNames": ["_default_0"]}),
            "disable load partitions if partition key mode is used",
        ),
        (
            "partitions/release",
            json!({"collectionName": "support_tickets", "partitionNames": ["_default_0"]}),
            "disable release partitions if partition key mode is used",
        ),
        (
            "partitions/create",
            json!({"collectionName": "support_tickets", "partitionName": "p"}),
            "disable create partition if partition key mode is used",
        ),
        (
            "partitions/drop",
            json!({"collectionName": "support_tickets", "partitionName": "_default_3"}),
            "disable drop partition if partition key mode is used",
        ),
        (
            "partitions/drop",
            json!({"collectionName": "user_events", "partitionName": "region_eu"}),
            "partition cannot be dropped, partition is loaded, please release it first",
        ),
        (
            "partitions/create",
            json!({"collectionName": "user_events", "partitionName": " a b "}),
            "Invalid partition name: a b. Partition name can only contain numbers, letters and underscores.",
        ),
    ]
}

#[test]
fn refusals_are_65535_until_2_6_18_and_1100_with_a_suffix_from_2_6_19() {
    for version in ["2.4.0", "2.5.4", "2.6.18"] {
        let sim = demo(version);
        for (endpoint, body, text) in refusals() {
            assert_eq!(
                sim.call(endpoint, body),
                json!({"code": 65535, "message": text}),
                "{version} {endpoint}"
            );
        }
    }
    let sim = demo("2.6.19");
    for (endpoint, body, text) in refusals() {
        assert_eq!(
            sim.call(endpoint, body),
            json!({"code": 1100, "message": format!("{text}: invalid parameter")}),
            "{endpoint}"
        );
    }
}

#[test]
fn a_vector_field_without_index_refuses_loads_65535_then_1100() {
    for (version, code, suffix) in [
        ("2.5.4", 65535, ""),
        ("2.6.19", 1100, ": invalid parameter"),
    ] {
        let sim = demo(version);
        sim.control(
            "indexes",
            json!({"collectionName": "films", "unindexedVectorFields": ["v2"]}),
        );
        let expected = json!({"code": code, "message": format!(
            "there is no vector index on field: [v2], please create index firstly{suffix}"
        )});
        assert_eq!(
            sim.call("collections/load", json!({"collectionName": "films"})),
            expected
        );
        assert_eq!(
            sim.call(
                "partitions/load",
                json!({"collectionName": "films", "partitionNames": ["_default"]})
            ),
            expected
        );
        // Describe shows the field; only the first vector field's index is listed.
        let described = sim.call("collections/describe", json!({"collectionName": "films"}));
        let fields = described["data"]["fields"].as_array().unwrap().clone();
        assert!(fields.iter().any(|f| f["name"] == "v2"));
        assert_eq!(described["data"]["indexes"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn refusals_that_keep_their_code_on_every_version() {
    for version in ["2.4.0", "2.6.18", "2.6.19"] {
        let sim = demo(version);
        // The index check runs before the empty-list check.
        assert_eq!(
            sim.call(
                "partitions/load",
                json!({"collectionName": "raw_events_no_index", "partitionNames": []})
            ),
            json!({"code": 700, "message": "index not found[collection=raw_events_no_index]"})
        );
        assert_eq!(
            sim.call(
                "partitions/release",
                json!({"collectionName": "user_events", "partitionNames": []})
            )["code"],
            1100
        );
        assert_eq!(
            sim.call(
                "partitions/load",
                json!({"collectionName": "user_events", "partitionNames": ["nope"]})
            ),
            json!({"code": 200, "message": "partition not found[partition=nope]"})
        );
    }
}

#[test]
fn collection_names_are_refused_with_1100_and_two_spaces_on_every_version() {
    for version in ["2.4.0", "2.5.4", "2.6.19"] {
        let sim = demo(version);
        for (name, reason) in [
            (
                "1abc",
                "the first character of a collection name must be an underscore or letter",
            ),
            (
                "a-b",
                "collection name can only contain numbers, letters and underscores",
            ),
            (
                "a b",
                "collection name can only contain numbers, letters and underscores",
            ),
            (
                "é",
                "the first character of a collection name must be an underscore or letter",
            ),
            (
                "<b>x</b>",
                "the first character of a collection name must be an underscore or letter",
            ),
        ] {
            assert_eq!(
                sim.call("collections/describe", json!({"collectionName": name})),
                json!({"code": 1100, "message": format!("Invalid collection name: {name}.  {reason}: invalid parameter")}),
                "{version} {name}"
            );
        }
        let long = "a".repeat(256);
        assert_eq!(
            sim.call(
                "collections/get_load_state",
                json!({"collectionName": long})
            ),
            json!({"code": 1100, "message": format!("Invalid collection name: {long}.  the length of a collection name must be less than 255 characters: invalid parameter")})
        );
    }
}

#[test]
fn partition_names_may_start_with_a_digit_and_contain_a_dash_from_2_4_18() {
    let create = |sim: &SimProcess, name: &str| {
        sim.call(
            "partitions/create",
            json!({"collectionName": "films", "partitionName": name}),
        )
    };
    let old = demo("2.4.17");
    assert_eq!(create(&old, "2024")["code"], 0);
    assert_eq!(
        create(&old, "eu-west"),
        json!({"code": 65535, "message": "Invalid partition name: eu-west. Partition name can only contain numbers, letters and underscores."})
    );
    let new = demo("2.4.18");
    assert_eq!(create(&new, "eu-west")["code"], 0);
    assert_eq!(
        create(&new, "-x"),
        json!({"code": 65535, "message": "Invalid partition name: -x. The first character of a partition name must be an underscore or letter."})
    );
    // Surrounding spaces are trimmed before the check.
    assert_eq!(create(&new, " spaced ")["code"], 0);
}

#[test]
fn partition_key_collections_list_sixteen_internal_partitions_on_every_version() {
    let expected: Vec<String> = (0..16).map(|i| format!("_default_{i}")).collect();
    for version in ["2.4.0", "2.4.18", "2.5.4", "2.6.19"] {
        let sim = demo(version);
        let list = sim.call(
            "partitions/list",
            json!({"collectionName": "support_tickets"}),
        );
        assert_eq!(list["data"], json!(expected), "{version}");
        let described = sim.call(
            "collections/describe",
            json!({"collectionName": "support_tickets"}),
        );
        let fields = described["data"]["fields"].as_array().unwrap().clone();
        assert!(fields.iter().any(|f| f["partitionKey"] == true));
        assert!(fields.iter().all(|f| f["partitionKey"].is_boolean()));
        // Created with the create schema's spelling.
        sim.call(
            "collections/create",
            json!({"collectionName": "keyed", "schema": {"fields": [
                {"fieldName": "tenant", "dataType": "VarChar", "isPartitionKey": true}
            ]}}),
        );
        let keyed = sim.call("partitions/list", json!({"collectionName": "keyed"}));
        assert_eq!(keyed["data"], json!(expected), "{version}");
    }
}

#[test]
fn describe_carries_properties_and_has_answers_for_any_collection() {
    let sim = demo("2.6.19");
    let legal = sim.call(
        "collections/describe",
        json!({"collectionName": "legal_clauses"}),
    );
    assert_eq!(
        legal["data"]["properties"],
        json!([
            {"key": "collection.replica.number", "value": "2"},
            {"key": "collection.resource_groups", "value": "rg_legal"}
        ])
    );
    let books = sim.call("collections/describe", json!({"collectionName": "books"}));
    assert_eq!(books["data"]["properties"], json!([]));
    assert_eq!(
        sim.call("collections/has", json!({"collectionName": "nope"})),
        json!({"code": 0, "data": {"has": false}})
    );
    assert_eq!(
        sim.call(
            "collections/has",
            json!({"dbName": "nope", "collectionName": "books"})
        ),
        json!({"code": 800, "message": "database not found[database=nope]"})
    );
    assert_eq!(
        sim.call("collections/has", json!({"collectionName": "1x"}))["code"],
        1100
    );
}
