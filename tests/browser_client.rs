//! The client in a real browser (headless Chromium) against the simulator on another origin:
//! real fetch, real CORS preflight, real aborts. Run by `cargo xtask test wasm`, which starts
//! the simulator and passes its URL at build time.
#![cfg(target_arch = "wasm32")]

use milvus_load_console::api::{ApiErrorKind, Client, ClientOptions, FetchTransport, LoadState};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sim_url() -> &'static str {
    option_env!("MILVUS_SIM_URL").unwrap_or("http://127.0.0.1:19530")
}

fn client(token: Option<&str>) -> Client<FetchTransport> {
    let mut options = ClientOptions::new(sim_url());
    options.token = token.map(str::to_string);
    Client::new(options, FetchTransport).expect("valid endpoint")
}

/// Sets the simulator's faults through its control API.
async fn set_faults(body: &str) {
    let response = gloo_net::http::Request::post(&format!("{}/__sim/faults", sim_url()))
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .expect("request")
        .send()
        .await
        .expect("control API reachable");
    assert_eq!(response.status(), 200);
}

#[wasm_bindgen_test]
async fn fetch_with_preflight_and_token_succeeds() {
    set_faults(r#"{"rate":0}"#).await;
    let names = client(Some("root:Milvus"))
        .list_collections()
        .await
        .expect("list");
    assert!(names.iter().any(|n| n == "books"), "{names:?}");
    let state = client(Some("root:Milvus"))
        .collection_load_state("books")
        .await
        .expect("state");
    assert_eq!(state, LoadState::Loaded);
    let partition = client(Some("root:Milvus"))
        .partition_load_state("user_events", "archive")
        .await
        .expect("partition state");
    assert_eq!(partition, LoadState::NotLoad);
}

#[wasm_bindgen_test]
async fn a_wrong_token_reads_as_not_authenticated() {
    set_faults(r#"{"rate":0}"#).await;
    let error = client(Some("root:wrong"))
        .list_collections()
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ApiErrorKind::NotAuthenticated { .. }),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn the_client_aborts_on_timeout() {
    set_faults(r#"{"rate":1,"kinds":["slow"],"slowMs":3000}"#).await;
    let mut options = ClientOptions::new(sim_url());
    options.token = Some("root:Milvus".into());
    options.timeout_ms = 300;
    options.retry.max_attempts = 1;
    let c = Client::new(options, FetchTransport).expect("client");
    let error = c.list_collections().await.unwrap_err();
    set_faults(r#"{"rate":0}"#).await;
    assert_eq!(error.kind(), &ApiErrorKind::Timeout { after_ms: 300 });
}

#[wasm_bindgen_test]
async fn a_non_json_reply_is_undecodable() {
    set_faults(r#"{"rate":1,"kinds":["html"]}"#).await;
    let mut options = ClientOptions::new(sim_url());
    options.token = Some("root:Milvus".into());
    options.retry.max_attempts = 1;
    let error = Client::new(options, FetchTransport)
        .expect("client")
        .list_collections()
        .await
        .unwrap_err();
    set_faults(r#"{"rate":0}"#).await;
    match error.kind() {
        ApiErrorKind::Undecodable { first_bytes, .. } => {
            assert!(first_bytes.starts_with("<!DOCTYPE"))
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_a_network_error() {
    let closed = option_env!("MILVUS_CLOSED_URL").unwrap_or("http://127.0.0.1:9");
    let mut options = ClientOptions::new(closed);
    options.retry.max_attempts = 1;
    let error = Client::new(options, FetchTransport)
        .expect("client")
        .list_collections()
        .await
        .unwrap_err();
    assert!(
        matches!(error.kind(), ApiErrorKind::Network { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("CORS"));
}
