//! The options object as it comes from JS: its own keys (a key whose value is `undefined`
//! counts as absent, as in TypeScript), each value read as serde-wasm-bindgen's
//! `deserialize_any` reads it, callbacks kept as the host's functions.

use js_sys::{Array, ArrayBuffer, Function, Map, Number, Object, Symbol, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::loose::Loose;
use super::mount_options::{MountOptions, OptionValue};

/// A host callback: the JS function itself, not a copy.
#[derive(Clone)]
pub struct JsCallback(pub js_sys::Function);

impl OptionValue for JsValue {
    type Callback = JsCallback;

    fn loose(self) -> Result<Loose, String> {
        // `null` and `undefined` (and `document.all`) are null.
        let value = if self.loose_eq(&JsValue::NULL) {
            Loose::Null
        } else if let Some(b) = self.as_bool() {
            Loose::Bool(b)
        } else if self.is_bigint() {
            // A BigInt is the number it holds, if 64 bits (signed or not) hold it.
            match i64::try_from(self) {
                Ok(n) => Loose::Number(n as f64),
                Err(value) => match u64::try_from(value) {
                    Ok(n) => Loose::Number(n as f64),
                    Err(_) => {
                        return Err("Couldn't deserialize i64 or u64 from a BigInt outside \
                                    i64::MIN..u64::MAX bounds"
                            .into())
                    }
                },
            }
        } else if let Some(n) = self.as_f64() {
            // A safe integer is read as an integer: -0 is 0.
            Loose::Number(if Number::is_safe_integer(&self) {
                n as i64 as f64
            } else {
                n
            })
        } else if let Some(text) = self.as_string() {
            Loose::Text(text)
        } else if Array::is_array(&self) {
            Loose::List
        } else if self.has_type::<Uint8Array>()
            || self.has_type::<ArrayBuffer>()
            // An object is a map unless it is iterable (a Map is both).
            || (self.is_object() && (!Symbol::iterator().js_in(&self) || self.has_type::<Map>()))
        {
            Loose::Object
        } else {
            // A function, a symbol, a Set or another iterable.
            return Err(format!("invalid type: {self:?}, expected any value"));
        };
        Ok(value)
    }

    fn callback(self) -> Result<Option<JsCallback>, String> {
        if self.loose_eq(&JsValue::NULL) {
            return Ok(None);
        }
        self.dyn_into::<Function>()
            .map(|f| Some(JsCallback(f)))
            .map_err(|other| format!("must be a function (got {})", kind_of(&other)))
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
    let mut options = MountOptions::default();
    if value.is_null() || value.is_undefined() {
        return Ok(options);
    }
    if !value.is_object() || value.is_function() || js_sys::Array::is_array(value) {
        return Err(format!(
            "options must be an object (got {})",
            kind_of(value)
        ));
    }
    for pair in Object::entries(value.unchecked_ref()).iter() {
        let pair: Array = pair.unchecked_into();
        let (Some(key), value) = (pair.get(0).as_string(), pair.get(1)) else {
            continue;
        };
        if !value.is_undefined() {
            options.read(&key, value)?;
        }
    }
    Ok(options)
}
