//! What the host (or the page's address) tells the console at start: where Milvus is, which
//! database, read-only or not. Never the token from a URL.

use std::fmt;

use crate::api::redact::{redact_url, Secret};
use crate::api::{DEFAULT_CONCURRENCY, MULTIPLEXED_LIMIT};

/// Colour scheme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows the system preference.
    #[default]
    Auto,
}

impl Theme {
    pub fn parse(text: &str) -> Option<Theme> {
        match text {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Theme::Light => "mlc-theme-light",
            Theme::Dark => "mlc-theme-dark",
            Theme::Auto => "mlc-theme-auto",
        }
    }
}

/// What the user (or the host) asked to connect to.
#[derive(Clone, PartialEq)]
pub struct ConnectRequest {
    pub endpoint: String,
    pub token: Option<String>,
    pub remember_token: bool,
}

/// Never prints the token, nor user-info typed into the endpoint.
impl fmt::Debug for ConnectRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectRequest")
            .field("endpoint", &redact_url(&self.endpoint))
            .field("token", &Secret(&self.token))
            .field("remember_token", &self.remember_token)
            .finish()
    }
}

/// The longest stall time that can be configured, in minutes (a day).
pub const MAX_STALL_MINUTES: u32 = 1440;

/// Auto-refresh choices the toolbar offers, in seconds (0 is off), shortest first.
pub const AUTO_REFRESH_CHOICES: [u32; 4] = [0, 10, 30, 60];

/// A link's refresh interval as one the toolbar offers: the next longer one, or the longest,
/// so that a link cannot make the console sweep the server without pause.
fn offered_refresh(seconds: u32) -> u32 {
    let longest = AUTO_REFRESH_CHOICES[AUTO_REFRESH_CHOICES.len() - 1];
    AUTO_REFRESH_CHOICES
        .into_iter()
        .find(|&offered| offered >= seconds)
        .unwrap_or(longest)
}

/// Options of one console instance.
#[derive(Clone, PartialEq)]
pub struct ConsoleOptions {
    pub endpoint: Option<String>,
    pub token: Option<String>,
    pub database: Option<String>,
    pub read_only: bool,
    /// At most this many reads in flight; fewer when the connection allows fewer (6 over
    /// HTTP/1.1, measured: `api::Scheduler::automatic`).
    pub concurrency: usize,
    pub theme: Theme,
    /// Seconds between automatic refreshes; 0 is off.
    pub refresh_interval: u32,
    /// Minutes without progress after which a load is marked stalled; 0 never.
    pub stall_minutes: u32,
    /// The standalone page: the view is kept in the address's fragment and the endpoint (and,
    /// if the user opts in, the token) in browser storage. Embedded instances do neither.
    pub standalone: bool,
}

impl Default for ConsoleOptions {
    fn default() -> Self {
        ConsoleOptions {
            endpoint: None,
            token: None,
            database: None,
            read_only: false,
            concurrency: MULTIPLEXED_LIMIT,
            theme: Theme::Auto,
            refresh_interval: 0,
            stall_minutes: crate::state::DEFAULT_STALL_MINUTES,
            standalone: false,
        }
    }
}

/// Never prints the token, nor user-info typed into the endpoint.
impl fmt::Debug for ConsoleOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsoleOptions")
            .field("endpoint", &self.endpoint.as_deref().map(redact_url))
            .field("token", &Secret(&self.token))
            .field("database", &self.database)
            .field("read_only", &self.read_only)
            .field("concurrency", &self.concurrency)
            .field("theme", &self.theme)
            .field("refresh_interval", &self.refresh_interval)
            .field("stall_minutes", &self.stall_minutes)
            .field("standalone", &self.standalone)
            .finish()
    }
}

