//! The client against the contract's corrected and added rows (2.4 to 2.6), replayed byte for
//! byte: -1 texts that are not "not loaded", the failed-load prefix, numeric partition IDs,
//! code 100 and its confirmation, full versus partial, code 200 as success, Bearer only, and
//! write outcomes.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/replayed.rs"]
mod replayed;

use futures::executor::block_on;
use milvus_load_console::api::{
    ApiErrorKind, Client, ClientOptions, LoadExtent, LoadState, ReplayTransport, TransportError,
};

use replayed::{plain, replies};

fn minus_one(message: &str) -> String {
    format!(
        r#"{{"code":0,"data":{{"loadState":"LoadStateLoading","loadProgress":-1}},"message":{}}}"#,
        serde_json::to_string(message).unwrap()
    )
}

fn partition(body: &str) -> LoadState {
    block_on(replies(&[body]).partition_load_state("c", "p")).unwrap()
}

#[test]
fn partition_not_loaded_is_found_anywhere_and_never_by_name() {
    // The numeric ID, not the name the client asked about.
    assert_eq!(
        partition(&minus_one(
            "partition not loaded[partition=449364538561349412]."
        )),
        LoadState::NotLoad
    );
    // After a failed load's reason (within 24 h of the failure).
    let failed = "load collection failed: resource group node not enough[rg=__default_resource_group]: partition not loaded[partition=449364538561349412].";
    assert_eq!(partition(&minus_one(failed)), LoadState::NotLoad);
    assert_eq!(
        partition(&minus_one("partition not found[partition=p].")),
        LoadState::Missing
    );
}

#[test]
fn other_minus_one_texts_are_unknown_with_the_server_text() {
    for text in [
        "rpc error: code = PermissionDenied desc = PrivilegeGetLoadingProgress: permission deny to reader.",
        "service unavailable: internal: Milvus Proxy is not ready yet. please wait.",
        "context deadline exceeded.",
        // Not the partition-not-loaded marker, even if close.
        "partition not loaded.",
    ] {
        assert_eq!(
            partition(&minus_one(text)),
            LoadState::Unknown(text.into()),
            "{text}"
        );
    }
    let state = partition(&minus_one(""));
    assert!(matches!(state, LoadState::Unknown(ref t) if !t.is_empty()));
    // Asked for the whole collection, -1 is unknown too, never "loading".
    let c = replies(&[&minus_one("service not ready.")]);
    assert_eq!(
        block_on(c.collection_load_state("c")).unwrap(),
        LoadState::Unknown("service not ready.".into())
    );
}

#[test]
fn the_failure_reason_is_read_from_before_the_marker() {
    let c = replies(&[&minus_one(
        "load failed: out of memory: partition not loaded[partition=1].",
    )]);
    let reply = block_on(c.get_load_state("c", Some(&["p".into()]))).unwrap();
    assert_eq!(
        reply.load_failure().as_deref(),
        Some("load failed: out of memory")
    );
    let plain_reply = replies(&[&minus_one("partition not loaded[partition=1].")]);
    let reply = block_on(plain_reply.get_load_state("c", Some(&["p".into()]))).unwrap();
    assert_eq!(reply.load_failure(), None);
}

const GONE: &str = r#"{"code":100,"message":"collection not found[collection=c]"}"#;

