//! The token a console's requests carry, shared between its clients and read per request: a
//! host that rotates or revokes it changes every request not yet sent, queued ones included.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use super::redact::Secret;

/// A shared, changeable token. Clones share the value; a blank token is no token.
#[derive(Clone, Default)]
pub struct TokenCell(Rc<RefCell<Option<String>>>);

impl TokenCell {
    pub fn new(token: Option<String>) -> Self {
        let cell = TokenCell::default();
        cell.set(token);
        cell
    }

    /// Replaces the token for every request not yet sent.
    pub fn set(&self, token: Option<String>) {
        *self.0.borrow_mut() = token.filter(|t| !t.trim().is_empty());
    }

    pub fn get(&self) -> Option<String> {
        self.0.borrow().clone()
    }
}

/// Never prints the token.
impl fmt::Debug for TokenCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenCell({:?})", Secret(&*self.0.borrow()))
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
}
