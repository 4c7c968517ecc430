//! Which endpoint and token the console starts with. A remembered token is bound to the
//! endpoint it was entered for: a link to another server must not carry it there.

use serde::Serialize;

use crate::api::redact::redact_url;
use crate::api::{normalize_endpoint, TokenCell};

/// A token the user asked to remember, with the (normalised) endpoint it belongs to.
#[derive(Clone, PartialEq, Serialize)]
pub struct Remembered {
    pub endpoint: String,
    pub token: String,
}

impl Remembered {
    /// The stored form (sessionStorage).
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `None` for anything else, a bare token of an older version included: a token without
    /// its endpoint could belong anywhere. Read as bytes to a `Value` first: every JSON text
    /// goes through the one reader (`from_slice::<Value>`) in the wasm. The fields are then
    /// taken by hand (other fields ignored, as a derived `Deserialize` would; or, as serde also
    /// takes, an array of the two in order): no copy of serde_json's value deserializer in the
    /// wasm for this.
    pub fn decode(text: &str) -> Option<Remembered> {
        let value: serde_json::Value = serde_json::from_slice(text.as_bytes()).ok()?;
        let (endpoint, token) = match &value {
            serde_json::Value::Array(pair) => match pair.as_slice() {
                [endpoint, token] => (endpoint, token),
                _ => return None,
            },
            object => (object.get("endpoint")?, object.get("token")?),
        };
        Some(Remembered {
            endpoint: endpoint.as_str()?.to_string(),
            token: token.as_str()?.to_string(),
        })
    }
}

/// What the console starts with.
#[derive(Clone, Default, PartialEq)]
pub struct Start {
    /// Pre-fills the connect form.
    pub endpoint: String,
    /// The remembered token, when it belongs to `endpoint`.
    pub token: Option<String>,
    /// Whether "remember" starts ticked.
    pub remember: bool,
    /// Why the remembered token was not used; the console waits for the user to connect.
    pub notice: Option<String>,
}

/// Why a link's endpoint with user-info was not used.
const USER_INFO_NOTICE: &str = "The link's endpoint contains a user name or password, so it \
    was not used: enter the endpoint without them, and the credentials as the token.";

/// Chooses the start from the link's (or, `from_link` false, the host's) endpoint, the
/// endpoint remembered in localStorage and the remembered token.
pub fn start(
    given: Option<&str>,
    stored_endpoint: Option<String>,
    remembered: Option<Remembered>,
    from_link: bool,
) -> Start {
    // User-info is a password: never shown in the form, never connected to.
    if given.is_some_and(|g| g.contains('@')) {
        return Start {
            notice: from_link.then(|| USER_INFO_NOTICE.to_string()),
            ..Start::default()
        };
    }
    let known = |other: Option<&str>| {
        let this = given.map(normalize_endpoint).and_then(Result::ok);
        this.is_some() && this == other.map(normalize_endpoint).and_then(Result::ok)
    };
    // A link may come from anyone: it connects at once only to the endpoint last connected to.
    let unknown_link = from_link && given.is_some() && !known(stored_endpoint.as_deref());
    let endpoint = given
        .map(str::to_string)
        .or(stored_endpoint)
        .or_else(|| remembered.as_ref().map(|r| r.endpoint.clone()))
        .unwrap_or_default();
    let Some(remembered) = remembered else {
        return Start {
            notice: unknown_link.then(|| {
                format!("Check that {endpoint} is the server you mean, then press Connect.")
            }),
            endpoint,
            ..Start::default()
        };
    };
    let same = normalize_endpoint(&endpoint).is_ok_and(|e| e == remembered.endpoint);
    if same {
        return Start {
            endpoint,
            token: Some(remembered.token),
            remember: true,
            notice: None,
        };
    }
    Start {
        endpoint,
        token: None,
        remember: false,
        notice: Some(format!(
            "The remembered token belongs to {}; enter a token for this server.",
            redact_url(&remembered.endpoint)
        )),
    }
}

/// The token cell of one console and the endpoint it is for.
#[derive(Default)]
pub struct TokenBinding {
    endpoint: String,
    cell: TokenCell,
}

impl TokenBinding {
    /// The same endpoint keeps its cell (a rotation or revocation reaches the previous
    /// session's requests not yet sent); another endpoint gets a new one, and the old one is
    /// emptied so that nothing still queued for the old server carries a token.
    pub fn bind(&mut self, endpoint: &str, token: Option<String>) -> TokenCell {
        if self.endpoint != endpoint {
            self.cell.set(None);
            self.endpoint = endpoint.to_string();
            self.cell = TokenCell::default();
        }
        self.cell.set(token);
        self.cell.clone()
    }

    /// Replaces the token for the requests of the bound endpoint not yet sent.
    pub fn rotate(&self, token: Option<String>) {
        self.cell.set(token);
    }

