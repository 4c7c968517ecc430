//! Contract sections 1–3: transport, envelope, HTTP statuses, auth and databases, asserted on
//! raw bytes.

mod support;

use serde_json::json;
use support::SimProcess;

const ALLOW_HEADERS: &str = "Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization, accept, origin, Cache-Control, X-Requested-With";

#[test]
fn preflight_answers_204_with_exactly_the_server_cors_headers() {
    let sim = SimProcess::start(&["--demo"]);
    let raw = sim.raw(
        "OPTIONS /v2/vectordb/collections/list HTTP/1.1\r\nOrigin: http://console.test\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type,authorization",
        b"",
    );
    assert_eq!(raw.status, 204);
    assert!(raw.body.is_empty());
    assert_eq!(raw.header("access-control-allow-origin"), Some("*"));
    assert_eq!(raw.header("access-control-allow-credentials"), Some("true"));
    assert_eq!(
        raw.header("access-control-allow-methods"),
        Some("GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH")
    );
    assert_eq!(
        raw.header("access-control-allow-headers"),
        Some(ALLOW_HEADERS)
    );
    assert_eq!(raw.header("access-control-max-age"), None);
    assert_eq!(raw.header("access-control-expose-headers"), None);
    // Any path, even an unknown one.
    assert_eq!(sim.raw("OPTIONS /nowhere HTTP/1.1", b"").status, 204);
}

#[test]
fn every_reply_carries_cors_headers_but_the_trailing_slash_redirect() {
    let sim = SimProcess::start(&["--demo"]);
    let ok = sim.post("/v2/vectordb/collections/list", "{}", &[]);
    assert_eq!(ok.header("access-control-allow-origin"), Some("*"));
    let refused = sim.post(
        "/v2/vectordb/collections/describe",
        r#"{"collectionName":"nope"}"#,
        &[],
    );
    assert_eq!(refused.header("access-control-allow-origin"), Some("*"));
    let redirect = sim.post("/v2/vectordb/collections/list/", "{}", &[]);
    assert_eq!(redirect.status, 307);
    assert_eq!(
        redirect.header("location"),
        Some("/v2/vectordb/collections/list")
    );
    assert_eq!(redirect.header("access-control-allow-origin"), None);
}

#[test]
fn unknown_paths_and_wrong_methods_are_text_404() {
    let sim = SimProcess::start(&["--demo"]);
    for raw in [
        sim.raw("GET /v2/vectordb/collections/list HTTP/1.1", b""),
        sim.raw("PUT /v2/vectordb/collections/list HTTP/1.1", b"{}"),
        sim.post("/v2/vectordb/collections/nonsense", "{}", &[]),
        sim.post("/v1/vector/collections", "{}", &[]),
    ] {
        assert_eq!(raw.status, 404);
        assert_eq!(raw.text(), "404 page not found");
        assert_eq!(raw.header("content-type"), Some("text/plain"));
    }
}

#[test]
fn bad_bodies_are_1801_and_missing_fields_1802_with_http_200() {
    let sim = SimProcess::start(&["--demo"]);
    let empty = sim.post("/v2/vectordb/collections/list", "", &[]);
    assert_eq!(empty.status, 200);
    assert_eq!(empty.json()["code"], 1801);
    let broken = sim.post(
        "/v2/vectordb/collections/describe",
        "{\"collectionName\":",
        &[],
    );
    assert_eq!(broken.json()["code"], 1801);
    let wrong_type = sim.post(
        "/v2/vectordb/collections/describe",
        r#"{"collectionName":7}"#,
        &[],
    );
    assert_eq!(wrong_type.json()["code"], 1801);
    let missing = sim.call("collections/describe", json!({}));
    assert_eq!(missing["code"], 1802);
    assert!(missing.get("data").is_none());
    // Unknown fields are ignored.
    assert_eq!(
        sim.call("collections/list", json!({"whatever": [1, 2]}))["code"],
        0
    );
}

