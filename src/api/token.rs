//! The token a console's requests carry, shared between its clients and read per request: a
//! host that rotates or revokes it changes every request not yet sent, queued ones included.
//! The server refusing it (401) is told once per token, wherever the request came from.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use super::error::{ApiError, ApiErrorKind};
use super::redact::Secret;

/// Told once when the server refuses the current token.
pub type OnRejected = Rc<dyn Fn(&ApiError)>;

#[derive(Default)]
struct Inner {
    token: Option<String>,
    rejected: bool,
    on_rejected: Option<OnRejected>,
}

/// A shared, changeable token. Clones share the value; a blank token is no token.
#[derive(Clone, Default)]
pub struct TokenCell(Rc<RefCell<Inner>>);

impl TokenCell {
    pub fn new(token: Option<String>) -> Self {
        let cell = TokenCell::default();
        cell.set(token);
        cell
    }

    /// Replaces the token for every request not yet sent.
    pub fn set(&self, token: Option<String>) {
        let mut inner = self.0.borrow_mut();
        inner.token = token.filter(|t| !t.trim().is_empty());
        inner.rejected = false;
    }

    pub fn get(&self) -> Option<String> {
        self.0.borrow().token.clone()
    }

    /// Who is told when the server refuses the token.
    pub fn on_rejected(&self, listener: Option<OnRejected>) {
        self.0.borrow_mut().on_rejected = listener;
    }

    /// The server refused `sent`: the listener hears it once, until the token changes (every
    /// poll of a loading row failing must not ask for a token again and again). A late
    /// refusal of a token already replaced is ignored.
    pub fn reject(&self, sent: Option<&str>, error: &ApiError) {
        let listener = {
            let mut inner = self.0.borrow_mut();
            if inner.rejected || inner.token.as_deref() != sent {
                return;
            }
            inner.rejected = true;
            inner.on_rejected.clone()
        };
        if let Some(listener) = listener {
            listener(error);
        }
    }
}

/// Refuses a token with a line break or another control character before it is sent: a
/// browser refusing the header may quote its value in the error (Firefox does). Blanks around
/// a token are not part of it.
pub(crate) fn check_token(token: &str) -> Result<(), ApiError> {
    if token.trim().chars().any(char::is_control) {
        return Err(ApiErrorKind::InvalidToken.into());
    }
    Ok(())
}

/// Never prints the token.
impl fmt::Debug for TokenCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenCell({:?})", Secret(&self.0.borrow().token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_token_and_blank_is_none() {
        let cell = TokenCell::new(Some("a".into()));
        let shared = cell.clone();
        shared.set(Some("b".into()));
        assert_eq!(cell.get().as_deref(), Some("b"));
        shared.set(Some("  ".into()));
        assert_eq!(cell.get(), None);
        assert!(!format!("{:?}", TokenCell::new(Some("s3cr3t".into()))).contains("s3cr3t"));
    }

    #[test]
    fn a_refusal_is_told_once_per_token() {
        let cell = TokenCell::new(Some("a".into()));
        let heard = Rc::new(std::cell::Cell::new(0));
        let count = heard.clone();
        cell.on_rejected(Some(Rc::new(move |_: &ApiError| {
            count.set(count.get() + 1)
        })));
        let error = ApiError::new(super::super::error::ApiErrorKind::NotAuthenticated {
            message: "no".into(),
        });
        cell.reject(Some("a"), &error);
        cell.reject(Some("a"), &error);
        assert_eq!(heard.get(), 1);
        cell.set(Some("b".into()));
        cell.reject(Some("a"), &error);
        assert_eq!(heard.get(), 1, "a late refusal of the old token");
        cell.reject(Some("b"), &error);
        assert_eq!(heard.get(), 2);
    }
}
