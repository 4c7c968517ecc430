//! Arbitrary and mutated replies through every decoder of the client: none may panic (in the
//! browser a panic kills the whole console), every one becomes data or a readable error that
//! quotes a bounded prefix, errors the server names are reported with its code, and mutations
//! of valid replies reach every decoder's error path (counted). 4 × 25,000 cases.
#![cfg(not(target_arch = "wasm32"))]

use futures::executor::block_on;
use std::collections::{BTreeMap, BTreeSet};

use milvus_load_console::api::{
    ApiError, ApiErrorKind, Client, ClientOptions, ReplayTransport, RetryPolicy,
};
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

/// Every error code of the contract's section 7 (and 200, which is also "partition not found").
const CONTRACT_CODES: [i64; 19] = [
    1, 2, 5, 8, 100, 101, 104, 200, 201, 304, 700, 800, 1100, 1800, 1801, 1802, 1807, 10001, 65535,
];

const STATUSES: [u16; 12] = [200, 200, 200, 201, 204, 401, 403, 404, 408, 500, 502, 0];

/// What one decoder made of a reply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Outcome {
    Data,
    /// The error's kind, by name (`Milvus`, `Undecodable`, `Http`, …).
    Error(&'static str),
}

fn kind_name(kind: &ApiErrorKind) -> &'static str {
    match kind {
        ApiErrorKind::Network { .. } => "Network",
        ApiErrorKind::Timeout { .. } => "Timeout",
        ApiErrorKind::NotAuthenticated { .. } => "NotAuthenticated",
        ApiErrorKind::PermissionDenied { .. } => "PermissionDenied",
        ApiErrorKind::NotFound { .. } => "NotFound",
        ApiErrorKind::ServerTimeout { .. } => "ServerTimeout",
        ApiErrorKind::Http { .. } => "Http",
        ApiErrorKind::Milvus { .. } => "Milvus",
        ApiErrorKind::Undecodable { .. } => "Undecodable",
        ApiErrorKind::InvalidEndpoint(_) => "InvalidEndpoint",
        ApiErrorKind::InvalidToken => "InvalidToken",
        ApiErrorKind::Cancelled => "Cancelled",
        ApiErrorKind::NotSent { .. } => "NotSent",
    }
}

/// Checks what every error says, whatever the reply: readable, and quoting a bounded prefix of
/// a body it could not read.
fn outcome<T>(result: Result<T, ApiError>) -> Outcome {
    match result {
        Ok(_) => Outcome::Data,
        Err(e) => {
            let text = e.to_string();
            assert!(!text.trim().is_empty(), "an error with no text: {e:?}");
            match e.kind() {
                ApiErrorKind::Undecodable {
                    first_bytes: quoted,
                    ..
                }
                | ApiErrorKind::Http {
                    snippet: quoted, ..
                } => assert!(
                    quoted.chars().count() <= QUOTED_CHARS,
                    "quoted {} characters: {quoted:?}",
                    quoted.chars().count()
                ),
                // One reply each, nothing to cancel, nothing in the way.
                ApiErrorKind::Cancelled
                | ApiErrorKind::Network { .. }
                | ApiErrorKind::Timeout { .. } => {
                    panic!("a reply cannot end as {e:?}")
                }
                _ => {}
            }
            Outcome::Error(kind_name(e.kind()))
        }
    }
}

/// At most this many characters of an unreadable body are quoted (120 bytes and an ellipsis).
const QUOTED_CHARS: usize = 121;

/// The decoders, by endpoint, in the order `feed` runs them.
const DECODERS: [&str; 13] = [
    "databases/list",
    "collections/list",
    "collections/describe",
    "collections/get_stats",
    "collections/get_load_state",
    "get_load_state of a partition",
    "collections/load",
    "collections/release",
    "partitions/list",
    "partitions/has",
    "partitions/get_stats",
    "partitions/release",
    "partitions/load",
];

/// Runs one body through every endpoint's decoder; what each made of it.
fn feed(status: u16, body: &[u8]) -> Vec<Outcome> {
    let mut replay = ReplayTransport::new();
    for _ in 0..DECODERS.len() {
        replay = replay.reply(status, body);
    }
    let mut options = ClientOptions::new("http://sim:19530");
    options.retry = RetryPolicy {
        max_attempts: 1,
        ..RetryPolicy::default()
    };
    let c = Client::new(options, replay).expect("valid endpoint");
    let p = ["p".to_string()];
    let outcomes = block_on(async {
        vec![
            outcome(c.list_databases().await),
            outcome(c.list_collections().await),
            outcome(c.describe_collection("c").await),
            outcome(c.collection_row_count("c").await),
            outcome(c.collection_load_state("c").await),
            outcome(c.partition_load_state("c", "p").await),
            outcome(c.load_collection("c").await),
            outcome(c.release_collection("c").await),
            outcome(c.list_partitions("c").await),
            outcome(c.has_partition("c", "p").await),
            outcome(c.partition_row_count("c", "p").await),
            outcome(c.release_partitions("c", &p).await),
            outcome(c.load_partitions("c", &p).await),
        ]
    });
    // One request per decoder: none was retried or skipped.
    assert_eq!(c.transport().sent().len(), DECODERS.len());
    outcomes
}

