//! What a failed write tells about its effect. A write whose reply was lost (a reset
//! connection, a client or server timeout, an unreadable reply, an aborted fetch, a proxy's
//! 5xx) may still complete on the server (contract section 8): its outcome is unknown, never
//! "failed"; re-read the state until it settles. (The client resends a write only after a
//! network error or a rate-limit refusal; what it reports after its last attempt is read here.)

use super::error::{ApiError, ApiErrorKind};

/// The server's own timeout code (the JSON body of its 408 from 2.5.4; a proxy may pass it
/// on with another status).
const SERVER_TIMEOUT: i64 = 10001;

impl ApiError {
    /// After a write: the server may have done it. Refusals it answered (a Milvus code other
    /// than its timeout, 401, 403, 404) are final and say it did not. The one test of this for
    /// every write.
    pub fn outcome_unknown(&self) -> bool {
        match self.kind() {
            ApiErrorKind::Network { .. }
            | ApiErrorKind::Timeout { .. }
            | ApiErrorKind::ServerTimeout { .. }
            | ApiErrorKind::Undecodable { .. }
            | ApiErrorKind::Cancelled => true,
            ApiErrorKind::Http { status, .. } => *status >= 500,
            ApiErrorKind::NotAuthenticated { .. }
            | ApiErrorKind::PermissionDenied { .. }
            | ApiErrorKind::NotFound { .. }
            | ApiErrorKind::InvalidEndpoint(_)
            | ApiErrorKind::InvalidToken
            | ApiErrorKind::NotSent { .. } => false,
            ApiErrorKind::Milvus { code, .. } => *code == SERVER_TIMEOUT,
        }
    }
}
