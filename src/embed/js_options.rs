//! The options object as it comes from JS: its own keys through serde-wasm-bindgen (a key
//! whose value is `undefined` counts as absent, as in TypeScript), callbacks kept as the host's
//! functions.

use serde::de::value::MapAccessDeserializer;
use serde::{Deserialize, Deserializer};
use wasm_bindgen::{JsCast, JsValue};

use super::entries::Entries;
use super::mount_options::MountOptions;

/// A host callback: the JS function itself, not a copy.
#[derive(Clone)]
pub struct JsCallback(pub js_sys::Function);

impl<'de> Deserialize<'de> for JsCallback {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value: JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
        value
            .dyn_into::<js_sys::Function>()
            .map(JsCallback)
            .map_err(|other| {
                serde::de::Error::custom(format!("must be a function (got {})", kind_of(&other)))
            })
    }
}

/// `typeof`, in words.
pub(crate) fn kind_of(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if js_sys::Array::is_array(value) {
        return "an array".into();
    }
    match value.js_typeof().as_string().as_deref() {
        Some("undefined") => "undefined".into(),
        Some("object") => "an object".into(),
        Some(kind) => format!("a {kind}"),
        None => "something else".into(),
    }
}

/// Reads the options given to `mount` or `update`; `null` or `undefined` is no options.
pub fn decode(value: &JsValue) -> Result<MountOptions<JsCallback>, String> {
    if value.is_null() || value.is_undefined() {
        return Ok(MountOptions::default());
    }
    if !value.is_object() || value.is_function() || js_sys::Array::is_array(value) {
        return Err(format!(
            "options must be an object (got {})",
            kind_of(value)
        ));
    }
    let entries = js_sys::Object::entries(value.unchecked_ref());
    let pairs = entries.iter().filter_map(|pair| {
        let pair: js_sys::Array = pair.unchecked_into();
        let (key, value) = (pair.get(0).as_string()?, pair.get(1));
        (!value.is_undefined()).then(|| (key, serde_wasm_bindgen::Deserializer::from(value)))
    });
    MountOptions::deserialize(MapAccessDeserializer::new(Entries::new(pairs)))
        .map_err(|e| e.to_string())
}
