//! What a release or load would do to a collection, judged from the state on screen: the
//! confirmation says it and the session skips what needs nothing, by the same rule.

use crate::api::LoadState;

use super::{Operation, Row, RowState};

/// What an operation would change on one collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Loaded or loading, and released; released, and loaded.
    Changes,
    /// Partly loaded, and loaded in full.
    Completes,
    /// Its state does not tell (checking, unknown, missing, failed, a load under way, or an
    /// operation of this page in flight that will change it): sent.
    Sent,
    /// Already in the state asked for: not sent.
    Skipped,
    /// A load of a collection with a vector field without index: the server refuses it, so
    /// it is not sent.
    Unloadable,
}

impl Change {
    /// What `operation` would do to `row` (`None`: a collection not on screen, sent as asked).
    /// A row with an operation in flight is about to change: what it reads now does not count.
    pub fn of(row: Option<&Row>, operation: Operation) -> Change {
        let Some(row) = row.filter(|r| r.in_flight.is_none()) else {
            return Change::Sent;
        };
        if operation == Operation::Load && row.size.as_ref().is_some_and(|s| s.unindexed.is_some())
        {
            return Change::Unloadable;
        }
        // A known state changes by what it offers and needs nothing else (a load under way
        // still gets a load asked for: it is sent).
        let offered = row.state.offers().contains(&operation);
        match &row.state {
            RowState::Known(LoadState::Loaded)
                if operation == Operation::Load && row.is_partly_loaded() =>
            {
                Change::Completes
            }
            RowState::Known(LoadState::Loaded | LoadState::NotLoad) if !offered => Change::Skipped,
            RowState::Known(LoadState::Loaded | LoadState::Loading { .. } | LoadState::NotLoad)
                if offered =>
            {
                Change::Changes
            }
            _ => Change::Sent,
        }
    }

    /// Sent to the server (not skipped for any reason).
    pub fn sends(self) -> bool {
        !matches!(self, Change::Skipped | Change::Unloadable)
    }

    /// Why a collection is not sent this operation, when it is not.
    pub fn unsent_reason(self, operation: Operation) -> Option<&'static str> {
        match self {
            Change::Skipped => Some(Change::skip_reason(operation)),
            Change::Unloadable => Some("no vector index"),
            _ => None,
        }
    }

    /// The confirmation's line for `count` collections in this case ("2 already loaded are
    /// skipped", "1 without a vector index is skipped").
    pub fn summary(self, operation: Operation, count: usize) -> String {
        let count = crate::number::grouped(count as u64);
        match self {
            Change::Unloadable if count == "1" => "1 without a vector index is skipped".into(),
            _ => format!("{count} {}", self.phrase(operation)),
        }
    }

    /// Why a skipped operation is not sent.
    pub fn skip_reason(operation: Operation) -> &'static str {
        match operation {
            Operation::Release => "already released",
            Operation::Load => "already loaded",
        }
    }

    /// How the confirmation's line names `count` collections in this case ("loaded or loading
    /// will be released").
    pub fn phrase(self, operation: Operation) -> &'static str {
        match (self, operation) {
            (Change::Changes, Operation::Release) => "loaded or loading will be released",
            (Change::Changes, Operation::Load) => "released will be loaded",
            (Change::Completes, _) => "partly loaded will be loaded in full",
            (Change::Sent, Operation::Release) => "in another state are sent a release too",
            (Change::Sent, Operation::Load) => "loading or in another state are sent a load too",
            (Change::Skipped, Operation::Release) => "already released are skipped",
            (Change::Skipped, Operation::Load) => "already loaded are skipped",
            (Change::Unloadable, _) => "without a vector index are skipped",
        }
    }

    /// The heading of this case's names in the confirmation.
    pub fn heading(self, operation: Operation) -> &'static str {
        match (self, operation) {
            (Change::Changes, Operation::Release) => "To release",
            (Change::Changes, Operation::Load) => "To load",
            (Change::Completes, _) => "To load in full",
            (Change::Sent, Operation::Release) => {
                "Sent a release too (state changing or not known)"
            }
            (Change::Sent, Operation::Load) => "Sent a load too (loading, changing or not known)",
            (Change::Skipped, Operation::Release) => "Skipped: already released",
            (Change::Skipped, Operation::Load) => "Skipped: already loaded",
            (Change::Unloadable, _) => "Skipped: no vector index",
        }
    }

    /// Every case, in the order the confirmation lists them.
    pub const ALL: [Change; 5] = [
        Change::Changes,
        Change::Completes,
        Change::Sent,
        Change::Skipped,
        Change::Unloadable,
    ];
}
