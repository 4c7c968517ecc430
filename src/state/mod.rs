//! The console's state and its reducer: plain Rust, tested natively. It is the only UI state:
//! the session issues requests and turns replies into `Action`s; components read this state.

mod confirm;
#[cfg(test)]
mod outcome_tests;
mod outcomes;
mod partitions;
mod reduce;
mod rows;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod truth_tests;

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use crate::api::{ApiError, LoadExtent, LoadSettings, LoadState};

pub use confirm::{replicas_text, Confirmation, DialogText};
pub use outcomes::{Operation, Outcome, OutcomeCounts, Progress, Target};
pub use partitions::{PartitionRow, PartitionsView};
pub use rows::{Remote, Row, RowState, SortKey, StateCounts, StateFilter};

/// The longest automatic refresh interval, in seconds (a day): anything longer is taken as
/// this, and shown as such.
pub const MAX_AUTO_REFRESH: u32 = 86_400;

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
    /// The list of collection names, for the current database.
    pub list: Remote<()>,
    /// Shared: actions that leave the rows alone (a filter keystroke) do not copy them.
    pub rows: Rc<Vec<Row>>,
    /// Row positions by name; shared, since it changes only with the list.
    index: Rc<HashMap<Rc<str>, usize>>,
    /// The last refresh failed: the rows shown are the last good ones.
    pub stale: Option<ApiError>,
    /// When the list was last fetched (milliseconds since the epoch).
    pub refreshed_at: Option<f64>,
    pub filter: String,
    pub state_filter: StateFilter,
    pub sort: SortKey,
    /// Seconds between automatic refreshes; 0 is off.
    pub auto_refresh: u32,
    /// Every operation confirmed on this page, by increasing id.
    pub outcomes: Rc<Vec<Outcome>>,
    /// Collections ticked for a bulk operation.
    pub selected: BTreeSet<Rc<str>>,
    /// The collection whose partitions are shown.
    pub open: Option<PartitionsView>,
    /// The operation waiting for the user's confirmation.
    pub confirm: Option<Confirmation>,
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
    SetAutoRefresh(u32),
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
    },
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
    /// The settings a load of `collection` will use, for the confirmation asking for it.
    LoadSettings {
        collection: Rc<str>,
        settings: LoadSettings,
    },
    /// Full or partial load of a collection (one read listing all its partitions).
    Extent {
        collection: Rc<str>,
        sent: u64,
        extent: LoadExtent,
    },
}

/// One state read: what was asked, when it was sent (in read order), and the answer.
#[derive(Clone, Debug, PartialEq)]
pub struct StateRead {
    pub name: Rc<str>,
    pub sent: u64,
    pub result: Result<LoadState, ApiError>,
}

impl ConsoleState {
    pub fn new(database: &str) -> Self {
        ConsoleState {
            database: database.to_string(),
            ..ConsoleState::default()
        }
    }

    pub fn row(&self, name: &str) -> Option<&Row> {
        self.index.get(name).and_then(|&i| self.rows.get(i))
    }

    pub(super) fn row_mut(&mut self, name: &str) -> Option<&mut Row> {
        let i = *self.index.get(name)?;
        Rc::make_mut(&mut self.rows).get_mut(i)
    }

    /// Rows that pass the name and state filters, in display order.
    pub fn visible_rows(&self) -> Vec<&Row> {
        let needle = self.filter.trim();
        let mut rows: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| rows::contains_ignoring_ascii_case(&r.name, needle))
            .filter(|r| self.state_filter.keeps(&r.state))
            .collect();
        // Rows are kept sorted by name; the sorts are stable, so ties stay by name.
        match self.sort {
            SortKey::Name => {}
            SortKey::State => rows.sort_by_key(|r| rows::state_rank(&r.state)),
            SortKey::Progress => {
                rows.sort_by_key(|r| std::cmp::Reverse(rows::progress_of(&r.state)))
            }
        }
        rows
    }

    /// Counts per state for the summary line.
    pub fn counts(&self) -> StateCounts {
        StateCounts::of(&self.rows)
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

    /// The latest partition operation on the open collection, for the partitions view.
    pub fn open_outcome(&self) -> Option<&Outcome> {
        let view = self.open.as_ref()?;
        self.outcomes.iter().rev().find(|o| {
            !o.target.partitions.is_empty()
                && o.target.collection == view.collection
                && self.shows(&o.target)
        })
    }

    /// Whether any row reads Loading.
    pub fn any_loading(&self) -> bool {
        self.rows
            .iter()
            .any(|r| matches!(r.state, RowState::Known(LoadState::Loading { .. })))
    }

    /// Names of the rows reading Loading, which are polled until they settle.
    pub fn loading_rows(&self) -> Vec<Rc<str>> {
        self.rows
            .iter()
            .filter(|r| matches!(r.state, RowState::Known(LoadState::Loading { .. })))
            .map(|r| r.name.clone())
            .collect()
    }

    /// The confirmation's targets for one or several collections of the view on screen.
    pub fn collection_targets(&self, names: &[Rc<str>], operation: Operation) -> Vec<Target> {
        names
            .iter()
            .map(|name| Target {
                connection: self.connection,
                database: self.database.as_str().into(),
                collection: name.clone(),
                partitions: Vec::new(),
                operation,
            })
            .collect()
    }

    /// The confirmation for one or several collections of the view on screen.
    pub fn collection_confirmation(&self, names: &[Rc<str>], operation: Operation) -> Confirmation {
        let partial = names
            .iter()
            .filter(|n| {
                self.row(n).is_some_and(|r| {
                    r.state == RowState::Known(LoadState::Loaded)
                        && (r.partly_loaded || r.coverage.is_some_and(|c| c.is_partial()))
                })
            })
            .cloned()
            .collect();
        Confirmation {
            targets: self.collection_targets(names, operation),
            partial,
            ..Confirmation::default()
        }
    }

    /// The confirmation for partitions of the open collection.
    pub fn partitions_confirmation(
        &self,
        names: Vec<Rc<str>>,
        operation: Operation,
    ) -> Option<Confirmation> {
        let view = self.open.as_ref()?;
        let releases_everything =
            operation == Operation::Release && view.releases_everything(&names);
        Some(Confirmation {
            targets: vec![Target {
                connection: self.connection,
                database: self.database.as_str().into(),
                collection: view.collection.clone(),
                partitions: names,
                operation,
            }],
            releases_everything,
            ..Confirmation::default()
        })
    }
}
