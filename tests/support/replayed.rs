//! Clients on a replay transport, as the client's own tests build them.
#![allow(dead_code)]

use milvus_load_console::api::{ApiErrorKind, Client, ClientOptions, ReplayTransport, RetryPolicy};

/// A client of `http://milvus:19530` with the default options.
pub fn plain(replay: ReplayTransport) -> Client<ReplayTransport> {
    Client::new(ClientOptions::new("http://milvus:19530"), replay).expect("a valid endpoint")
}

/// A plain client whose replies are `bodies`, each a 200, in order.
pub fn replies(bodies: &[&str]) -> Client<ReplayTransport> {
    plain(
        bodies
            .iter()
            .fold(ReplayTransport::new(), |r, body| r.reply(200, body)),
    )
}

/// A client of database `analytics` that sends each request once.
pub fn one_attempt(replay: ReplayTransport) -> Client<ReplayTransport> {
    let mut options = ClientOptions::new("http://milvus:19530");
    options.database = Some("analytics".into());
    options.retry = RetryPolicy {
        max_attempts: 1,
        ..RetryPolicy::default()
    };
    Client::new(options, replay).expect("a valid endpoint")
}

/// What an unreadable reply's error says it could not read.
pub fn undecodable(kind: &ApiErrorKind) -> &str {
    match kind {
        ApiErrorKind::Undecodable { detail, .. } => detail,
        other => panic!("expected Undecodable, got {other:?}"),
    }
}