#[test]
fn auth_401_with_code_1800_bearer_and_basic_accepted_read_only_gets_403() {
    let sim = SimProcess::start(&[
        "--demo",
        "--auth",
        "root:Milvus",
        "--read-only-auth",
        "viewer:pw",
    ]);
    let none = sim.post("/v2/vectordb/collections/list", "{}", &[]);
    assert_eq!(none.status, 401);
    assert_eq!(
        none.json(),
        json!({"code": 1800, "message": "user hasn't authenticated"})
    );
    assert_eq!(none.header("access-control-allow-origin"), Some("*"));
    let wrong = sim.post(
        "/v2/vectordb/collections/list",
        "{}",
        &["Authorization: Bearer root:nope"],
    );
    assert_eq!(wrong.status, 401);
    // Unknown paths answer 401 JSON, not 404, to the unauthenticated.
    let unknown = sim.post("/v2/vectordb/x/y", "{}", &[]);
    assert_eq!(unknown.status, 401);
    // Preflight is answered before auth.
    assert_eq!(
        sim.raw("OPTIONS /v2/vectordb/collections/list HTTP/1.1", b"")
            .status,
        204
    );
    let bearer = sim.post(
        "/v2/vectordb/collections/list",
        "{}",
        &["Authorization: Bearer root:Milvus"],
    );
    assert_eq!(bearer.json()["code"], 0);
    let basic = sim.post(
        "/v2/vectordb/collections/list",
        "{}",
        &["Authorization: Basic cm9vdDpNaWx2dXM="],
    );
    assert_eq!(basic.json()["code"], 0);
    let reader = ["Authorization: Bearer viewer:pw"];
    assert_eq!(
        sim.post("/v2/vectordb/collections/list", "{}", &reader)
            .json()["code"],
        0
    );
    let denied = sim.post(
        "/v2/vectordb/collections/release",
        r#"{"collectionName":"books"}"#,
        &reader,
    );
    assert_eq!(denied.status, 403);
    let body = denied.json();
    assert_eq!(body["code"], 65535);
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("PermissionDenied"));
}

#[test]
fn databases_select_by_db_name_and_missing_ones_are_800_or_100() {
    let sim = SimProcess::start(&["--demo"]);
    let dbs = sim.call("databases/list", json!({}));
    assert_eq!(dbs["code"], 0);
    let names: Vec<&str> = dbs["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(names.contains(&"default") && names.contains(&"analytics"));
    let analytics = sim.call("collections/list", json!({"dbName": "analytics"}));
    assert!(analytics["data"]
        .as_array()
        .unwrap()
        .contains(&json!("clickstream")));
    let missing = sim.call("collections/list", json!({"dbName": "nope"}));
    assert_eq!(
        missing,
        json!({"code": 800, "message": "database not found[database=nope]"})
    );
    let state = sim.call(
        "collections/get_load_state",
        json!({"dbName": "nope", "collectionName": "books"}),
    );
    assert_eq!(state["code"], 100);
}

#[test]
fn basic_credentials_draw_the_challenge_and_2_6_adds_nosniff() {
    let sim = SimProcess::start(&["--demo", "--auth", "root:Milvus", "--compat", "2.6.0"]);
    let basic = sim.post(
        "/v2/vectordb/collections/list",
        "{}",
        &["Authorization: Basic cm9vdDpNaWx2dXM="],
    );
    assert_eq!(basic.json()["code"], 0);
    assert_eq!(
        basic.header("www-authenticate"),
        Some("Basic realm=\"restricted\", charset=\"UTF-8\"")
    );
    assert_eq!(basic.header("x-content-type-options"), Some("nosniff"));
    let wrong_basic = sim.post(
        "/v2/vectordb/collections/list",
        "{}",
        &["Authorization: Basic d3Jvbmc6cHc="],
    );
    assert_eq!(wrong_basic.status, 401);
    assert!(wrong_basic.header("www-authenticate").is_some());
    let bearer = sim.post(
        "/v2/vectordb/collections/list",
        "{}",
        &["Authorization: Bearer root:Milvus"],
    );
    assert_eq!(bearer.header("www-authenticate"), None);
    // A bare user:password works; the Bearer prefix is case-sensitive.
    let bare = sim.post(
        "/v2/vectordb/collections/list",
        "{}",
        &["Authorization: root:Milvus"],
    );
    assert_eq!(bare.status, 200);
    let lower = sim.post(
        "/v2/vectordb/collections/list",
        "{}",
        &["Authorization: bearer root:Milvus"],
    );
    assert_eq!(lower.status, 401);
    let older = SimProcess::start(&["--demo", "--compat", "2.5.4"]);
    let reply = older.post("/v2/vectordb/collections/list", "{}", &[]);
    assert_eq!(reply.header("x-content-type-options"), None);
}

#[test]
fn compat_2_4_0_answers_code_200_and_has_no_databases_endpoint() {
    let sim = SimProcess::start(&["--demo", "--compat", "2.4.0"]);
    let list = sim.call("collections/list", json!({}));
    assert_eq!(list["code"], 200);
    let dbs = sim.post("/v2/vectordb/databases/list", "{}", &[]);
    assert_eq!(dbs.status, 404);
    assert_eq!(dbs.text(), "404 page not found");
    let refresh = sim.post(
        "/v2/vectordb/collections/refresh_load",
        r#"{"collectionName":"books"}"#,
        &[],
    );
    assert_eq!(refresh.status, 404);
    let modern = SimProcess::start(&["--demo", "--compat", "2.5"]);
    assert_eq!(modern.call("collections/list", json!({}))["code"], 0);
    assert_eq!(
        modern.call(
            "collections/refresh_load",
            json!({"collectionName": "books"})
        )["code"],
        0
    );
}
