//! The client against every row of the contract's tables, with the exact bodies it shows,
//! replayed natively. Also: request bodies and headers as sent, retries, and the fallbacks.
#![cfg(not(target_arch = "wasm32"))]

use futures::executor::block_on;
use milvus_load_console::api::{
    ApiErrorKind, Client, ClientOptions, LoadState, ReplayTransport, TransportError,
};

fn client(replay: ReplayTransport) -> Client<ReplayTransport> {
    let mut options = ClientOptions::new("http://127.0.0.1:19530/");
    options.token = Some("root:Milvus".into());
    options.database = Some("analytics".into());
    Client::new(options, replay).unwrap()
}

fn plain(replay: ReplayTransport) -> Client<ReplayTransport> {
    Client::new(ClientOptions::new("http://milvus:19530"), replay).unwrap()
}

#[test]
fn requests_carry_only_content_type_and_bearer_and_put_db_name_in_the_body() {
    let c = client(ReplayTransport::new().reply(200, r#"{"code":0,"data":["books","films"]}"#));
    assert_eq!(block_on(c.list_collections()).unwrap(), ["books", "films"]);
    let sent = c.transport().sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].url,
        "http://127.0.0.1:19530/v2/vectordb/collections/list"
    );
    assert_eq!(
        sent[0].headers,
        [
            ("Content-Type".to_string(), "application/json".to_string()),
            (
                "Authorization".to_string(),
                "Bearer root:Milvus".to_string()
            )
        ]
    );
    assert_eq!(sent[0].body, r#"{"dbName":"analytics"}"#);
    assert_eq!(sent[0].timeout_ms, 15_000);

    let c = plain(ReplayTransport::new().reply(200, r#"{"code":0,"data":[]}"#));
    block_on(c.list_collections()).unwrap();
    let sent = c.transport().sent();
    assert_eq!(sent[0].headers.len(), 1, "no Authorization without a token");
    assert_eq!(sent[0].body, "{}", "the minimum body, never empty");
}

#[test]
fn bodies_use_the_server_field_names() {
    let ok = r#"{"code":0,"data":{}}"#;
    let c = client(
        ReplayTransport::new()
            .reply(200, ok)
            .reply(200, ok)
            .reply(200, ok),
    );
    block_on(c.release_partitions("books", &["p1".into(), "p2".into()])).unwrap();
    block_on(c.load_collection("books")).unwrap();
    block_on(c.create_collection("quick", 8)).unwrap();
    let bodies: Vec<String> = c.transport().sent().into_iter().map(|r| r.body).collect();
    assert_eq!(
        bodies,
        [
            r#"{"dbName":"analytics","collectionName":"books","partitionNames":["p1","p2"]}"#,
            r#"{"dbName":"analytics","collectionName":"books"}"#,
            r#"{"dbName":"analytics","collectionName":"quick","dimension":8}"#,
        ]
    );
    let c = plain(ReplayTransport::new().reply(200, r#"{"code":0,"data":{"has":true}}"#));
    assert!(block_on(c.has_partition("books", "p1")).unwrap());
    assert_eq!(
        c.transport().sent()[0].body,
        r#"{"collectionName":"books","partitionName":"p1"}"#
    );
    assert!(c.transport().sent()[0]
        .url
        .ends_with("/v2/vectordb/partitions/has"));
}

fn collection_state(body: &str) -> Result<LoadState, ApiErrorKind> {
    let c = plain(ReplayTransport::new().reply(200, body));
    block_on(c.collection_load_state("c")).map_err(|e| e.kind().clone())
}

fn partition_state(body: &str) -> Result<LoadState, ApiErrorKind> {
    let c = plain(ReplayTransport::new().reply(200, body));
    let state = block_on(c.partition_load_state("c", "p")).map_err(|e| e.kind().clone());
    assert_eq!(
        c.transport().sent()[0].body,
        r#"{"collectionName":"c","partitionNames":["p"]}"#
    );
    state
}

#[test]
fn section_5_collection_rows() {
    assert_eq!(
        collection_state(r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#),
        Ok(LoadState::NotLoad)
    );
    assert_eq!(
        collection_state(
            r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100},"message":""}"#
        ),
        Ok(LoadState::Loaded)
    );
    assert_eq!(
        collection_state(
            r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":37},"message":""}"#
        ),
        Ok(LoadState::Loading { progress: 37 })
    );
    assert_eq!(
        collection_state(r#"{"code":100,"message":"collection not found[collection=x]"}"#),
        Ok(LoadState::Missing)
    );
    assert_eq!(
        collection_state(r#"{"code":0,"data":{"loadState":"LoadStateSomethingNew"}}"#),
        Ok(LoadState::Unknown("LoadStateSomethingNew".into()))
    );
    assert_eq!(
        collection_state(
            r#"{"code":200,"data":{"loadState":"LoadStateLoaded","loadProgress":100}}"#
        ),
        Ok(LoadState::Loaded),
        "2.4.0-2.4.2 success code"
    );
}

#[test]
fn section_5_partition_rows() {
    assert_eq!(
        partition_state(r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#),
        Ok(LoadState::NotLoad)
    );
    assert_eq!(
        partition_state(
            r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100},"message":""}"#
        ),
        Ok(LoadState::Loaded)
    );
    assert_eq!(
        partition_state(
            r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":12},"message":""}"#
        ),
        Ok(LoadState::Loading { progress: 12 })
    );
    assert_eq!(
        partition_state(
            r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"partition not loaded[partition=p]."}"#
        ),
        Ok(LoadState::NotLoad),
        "released partition of a partly loaded collection: not loaded, never loading"
    );
    assert_eq!(
        partition_state(
            r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"partition not found[partition=p]."}"#
        ),
        Ok(LoadState::Missing)
    );
    // Code 100 is about the collection, and can be transient: the partition is not known to
    // be gone (the list of collections tells whether the collection is).
    let state = partition_state(r#"{"code":100,"message":"collection not found[collection=c]"}"#);
    assert!(
        matches!(&state, Ok(LoadState::Unknown(text)) if text.contains("code 100")),
        "{state:?}"
    );
}

fn error_of(status: u16, body: &str) -> ApiErrorKind {
    // Three copies: enough for the retries of a rate-limited write.
    let c = plain(
        ReplayTransport::new()
            .reply(status, body)
            .reply(status, body)
            .reply(status, body),
    );
    block_on(c.release_collection("c"))
        .unwrap_err()
        .kind()
        .clone()
}

#[test]
fn section_2_statuses_and_section_7_codes() {
    assert_eq!(
        error_of(
            401,
            r#"{"code":1800,"message":"user hasn't authenticated"}"#
        ),
        ApiErrorKind::NotAuthenticated {
            message: "user hasn't authenticated".into()
        }
    );
    let denied =
        "rpc error: code = PermissionDenied desc = PrivilegeLoad: permission deny to reader";
    assert_eq!(
        error_of(403, &format!(r#"{{"code":65535,"message":"{denied}"}}"#)),
        ApiErrorKind::PermissionDenied {
            reason: denied.into()
        }
    );
    assert_eq!(
        error_of(404, "404 page not found"),
        ApiErrorKind::NotFound {
            path: "/v2/vectordb/collections/release".into()
        }
    );
    assert_eq!(
        error_of(408, r#"{"code":10001,"message":"request timeout"}"#),
        ApiErrorKind::ServerTimeout {
            message: "request timeout".into()
        }
    );
    assert_eq!(
        error_of(408, "timeout"),
        ApiErrorKind::ServerTimeout {
            message: "timeout".into()
        }
    );
    assert!(matches!(
        error_of(500, r#"{"code":500}"#),
        ApiErrorKind::Http { status: 500, .. }
    ));
    let milvus = error_of(
        200,
        r#"{"code":700,"message":"index not found[collection=c]"}"#,
    );
    assert_eq!(
        milvus,
        ApiErrorKind::Milvus {
            code: 700,
            message: "index not found[collection=c]".into()
        }
    );
    assert_eq!(
        milvus.to_string(),
        "No vector index: cannot load (code 700): index not found[collection=c]"
    );
    for (code, words) in [
        (100, "not found"),
        (200, "Partition not found"),
        (800, "Database"),
        (1100, "Invalid"),
        (1807, "Rate limited"),
        (65535, "Milvus error"),
    ] {
        let body = format!(r#"{{"code":{code},"message":"m"}}"#);
        let text = error_of(200, &body).to_string();
        assert!(text.contains(words), "{code}: {text}");
    }
}

#[test]
fn undecodable_bodies_quote_what_came() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let kind = error_of(200, html);
    match kind {
        ApiErrorKind::Undecodable { first_bytes, .. } => assert!(first_bytes.starts_with("<html>")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        error_of(200, r#"{"code":0,"da"#),
        ApiErrorKind::Undecodable { .. }
    ));
    assert!(matches!(
        error_of(200, r#"{"data":{}}"#),
        ApiErrorKind::Undecodable { .. }
    ));
    assert!(matches!(
        error_of(200, r#"{"code":"0"}"#),
        ApiErrorKind::Undecodable { .. }
    ));
    assert!(matches!(
        error_of(200, ""),
        ApiErrorKind::Undecodable { .. }
    ));
    let c = plain(ReplayTransport::new().reply(200, r#"{"code":0,"data":{"rows":1}}"#));
    assert!(matches!(
        block_on(c.collection_row_count("c")).unwrap_err().kind(),
        ApiErrorKind::Undecodable { .. }
    ));
}

#[test]
fn describe_keeps_the_id_exact_and_the_side_message() {
    let body = r#"{"code":0,"data":{"collectionName":"books","collectionID":451286731209000001,"description":"","autoId":false,"fields":[{"name":"tenant","partitionKey":true}],"indexes":[],"load":"LoadStateNotLoad","shardsNum":1,"partitionsNum":16,"consistencyLevel":"Bounded","enableDynamicField":true,"aliases":["b"],"properties":[]},"message":"index not found[collection=books]"}"#;
    let c = plain(ReplayTransport::new().reply(200, body));
    let d = block_on(c.describe_collection("books")).unwrap();
    assert_eq!(d.id, "451286731209000001");
    assert_eq!(d.partitions_num, Some(16));
    assert!(d.has_partition_key);
    assert_eq!(
        d.message.as_deref(),
        Some("index not found[collection=books]")
    );
}

#[test]
fn databases_list_falls_back_to_default_on_older_servers() {
    let c = plain(ReplayTransport::new().reply(404, "404 page not found"));
    assert_eq!(block_on(c.list_databases()).unwrap(), ["default"]);
    let c =
        plain(ReplayTransport::new().reply(200, r#"{"code":0,"data":["default","analytics"]}"#));
    assert_eq!(
        block_on(c.list_databases()).unwrap(),
        ["default", "analytics"]
    );
}

/// The pauses a client asked for, with a jitter of one half.
#[derive(Default)]
struct Pauses(std::cell::RefCell<Vec<u64>>);

impl milvus_load_console::api::Clock for Pauses {
    fn pause(&self, millis: u64) -> futures::future::LocalBoxFuture<'static, ()> {
        self.0.borrow_mut().push(millis);
        Box::pin(async {})
    }

    fn random(&self) -> f64 {
        0.5
    }
}

#[test]
fn reads_retry_transient_failures_with_growing_jittered_pauses() {
    let pauses = std::rc::Rc::new(Pauses::default());
    let c = plain(
        ReplayTransport::new()
            .fail(TransportError::Network("reset".into()))
            .reply(200, r#"{"code":1807,"message":"rate limit exceeded"}"#)
            .reply(200, r#"{"code":0,"data":["a"]}"#),
    )
    .with_clock(pauses.clone());
    assert_eq!(block_on(c.list_collections()).unwrap(), ["a"]);
    assert_eq!(c.transport().sent().len(), 3);
    // Jitter one half: three quarters of each exponential step.
    assert_eq!(*pauses.0.borrow(), [187, 375]);

    let c = plain(
        ReplayTransport::new()
            .reply(503, "upstream")
            .reply(502, "<html>")
            .reply(500, r#"{"code":500}"#),
    );
    let error = block_on(c.list_collections()).unwrap_err();
    assert_eq!(error.attempts(), 3);
    assert!(error.to_string().ends_with("(after 3 attempts)"));
}

#[test]
fn writes_retry_only_what_the_server_cannot_have_done() {
    // A dropped connection may have come after the work was done (and the browser may have
    // resent it already): not sent again; the console re-reads the state.
    let c = plain(
        ReplayTransport::new()
            .fail(TransportError::Network("reset".into()))
            .reply(200, r#"{"code":0,"data":{}}"#),
    );
    let error = block_on(c.release_collection("c")).unwrap_err();
    assert!(error.outcome_unknown());
    assert_eq!(c.transport().sent().len(), 1);
    // A 503 may have come after the work was done: not retried, reported.
    let c = plain(
        ReplayTransport::new()
            .reply(503, "x")
            .reply(200, r#"{"code":0,"data":{}}"#),
    );
    let error = block_on(c.load_collection("c")).unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(c.transport().sent().len(), 1);
    // Business errors are final.
    let c = plain(ReplayTransport::new().reply(200, r#"{"code":65535,"message":"no"}"#));
    assert!(block_on(c.release_collection("c")).is_err());
    assert_eq!(c.transport().sent().len(), 1);
}

#[test]
fn timeouts_and_network_errors_read_as_such() {
    let c = plain(ReplayTransport::new().fail(TransportError::Timeout));
    let error = block_on(c.load_collection("c")).unwrap_err();
    // Writes wait past the server's own 30 s timeout.
    assert_eq!(error.kind(), &ApiErrorKind::Timeout { after_ms: 35_000 });
    // A timed-out write is not sent again: the server may be applying it.
    assert_eq!(c.transport().sent().len(), 1);
    // A write whose connection failed is not sent again (it may have been applied); the error
    // says what the browser said.
    let refused = || TransportError::Network("Failed to fetch".into());
    let c = plain(
        ReplayTransport::new()
            .fail(refused())
            .fail(refused())
            .fail(refused()),
    );
    let error = block_on(c.release_collection("c")).unwrap_err();
    assert_eq!(c.transport().sent().len(), 1);
    let text = error.to_string();
    assert!(text.contains("Failed to fetch"), "{text}");
    assert!(text.contains("CORS"), "{text}");
    // Reads go on to the policy's three attempts, and say so.
    let c = plain(
        ReplayTransport::new()
            .fail(refused())
            .fail(refused())
            .fail(refused()),
    );
    let error = block_on(c.list_collections()).unwrap_err();
    assert_eq!(c.transport().sent().len(), 3);
    assert!(error.to_string().contains("after 3 attempts"), "{error}");
}

#[test]
fn endpoints_are_checked_and_tokens_never_printed() {
    for bad in [
        "milvus:19530",
        "ftp://x",
        "http://",
        "http://u:p@host",
        "http://h/?x=1",
    ] {
        let result = Client::new(ClientOptions::new(bad), ReplayTransport::new());
        assert!(
            matches!(result.unwrap_err().kind(), ApiErrorKind::InvalidEndpoint(_)),
            "{bad}"
        );
    }
    let c = client(ReplayTransport::new());
    assert_eq!(c.options().endpoint, "http://127.0.0.1:19530");
    assert!(!format!("{c:?}").contains("Milvus"));
}
