//! Reading the host's options object: every key checked, every mistake a JS `Error` that
//! names the option (never a panic).

use wasm_bindgen::{JsCast, JsValue};

use crate::api::normalize_endpoint;
use crate::options::{ConsoleOptions, Theme};

/// The host's callbacks.
#[derive(Clone, Default)]
pub struct Callbacks {
    pub on_state_change: Option<js_sys::Function>,
    pub on_action: Option<js_sys::Function>,
    pub on_error: Option<js_sys::Function>,
}

const KNOWN: [&str; 10] = [
    "endpoint",
    "token",
    "database",
    "readOnly",
    "refreshIntervalSeconds",
    "concurrency",
    "theme",
    "onStateChange",
    "onAction",
    "onError",
];

fn bad(key: &str, expected: &str, value: &JsValue) -> String {
    // JSON text for strings and numbers (quoted, as the host wrote them), the type otherwise.
    let got = if value.is_string() || value.as_f64().is_some() {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
    } else {
        None
    }
    .unwrap_or_else(|| value.js_typeof().as_string().unwrap_or_default());
    format!("milvus-load-console: option `{key}` must be {expected} (got {got})")
}

fn text(key: &str, value: &JsValue) -> Result<Option<String>, String> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| bad(key, "a string", value))
}

fn whole(key: &str, value: &JsValue, range: std::ops::RangeInclusive<u32>) -> Result<u32, String> {
    let expected = format!("a whole number from {} to {}", range.start(), range.end());
    let number = value.as_f64().ok_or_else(|| bad(key, &expected, value))?;
    if number.fract() != 0.0
        || number < f64::from(*range.start())
        || number > f64::from(*range.end())
    {
        return Err(bad(key, &expected, value));
    }
    Ok(number as u32)
}

fn function(key: &str, value: &JsValue) -> Result<Option<js_sys::Function>, String> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    value
        .dyn_ref::<js_sys::Function>()
        .cloned()
        .map(Some)
        .ok_or_else(|| bad(key, "a function", value))
}

/// Applies the keys present in `object` to `options` and `callbacks`; `undefined` or `null`
/// changes nothing. On error nothing is changed.
pub fn apply(
    object: &JsValue,
    options: &mut ConsoleOptions,
    callbacks: &mut Callbacks,
) -> Result<(), String> {
    if object.is_undefined() || object.is_null() {
        return Ok(());
    }
    if !object.is_object() || object.is_function() || js_sys::Array::is_array(object) {
        return Err("milvus-load-console: options must be an object".into());
    }
    let (mut next, mut next_callbacks) = (options.clone(), callbacks.clone());
    let keys = js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>());
    for key in keys.iter().filter_map(|k| k.as_string()) {
        let value =
            js_sys::Reflect::get(object, &JsValue::from_str(&key)).unwrap_or(JsValue::UNDEFINED);
        match key.as_str() {
            "endpoint" => {
                next.endpoint = match text(&key, &value)? {
                    Some(url) => Some(
                        normalize_endpoint(&url)
                            .map_err(|e| format!("milvus-load-console: option `endpoint`: {e}"))?,
                    ),
                    None => None,
                }
            }
            "token" => next.token = text(&key, &value)?.filter(|t| !t.is_empty()),
            "database" => next.database = text(&key, &value)?.filter(|d| !d.is_empty()),
            "readOnly" => {
                next.read_only = value
                    .as_bool()
                    .ok_or_else(|| bad(&key, "true or false", &value))?
            }
            "refreshIntervalSeconds" => {
                next.refresh_interval_seconds = whole(&key, &value, 0..=86_400)?
            }
            "concurrency" => next.concurrency = whole(&key, &value, 1..=64)? as usize,
            "theme" => {
                next.theme = value
                    .as_string()
                    .and_then(|t| Theme::parse(&t))
                    .ok_or_else(|| bad(&key, "\"light\", \"dark\" or \"auto\"", &value))?
            }
            "onStateChange" => next_callbacks.on_state_change = function(&key, &value)?,
            "onAction" => next_callbacks.on_action = function(&key, &value)?,
            "onError" => next_callbacks.on_error = function(&key, &value)?,
            other => {
                return Err(format!(
                    "milvus-load-console: unknown option `{other}` (known: {})",
                    KNOWN.join(", ")
                ))
            }
        }
    }
    *options = next;
    *callbacks = next_callbacks;
    Ok(())
}
