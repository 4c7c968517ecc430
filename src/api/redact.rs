//! Keeping secrets out of text: user-info of URLs in error messages, tokens in `Debug` output.
//! A token typed into the endpoint (`http://user:secret@host`) must not come back on screen,
//! in a thrown `Error` or in an event the host may log.

use std::fmt;

use crate::substring::find;

/// What is printed in place of a secret.
pub const REDACTED: &str = "<redacted>";

/// `Debug` of an optional secret: `Some(<redacted>)` or `None`, never the value.
pub struct Secret<'a, T>(pub &'a Option<T>);

impl<T> fmt::Debug for Secret<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => write!(f, "Some({REDACTED})"),
            None => f.write_str("None"),
        }
    }
}

/// One URL as typed by a user, with anything before its last `@` (user-info) replaced.
/// Conservative: a password may contain `/`, `?` or `#`, so the last `@` decides.
pub fn redact_url(url: &str) -> String {
    let Some(at) = url.rfind('@') else {
        return url.to_string();
    };
    let start = match find(url, "://") {
        Some(i) if i + 3 <= at => i + 3,
        _ => 0,
    };
    format!("{}{REDACTED}{}", &url[..start], &url[at..])
}

/// Free text (a browser's error message, say) with the user-info of every `scheme://…@`
/// inside it replaced; a URL ends at whitespace or a quote.
pub fn redact_urls_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = find(rest, "://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>'))
            .unwrap_or(tail.len());
        let (url, after) = tail.split_at(end);
        match url.rfind('@') {
            Some(at) => {
                out.push_str(REDACTED);
                out.push_str(&url[at..]);
            }
            None => out.push_str(url),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_info_is_replaced_and_the_rest_kept() {
        assert_eq!(
            redact_url("http://user:secret@host:19530"),
            "http://<redacted>@host:19530"
        );
        assert_eq!(
            redact_url("https://a:b/c?d#e@host/"),
            "https://<redacted>@host/"
        );
        assert_eq!(redact_url("user:secret@host"), "<redacted>@host");
        assert_eq!(redact_url("http://host:19530"), "http://host:19530");
        assert_eq!(redact_url("@"), "<redacted>@");
        assert_eq!(redact_url("user:pw@http://h"), "<redacted>@http://h");
    }

    #[test]
    fn every_url_in_free_text_is_redacted() {
        let text = "TypeError: Request cannot be constructed from a URL that includes credentials: http://root:Milvus@h:1/v2 and 'https://k@x'";
        let out = redact_urls_in(text);
        assert!(
            !out.contains("root") && !out.contains("Milvus") && !out.contains("k@"),
            "{out}"
        );
        assert!(out.contains("http://<redacted>@h:1/v2"), "{out}");
        assert!(out.contains("'https://<redacted>@x'"), "{out}");
        assert_eq!(redact_urls_in("no url here"), "no url here");
        assert_eq!(redact_urls_in("ends with ://"), "ends with ://");
    }

    #[test]
    fn secrets_print_as_redacted() {
        assert_eq!(format!("{:?}", Secret(&Some("t"))), "Some(<redacted>)");
        assert_eq!(format!("{:?}", Secret::<String>(&None)), "None");
    }
}
