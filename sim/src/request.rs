//! Reading a request body the way the server's JSON binding does: unknown fields are ignored,
//! a body that is not a JSON object is code 1801, a missing required field is code 1802.

use serde_json::{Map, Value};

/// An error reply: Milvus code and message.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub code: i64,
    pub message: String,
}

impl Refusal {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Refusal {
            code,
            message: message.into(),
        }
    }
}

/// A decoded request body.
pub struct Body(Map<String, Value>);

impl Body {
    pub fn parse(bytes: &[u8]) -> Result<Body, Refusal> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Refusal::new(
                1801,
                "can only accept json format request, error: EOF",
            ));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(Body(map)),
            Ok(other) => Err(Refusal::new(
                1801,
                format!(
                    "can only accept json format request, error: json: cannot unmarshal {} into Go value of type map",
                    kind_of(&other)
                ),
            )),
            Err(e) => Err(Refusal::new(
                1801,
                format!("can only accept json format request, error: {e}"),
            )),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    /// An optional string field; another type is a binding error (1801).
    pub fn opt_str(&self, key: &str) -> Result<Option<String>, Refusal> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(type_error(key, other, "string")),
        }
    }

    /// A required string field: missing or empty is 1802.
    pub fn req_str(&self, key: &str) -> Result<String, Refusal> {
        match self.opt_str(key)? {
            Some(s) if !s.is_empty() => Ok(s),
            _ => Err(missing(key)),
        }
    }

    /// An optional list of strings.
    pub fn opt_str_list(&self, key: &str) -> Result<Option<Vec<String>>, Refusal> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(type_error(key, other, "string")),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(other) => Err(type_error(key, other, "[]string")),
        }
    }

    /// A required list (may be empty: the server's binding only refuses a missing one).
    pub fn req_str_list(&self, key: &str) -> Result<Vec<String>, Refusal> {
        self.opt_str_list(key)?.ok_or_else(|| missing(key))
    }

    /// The database named by `dbName`, `default` when absent.
    pub fn database(&self) -> Result<String, Refusal> {
        Ok(self
            .opt_str("dbName")?
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "default".to_string()))
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_error(key: &str, value: &Value, expected: &str) -> Refusal {
    Refusal::new(
        1801,
        format!(
            "can only accept json format request, error: json: cannot unmarshal {} into Go struct field .{key} of type {expected}",
            kind_of(value)
        ),
    )
}

fn missing(key: &str) -> Refusal {
    let mut field = key.to_string();
    if let Some(first) = field.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    Refusal::new(
        1802,
        format!(
            "missing required parameters, error: Key: '{field}' Error:Field validation for '{field}' failed on the 'required' tag"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_errors_have_the_server_codes() {
        assert_eq!(Body::parse(b"").err().map(|r| r.code), Some(1801));
        assert_eq!(Body::parse(b"[1]").err().map(|r| r.code), Some(1801));
        assert_eq!(Body::parse(b"{\"a\":").err().map(|r| r.code), Some(1801));
        let body = Body::parse(br#"{"collectionName":5,"x":1}"#).ok().unwrap();
        assert_eq!(body.req_str("collectionName").unwrap_err().code, 1801);
        assert_eq!(body.req_str("partitionName").unwrap_err().code, 1802);
        assert_eq!(body.database().unwrap(), "default");
    }
}
