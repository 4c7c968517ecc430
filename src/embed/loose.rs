//! A value as the host wrote it, read before checking it against what an option accepts, so
//! that an error can say what was given ("got a number", "got \"pink\"").

use std::fmt;

use serde::de::{self, Deserialize, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Any JS/JSON value, with only what error messages and checks need.
#[derive(Clone, Debug, PartialEq)]
pub enum Loose {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List,
    Object,
}

/// How much of a string an error quotes.
const QUOTED_CHARS: usize = 40;

impl Loose {
    /// The type, for options whose value must never be echoed (token, endpoint, database).
    pub fn kind(&self) -> &'static str {
        match self {
            Loose::Null => "null",
            Loose::Bool(_) => "a boolean",
            Loose::Number(_) => "a number",
            Loose::Text(_) => "a string",
            Loose::List => "an array",
            Loose::Object => "an object or a function",
        }
    }

    /// The value itself where it is short and harmless to show, the type otherwise.
    pub fn shown(&self) -> String {
        match self {
            Loose::Bool(b) => b.to_string(),
            Loose::Number(n) => n.to_string(),
            Loose::Text(t) if t.chars().count() <= QUOTED_CHARS => format!("{t:?}"),
            other => other.kind().to_string(),
        }
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
        Loose::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
        Ok(Loose::Number(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
        Ok(Loose::Text(v))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Loose, E> {
        Ok(Loose::Object)
    }

    // Drained, not read: a deserializer may insist that every element is consumed.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::List)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Object)
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}
