//! A JSON value as compact text, for messages (the start of a reply of the wrong shape, a
//! message or an ID that is not a string). Integers are written exactly and other numbers to
//! six decimals: serde_json's own printer would bring its shortest-float tables (about 10 KB)
//! into the wasm for a few error messages.

use serde_json::{Number, Value};

/// Text past this many bytes is cut: messages quote only the start.
const MOST: usize = 4_096;

/// `value` as compact JSON; past 4 KB no further value is written (a single long string is
/// written whole: messages quote only the first bytes of what this returns).
pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value);
    out
}

/// A number as JSON writes it: integers exactly, others to six decimals.
pub fn number_text(n: &Number) -> String {
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    n.as_f64()
        .and_then(crate::number::decimal)
        .unwrap_or_else(|| "a number".to_string())
}

fn write(out: &mut String, value: &Value) {
    if out.len() > MOST {
        return;
    }
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_text(n)),
        Value::String(s) => quote(out, s),
        Value::Array(items) => {
            out.push('[');
            entries(out, items.iter().map(|item| (None, item)));
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            entries(
                out,
                map.iter().map(|(key, item)| (Some(key.as_str()), item)),
            );
            out.push('}');
        }
    }
}

/// A list's items or an object's entries (keyed), comma-separated, until the text is long.
fn entries<'a>(out: &mut String, items: impl Iterator<Item = (Option<&'a str>, &'a Value)>) {
    for (i, (key, item)) in items.enumerate() {
        if out.len() > MOST {
            return;
        }
        if i > 0 {
            out.push(',');
        }
        if let Some(key) = key {
            quote(out, key);
            out.push(':');
        }
        write(out, item);
    }
}

/// A JSON string, escaped by serde_json's own writer (the one request bodies go through).
fn quote(out: &mut String, text: &str) {
    if let Ok(quoted) = serde_json::to_string(text) {
        out.push_str(&quoted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_read_as_serde_json_writes_them() {
        for value in [
            json!(null),
            json!(true),
            json!({"code": 0, "data": ["a", "b\"c", "tab\there", -3, 18446744073709551615u64]}),
            json!({"nested": {"list": [[], {}], "text": "line\nbreak \u{1}"}}),
            json!(1.5),
            json!(-0.25),
        ] {
            assert_eq!(json_text(&value), value.to_string());
        }
    }

    #[test]
    fn other_numbers_are_written_to_six_decimals() {
        assert_eq!(json_text(&json!(0.1234567)), "0.123457");
        assert_eq!(json_text(&json!(1e300)), "a number");
    }

    #[test]
    fn long_values_are_cut() {
        let long = json!(vec!["x".repeat(100); 1_000]);
        assert!(json_text(&long).len() < 4_300);
    }
}
