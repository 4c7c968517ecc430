//! What a failed write tells about its effect. A write whose reply was lost (a reset
//! connection, a client or server timeout, an unreadable reply, an aborted fetch, a proxy's
//! 5xx) may still complete on the server (contract section 8): its outcome is unknown, never
//! "failed"; re-read the state until it settles. (The client resends a write only after a
//! network error or a rate-limit refusal; what it reports after its last attempt is read here.)

use super::error::{ApiError, ApiErrorKind};

impl ApiError {
    /// After a write: the server may have done it. Refusals it answered (a Milvus code, 401,
    /// 403, 404) are final and say it did not.
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
            | ApiErrorKind::Milvus { .. }
            | ApiErrorKind::InvalidEndpoint(_) => false,
        }
    }
}
