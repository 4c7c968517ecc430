//! One error type for everything that can go wrong talking to Milvus. Cheap to clone into UI
//! props; every variant reads as a specific sentence on screen.

use std::fmt;
use std::rc::Rc;

use super::redact::{redact_url, redact_urls_in};

/// How many bytes of an unreadable body an error quotes.
const QUOTED_BYTES: usize = 120;

/// What went wrong, by kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiErrorKind {
    #[error("Cannot reach {} ({}). Usually the URL is wrong, the server is down, or it does not allow this page's origin (CORS).", redact_url(.endpoint), redact_urls_in(.detail))]
    Network { endpoint: String, detail: String },
    #[error("No reply within {} s; the request was abandoned.", .after_ms / 1000)]
    Timeout { after_ms: u32 },
    #[error("Not authenticated: the server refused the token ({message}).")]
    NotAuthenticated { message: String },
    #[error("Permission denied: {reason}")]
    PermissionDenied { reason: String },
    #[error(
        "Not a Milvus REST v2 endpoint, or the server is older than 2.4 (HTTP 404 on {path})."
    )]
    NotFound { path: String },
    #[error("The server gave up on the request (HTTP 408: {message}).")]
    ServerTimeout { message: String },
    #[error("HTTP {status} from the server: {snippet}")]
    Http { status: u16, snippet: String },
    #[error("{} (code {code}): {message}", summary(*.code, .message))]
    Milvus { code: i64, message: String },
    #[error("Unreadable reply from the server ({detail}); it began: {first_bytes}")]
    Undecodable { detail: String, first_bytes: String },
    #[error("Not a usable endpoint URL: {0}")]
    InvalidEndpoint(String),
    /// Never quotes the token.
    #[error("The token contains a line break or control character; it was not sent.")]
    InvalidToken,
    #[error("Cancelled.")]
    Cancelled,
    /// A write that was never sent, because what it depends on could not be read.
    #[error("Nothing was sent: {reason}")]
    NotSent { reason: String },
}

/// A readable summary for the error codes of the contract's section 7, and for a refusal whose
/// code says nothing (a resource group without a node per replica answers 65535).
pub fn summary(code: i64, message: &str) -> &'static str {
    if crate::substring::contains(message, "resource group node not enough") {
        return "Not enough query nodes in the resource group for these replicas (each replica needs nodes of its own)";
    }
    match code {
        1 | 2 => "Service not ready",
        5 => "Internal server error",
        8 | 1807 => "Rate limited",
        100 => "Collection or database not found",
        101 => "Collection not loaded",
        200 => "Partition not found",
        201 => "Partition not loaded",
        700 => "No vector index: cannot load",
        800 => "Database not found",
        1100 => "Invalid parameter",
        1800 => "Not authenticated",
        1801 => "Request body is not valid JSON",
        1802 => "Required field missing",
        10001 => "Server timeout",
        _ => "Milvus error",
    }
}

/// An error from the client, with the number of attempts it took to reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    kind: Rc<ApiErrorKind>,
    attempts: u32,
}

impl ApiError {
    pub fn new(kind: ApiErrorKind) -> Self {
        ApiError {
            kind: Rc::new(kind),
            attempts: 1,
        }
    }

    pub fn kind(&self) -> &ApiErrorKind {
        &self.kind
    }

    /// How many times the request was sent before giving up.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    pub(crate) fn after_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The Milvus error code, when the server answered one.
    pub fn milvus_code(&self) -> Option<i64> {
        match *self.kind {
            ApiErrorKind::Milvus { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The server refused the token (or wants one).
    pub fn is_not_authenticated(&self) -> bool {
        matches!(self.kind(), ApiErrorKind::NotAuthenticated { .. })
    }

    pub fn is_cancelled(&self) -> bool {
        *self.kind == ApiErrorKind::Cancelled
    }

    /// Worth sending again: the request may not have reached the server, or it was turned
    /// away before doing anything (overload, rate limit).
    pub(crate) fn is_transient(&self) -> bool {
        match &*self.kind {
            ApiErrorKind::Network { .. } | ApiErrorKind::ServerTimeout { .. } => true,
            ApiErrorKind::Http { status, .. } => *status >= 500,
            ApiErrorKind::Milvus { code, .. } => matches!(code, 1 | 2 | 8 | 1807),
            ApiErrorKind::Undecodable { .. } => true,
            _ => false,
        }
    }

    /// Safe to resend a state change: nothing can have been done by the server.
    pub(crate) fn was_refused_before_processing(&self) -> bool {
        match &*self.kind {
            ApiErrorKind::Network { .. } => true,
            ApiErrorKind::Milvus { code, .. } => matches!(code, 8 | 1807),
            _ => false,
        }
    }
}

impl From<ApiErrorKind> for ApiError {
    fn from(kind: ApiErrorKind) -> Self {
        ApiError::new(kind)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// The first bytes of a body as printable text, for error messages.
pub fn quote_bytes(body: &[u8]) -> String {
    let head = &body[..body.len().min(QUOTED_BYTES)];
    let mut text: String = String::from_utf8_lossy(head)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if body.len() > QUOTED_BYTES {
        text.push('…');
    }
    if text.trim().is_empty() {
        "(empty body)".to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resource_group_without_a_node_per_replica_is_said_in_plain_words_with_the_server_text() {
        let message = "call query coordinator LoadCollection: resource group node not enough[rg=__default_resource_group][currentNodeNum=1][expectedNodeNum=2]";
        let error = ApiError::new(ApiErrorKind::Milvus {
            code: 65535,
            message: message.into(),
        });
        assert_eq!(
            error.to_string(),
            format!("Not enough query nodes in the resource group for these replicas (each replica needs nodes of its own) (code 65535): {message}")
        );
        assert_eq!(summary(65535, "other"), "Milvus error");
    }
}
