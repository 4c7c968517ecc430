//! The console's state and its reducer: plain Rust, tested natively. It is the only UI state:
//! the session issues requests and turns replies into `Action`s; components read this state.

mod bounded;
mod change;
mod cluster;
mod confirm;
#[cfg(test)]
mod confirm_tests;
mod confirm_text;
mod intent;
mod listing;
mod load_choice;
mod load_fit;
mod names;
mod operation;
#[cfg(test)]
mod outcome_tests;
#[cfg(test)]
mod outcome_time_tests;
mod outcomes;
mod pace;
#[cfg(test)]
mod pace_tests;
mod partitions;
mod reads;
#[cfg(test)]
mod reads_tests;
mod reduce;
pub mod restore;
#[cfg(test)]
mod restore_tests;
mod rows;
mod sizes;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod truth_tests;
#[cfg(test)]
mod view_tests;

use std::collections::HashMap;
use std::rc::Rc;

use crate::api::{ApiError, LoadExtent};

pub use change::Change;
pub use cluster::{Cluster, ClusterRead, ClusterReply, Groups, NodeLine};
pub use confirm::{replicas_text, Confirmation, SettingsOrWhy, SETTINGS_READ};
pub use confirm_text::{DialogText, NameGroup};
pub use intent::{Confirmed, Intent};
pub use listing::Listing;
pub use load_choice::{confirm_blocked, ChoiceView, LoadChoice, DEFAULT_GROUP};
pub use load_fit::LoadFit;
pub use names::Names;
pub use operation::Operation;
pub use outcomes::{Outcome, OutcomeCounts, Progress, Target};
pub use pace::{Pace, StallAfter, DEFAULT_STALL_MINUTES};
pub use partitions::{PartitionRow, PartitionsView};
pub use reads::{Abandonment, StateRead};
pub use rows::{Remote, Row, RowState, SortKey, StateCounts, StateFilter};
pub use sizes::{Replicas, RowSize, SizeReply};

/// The longest automatic refresh interval, in seconds (a day): anything longer is taken as
/// this, and shown as such.
pub const MAX_REFRESH_INTERVAL: u32 = 86_400;

/// The most outcomes kept: older ended ones are dropped (and counted).
pub const MAX_OUTCOMES: usize = 10_000;

/// The console's whole state.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ConsoleState {
    /// The connection (endpoint and token) in use; 0 before the first.
    pub connection: u64,
    /// Bumped whenever the database or connection changes; replies of an older generation
    /// are dropped so that a late reply never lands in the new view.
    pub generation: u64,
    pub databases: Remote<Vec<String>>,
    pub database: String,
    /// Release and load actions are hidden and refused.
    pub read_only: bool,
    /// The collections of the current database.
    pub listing: Listing,
    /// Positions of the listed rows by name; shared, since it changes only with the list.
    index: Rc<HashMap<Rc<str>, usize>>,
    pub filter: String,
    pub state_filter: StateFilter,
    pub sort: SortKey,
    /// Seconds between automatic refreshes; 0 is off.
    pub refresh_interval: u32,
    /// The operations confirmed on this page, by increasing id: the latest `MAX_OUTCOMES`.
    pub outcomes: Rc<Vec<Outcome>>,
    /// Ended outcomes dropped from the front of `outcomes` to keep it bounded.
    pub outcomes_dropped: usize,
    /// Collections ticked for a bulk operation.
    pub selected: Names,
    /// The collection whose partitions are shown.
    pub open: Option<PartitionsView>,
    /// The operation waiting for the user's confirmation.
    pub confirm: Option<Confirmation>,
    /// The loaded set's save or restore.
    pub restore: restore::Restore,
    /// Writes per second while the server's rate limiter paces releases and loads.
    pub paced: Option<f64>,
    /// How long a load may show no progress before it is marked stalled.
    pub stall_after: StallAfter,
    /// Resource groups and query-node memory: the connection's, kept across databases.
    pub cluster: Cluster,
}

/// Everything that changes the state: what the user or host asks, replies to the view's
/// requests, and the progress of operations.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A new connection: everything but the outcomes is forgotten.
    Connect {
        connection: u64,
        database: String,
    },
    SelectDatabase(String),
    SetReadOnly(bool),
    SetFilter(String),
    SetStateFilter(StateFilter),
    SetSort(SortKey),
    SetRefreshInterval(u32),
    /// Minutes without progress after which a load is stalled (0: never).
    SetStallMinutes(u32),
    /// Ticks or unticks one collection.
    ToggleSelected(Rc<str>),
    /// Ticks every collection matching the filters (`true`) or clears the selection.
    SelectMatching(bool),
    OpenCollection(Rc<str>),
    CloseCollection,
    TogglePartition(Rc<str>),
    SelectAllPartitions(bool),
    /// Asks the user to confirm an operation.
    Ask(Confirmation),
    /// The replicas and groups chosen in the Load dialog on screen.
    ChooseLoad(LoadChoice),
    CloseConfirmation,
    DismissOutcomes,
    DatabasesLoaded {
        connection: u64,
        result: Result<Vec<String>, ApiError>,
    },
    /// A reply to a request of the view of `generation`.
    Reply {
        generation: u64,
        reply: Reply,
    },
    /// An operation was confirmed (waiting or working).
    OperationStarted(Outcome),
    /// An operation moved on. `read_at` orders it with state reads: a read sent before the
    /// operation was answered is older than what this tells.
    OperationProgress {
        id: u64,
        progress: Progress,
        read_at: u64,
        /// When, by the session's clock.
        at: f64,
    },
    /// The pace of a connection's writes changed (`None`: not paced, or no write under way).
    Paced {
        connection: u64,
        per_second: Option<f64>,
    },
    /// The loaded set's save or restore moved on.
    Restore(restore::RestoreAction),
}

