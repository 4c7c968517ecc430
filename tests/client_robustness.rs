//! Arbitrary and mutated replies through every decoder of the client: none may panic.
//! (In the browser a panic kills the whole console.) 4 × 25,000 cases.
#![cfg(not(target_arch = "wasm32"))]

use futures::executor::block_on;
use milvus_load_console::api::{Client, ClientOptions, ReplayTransport, RetryPolicy};
use proptest::prelude::*;
use serde_json::{json, Value};

const CASES: u32 = 25_000;

/// Valid replies from the contract, the seeds of mutation.
const VALID: [&str; 10] = [
    r#"{"code":0,"data":["books","films"]}"#,
    r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":37},"message":""}"#,
    r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"partition not loaded[partition=p]."}"#,
    r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#,
    r#"{"code":0,"data":{"rowCount":3000}}"#,
    r#"{"code":0,"data":{"has":true}}"#,
    r#"{"code":100,"message":"collection not found[collection=x]"}"#,
    r#"{"code":1800,"message":"user hasn't authenticated"}"#,
    r#"{"code":0,"data":{"collectionName":"c","collectionID":451286731209000001,"fields":[],"indexes":[],"load":"LoadStateLoaded","partitionsNum":2,"aliases":[]},"message":""}"#,
    r#"{"code":200,"data":{}}"#,
];

const STATUSES: [u16; 12] = [200, 200, 200, 201, 204, 401, 403, 404, 408, 500, 502, 0];

/// Runs one body through every endpoint's decoder.
fn feed(status: u16, body: &[u8]) {
    let mut replay = ReplayTransport::new();
    for _ in 0..13 {
        replay = replay.reply(status, body);
    }
    let mut options = ClientOptions::new("http://sim:19530");
    options.retry = RetryPolicy {
        max_attempts: 1,
        ..RetryPolicy::default()
    };
    let c = Client::new(options, replay).expect("valid endpoint");
    let p = ["p".to_string()];
    block_on(async {
        let _ = c.list_databases().await;
        let _ = c.list_collections().await;
        let _ = c.describe_collection("c").await;
        let _ = c.collection_row_count("c").await;
        let _ = c.collection_load_state("c").await;
        let _ = c.partition_load_state("c", "p").await;
        let _ = c.load_collection("c").await;
        let _ = c.release_collection("c").await;
        let _ = c.list_partitions("c").await;
        let _ = c.has_partition("c", "p").await;
        let _ = c.partition_row_count("c", "p").await;
        let _ = c.release_partitions("c", &p).await;
        // Every error renders to text too.
        if let Err(e) = c.load_partitions("c", &p).await {
            let _ = e.to_string();
        }
    });
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("LoadStateLoaded"),
            Just("LoadStateLoading"),
            Just("LoadStateNotLoad"),
            Just("partition not loaded")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("code".to_string()),
                        Just("data".to_string()),
                        Just("message".to_string()),
                        Just("loadState".to_string()),
                        Just("loadProgress".to_string()),
                        Just("rowCount".to_string()),
                        Just("has".to_string()),
                        Just("collectionName".to_string()),
                        ".{0,6}".prop_map(|s| s)
                    ],
                    inner
                ),
                0..6,
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn mutate(seed: &str, at: usize, byte: u8, how: u8) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    let at = at % (bytes.len() + 1);
    match how % 5 {
        0 => bytes.truncate(at),
        1 => {
            if let Some(b) = bytes.get_mut(at) {
                *b = byte;
            }
        }
        2 => bytes.insert(at, byte),
        3 => {
            if at < bytes.len() {
                bytes.remove(at);
            }
        }
        _ => {
            let huge = b"123456789012345678901234567890e999";
            bytes.splice(at..at, huge.iter().copied());
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(status in prop::sample::select(&STATUSES[..]), body in prop::collection::vec(any::<u8>(), 0..160)) {
        feed(status, &body);
    }

    #[test]
    fn mutated_valid_replies(seed in prop::sample::select(&VALID[..]), at in any::<usize>(), byte in any::<u8>(), how in any::<u8>(), status in prop::sample::select(&STATUSES[..])) {
        feed(status, &mutate(seed, at, byte, how));
    }

    #[test]
    fn valid_json_of_the_wrong_shape(data in any_json(), code in prop_oneof![Just(json!(0)), Just(json!(200)), Just(json!(100)), any::<i64>().prop_map(|c| json!(c)), Just(json!(1e300)), Just(json!("0"))], message in any_json()) {
        let body = json!({"code": code, "data": data, "message": message});
        feed(200, body.to_string().as_bytes());
        feed(200, data.to_string().as_bytes());
    }

    #[test]
    fn html_pages_and_non_utf8(title in ".{0,40}", junk in prop::collection::vec(128u8..=255, 1..40)) {
        let page = format!("<!DOCTYPE html><html><head><title>{title}</title></head><body>{title}</body></html>");
        feed(502, page.as_bytes());
        feed(200, page.as_bytes());
        let mut body = br#"{"code":0,"data":[""#.to_vec();
        body.extend_from_slice(&junk);
        body.extend_from_slice(br#""]}"#);
        feed(200, &body);
    }
}