#[test]
fn code_100_reads_missing_and_collection_gone_confirms_it() {
    // One request: code 100 is Missing, which may be transient (section 5).
    let c = replies(&[GONE]);
    assert_eq!(
        block_on(c.collection_load_state("c")).unwrap(),
        LoadState::Missing
    );
    assert_eq!(c.transport().sent().len(), 1);
    // Confirmation: has still sees it (transient), or not, or the database is gone.
    let c = replies(&[
        r#"{"code":0,"data":{"has":true}}"#,
        r#"{"code":0,"data":{"has":false}}"#,
        r#"{"code":800,"message":"database not found[database=db1]"}"#,
        // 2.4.0–2.4.2 success code.
        r#"{"code":200,"data":{"has":false}}"#,
    ]);
    assert!(!block_on(c.collection_gone("c")).unwrap());
    assert!(block_on(c.collection_gone("c")).unwrap());
    assert!(block_on(c.collection_gone("c")).unwrap());
    assert!(block_on(c.collection_gone("c")).unwrap());
    let sent = c.transport().sent();
    assert!(sent[0].url.ends_with("/v2/vectordb/collections/has"));
    assert_eq!(sent[0].body, r#"{"collectionName":"c"}"#);
    // The confirmation itself fails: an error, not a verdict.
    let c = plain(
        ReplayTransport::new()
            .fail(TransportError::Timeout)
            .fail(TransportError::Timeout)
            .fail(TransportError::Timeout),
    );
    assert!(block_on(c.collection_gone("c")).is_err());
}

fn extent(bodies: &[&str]) -> (LoadExtent, String) {
    let c = replies(bodies);
    let names = ["_default".to_string(), "p1".to_string(), "p2".to_string()];
    let extent = block_on(c.load_extent("c", &names)).unwrap();
    (extent, c.transport().sent()[0].body.clone())
}

#[test]
fn one_call_listing_every_partition_tells_full_from_partial() {
    let (full, body) = extent(&[
        r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100},"message":""}"#,
    ]);
    assert_eq!(full, LoadExtent::Full);
    assert_eq!(
        body,
        r#"{"collectionName":"c","partitionNames":["_default","p1","p2"]}"#
    );
    assert_eq!(
        extent(&[
            r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":66},"message":""}"#
        ])
        .0,
        LoadExtent::Loading { progress: 66 }
    );
    assert_eq!(
        extent(&[&minus_one(
            "partition not loaded[partition=451286731209000016]."
        )])
        .0,
        LoadExtent::Partial { failure: None }
    );
    assert_eq!(
        extent(&[&minus_one(
            "load failed: no memory: partition not loaded[partition=4]."
        )])
        .0,
        LoadExtent::Partial {
            failure: Some("load failed: no memory".into())
        }
    );
    assert_eq!(
        extent(&[&minus_one("partition not found[partition=p2].")]).0,
        LoadExtent::PartitionsChanged
    );
    assert_eq!(
        extent(&[r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#]).0,
        LoadExtent::NotLoad
    );
    assert_eq!(extent(&[GONE]).0, LoadExtent::Missing);
    assert_eq!(
        extent(&[&minus_one("permission deny.")]).0,
        LoadExtent::Unknown("permission deny.".into())
    );
}

#[test]
fn has_collection_and_its_2_4_0_success_code() {
    let c = replies(&[
        r#"{"code":0,"data":{"has":true}}"#,
        r#"{"code":200,"data":{"has":false}}"#,
    ]);
    assert!(block_on(c.has_collection("books")).unwrap());
    assert!(!block_on(c.has_collection("books")).unwrap());
    let sent = c.transport().sent();
    assert!(sent[0].url.ends_with("/v2/vectordb/collections/has"));
    assert_eq!(sent[0].body, r#"{"collectionName":"books"}"#);
}

#[test]
fn code_200_is_success_with_data_and_partition_not_found_without() {
    let c = replies(&[r#"{"code":200,"data":{}}"#]);
    block_on(c.load_collection("c")).unwrap();
    let c = replies(&[r#"{"code":200,"message":"partition not found[partition=p9]"}"#]);
    let error = block_on(c.load_partitions("c", &["p9".into()])).unwrap_err();
    assert_eq!(
        error.kind(),
        &ApiErrorKind::Milvus {
            code: 200,
            message: "partition not found[partition=p9]".into()
        }
    );
    let c = replies(&[
        r#"{"code":200,"data":{"loadState":"LoadStateLoading","loadProgress":40},"message":""}"#,
    ]);
    assert_eq!(
        block_on(c.partition_load_state("c", "p")).unwrap(),
        LoadState::Loading { progress: 40 }
    );
}

#[test]
fn authorization_is_only_ever_bearer() {
    for (token, expected) in [
        (Some("root:Milvus"), Some("Bearer root:Milvus")),
        (
            Some("api-key-without-colon"),
            Some("Bearer api-key-without-colon"),
        ),
        (
            Some("  Bearer pasted:prefix "),
            Some("Bearer pasted:prefix"),
        ),
        (Some("   "), None),
        (None, None),
    ] {
        let mut options = ClientOptions::new("http://milvus:19530");
        options.token = token.map(str::to_string);
        let ok = r#"{"code":0,"data":{}}"#;
        let replay = (0..12).fold(ReplayTransport::new(), |r, _| r.reply(200, ok));
        let c = Client::new(options, replay).unwrap();
        let p = ["p".to_string()];
        block_on(async {
            let _ = c.list_collections().await;
            let _ = c.has_collection("c").await;
            let _ = c.describe_database("default").await;
            let _ = c.load_collection("c").await;
            let _ = c.release_collection("c").await;
            let _ = c.refresh_load("c").await;
            let _ = c.load_partitions("c", &p).await;
            let _ = c.release_partitions("c", &p).await;
            let _ = c.collection_load_state("c").await;
            let _ = c.load_extent("c", &p).await;
        });
        // The results do not matter here (some replies do not fit every endpoint); what was
        // sent does: every call went out, and each request is checked below.
        assert!(c.transport().sent().len() >= 10, "{token:?}");
        for request in c.transport().sent() {
            let names: Vec<&str> = request.headers.iter().map(|(n, _)| n.as_str()).collect();
            assert!(
                names
                    .iter()
                    .all(|n| *n == "Content-Type" || *n == "Authorization"),
                "{names:?}"
            );
            let auth = request
                .headers
                .iter()
                .find(|(n, _)| n == "Authorization")
                .map(|(_, v)| v.as_str());
            assert_eq!(auth, expected, "{token:?}");
        }
    }
}

#[test]
fn lost_replies_leave_a_write_outcome_unknown() {
    // (reply, outcome unknown, sends): only rate limits are resent (a dropped connection may
    // have come after the write was applied).
    let cases: Vec<(ReplayTransport, bool, usize)> = vec![
        (
            ReplayTransport::new().fail(TransportError::Timeout),
            true,
            1,
        ),
        (
            ReplayTransport::new().fail(TransportError::Network("reset".into())),
            true,
            1,
        ),
        (ReplayTransport::new().reply(408, "timeout"), true, 1),
        (
            ReplayTransport::new().reply(408, r#"{"code":10001,"message":"request timeout"}"#),
            true,
            1,
        ),
        (
            ReplayTransport::new().reply(200, r#"{"code":0,"da"#),
            true,
            1,
        ),
        // A server timeout code behind a proxy that answers 200.
        (
            ReplayTransport::new().reply(200, r#"{"code":10001,"message":"request timeout"}"#),
            true,
            1,
        ),
        (
            ReplayTransport::new().reply(500, r#"{"code":500}"#),
            true,
            1,
        ),
        (ReplayTransport::new().reply(502, "<html>"), true, 1),
        (
            ReplayTransport::new().reply(200, r#"{"code":65535,"message":"refused"}"#),
            false,
            1,
        ),
        (
            ReplayTransport::new().reply(
                401,
                r#"{"code":1800,"message":"user hasn't authenticated"}"#,
            ),
            false,
            1,
        ),
        (
            ReplayTransport::new().reply(404, "404 page not found"),
            false,
            1,
        ),
    ];
    for (replay, unknown, sends) in cases {
        let c = plain(replay);
        let error = block_on(c.load_collection("c")).unwrap_err();
        assert_eq!(error.outcome_unknown(), unknown, "{error}");
        assert_eq!(c.transport().sent().len(), sends, "{error}");
    }
    // Rate limited: refused before processing, so resent, and final when it persists.
    let limited = r#"{"code":1807,"message":"request is rejected by limiter, error: rate limit exceeded[rate=5]"}"#;
    let c = replies(&[limited, r#"{"code":0,"data":{}}"#]);
    block_on(c.release_collection("c")).unwrap();
    assert_eq!(c.transport().sent().len(), 2);
    let c = replies(&[limited, limited, limited]);
    assert!(!block_on(c.release_collection("c"))
        .unwrap_err()
        .outcome_unknown());
}

mod never_panic {
    //! The new decoders under arbitrary replies: data or an error, never a panic.
    use super::*;
    use proptest::prelude::*;

    fn feed(status: u16, body: &[u8]) {
        let replay = (0..8).fold(ReplayTransport::new(), |r, _| r.reply(status, body));
        let mut options = ClientOptions::new("http://milvus:19530");
        options.retry.max_attempts = 1;
        let c = Client::new(options, replay).unwrap();
        let p = ["p".to_string()];
        let errors = block_on(async {
            [
                c.has_collection("c").await.err(),
                c.collection_gone("c").await.err(),
                c.describe_database("d").await.err(),
                c.load_extent("c", &p).await.err(),
                c.load_settings("c").await.err(),
                c.refresh_load("c").await.err(),
            ]
        });
        // Data, or an error that says something and quotes at most a bounded prefix.
        for error in errors.into_iter().flatten() {
            let text = error.to_string();
            assert!(!text.trim().is_empty(), "an error with no text: {error:?}");
            assert!(text.chars().count() <= 400, "{text}");
            assert!(
                !matches!(error.kind(), ApiErrorKind::Cancelled),
                "one reply each, nothing to cancel: {error:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes(status in prop::sample::select(vec![200u16, 404, 408, 500]), body in prop::collection::vec(any::<u8>(), 0..200)) {
            feed(status, &body);
        }

        #[test]
        fn envelopes_with_odd_data(code in prop::sample::select(vec![0i64, 200, 100, 800, 65535]), key in "[a-zA-Z]{0,12}", value in ".{0,20}", progress in any::<i64>()) {
            let bodies = [
                format!(r#"{{"code":{code},"data":{{"loadState":"LoadStateLoading","loadProgress":{progress}}},"message":{}}}"#, serde_json::to_string(&value).unwrap()),
                format!(r#"{{"code":{code},"data":{{"dbName":{v},"properties":[{{"key":{k},"value":{v}}},7,null]}}}}"#, k = serde_json::to_string(&key).unwrap(), v = serde_json::to_string(&value).unwrap()),
                format!(r#"{{"code":{code},"data":{{"collectionName":"c","properties":{{"{key}":1}},"has":{progress}}}}}"#),
            ];
            for body in bodies {
                feed(200, body.as_bytes());
            }
        }
    }
}