impl ConsoleOptions {
    /// Reads `endpoint`, `database`, `readOnly`, `concurrency`, `theme`, `refreshInterval`
    /// (or `refresh`) and `stallMinutes` from a query string
    /// (`?endpoint=...`). A `token` parameter is ignored: tokens never travel in URLs. A link
    /// asks for no more load than the console's own choices: a refresh interval the toolbar
    /// offers; a `concurrency` only lowers the reads in flight, to at most 6 (a host's options
    /// may cap them anywhere up to 64).
    pub fn from_query(query: &str) -> ConsoleOptions {
        let mut options = ConsoleOptions::default();
        for (key, value) in pairs(query.trim_start_matches('?')) {
            match key {
                "endpoint" if !value.is_empty() => options.endpoint = Some(value),
                "database" if !value.is_empty() => options.database = Some(value),
                "readOnly" => options.read_only = value != "false" && value != "0",
                "concurrency" => {
                    if let Ok(n) = value.parse::<usize>() {
                        options.concurrency = n.clamp(1, DEFAULT_CONCURRENCY);
                    }
                }
                "theme" => options.theme = Theme::parse(&value).unwrap_or_default(),
                "refreshInterval" | "refresh" => {
                    options.refresh_interval = offered_refresh(value.parse().unwrap_or(0))
                }
                "stallMinutes" => {
                    if let Ok(n) = value.parse::<u32>() {
                        options.stall_minutes = n.min(MAX_STALL_MINUTES);
                    }
                }
                _ => {}
            }
        }
        options
    }
}

/// The `key=value` pairs of a query or fragment (without its `?` or `#`), values decoded.
pub fn pairs(text: &str) -> impl Iterator<Item = (&str, String)> {
    text.split('&').map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key, percent_decode(value))
    })
}

/// Decodes `%XX` and `+` of a query or fragment value; malformed escapes stay as they are,
/// and bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        at += 1;
        match (byte, hex(at), hex(at + 1)) {
            (b'+', _, _) => out.push(b' '),
            (b'%', Some(high), Some(low)) => {
                out.extend(u8::try_from(high * 16 + low).ok());
                at += 2;
            }
            _ => out.push(byte),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a query or fragment value: everything but RFC 3986's unreserved characters
/// (letters, digits, `-._~`) as `%XX`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            for digit in [byte >> 4, byte & 0xf] {
                let c = char::from_digit(u32::from(digit), 16).unwrap_or('0');
                out.push(c.to_ascii_uppercase());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_options_and_no_token_from_urls() {
        let o = ConsoleOptions::from_query(
            "?endpoint=http%3A%2F%2F127.0.0.1%3A19530&database=analytics&token=root:Milvus&readOnly=1&theme=dark&concurrency=500",
        );
        assert_eq!(o.endpoint.as_deref(), Some("http://127.0.0.1:19530"));
        assert_eq!(o.database.as_deref(), Some("analytics"));
        assert_eq!(o.token, None);
        assert!(o.read_only);
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.concurrency, DEFAULT_CONCURRENCY);
        assert_eq!(ConsoleOptions::from_query(""), ConsoleOptions::default());
        assert_eq!(ConsoleOptions::default().stall_minutes, 5);
        assert_eq!(
            ConsoleOptions::from_query("?stallMinutes=12").stall_minutes,
            12
        );
        assert_eq!(
            ConsoleOptions::from_query("?stallMinutes=x").stall_minutes,
            5
        );
    }

    #[test]
    fn a_link_gets_no_more_than_the_toolbar_offers() {
        let o = ConsoleOptions::from_query("?refresh=1&concurrency=64");
        assert_eq!(o.refresh_interval, 10, "the shortest interval offered");
        assert_eq!(o.concurrency, DEFAULT_CONCURRENCY);
        let refresh = |q: &str| ConsoleOptions::from_query(q).refresh_interval;
        assert_eq!(refresh("?refresh=0"), 0);
        assert_eq!(refresh("?refresh=30"), 30);
        assert_eq!(refresh("?refresh=11"), 30, "the next longer one");
        assert_eq!(refresh("?refresh=3600"), 60, "the longest one");
        assert_eq!(refresh("?refresh=x"), 0);
        assert_eq!(refresh("?refreshInterval=60"), 60);
        assert_eq!(ConsoleOptions::from_query("?concurrency=2").concurrency, 2);
        assert_eq!(ConsoleOptions::from_query("?concurrency=0").concurrency, 1);
    }

    #[test]
    fn debug_never_prints_the_token_or_user_info() {
        let options = ConsoleOptions {
            endpoint: Some("http://user:pw1@h".into()),
            token: Some("root:Secret-1".into()),
            ..ConsoleOptions::default()
        };
        let text = format!("{options:?}");
        assert!(text.contains("token: Some(<redacted>)"), "{text}");
        assert!(
            !text.contains("Secret-1") && !text.contains("pw1"),
            "{text}"
        );
    }

    #[test]
    fn percent_decoding_survives_malformed_input() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%E4%B8%AD"), "中");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(percent_decode("%2B+%"), "+ %");
        assert_eq!(percent_encode("a b/ä~-._"), "a%20b%2F%C3%A4~-._");
    }
}
