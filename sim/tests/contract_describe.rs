//! Contract section 10.2: `collections/describe` in full (fields with their params, element
//! types, nullability, every index, `functions` from 2.5, `message` always present), and the
//! control API's view of the cluster.

mod support;

use serde_json::json;
use support::SimProcess;

fn demo(version: &str) -> SimProcess {
    SimProcess::start(&["--demo", "--compat", version])
}

#[test]
fn describe_answers_the_full_schema_from_2_5() {
    let sim = demo("2.5.4");
    let books = sim.call("collections/describe", json!({"collectionName": "books"}));
    assert_eq!(books["message"], "");
    let data = &books["data"];
    assert_eq!(data["functions"], json!([]));
    assert_eq!(data["aliases"], json!([]));
    assert_eq!(
        data["indexes"],
        json!([{"indexName": "embedding", "fieldName": "embedding", "metricType": "COSINE"}])
    );
    assert_eq!(
        data["fields"],
        json!([
            {"name":"id","id":100,"type":"Int64","primaryKey":true,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":false},
            {"name":"title","id":101,"type":"VarChar","params":[{"key":"max_length","value":"512"}],"primaryKey":false,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":false},
            {"name":"tags","id":102,"type":"Array","elementType":"VarChar","params":[{"key":"max_capacity","value":"16"},{"key":"max_length","value":"64"}],"primaryKey":false,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":true},
            {"name":"extra","id":103,"type":"JSON","primaryKey":false,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":true},
            {"name":"embedding","id":104,"type":"FloatVector","params":[{"key":"dim","value":"768"}],"primaryKey":false,"partitionKey":false,"clusteringKey":false,"autoId":false,"description":"","nullable":false}
        ])
    );
    for key in [
        "shardsNum",
        "partitionsNum",
        "consistencyLevel",
        "enableDynamicField",
        "load",
    ] {
        assert!(data.get(key).is_some(), "{key}: {data}");
    }
    // A sparse vector has no params.
    let sparse = sim.call(
        "collections/describe",
        json!({"collectionName": "code_snippets"}),
    );
    let field = &sparse["data"]["fields"][2];
    assert_eq!(field["type"], "SparseFloatVector");
    assert!(field.get("params").is_none(), "{field}");
}

#[test]
fn describe_on_2_4_has_no_functions_and_no_nullable() {
    let sim = demo("2.4.18");
    let films = sim.call("collections/describe", json!({"collectionName": "films"}));
    assert!(films["data"].get("functions").is_none());
    let fields = films["data"]["fields"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!fields.is_empty());
    assert!(fields.iter().all(|f| f.get("nullable").is_none()));
    assert_eq!(films["data"]["indexes"][0]["metricType"], "IP");
}

#[test]
fn a_quick_create_describes_id_and_vector_with_autoindex() {
    let sim = demo("2.6.19");
    sim.call(
        "collections/create",
        json!({"collectionName": "quick", "dimension": 32, "metricType": "L2"}),
    );
    let quick = sim.call("collections/describe", json!({"collectionName": "quick"}));
    let names: Vec<_> = quick["data"]["fields"]
        .as_array()
        .map(|f| f.iter().map(|f| f["name"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(names, vec![json!("id"), json!("vector")]);
    assert_eq!(quick["data"]["indexes"][0]["metricType"], "L2");
}

#[test]
fn the_demo_cluster_has_two_resource_groups_and_placed_replicas() {
    let sim = demo("2.6.19");
    let cluster = sim.control_get("cluster");
    let groups: Vec<_> = cluster["groups"]
        .as_array()
        .map(|g| {
            g.iter()
                .map(|g| (g["name"].clone(), g["nodes"].clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        groups,
        vec![
            (json!("__default_resource_group"), json!([1, 2])),
            (json!("rg_legal"), json!([3, 4]))
        ]
    );
    let nodes = cluster["nodes"].as_array().cloned().unwrap_or_default();
    assert!(nodes
        .iter()
        .all(|n| n["memoryUsed"].as_u64() < n["memory"].as_u64()));
    let spread = cluster["loaded"]
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|c| c["collection"] == "image_hashes")
                .cloned()
        })
        .unwrap_or_default();
    assert_eq!(
        spread["replicas"],
        json!([{"group": "__default_resource_group", "nodes": [1, 2]}, {"group": "rg_legal", "nodes": [3, 4]}])
    );
    assert!(spread["bytesPerReplica"].as_u64() > Some(0));
}
