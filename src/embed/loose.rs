//! A value as the host wrote it, read before checking it against what an option accepts, so
//! that an error can say what was given ("got a number", "got \"pink\"").

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
            Loose::Number(n) => {
                crate::number::decimal(*n).unwrap_or_else(|| self.kind().to_string())
            }
            Loose::Text(t) if t.chars().count() <= QUOTED_CHARS => format!("{t:?}"),
            other => other.kind().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shown_as_written_to_six_decimals() {
        let shown = |n: f64| Loose::Number(n).shown();
        assert_eq!(shown(1.5), "1.5");
        assert_eq!(shown(-3.0), "-3");
        assert_eq!(shown(0.25), "0.25");
        assert_eq!(shown(600.0), "600");
        assert_eq!(shown(1e15), "a number");
        assert_eq!(shown(f64::NAN), "NaN");
        assert_eq!(shown(f64::NEG_INFINITY), "-inf");
    }
}
