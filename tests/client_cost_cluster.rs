//! The reads and the write of the cost view about the cluster, replayed natively with the
//! memory doc's replies: resource groups (10.4, describe without `code`), the quota center's
//! JSON text (10.5), and the load properties as the server stores them (10.6).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/replayed.rs"]
mod replayed;

use futures::executor::block_on;
use milvus_load_console::api::{loaded_replicas, ApiErrorKind, ReplayTransport};

const RG1: &str = r#"{"resource_group":{"name":"rg1","capacity":2,"num_available_node":2,
    "num_loaded_replica":{"books":1,"films":2},"num_outgoing_node":{"films":1},
    "config":{"requests":{"node_num":2},"limits":{"node_num":4},"transfer_from":[{"resource_group":"__default_resource_group"}]},
    "nodes":[{"node_id":7,"address":"10.0.0.7:21123","hostname":"qn-0"},{"node_id":9007199254740993,"address":"10.0.0.8:21123","hostname":"qn-1"}]}}"#;

use replayed::{one_attempt as client, undecodable as detail};

#[test]
fn resource_groups_list_and_describe_without_code() {
    let c = client(
        ReplayTransport::new()
            .reply(
                200,
                r#"{"code":0,"data":["__default_resource_group","rg1"]}"#,
            )
            .reply(200, RG1)
            // The default group: zero values and empty maps are left out.
            .reply(
                200,
                r#"{"resource_group":{"name":"__default_resource_group","capacity":1000000,"config":{"requests":{},"limits":{"node_num":1000000}}}}"#,
            ),
    );
    let names = block_on(c.list_resource_groups()).unwrap();
    assert_eq!(names, ["__default_resource_group", "rg1"]);
    let rg1 = block_on(c.describe_resource_group("rg1")).unwrap();
    let default = block_on(c.describe_resource_group("__default_resource_group")).unwrap();
    let sent = c.transport().sent();
    assert!(sent[0].url.ends_with("/v2/vectordb/resource_groups/list"));
    assert_eq!(sent[1].body, r#"{"name":"rg1"}"#);
    assert_eq!(rg1.available_nodes, 2);
    assert_eq!(rg1.loaded_replicas.len(), 2);
    assert_eq!(rg1.outgoing_nodes, [("films".to_string(), 1)]);
    assert!(rg1.incoming_nodes.is_empty());
    assert_eq!((rg1.requested_nodes, rg1.node_limit), (2, 4));
    assert_eq!(rg1.transfer_from, ["__default_resource_group"]);
    assert_eq!(
        rg1.nodes[1].node_id, "9007199254740993",
        "IDs past 2^53 exact"
    );
    assert_eq!(rg1.nodes[0].hostname, "qn-0");
    assert_eq!(default.available_nodes, 0);
    assert_eq!(
        (default.requested_nodes, default.node_limit),
        (0, 1_000_000)
    );
    assert!(default.loaded_replicas.is_empty() && default.nodes.is_empty());
    let groups = [rg1, default];
    assert_eq!(loaded_replicas(&groups, "films"), 2);
    assert_eq!(loaded_replicas(&groups, "absent"), 0);
}

#[test]
fn resource_group_errors_use_the_envelope_and_hostile_replies_name_the_key() {
    let c = client(
        ReplayTransport::new()
            .reply(
                200,
                r#"{"code":300,"message":"resource group not found[rg=x]"}"#,
            )
            .reply(404, "404 page not found")
            .reply(200, r#"{"resource_group":{"num_available_node":"many"}}"#)
            .reply(
                200,
                r#"{"resource_group":{"num_loaded_replica":{"books":-1}}}"#,
            )
            .reply(200, r#"{"resource_group":{"nodes":{"node_id":1}}}"#)
            .reply(200, r#"{"resource_group":null}"#)
            .reply(200, r#"{"something":"else"}"#)
            .reply(
                200,
                r#"{"code":0,"data":{"resource_group":{"name":"wrapped"}}}"#,
            ),
    );
    let error = block_on(c.describe_resource_group("x")).unwrap_err();
    assert_eq!(error.milvus_code(), Some(300));
    let error = block_on(c.describe_resource_group("x")).unwrap_err();
    assert!(matches!(error.kind(), ApiErrorKind::NotFound { .. }));
    for key in [
        "num_available_node",
        "num_loaded_replica",
        "nodes",
        "resource_group",
        "code",
    ] {
        let error = block_on(c.describe_resource_group("x")).unwrap_err();
        assert!(detail(error.kind()).contains(key), "{key}: {error}");
    }
    let wrapped = block_on(c.describe_resource_group("x")).unwrap();
    assert_eq!(wrapped.name, "wrapped");
}

/// The quota center's `data`, as JSON text inside JSON.
fn quota(metrics: &str) -> String {
    serde_json::json!({"code": 0, "data": metrics}).to_string()
}

#[test]
fn quota_center_parses_its_json_text_and_computes_free_memory() {
    let metrics = r#"{"QueryNodeMetrics":{
        "12":{"Hms":{"ip":"10.0.0.7","memory":17179869184,"memory_usage":4294967296,"disk":100,"disk_usage":3},
              "Effect":{"CollectionIDs":[456123880035471234]},"LoadedBinlogSize":1073741824,"GrowingSegmentsSize":1048576},
        "3":{"Hms":{"memory":1000,"memory_usage":950}}},
        "DataNodeMetrics":{},"ProxyMetrics":{},
        "DataCoordMetrics":{"CollectionBinlogSize":{"456123880035471234":536870912},"TotalBinlogSize":536870912}}"#;
    let c = client(ReplayTransport::new().reply(200, quota(metrics)));
    let q = block_on(c.quota_metrics()).unwrap();
    assert!(c.transport().sent()[0]
        .url
        .ends_with("/v2/vectordb/quotacenter/describe"));
    assert_eq!(c.transport().sent()[0].body, "{}");
    let ids: Vec<&str> = q.query_nodes.iter().map(|n| n.node_id.as_str()).collect();
    assert_eq!(ids, ["3", "12"], "in numeric order");
    let node = &q.query_nodes[1];
    assert_eq!(node.memory, Some(17_179_869_184));
    // 0.9 × 16 GiB − 4 GiB = 15,461,882,265 − 4,294,967,296 (integer tenths).
    assert_eq!(node.free_for_loading(), Some(11_166_914_969));
    assert_eq!(node.loaded_binlog_size, Some(1 << 30));
    // 0.9 × 1000 = 900 < 950 used: nothing left, not a negative number.
    assert_eq!(q.query_nodes[0].free_for_loading(), Some(0));
    assert_eq!(q.query_nodes[0].loaded_binlog_size, None, "before 2.6.4");
}

#[test]
fn quota_center_disabled_absent_and_hostile() {
    let disabled =
        r#"{"QueryNodeMetrics":{},"DataNodeMetrics":{},"ProxyMetrics":{},"DataCoordMetrics":null}"#;
    let huge =
        r#"{"QueryNodeMetrics":{"1":{"Hms":{"memory":18446744073709551615,"memory_usage":0}}}}"#;
    let c = client(
        ReplayTransport::new()
            .reply(200, quota(disabled))
            .reply(200, quota(huge))
            .reply(404, "404 page not found")
            .reply(200, quota("not json {"))
            .reply(
                200,
                quota(r#"{"QueryNodeMetrics":{"1":{"Hms":{"memory":"16G"}}}}"#),
            )
            .reply(
                200,
                quota(r#"{"QueryNodeMetrics":{"1":{"Hms":{"memory":1e300}}}}"#),
            )
            .reply(200, quota(r#"{"QueryNodeMetrics":[1,2]}"#))
            .reply(200, quota(r#"[]"#))
            .reply(200, r#"{"code":0,"data":42}"#),
    );
    let q = block_on(c.quota_metrics()).unwrap();
    assert!(q.query_nodes.is_empty());
    let q = block_on(c.quota_metrics()).unwrap();
    assert_eq!(
        q.query_nodes[0].free_for_loading(),
        Some(16_602_069_666_338_596_453)
    );
    let error = block_on(c.quota_metrics()).unwrap_err();
    assert_eq!(
        error.kind(),
        &ApiErrorKind::NotFound {
            path: "/v2/vectordb/quotacenter/describe".into()
        }
    );
    for key in [
        "JSON text",
        "memory",
        "memory",
        "QueryNodeMetrics",
        "JSON object",
        "JSON object",
    ] {
        let error = block_on(c.quota_metrics()).unwrap_err();
        assert!(detail(error.kind()).contains(key), "{key}: {error}");
    }
}

#[test]
fn load_properties_go_as_the_server_stores_them() {
    let ok = r#"{"code":0,"data":{}}"#;
    let c = client(
        ReplayTransport::new()
            .reply(200, ok)
            .reply(200, ok)
            .reply(404, ""),
    );
    let groups = ["rg1".to_string(), " rg2 ".to_string()];
    block_on(c.alter_load_properties("books", Some(2), Some(&groups))).unwrap();
    block_on(c.alter_load_properties("books", Some(3), None)).unwrap();
    let error = block_on(c.alter_load_properties("books", None, Some(&groups[..1]))).unwrap_err();
    assert!(
        matches!(error.kind(), ApiErrorKind::NotFound { .. }),
        "before 2.5.4"
    );
    let sent = c.transport().sent();
    assert!(sent[0]
        .url
        .ends_with("/v2/vectordb/collections/alter_properties"));
    assert_eq!(
        sent[0].body,
        r#"{"dbName":"analytics","collectionName":"books","properties":{"collection.replica.number":2,"collection.resource_groups":"rg1,rg2"}}"#
    );
    assert_eq!(
        sent[1].body,
        r#"{"dbName":"analytics","collectionName":"books","properties":{"collection.replica.number":3}}"#
    );
    assert_eq!(
        sent[2].timeout_ms, 35_000,
        "a write waits past the server's timeout"
    );
}

/// Replicas, groups, and a word of the refusal.
type Unusable<'a> = (Option<u32>, Option<&'a [String]>, &'a str);

#[test]
fn unusable_load_properties_are_not_sent() {
    let c = client(ReplayTransport::new());
    let three = ["a".to_string(), "b".to_string(), "c".to_string()];
    let cases: [Unusable; 5] = [
        (Some(0), None, "at least 1 replica"),
        (None, None, "no load setting"),
        (None, Some(&[]), "empty"),
        (None, Some(&["a,b".to_string()]), "comma"),
        (Some(2), Some(&three), "one per replica"),
    ];
    for (replicas, groups, why) in cases {
        let error = block_on(c.alter_load_properties("books", replicas, groups)).unwrap_err();
        match error.kind() {
            ApiErrorKind::NotSent { reason } => assert!(reason.contains(why), "{reason}"),
            other => panic!("{other:?}"),
        }
    }
    assert!(c.transport().sent().is_empty());
}
