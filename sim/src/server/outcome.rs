//! What the front answers: a reply, or a dropped connection.

use crate::reply::Resp;

/// The connection is dropped without a reply (a "reset" fault).
#[derive(Debug)]
pub struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

/// A reply, or the connection dropped without one.
pub type Outcome = Result<Resp, DropConnection>;