    /// The endpoint the cell is for (empty when unbound).
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Empties the cell: nothing still queued carries a token; the next bind gets a new cell.
    pub fn unbind(&mut self) {
        self.cell.set(None);
        self.endpoint.clear();
        self.cell = TokenCell::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remembered() -> Option<Remembered> {
        Some(Remembered {
            endpoint: "http://a:19530".into(),
            token: "root:Milvus".into(),
        })
    }

    #[test]
    fn the_token_is_used_only_for_its_own_endpoint() {
        let own = start(Some("http://a:19530/"), None, remembered(), true);
        assert_eq!(own.token.as_deref(), Some("root:Milvus"));
        assert!(own.remember && own.notice.is_none());

        let no_link = start(None, Some("http://a:19530".into()), remembered(), true);
        assert_eq!(no_link.token.as_deref(), Some("root:Milvus"));
    }

    #[test]
    fn a_link_elsewhere_gets_no_token_and_says_why() {
        let foreign = start(
            Some("https://elsewhere.example"),
            Some("http://a:19530".into()),
            remembered(),
            true,
        );
        assert_eq!(foreign.endpoint, "https://elsewhere.example");
        assert_eq!(foreign.token, None);
        assert!(!foreign.remember);
        assert_eq!(
            foreign.notice.as_deref(),
            Some("The remembered token belongs to http://a:19530; enter a token for this server.")
        );
    }

    #[test]
    fn a_bare_token_of_an_older_version_is_not_used() {
        assert!(Remembered::decode("root:Milvus").is_none());
        let r = remembered().unwrap_or_else(|| unreachable!());
        assert!(Remembered::decode(&r.encode()) == Some(r));
        let s = start(
            Some("http://a:19530"),
            Some("http://a:19530".into()),
            Remembered::decode("root:Milvus"),
            true,
        );
        assert_eq!(s.token, None);
        assert_eq!(s.notice, None);
    }

    #[test]
    fn a_remembered_token_reads_in_the_shapes_serde_took() {
        let r = |endpoint: &str, token: &str| Remembered {
            endpoint: endpoint.into(),
            token: token.into(),
        };
        let read = Remembered::decode;
        assert!(read(r#"{"endpoint":"e","token":"t","more":1}"#) == Some(r("e", "t")));
        assert!(read(r#"["e","t"]"#) == Some(r("e", "t")));
        assert!(read(r#"["e"]"#).is_none());
        assert!(read(r#"["e","t","x"]"#).is_none());
        assert!(read(r#"{"endpoint":"e"}"#).is_none());
        assert!(read(r#"{"endpoint":"e","token":1}"#).is_none());
        assert!(read(r#""e""#).is_none());
    }

    /// The console connects at once when `notice` is `None`.
    fn connects_at_once(s: &Start) -> bool {
        s.notice.is_none()
    }

    #[test]
    fn a_link_to_another_endpoint_waits_for_the_user_to_connect() {
        let elsewhere = start(
            Some("https://elsewhere.example"),
            Some("http://a:19530".into()),
            None,
            true,
        );
        assert!(!connects_at_once(&elsewhere));
        assert_eq!(elsewhere.endpoint, "https://elsewhere.example");
        assert_eq!(elsewhere.token, None);
        assert_eq!(
            elsewhere.notice.as_deref(),
            Some(
                "Check that https://elsewhere.example is the server you mean, then press Connect."
            )
        );
        let first_visit = start(Some("http://a:19530"), None, None, true);
        assert!(!connects_at_once(&first_visit));

        // The endpoint last connected to, or the remembered token's own: at once, as before.
        let same = start(
            Some("http://a:19530/"),
            Some("http://a:19530".into()),
            None,
            true,
        );
        assert!(connects_at_once(&same));
        let with_token = start(Some("http://a:19530"), None, remembered(), true);
        assert!(connects_at_once(&with_token));
        // A host's endpoint is the host's choice.
        let host = start(Some("https://elsewhere.example"), None, None, false);
        assert!(connects_at_once(&host));
    }

    #[test]
    fn a_link_with_user_info_is_neither_shown_nor_used() {
        let s = start(
            Some("http://root:Secret-1@a:19530"),
            Some("http://a:19530".into()),
            remembered(),
            true,
        );
        assert!(!connects_at_once(&s));
        assert_eq!(s.endpoint, "");
        assert_eq!(s.token, None);
        let notice = s.notice.unwrap_or_default();
        assert!(notice.contains("as the token"), "{notice}");
        assert!(!notice.contains("Secret-1"), "{notice}");
    }

    #[test]
    fn a_new_endpoint_empties_the_old_cell_and_a_new_token_rotates_it() {
        let mut binding = TokenBinding::default();
        let a = binding.bind("http://a", Some("t1".into()));
        let rotated = binding.bind("http://a", None);
        assert_eq!(a.get(), None, "revoked for requests still queued");
        rotated.set(Some("t2".into()));
        assert_eq!(a.get().as_deref(), Some("t2"));
        let b = binding.bind("http://b", Some("t3".into()));
        assert_eq!(a.get(), None, "nothing for the old server");
        assert_eq!(b.get().as_deref(), Some("t3"));
        binding.unbind();
        assert_eq!((b.get(), binding.endpoint()), (None, ""));
    }
}
