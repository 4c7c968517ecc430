//! What a state read does to its row. A read older than what the row knows changes nothing;
//! one that cannot tell the state keeps the last known one, marked unconfirmed; a load followed
//! here that turns NotLoad without a release from this console was abandoned by the server.

use std::rc::Rc;

use super::{ConsoleState, Operation, Pace, Progress, RowState};
use crate::api::{ApiError, LoadExtent, LoadState};

/// One state read: what was asked, when it was sent (in read order), and the answer.
#[derive(Clone, Debug, PartialEq)]
pub struct StateRead {
    pub name: Rc<str>,
    pub sent: u64,
    /// When the reply came, by the session's clock (milliseconds since the epoch).
    pub at: f64,
    pub result: Result<LoadState, ApiError>,
}

/// A followed load that turned released: when this console noticed it (local time, HH:MM),
/// the percent it had reached, and whether the load was another client's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Abandonment {
    pub at: Rc<str>,
    pub was: u8,
    /// No load of this console's was on it: released, or its load dropped, elsewhere.
    pub elsewhere: bool,
}

impl Abandonment {
    /// "load abandoned by the server at 14:02 — was 37%", or "released elsewhere, or its
    /// load abandoned, at 14:02 — was 37%" for a load this console did not send.
    pub fn text(&self) -> String {
        let what = if self.elsewhere {
            "released elsewhere, or its load abandoned,"
        } else {
            "load abandoned by the server"
        };
        format!("{what} at {} — was {}%", self.at, self.was)
    }
}

impl ConsoleState {
    /// The percent a followed load had reached when `read`, applied, would turn its row
    /// NotLoad without a release from this console (Milvus drops a load that makes no
    /// progress for `queryCoord.loadTimeoutSeconds`, and says so nowhere).
    pub fn abandons(&self, read: &StateRead) -> Option<u8> {
        let row = self.row(&read.name)?;
        let was = row.following?;
        let applies = read.sent >= row.read_at && read.result == Ok(LoadState::NotLoad);
        (applies && !self.releasing(&row.name)).then_some(was)
    }

    /// The load's pace if `read`, applied, would newly mark it stalled.
    pub fn stalls(&self, read: &StateRead) -> Option<Pace> {
        let row = self.row(&read.name)?;
        let Ok(LoadState::Loading { progress }) = read.result else {
            return None;
        };
        let pace = row
            .pace
            .filter(|p| !p.stalled && read.sent >= row.read_at)?;
        Some(pace.observe(progress, read.at, self.stall_after)).filter(|p| p.stalled)
    }

    /// A release of this collection (or of some of its partitions) confirmed on this page
    /// has not ended: its reads may tell NotLoad before its reply comes.
    fn releasing(&self, collection: &str) -> bool {
        self.outcomes.iter().any(|o| {
            !o.progress.is_final()
                && o.target.operation == Operation::Release
                && *o.target.collection == *collection
                && self.shows(&o.target)
        })
    }

    /// The latest operation of this page on `collection` in the view on screen is a load that
    /// was sent (or is being sent): a load dropped now is this console's.
    pub fn loaded_here(&self, collection: &str) -> bool {
        self.outcomes
            .iter()
            .rev()
            .find(|o| *o.target.collection == *collection && self.shows(&o.target))
            .is_some_and(|o| {
                o.target.operation == Operation::Load
                    && !matches!(
                        o.progress,
                        Progress::Failed(_)
                            | Progress::Skipped(_)
                            | Progress::Cancelled(_)
                            | Progress::Abandoned(_)
                    )
            })
    }

    /// This console released (some of) the collection: its load is no longer followed.
    pub(super) fn stop_following(&mut self, collection: &str) {
        if let Some(row) = self.row_mut(collection) {
            row.following = None;
            row.pace = None;
        }
    }

    /// Applies a state read unless the row already knows something newer.
    pub(super) fn set_row_state(&mut self, read: StateRead) {
        let stall_after = self.stall_after;
        let Some(row) = self.row_mut(&read.name) else {
            return;
        };
        if read.sent < row.read_at {
            return;
        }
        match read.result {
            // A cancelled request says nothing about the collection.
            Err(e) if e.is_cancelled() => return,
            Err(e) => {
                // A load the query nodes refused for memory has ended: no longer followed.
                if e.memory_refusal().is_some() {
                    row.following = None;
                    row.pace = None;
                }
                row.state = RowState::Failed(e);
                row.unconfirmed = None;
            }
            // Not NotLoad, not Missing: the last known state stays, with the server's text.
            Ok(LoadState::Unknown(text))
                if matches!(
                    row.state,
                    RowState::Known(
                        LoadState::Loaded | LoadState::Loading { .. } | LoadState::NotLoad
                    )
                ) =>
            {
                row.unconfirmed = Some(text);
            }
            Ok(state) => {
                // A released collection has no loaded partition to count.
                if state != LoadState::Loaded {
                    row.coverage = None;
                    row.partly_loaded = false;
                }
                match state {
                    LoadState::Loading { progress } => {
                        row.following = Some(progress);
                        row.abandoned = None;
                        row.pace = Some(match row.pace {
                            Some(pace) => pace.observe(progress, read.at, stall_after),
                            None => Pace::start(progress, read.at),
                        });
                    }
                    LoadState::Loaded => {
                        row.following = None;
                        row.abandoned = None;
                        row.pace = None;
                    }
                    LoadState::NotLoad | LoadState::Missing => {
                        row.following = None;
                        row.pace = None;
                    }
                    LoadState::Unknown(_) => {}
                }
                row.unconfirmed = None;
                row.state = RowState::Known(state);
            }
        }
        row.read_at = read.sent;
    }

    /// A loaded row learns whether every partition is loaded. Only a row still reading
    /// Loaded, and not read since, takes it.
    pub(super) fn set_extent(&mut self, collection: &str, sent: u64, extent: LoadExtent) {
        let Some(row) = self.row_mut(collection) else {
            return;
        };
        if sent < row.read_at || row.state != RowState::Known(LoadState::Loaded) {
            return;
        }
        match extent {
            LoadExtent::Partial { .. } => row.partly_loaded = true,
            LoadExtent::Full => row.partly_loaded = false,
            // Says nothing about partitions: the row's own reads settle it.
            LoadExtent::NotLoad
            | LoadExtent::Loading { .. }
            | LoadExtent::PartitionsChanged
            | LoadExtent::Missing
            | LoadExtent::Unknown(_) => {}
        }
    }
}
