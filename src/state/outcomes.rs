//! Releases and loads the user confirmed: each is identified by its full target and has
//! exactly one outcome, which moves from waiting or working to done, failed, cancelled, or
//! unknown while the state is re-read.

use std::rc::Rc;

use crate::api::{ApiError, ApiErrorKind};
use crate::substring::Joined;

use super::{Abandonment, ConsoleState, Operation};

/// What an operation acts on: connection, database, collection, partitions (empty for the
/// whole collection) and the operation itself.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    /// The connection (endpoint and token) the operation was confirmed on.
    pub connection: u64,
    pub database: Rc<str>,
    pub collection: Rc<str>,
    pub partitions: Vec<Rc<str>>,
    pub operation: Operation,
}

impl Target {
    /// Whether both act on the same collection of the same database and connection.
    pub fn same_collection(&self, other: &Target) -> bool {
        self.connection == other.connection
            && self.database == other.database
            && self.collection == other.collection
    }
}

/// Where an operation stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    /// Another operation on the same collection runs first.
    Waiting,
    /// Sent, not answered.
    Working,
    /// Sent, and its reply was lost (timeout, reset, unreadable): the state is re-read until
    /// it tells whether the operation took effect.
    Unknown(ApiError),
    /// The reply was lost and no re-read could tell within `after_s` seconds: still unknown,
    /// the state is read again until it tells.
    NotSeenApplied {
        lost: ApiError,
        after_s: u32,
    },
    Done,
    Failed(ApiError),
    /// Not sent: the collection already was in the state asked for ("already loaded").
    Skipped(&'static str),
    /// Never completed on this page (the console was unmounted); the reason says what is known.
    Cancelled(String),
    /// A load followed here turned NotLoad with no release from this console: the server
    /// dropped it.
    Abandoned(Abandonment),
}

impl Progress {
    /// Done, failed or cancelled: it will not change again.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Progress::Done
                | Progress::Failed(_)
                | Progress::Cancelled(_)
                | Progress::Skipped(_)
                | Progress::Abandoned(_)
        )
    }
}

/// One operation and where it stands, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Unique per page: the host is told of each outcome once.
    pub id: u64,
    pub target: Target,
    pub progress: Progress,
    /// The reply was lost first and the state settled it.
    pub rechecked: bool,
    /// When it last moved (milliseconds since the epoch): when it ended, once it has.
    pub at: f64,
}

impl Outcome {
    /// "Release books", "Load partitions p1, p2 of films", with the database when it is not
    /// the one on screen.
    pub fn describe(&self, database_on_screen: &str) -> String {
        let t = &self.target;
        let what = if t.partitions.is_empty() {
            t.collection.to_string()
        } else {
            let names: Vec<&str> = t.partitions.iter().map(|p| &**p).collect();
            format!("partitions {} of {}", names.joined(", "), t.collection)
        };
        if *t.database == *database_on_screen {
            format!("{} {what}", t.operation.label())
        } else {
            format!("{} {what} (database {})", t.operation.label(), t.database)
        }
    }

    /// The line shown for this outcome.
    pub fn text(&self, database_on_screen: &str) -> String {
        self.line(&self.describe(database_on_screen))
    }

    /// `what`, then where the operation stands.
    pub fn line(&self, what: &str) -> String {
        match &self.progress {
            Progress::Waiting => format!("{what}: waiting for the previous operation"),
            Progress::Working => format!("{what}: working…"),
            Progress::Unknown(e) => format!("{what}: unknown — re-checking ({e})"),
            Progress::NotSeenApplied { lost, after_s } => format!(
                "{what}: unknown: not seen applied after {after_s} s ({lost}); read again until \
                 the server tells"
            ),
            Progress::Done if self.rechecked => format!("{what}: done (confirmed by re-reading)"),
            Progress::Done => format!("{what}: done"),
            Progress::Failed(e) if self.replica_refusal(e) => format!(
                "{what}: failed: the collection is already loaded with other replica or \
                 resource group settings than this load would apply (another client may have \
                 set them); release it first or load it with the same settings ({e})"
            ),
            Progress::Failed(e) => format!("{what}: failed: {e}"),
            Progress::Cancelled(why) => format!("{what}: cancelled: {why}"),
            Progress::Skipped(why) => format!("{what}: skipped — {why}"),
            Progress::Abandoned(abandonment) => format!("{what}: {}", abandonment.text()),
        }
    }
}

impl Outcome {
    /// A load refused with code 1100: the server will not change a loaded collection's
    /// replicas or resource groups.
    fn replica_refusal(&self, error: &ApiError) -> bool {
        self.target.operation == Operation::Load && error.milvus_code() == Some(1100)
    }
}

