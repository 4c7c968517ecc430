//! Turning an HTTP reply into `data` or an `ApiError`: status first (401/403/404/408/5xx),
//! then the Milvus envelope, where most errors are HTTP 200 with a non-zero `code`.

use serde_json::Value;

use super::error::{quote_bytes, ApiError, ApiErrorKind};
use super::transport::HttpReply;

/// A successful reply: `data` (JSON null when absent) and the top-level `message`, which some
/// endpoints use for errors of side calls while `code` stays 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Success {
    pub data: Value,
    pub message: Option<String>,
}

/// Success codes: 0, and 200 from Milvus 2.4.0–2.4.2. Code 200 is also "partition not found":
/// that one comes with a message and no `data`.
fn is_success(code: i64, has_data: bool, message: Option<&str>) -> bool {
    match code {
        0 => true,
        200 => has_data || message.is_none_or(str::is_empty),
        _ => false,
    }
}

fn undecodable(detail: impl Into<String>, body: &[u8]) -> ApiError {
    ApiErrorKind::Undecodable {
        detail: detail.into(),
        first_bytes: quote_bytes(body),
    }
    .into()
}

/// The `message` of a JSON error body, if the body is one.
fn json_message(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    value.get("message")?.as_str().map(str::to_string)
}

/// Decodes a reply to `path` (used in the 404 message).
pub fn decode(path: &str, reply: &HttpReply) -> Result<Success, ApiError> {
    let body = reply.body.as_slice();
    match reply.status {
        200..=299 => {}
        401 => {
            return Err(ApiErrorKind::NotAuthenticated {
                message: json_message(body).unwrap_or_else(|| quote_bytes(body)),
            }
            .into())
        }
        403 => {
            return Err(ApiErrorKind::PermissionDenied {
                reason: json_message(body).unwrap_or_else(|| quote_bytes(body)),
            }
            .into())
        }
        404 => {
            return Err(ApiErrorKind::NotFound {
                path: path.to_string(),
            }
            .into())
        }
        408 => {
            return Err(ApiErrorKind::ServerTimeout {
                message: json_message(body).unwrap_or_else(|| quote_bytes(body)),
            }
            .into())
        }
        status => {
            return Err(ApiErrorKind::Http {
                status,
                snippet: json_message(body).unwrap_or_else(|| quote_bytes(body)),
            }
            .into())
        }
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| undecodable(format!("not JSON: {e}"), body))?;
    let Value::Object(mut object) = value else {
        return Err(undecodable("not a JSON object", body));
    };
    let code = match object.get("code") {
        Some(Value::Number(n)) => n
            .as_i64()
            .ok_or_else(|| undecodable("`code` is not an integer", body))?,
        Some(_) => return Err(undecodable("`code` is not a number", body)),
        None => return Err(undecodable("no `code` field", body)),
    };
    // Fields are taken (`get_mut` then `take`), never removed: removing from the object's
    // B-tree is a copy of the B-tree's rebalancing code in the wasm for nothing.
    let message = match object.get_mut("message").map(Value::take) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Null) | None => None,
        Some(other) => Some(super::json_text(&other)),
    };
    if !is_success(code, object.contains_key("data"), message.as_deref()) {
        return Err(ApiErrorKind::Milvus {
            code,
            message: message.unwrap_or_default(),
        }
        .into());
    }
    Ok(Success {
        data: object
            .get_mut("data")
            .map(Value::take)
            .unwrap_or(Value::Null),
        message,
    })
}
