//! Where and how to talk to Milvus (the client's options), and the rules on endpoints and
//! timeouts.

use std::fmt;

use super::error::{ApiError, ApiErrorKind};
use super::redact::{redact_url, Secret};
use super::retry::RetryPolicy;

/// Default client-side timeout: the request is aborted after this long.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// The least a release or load is given: past Milvus's own 30 s request timeout, so that the
/// server's answer (done, or its 408) arrives instead of an abandoned request whose outcome
/// is unknown.
pub const WRITE_TIMEOUT_MS: u32 = 35_000;
/// Sends of a write whose connection dropped. It may have been applied, and the browser itself
/// already resends a request whose reused connection closed before any reply (Chromium does,
/// POSTs included: seen against the simulator, 3 arrivals for 2 sends). So the client does not
/// send it again; the console re-reads the state to learn its outcome.
pub const WRITE_SENDS_ON_NETWORK_ERRORS: u32 = 1;

/// Whether a request only reads, or changes state on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Read,
    Write,
}

/// Where and how to talk to Milvus; all runtime values, nothing compiled in.
#[derive(Clone, PartialEq)]
pub struct ClientOptions {
    /// `http(s)://host:port`, without the `/v2/vectordb` part.
    pub endpoint: String,
    /// `user:password` or an API key; sent as `Authorization: Bearer`.
    pub token: Option<String>,
    /// The database; `None` lets the server use `default`.
    pub database: Option<String>,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
}

impl ClientOptions {
    pub fn new(endpoint: impl Into<String>) -> Self {
        ClientOptions {
            endpoint: endpoint.into(),
            token: None,
            database: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            retry: RetryPolicy::default(),
        }
    }
}

/// Never prints the token.
impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientOptions")
            .field("endpoint", &redact_url(&self.endpoint))
            .field("token", &Secret(&self.token))
            .field("database", &self.database)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// Checks and normalises an endpoint URL: scheme http or https, a host, no trailing slash
/// (a real server redirects those without CORS headers, which a browser reports as a failure).
/// The error quotes the URL without its user-info: what was typed there is a password.
pub fn normalize_endpoint(endpoint: &str) -> Result<String, ApiError> {
    let trimmed = endpoint.trim().trim_end_matches('/');
    let invalid = |why: &str| {
        ApiError::new(ApiErrorKind::InvalidEndpoint(format!(
            "\"{}\": {why}",
            redact_url(trimmed)
        )))
    };
    let rest = trimmed
        .strip_prefix("http://")
        .or_else(|| trimmed.strip_prefix("https://"))
        .ok_or_else(|| invalid("it must start with http:// or https://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(invalid("it has no host"));
    }
    if rest.contains(['?', '#', ' ']) {
        return Err(invalid("it must not contain a query, fragment or spaces"));
    }
    if rest.contains('@') {
        return Err(invalid(
            "put credentials in the token field, not in the URL",
        ));
    }
    Ok(trimmed.to_string())
}