/// Counts for the results summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    pub done: usize,
    pub failed: usize,
    pub running: usize,
    pub unknown: usize,
    pub cancelled: usize,
    pub skipped: usize,
}

impl OutcomeCounts {
    pub fn of(outcomes: &[Outcome]) -> OutcomeCounts {
        let mut c = OutcomeCounts::default();
        for o in outcomes {
            match &o.progress {
                Progress::Waiting | Progress::Working => c.running += 1,
                Progress::Unknown(_) | Progress::NotSeenApplied { .. } => c.unknown += 1,
                Progress::Done => c.done += 1,
                Progress::Failed(_) | Progress::Abandoned(_) => c.failed += 1,
                Progress::Cancelled(_) => c.cancelled += 1,
                Progress::Skipped(_) => c.skipped += 1,
            }
        }
        c
    }

    /// "3 done, 1 failed", then what is still open.
    pub fn summary(&self) -> String {
        let mut text = format!("{} done, {} failed", self.done, self.failed);
        for (n, label) in [
            (self.running, "in progress"),
            (self.unknown, "unknown — re-checking"),
            (self.cancelled, "cancelled"),
            (self.skipped, "skipped"),
        ] {
            if n > 0 {
                text.push_str(&format!(", {n} {label}"));
            }
        }
        text
    }
}

impl ConsoleState {
    pub(super) fn operation_started(&mut self, outcome: Outcome) {
        if self.shows(&outcome.target) {
            let target = &outcome.target;
            if target.operation == Operation::Release {
                self.stop_following(&target.collection);
            }
            if let Some(row) = self.row_mut(&target.collection) {
                if let Progress::Abandoned(abandonment) = &outcome.progress {
                    row.abandoned = Some(abandonment.clone());
                } else if target.partitions.is_empty() {
                    row.in_flight = Some(target.operation);
                }
            }
        }
        // Ids grow: pushing keeps the list sorted.
        Rc::make_mut(&mut self.outcomes).push(outcome);
        self.keep_latest_outcomes();
    }

    pub(super) fn operation_progress(
        &mut self,
        id: u64,
        progress: Progress,
        read_at: u64,
        at: f64,
    ) {
        let Ok(i) = self.outcomes.binary_search_by_key(&id, |o| o.id) else {
            return;
        };
        let Some(outcome) = Rc::make_mut(&mut self.outcomes).get_mut(i) else {
            return;
        };
        if matches!(progress, Progress::Unknown(_)) {
            outcome.rechecked = true;
        }
        let answered = !matches!(progress, Progress::Waiting | Progress::Working);
        let settled = progress.is_final();
        let partition_key = matches!(&progress, Progress::Failed(e) if is_partition_key_refusal(e));
        outcome.progress = progress;
        outcome.at = at;
        let target = outcome.target.clone();
        if !self.shows(&target) {
            return;
        }
        if answered && target.operation == Operation::Release {
            self.stop_following(&target.collection);
        }
        // An operation queued behind this one on the collection keeps its row busy.
        let still_busy = if settled && target.partitions.is_empty() {
            self.busy_with(&target)
        } else {
            None
        };
        if let Some(row) = self.row_mut(&target.collection) {
            if answered {
                // Reads sent before this answer are older than it.
                row.read_at = row.read_at.max(read_at);
            }
            if settled && target.partitions.is_empty() {
                row.in_flight = still_busy;
            }
        }
        if let Some(view) = self.open_view(&target.collection) {
            if answered {
                view.outdate(&target.partitions, read_at);
            }
            if settled && matches!(self.outcome(id).map(|o| &o.progress), Some(Progress::Done)) {
                if let Some(view) = self.open_view(&target.collection) {
                    view.selected.clear();
                }
            }
            if partition_key {
                if let Some(view) = self.open_view(&target.collection) {
                    view.partition_key = true;
                }
            }
        }
    }
}

impl ConsoleState {
    /// The latest operation under way on the whole of `target`'s collection.
    fn busy_with(&self, target: &Target) -> Option<Operation> {
        self.outcomes
            .iter()
            .rev()
            .find(|o| {
                !o.progress.is_final()
                    && o.target.partitions.is_empty()
                    && o.target.same_collection(target)
            })
            .map(|o| o.target.operation)
    }
}

/// The server's refusal of partition load/release in a partition-key collection.
fn is_partition_key_refusal(error: &ApiError) -> bool {
    match error.kind() {
        ApiErrorKind::Milvus { message, .. } => {
            crate::substring::contains(message, "partition key")
        }
        _ => false,
    }
}
