//! Faults that replace the reply before the request is processed: what a broken proxy, an
//! overloaded server or a flaky network sends instead.

use hyper::StatusCode;
use serde_json::json;

use super::outcome::{DropConnection, Outcome};
use crate::compat::Compat;
use crate::faults::FaultKind;
use crate::reply;

/// Faults that replace the reply before the request is processed.
pub fn early_fault(
    fault: FaultKind,
    compat: Compat,
    endpoint: &str,
    collection: Option<&str>,
) -> Option<Outcome> {
    let response = match fault {
        FaultKind::Http500 => reply::json_status(StatusCode::INTERNAL_SERVER_ERROR, &json!({"code": 500})),
        FaultKind::Http502 => reply::text(
            StatusCode::BAD_GATEWAY,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
        ),
        FaultKind::Http503 => reply::text(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/plain",
            "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
        ),
        FaultKind::Timeout408 if compat.json_timeout() => reply::json_status(
            StatusCode::REQUEST_TIMEOUT,
            &json!({"code": 10001, "message": "request timeout"}),
        ),
        FaultKind::Timeout408 => reply::text(StatusCode::REQUEST_TIMEOUT, "text/plain", "timeout"),
        FaultKind::RateLimit => reply::rate_limited(1000),
        FaultKind::NotJson => reply::text(
            StatusCode::OK,
            "text/html",
            "<!DOCTYPE html><html><body><h1>Gateway maintenance</h1><p>Please try again.</p></body></html>",
        ),
        FaultKind::Transient100 => {
            let name = collection.filter(|_| endpoint == "collections/get_load_state")?;
            reply::json_status(
                StatusCode::OK,
                &json!({"code": 100, "message": format!("collection not found[collection={name}]")}),
            )
        }
        FaultKind::Reset => return Some(Err(DropConnection)),
        FaultKind::Truncated
        | FaultKind::Slow
        | FaultKind::AppliedReset
        | FaultKind::AppliedSlow => return None,
    };
    Some(Ok(response))
}
