//! Looking for a word in a server's message or a URL, and joining texts. Messages and URLs are
//! short, so a plain scan does: the standard library's two-way searcher costs kilobytes of wasm
//! for nothing.

/// Where `needle` first occurs in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `haystack` before and after the first `needle`.
pub fn split_once<'a>(haystack: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(haystack, needle)?;
    Some((haystack.get(..at)?, haystack.get(at + needle.len()..)?))
}

/// Texts joined by a separator, as `[S]::join` does. One small loop per element type: the
/// standard library's join is a kilobyte of wasm per element type.
pub trait Joined {
    fn joined(&self, separator: &str) -> String;
}

impl<S: AsRef<str>> Joined for [S] {
    fn joined(&self, separator: &str) -> String {
        let mut out = String::new();
        for (i, text) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            out.push_str(text.as_ref());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_as_the_standard_library_does() {
        let empty: [&str; 0] = [];
        assert_eq!(empty.joined(", "), "");
        assert_eq!(["a"].joined(", "), "a");
        assert_eq!(["a".to_string(), "b".into()].joined("; "), "a; b");
    }

    #[test]
    fn finds_what_the_standard_library_finds() {
        let cases = [
            ("", ""),
            ("abc", ""),
            ("", "a"),
            ("abc", "abc"),
            ("abcabc", "cab"),
            ("résumé memory", "memory"),
            ("ab", "abc"),
            ("OOM if load, OOM if load", "OOM if load"),
            ("é", "\u{a9}"),
        ];
        for (haystack, needle) in cases {
            assert_eq!(
                find(haystack, needle),
                haystack.find(needle),
                "{haystack:?} {needle:?}"
            );
            assert_eq!(
                split_once(haystack, needle),
                haystack.split_once(needle),
                "{haystack:?} {needle:?}"
            );
        }
    }
}
