//! The host's options object as serde sees it: its own keys, each value's errors prefixed with
//! the option's name (a derived struct cannot say which field failed), unknown keys refused
//! with the list of known ones. Generic over the value's deserializer, so the same checks run
//! natively on `serde_json::Value`s and in the browser on JS values.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess};

/// Why the options were refused; the message names the option.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionError(String);

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OptionError {}

impl de::Error for OptionError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        OptionError(message.to_string())
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        OptionError(format!(
            "unknown option `{field}` (known: {})",
            expected.join(", ")
        ))
    }
}

impl OptionError {
    /// `option `key` must be …` for the checks' own messages, `option `key`: …` otherwise.
    fn at(key: &str, message: &dyn fmt::Display) -> Self {
        let message = message.to_string();
        // serde-wasm-bindgen's errors are JS `Error`s: their text starts with "Error: ".
        let message = message.strip_prefix("Error: ").unwrap_or(&message);
        let joint = if message.starts_with("must ") {
            " "
        } else {
            ": "
        };
        OptionError(format!("option `{key}`{joint}{message}"))
    }
}

/// The (key, value) pairs of an options object, as a serde map.
pub struct Entries<I, D> {
    pairs: I,
    pending: Option<(String, D)>,
}

impl<I, D> Entries<I, D> {
    pub fn new(pairs: I) -> Self {
        Entries {
            pairs,
            pending: None,
        }
    }
}

impl<'de, I, D> MapAccess<'de> for Entries<I, D>
where
    I: Iterator<Item = (String, D)>,
    D: de::Deserializer<'de>,
{
    type Error = OptionError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, OptionError> {
        let Some((key, value)) = self.pairs.next() else {
            return Ok(None);
        };
        let field = seed.deserialize(key.as_str().into_deserializer())?;
        self.pending = Some((key, value));
        Ok(Some(field))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, OptionError> {
        let (key, value) = self
            .pending
            .take()
            .ok_or_else(|| OptionError("an option without its value".into()))?;
        seed.deserialize(value)
            .map_err(|error| OptionError::at(&key, &error))
    }
}
