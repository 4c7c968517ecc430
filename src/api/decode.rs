//! Reading `data` of the shapes the endpoints return; a shape that does not fit becomes an
//! `Undecodable` error that quotes what came.

use serde_json::Value;

use super::error::{quote_bytes, ApiError, ApiErrorKind};

pub(crate) fn wrong_shape(endpoint: &str, expected: &str, data: &Value) -> ApiError {
    ApiErrorKind::Undecodable {
        detail: format!("{endpoint}: expected {expected}"),
        first_bytes: quote_bytes(super::json_text(data).as_bytes()),
    }
    .into()
}

/// A list of names (`null` reads as empty, as older servers send it for nothing).
pub(crate) fn names(endpoint: &str, data: &Value) -> Result<Vec<String>, ApiError> {
    match data {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => {
            // A loop, not a `collect` into a `Result`: no iterator adapter of its own in the wasm.
            let mut names = Vec::new();
            for item in items {
                match item.as_str() {
                    Some(name) => names.push(name.to_string()),
                    None => return Err(wrong_shape(endpoint, "a list of names", data)),
                }
            }
            Ok(names)
        }
        _ => Err(wrong_shape(endpoint, "a list of names", data)),
    }
}

/// `{"rowCount": N}`; some versions send the count as a string.
pub(crate) fn row_count(endpoint: &str, data: &Value) -> Result<u64, ApiError> {
    match data.get("rowCount") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| wrong_shape(endpoint, "{\"rowCount\": N}", data))
}

/// `{"has": bool}`.
pub(crate) fn has(endpoint: &str, data: &Value) -> Result<bool, ApiError> {
    data.get("has")
        .and_then(Value::as_bool)
        .ok_or_else(|| wrong_shape(endpoint, "{\"has\": true|false}", data))
}
