//! A release or load, and its two names: the label people read and the value hosts get.

/// A release or load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    Release,
    Load,
}

impl Operation {
    /// The operation as buttons and texts name it.
    pub fn label(self) -> &'static str {
        match self {
            Operation::Release => "Release",
            Operation::Load => "Load",
        }
    }

    /// The value hosts and the journal receive, "Release" or "Load": part of their API, so
    /// a label may change without it.
    pub fn wire(self) -> &'static str {
        match self {
            Operation::Release => "Release",
            Operation::Load => "Load",
        }
    }
}