/// Replies to the requests of one view.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    ListRequested,
    ListLoaded {
        result: Result<Vec<String>, ApiError>,
        at: f64,
    },
    /// Collection states, each with the order in which its request was sent.
    States(Vec<StateRead>),
    PartitionKeyKnown {
        collection: Rc<str>,
        partition_key: bool,
    },
    PartitionsListed {
        collection: Rc<str>,
        result: Result<Vec<String>, ApiError>,
    },
    /// Partition counts of collections (from `collections/describe`).
    PartitionCounts(Vec<(Rc<str>, u32)>),
    PartitionStates {
        collection: Rc<str>,
        states: Vec<StateRead>,
    },
    PartitionRows {
        collection: Rc<str>,
        rows: Vec<(Rc<str>, u64)>,
    },
    /// The settings a load of `collection` will use, for the confirmation asking for it, or
    /// why they could not be read.
    LoadSettings {
        collection: Rc<str>,
        settings: SettingsOrWhy,
    },
    /// A loading collection read released with no load of this console's on it: released,
    /// or its load dropped, elsewhere.
    LoadDropped {
        collection: Rc<str>,
        abandonment: Abandonment,
    },
    /// Full or partial load of a collection (one read listing all its partitions).
    Extent {
        collection: Rc<str>,
        sent: u64,
        extent: LoadExtent,
    },
    Cluster(ClusterReply),
    /// Rows, estimated memory and replicas (`sizes`).
    Sizes(SizeReply),
}

impl ConsoleState {
    pub fn new(database: &str) -> Self {
        ConsoleState {
            database: database.to_string(),
            ..ConsoleState::default()
        }
    }

    /// The rows listed, by name.
    pub fn rows(&self) -> &[Rc<Row>] {
        self.listing.rows()
    }

    pub fn row(&self, name: &str) -> Option<&Row> {
        self.index
            .get(name)
            .and_then(|&i| self.rows().get(i))
            .map(Rc::as_ref)
    }

    pub(super) fn row_mut(&mut self, name: &str) -> Option<&mut Row> {
        let i = *self.index.get(name)?;
        self.listing.rows_mut()?.get_mut(i).map(Rc::make_mut)
    }

    /// Rows that pass the name and state filters, in display order.
    pub fn visible_rows(&self) -> Vec<&Rc<Row>> {
        let needle = self.filter.trim();
        let mut rows: Vec<&Rc<Row>> = self
            .rows()
            .iter()
            .filter(|r| rows::contains_ignoring_ascii_case(&r.name, needle))
            .filter(|r| self.state_filter.keeps(&r.state))
            .collect();
        // Rows are kept sorted by name; the sort is stable, so ties stay by name.
        let key: fn(&Row) -> (u64, u64) = match self.sort {
            SortKey::Name => return rows,
            SortKey::State => |r| (u64::from(rows::state_rank(&r.state)), 0),
            SortKey::Progress => |r| (rows::progress_rank(&r.state), 0),
            SortKey::Memory => Row::memory_rank,
        };
        crate::order::sort_by(&mut rows, |a, b| key(a).cmp(&key(b)));
        rows
    }

    /// The rows shown: the state's own list when no filter or sort applies (nothing copied),
    /// else the rows the filters keep, in display order.
    pub fn shown_rows(&self) -> Rc<Vec<Rc<Row>>> {
        let unfiltered = self.filter.trim().is_empty() && self.state_filter == StateFilter::All;
        if unfiltered && self.sort == SortKey::Name {
            return self.listing.shared_rows();
        }
        Rc::new(self.visible_rows().into_iter().cloned().collect())
    }

    /// Counts per state for the summary line.
    pub fn counts(&self) -> StateCounts {
        StateCounts::of(self.rows())
    }

    /// The outcome with this id.
    pub fn outcome(&self, id: u64) -> Option<&Outcome> {
        let i = self.outcomes.binary_search_by_key(&id, |o| o.id).ok()?;
        self.outcomes.get(i)
    }

    /// Whether the target is on screen: this connection, this database.
    pub fn shows(&self, target: &Target) -> bool {
        target.connection == self.connection && *target.database == *self.database
    }

    /// Whether any row is unsettled (loading, or its state not known for now).
    pub fn any_unsettled(&self) -> bool {
        self.rows().iter().any(|r| r.unsettled())
    }

    /// Names of the unsettled rows, which are polled until they settle.
    pub fn unsettled_rows(&self) -> Vec<Rc<str>> {
        self.rows()
            .iter()
            .filter(|r| r.unsettled())
            .map(|r| r.name.clone())
            .collect()
    }
}