/// A body that is not JSON at all is unreadable for every decoder (401/403/404/408 excepted:
/// their status says what happened whatever the body).
fn assert_unreadable_everywhere(status: u16, body: &[u8], outcomes: &[Outcome]) {
    if serde_json::from_slice::<Value>(body).is_ok() || !(200..300).contains(&status) {
        return;
    }
    for (decoder, outcome) in DECODERS.iter().zip(outcomes) {
        assert_eq!(
            outcome,
            &Outcome::Error("Undecodable"),
            "{decoder} on {:?}",
            String::from_utf8_lossy(body)
        );
    }
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
        let outcomes = feed(status, &body);
        assert_unreadable_everywhere(status, &body, &outcomes);
    }

    #[test]
    fn mutated_valid_replies(seed in prop::sample::select(&VALID[..]), at in any::<usize>(), byte in any::<u8>(), how in any::<u8>(), status in prop::sample::select(&STATUSES[..])) {
        let body = mutate(seed, at, byte, how);
        let outcomes = feed(status, &body);
        assert_unreadable_everywhere(status, &body, &outcomes);
    }

    #[test]
    fn valid_json_of_the_wrong_shape(data in any_json(), code in prop_oneof![Just(json!(0)), Just(json!(200)), Just(json!(100)), prop::sample::select(&CONTRACT_CODES[..]).prop_map(|c| json!(c)), any::<i64>().prop_map(|c| json!(c)), Just(json!(1e300)), Just(json!("0"))], message in any_json()) {
        let body = json!({"code": code, "data": data, "message": message});
        let outcomes = feed(200, body.to_string().as_bytes());
        // A code the server gave as an error is reported as the server's error, never as data.
        if let Some(code) = code.as_i64().filter(|c| *c != 0 && *c != 200) {
            for (decoder, outcome) in DECODERS.iter().zip(&outcomes) {
                // Code 100 from get_load_state is an answer: the collection is missing.
                let state_answer = code == 100 && decoder.contains("get_load_state");
                prop_assert!(state_answer || matches!(outcome, Outcome::Error("Milvus" | "NotAuthenticated")), "{} with code {}: {:?}", decoder, code, outcome);
            }
        }
        let outcomes = feed(200, data.to_string().as_bytes());
        // Without an envelope (a bare value) nothing is taken for data.
        if !data.is_object() {
            for outcome in &outcomes {
                prop_assert_eq!(outcome, &Outcome::Error("Undecodable"));
            }
        }
    }

    #[test]
    fn html_pages_and_non_utf8(title in ".{0,40}", junk in prop::collection::vec(128u8..=255, 1..40)) {
        let page = format!("<!DOCTYPE html><html><head><title>{title}</title></head><body>{title}</body></html>");
        for outcome in feed(502, page.as_bytes()) {
            prop_assert_eq!(outcome, Outcome::Error("Http"));
        }
        let outcomes = feed(200, page.as_bytes());
        assert_unreadable_everywhere(200, page.as_bytes(), &outcomes);
        let mut body = br#"{"code":0,"data":[""#.to_vec();
        body.extend_from_slice(&junk);
        body.extend_from_slice(br#""]}"#);
        let outcomes = feed(200, &body);
        // Bytes that are not UTF-8 inside a JSON string make the reply unreadable.
        if std::str::from_utf8(&body).is_err() {
            for outcome in outcomes {
                prop_assert_eq!(outcome, Outcome::Error("Undecodable"));
            }
        }
    }
}

/// Every seed, mutated at every position in every way: each decoder must meet both data and its
/// error path, and every valid seed must still decode somewhere. Counts, not chance.
#[test]
fn mutations_reach_every_decoders_error_path() {
    let mut seen: BTreeMap<&str, BTreeSet<Outcome>> = BTreeMap::new();
    let mut cases = 0;
    for seed in VALID {
        for (decoder, outcome) in DECODERS.iter().zip(feed(200, seed.as_bytes())) {
            seen.entry(decoder).or_default().insert(outcome);
        }
        for at in (0..=seed.len()).step_by(3) {
            for how in 0..5 {
                let body = mutate(seed, at, b'x', how);
                for (decoder, outcome) in DECODERS.iter().zip(feed(200, &body)) {
                    seen.entry(decoder).or_default().insert(outcome);
                }
                cases += 1;
            }
        }
    }
    assert!(cases > 1_000, "{cases} cases");
    for decoder in DECODERS {
        let outcomes = &seen[decoder];
        assert!(
            outcomes.contains(&Outcome::Data),
            "{decoder} never decoded data: {outcomes:?}"
        );
        assert!(
            outcomes.contains(&Outcome::Error("Undecodable")),
            "{decoder} never reached its unreadable-reply path: {outcomes:?}"
        );
        assert!(
            outcomes.contains(&Outcome::Error("Milvus")),
            "{decoder} never reported a server error: {outcomes:?}"
        );
    }
}
