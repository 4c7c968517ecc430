//! Credentials never come back: not in an error built from an endpoint, not through `Debug`
//! of anything that holds a token.
#![cfg(not(target_arch = "wasm32"))]

use futures::executor::block_on;
use milvus_load_console::api::{
    normalize_endpoint, ApiErrorKind, Client, ClientOptions, HttpRequest, ReplayTransport,
    TokenCell, TransportError,
};
use milvus_load_console::components::connect_form::ConnectRequest;

const SECRETS: [&str; 3] = ["secret", "user:", "Token-9"];

fn assert_clean(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret:?} in {text}");
    }
}

#[test]
fn an_endpoint_with_user_info_is_refused_without_echoing_it() {
    for typed in [
        "http://user:secret@milvus:19530",
        "https://user:secret@milvus:19530/",
        "user:secret@milvus:19530",
        "http://user:sec/ret?#@milvus",
    ] {
        let error = normalize_endpoint(typed).unwrap_err();
        assert!(
            matches!(error.kind(), ApiErrorKind::InvalidEndpoint(_)),
            "{typed}"
        );
        let (shown, debug) = (error.to_string(), format!("{error:?}"));
        assert_clean(&shown);
        assert_clean(&debug);
        assert!(shown.contains("<redacted>@milvus"), "{shown}");
        let via_client = Client::new(ClientOptions::new(typed), ReplayTransport::new());
        assert_clean(&via_client.unwrap_err().to_string());
    }
}

#[test]
fn a_network_error_quoting_a_credentialed_url_is_redacted() {
    let detail = "TypeError: URL includes credentials: http://user:secret@milvus/v2";
    let transport = ReplayTransport::new().fail(TransportError::Network(detail.into()));
    let mut options = ClientOptions::new("http://milvus:19530");
    options.retry.max_attempts = 1;
    let client = Client::new(options, transport).expect("valid endpoint");
    let error = block_on(client.list_collections()).unwrap_err();
    assert_clean(&error.to_string());
    assert!(error.to_string().contains("http://<redacted>@milvus/v2"));
}

#[test]
fn debug_of_token_holders_shows_redacted() {
    let mut options = ClientOptions::new("http://milvus:19530");
    options.token = Some("root:Token-9".into());
    let text = format!("{options:?}");
    assert!(text.contains("token: Some(<redacted>)"), "{text}");
    assert_clean(&text);

    let client = Client::new(
        options,
        ReplayTransport::new().reply(200, r#"{"code":0,"data":[]}"#),
    )
    .expect("valid endpoint");
    assert!(
        block_on(client.list_collections()).is_ok(),
        "the replayed list is read"
    );
    assert_clean(&format!("{client:?}"));
    // The replay transport records the requests, Authorization header included.
    let transport = format!("{:?}", client.transport());
    assert!(transport.contains("Authorization"), "{transport}");
    assert_clean(&transport);

    let request = HttpRequest {
        url: "http://milvus:19530/v2/vectordb/collections/list".into(),
        headers: vec![("authorization".into(), "Bearer root:Token-9".into())],
        body: "{}".into(),
        timeout_ms: 1,
    };
    assert_clean(&format!("{request:?}"));

    let connect = ConnectRequest {
        endpoint: "http://user:secret@milvus".into(),
        token: Some("root:Token-9".into()),
        remember_token: false,
    };
    let text = format!("{connect:?}");
    assert!(text.contains("token: Some(<redacted>)"), "{text}");
    assert_clean(&text);
}

/// Firefox quotes a header value it refuses in its fetch error: a token with a line break
/// would come back on screen. No request carries it; the message does not quote it.
#[test]
fn a_token_with_a_control_character_is_refused_before_any_request() {
    const REFUSED: &str = "The token contains a line break or control character; it was not sent.";
    for token in [
        "root:Token-9\r\nX: y",
        "root:\nToken-9",
        "Token-9\0",
        "root:\u{7f}Token-9",
    ] {
        let mut options = ClientOptions::new("http://milvus:19530");
        options.token = Some(token.into());
        let error = Client::new(options, ReplayTransport::new()).unwrap_err();
        assert_eq!(error.to_string(), REFUSED, "{token:?}");
        assert_clean(&format!("{error:?}"));

        // Set later (a host's update, a rotation): refused at the request, nothing sent.
        let client = Client::new(
            ClientOptions::new("http://milvus:19530"),
            ReplayTransport::new(),
        )
        .expect("valid endpoint")
        .sharing_token(TokenCell::new(Some(token.into())));
        let error = block_on(client.list_collections()).unwrap_err();
        assert_eq!(error.to_string(), REFUSED, "{token:?}");
        assert!(client.transport().sent().is_empty(), "{token:?}");
    }
    // A line break pasted around a token is not part of it.
    let mut options = ClientOptions::new("http://milvus:19530");
    options.token = Some(" root:Token-9\n".into());
    let client = Client::new(
        options,
        ReplayTransport::new().reply(200, r#"{"code":0,"data":[]}"#),
    )
    .expect("surrounding blanks are trimmed");
    assert!(block_on(client.list_collections()).is_ok());
}
