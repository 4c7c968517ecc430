//! The console's state and its reducer: plain Rust, tested natively. Requests live in
//! `controller`; components only read this state and send `Action`s.

mod partitions;

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use yew::Reducible;

use crate::api::{ApiError, LoadState, PartitionCoverage};

pub use partitions::{PartitionOutcome, PartitionRow, PartitionsView};

/// A value fetched from the server.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Remote<T> {
    #[default]
    NotAsked,
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// What is known of one collection's load state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowState {
    /// Not fetched yet.
    Pending,
    Known(LoadState),
    Failed(ApiError),
}

/// A release or load the user asked for, on one collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    Release,
    Load,
}

impl Operation {
    pub fn verb(self) -> &'static str {
        match self {
            Operation::Release => "Release",
            Operation::Load => "Load",
        }
    }
}

/// How an operation ended, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub database: String,
    pub collection: String,
    /// The partitions acted on; empty when the whole collection was.
    pub partitions: Vec<String>,
    pub operation: Operation,
    pub result: Result<(), ApiError>,
}

/// `Eq`, so that comparing two `Rc`s of the same rows is a pointer comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub name: Rc<str>,
    pub state: RowState,
    /// An operation sent and not yet answered: its button is disabled.
    pub in_flight: Option<Operation>,
    /// Loaded partitions out of all, when known (the server alone cannot tell a partial load).
    pub coverage: Option<PartitionCoverage>,
    /// How many partitions the collection has, once fetched (rows on screen get it lazily).
    pub partitions: Option<u32>,
}

/// Which rows the state filter keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StateFilter {
    #[default]
    All,
    Loaded,
    Loading,
    Released,
    Problem,
}

impl StateFilter {
    /// Name in links.
    pub fn key(self) -> &'static str {
        match self {
            StateFilter::All => "all",
            StateFilter::Loaded => "loaded",
            StateFilter::Loading => "loading",
            StateFilter::Released => "released",
            StateFilter::Problem => "problem",
        }
    }

    pub fn from_key(key: &str) -> Option<StateFilter> {
        StateFilter::ALL.into_iter().find(|f| f.key() == key)
    }

    pub const ALL: [StateFilter; 5] = [
        StateFilter::All,
        StateFilter::Loaded,
        StateFilter::Loading,
        StateFilter::Released,
        StateFilter::Problem,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StateFilter::All => "All states",
            StateFilter::Loaded => "Loaded",
            StateFilter::Loading => "Loading",
            StateFilter::Released => "Released",
            StateFilter::Problem => "Missing or error",
        }
    }

    pub fn keeps(self, state: &RowState) -> bool {
        match self {
            StateFilter::All => true,
            StateFilter::Loaded => matches!(state, RowState::Known(LoadState::Loaded)),
            StateFilter::Loading => matches!(state, RowState::Known(LoadState::Loading { .. })),
            StateFilter::Released => matches!(state, RowState::Known(LoadState::NotLoad)),
            StateFilter::Problem => matches!(
                state,
                RowState::Failed(_)
                    | RowState::Known(LoadState::Missing)
                    | RowState::Known(LoadState::Unknown(_))
            ),
        }
    }
}

/// The order of the collections view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    /// Loading first, then loaded, released, problems, unknown.
    State,
    /// Highest load progress first (loaded counts as 100).
    Progress,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [SortKey::Name, SortKey::State, SortKey::Progress];

    pub fn key(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::State => "state",
            SortKey::Progress => "progress",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::State => "State",
            SortKey::Progress => "Progress",
        }
    }

    pub fn from_key(key: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Rank for sorting by state.
/// Case-insensitive substring test without allocating per row. Milvus restricts names to ASCII
/// letters, digits and a few symbols, so ASCII folding is complete for real names; other
/// scripts still match exactly.
fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle))
}

fn state_rank(state: &RowState) -> u8 {
    match state {
        RowState::Known(LoadState::Loading { .. }) => 0,
        RowState::Known(LoadState::Loaded) => 1,
        RowState::Known(LoadState::NotLoad) => 2,
        RowState::Failed(_)
        | RowState::Known(LoadState::Missing)
        | RowState::Known(LoadState::Unknown(_)) => 3,
        RowState::Pending => 4,
    }
}

/// Progress for sorting: loaded is 100, released and unknown below any load.
fn progress_of(state: &RowState) -> i16 {
    match state {
        RowState::Known(LoadState::Loaded) => 100,
        RowState::Known(LoadState::Loading { progress }) => i16::from(*progress),
        _ => -1,
    }
}

/// The console's whole state for one connection.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ConsoleState {
    /// Bumped whenever the database or connection changes; replies of an older generation
    /// are dropped so that a late reply never lands in the new view.
    pub generation: u64,
    pub databases: Remote<Vec<String>>,
    pub database: String,
    /// The list of collection names, for the current database.
    pub list: Remote<()>,
    /// Shared: actions that leave the rows alone (a filter keystroke) do not copy them.
    pub rows: Rc<Vec<Row>>,
    /// Row positions by name; shared, since it changes only with the list (the reducer clones
    /// the state for every batch of replies).
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
    pub outcomes: Vec<Outcome>,
    /// Collections ticked for a bulk operation.
    pub selected: BTreeSet<Rc<str>>,
    /// The collection whose partitions are shown.
    pub open: Option<PartitionsView>,
}

/// Everything that changes the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A new connection: everything is forgotten.
    Connect {
        database: String,
    },
    DatabasesLoaded(Result<Vec<String>, ApiError>),
    SelectDatabase(String),
    ListRequested {
        generation: u64,
    },
    ListLoaded {
        generation: u64,
        result: Result<Vec<String>, ApiError>,
        at: f64,
    },
    /// A batch of collection states (batched so that 10,000 replies are a few renders).
    StatesLoaded {
        generation: u64,
        states: Vec<(Rc<str>, Result<LoadState, ApiError>)>,
    },
    OperationStarted {
        generation: u64,
        names: Vec<Rc<str>>,
        operation: Operation,
    },
    /// Reported whatever the view shows meanwhile (another database, a new connection).
    OperationFinished {
        generation: u64,
        database: String,
        name: Rc<str>,
        operation: Operation,
        result: Result<(), ApiError>,
    },
    DismissOutcomes,
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
    PartitionKeyKnown {
        generation: u64,
        collection: Rc<str>,
        partition_key: bool,
    },
    PartitionsListed {
        generation: u64,
        collection: Rc<str>,
        result: Result<Vec<String>, ApiError>,
    },
    /// Partition counts of collections (from `collections/describe`).
    PartitionCountsLoaded {
        generation: u64,
        counts: Vec<(Rc<str>, u32)>,
    },
    PartitionStates {
        generation: u64,
        collection: Rc<str>,
        states: Vec<(Rc<str>, Result<LoadState, ApiError>)>,
    },
    PartitionRows {
        generation: u64,
        collection: Rc<str>,
        rows: Vec<(Rc<str>, u64)>,
    },
    TogglePartition(Rc<str>),
    SelectAllPartitions(bool),
    PartitionOperationStarted {
        generation: u64,
        collection: Rc<str>,
        operation: Operation,
    },
    PartitionOperationFinished {
        generation: u64,
        database: String,
        collection: Rc<str>,
        names: Vec<Rc<str>>,
        operation: Operation,
        result: Result<(), ApiError>,
    },
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

    fn row_mut(&mut self, name: &str) -> Option<&mut Row> {
        let i = *self.index.get(name)?;
        Rc::make_mut(&mut self.rows).get_mut(i)
    }

    /// Rows that pass the name and state filters, in display order.
    pub fn visible_rows(&self) -> Vec<&Row> {
        let needle = self.filter.trim();
        let mut rows: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| contains_ignoring_ascii_case(&r.name, needle))
            .filter(|r| self.state_filter.keeps(&r.state))
            .collect();
        // Rows are kept sorted by name; the sorts are stable, so ties stay by name.
        match self.sort {
            SortKey::Name => {}
            SortKey::State => rows.sort_by_key(|r| state_rank(&r.state)),
            SortKey::Progress => rows.sort_by_key(|r| std::cmp::Reverse(progress_of(&r.state))),
        }
        rows
    }

    /// Counts per state for the summary line: loaded, loading, released, other, pending.
    pub fn counts(&self) -> StateCounts {
        StateCounts::of(&self.rows)
    }

    fn set_rows(&mut self, names: Vec<String>) {
        let mut previous: HashMap<Rc<str>, Row> = self
            .rows
            .iter()
            .map(|r| (r.name.clone(), r.clone()))
            .collect();
        let mut names = names;
        names.sort();
        names.dedup();
        let rows = names
            .into_iter()
            .map(|name| {
                let name: Rc<str> = name.into();
                previous.remove(&name).unwrap_or(Row {
                    name,
                    state: RowState::Pending,
                    in_flight: None,
                    coverage: None,
                    partitions: None,
                })
            })
            .collect();
        self.rows = Rc::new(rows);
        self.index = Rc::new(
            self.rows
                .iter()
                .enumerate()
                .map(|(i, r)| (r.name.clone(), i))
                .collect(),
        );
        let index = &self.index;
        self.selected.retain(|name| index.contains_key(name));
    }

    /// The open partitions view, if it shows `collection` in this generation.
    fn open_view(&mut self, generation: u64, collection: &str) -> Option<&mut PartitionsView> {
        if generation != self.generation {
            return None;
        }
        self.open.as_mut().filter(|v| &*v.collection == collection)
    }

    /// Copies the open view's partition coverage to its collection's row.
    fn sync_coverage(&mut self) {
        let Some((name, coverage)) = self
            .open
            .as_ref()
            .map(|v| (v.collection.clone(), v.coverage()))
        else {
            return;
        };
        if let Some(row) = self.row_mut(&name) {
            row.coverage = coverage;
        }
    }

    fn reset_view(&mut self) {
        self.generation += 1;
        self.list = Remote::NotAsked;
        self.rows = Rc::default();
        self.index = Rc::default();
        self.stale = None;
        self.refreshed_at = None;
        // Outcomes stay: what the user asked for is reported even after a switch.
        self.selected.clear();
        self.open = None;
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Connect { database } => {
                self.reset_view();
                self.databases = Remote::Loading;
                self.database = database;
            }
            Action::DatabasesLoaded(result) => {
                self.databases = match result {
                    Ok(names) => Remote::Ready(names),
                    Err(e) => Remote::Failed(e),
                };
            }
            Action::SelectDatabase(database) if database != self.database => {
                self.reset_view();
                self.database = database;
            }
            // A refresh keeps the rows on screen; only a first listing shows "Listing…".
            Action::ListRequested { generation }
                if generation == self.generation && !matches!(self.list, Remote::Ready(())) =>
            {
                self.list = Remote::Loading;
            }
            Action::ListLoaded {
                generation,
                result,
                at,
            } if generation == self.generation => match result {
                Ok(names) => {
                    self.set_rows(names);
                    self.list = Remote::Ready(());
                    self.stale = None;
                    self.refreshed_at = Some(at);
                }
                // Keep the last good rows, marked stale; never blank the view.
                Err(e) if matches!(self.list, Remote::Ready(())) => self.stale = Some(e),
                Err(e) => self.list = Remote::Failed(e),
            },
            Action::StatesLoaded { generation, states } if generation == self.generation => {
                for (name, result) in states {
                    if let Some(row) = self.row_mut(&name) {
                        row.state = match result {
                            Ok(state) => {
                                // A released collection has no loaded partition to count.
                                if state != LoadState::Loaded {
                                    row.coverage = None;
                                }
                                RowState::Known(state)
                            }
                            // A cancelled request says nothing about the collection.
                            Err(e) if e.is_cancelled() => continue,
                            Err(e) => RowState::Failed(e),
                        };
                    }
                }
            }
            Action::OperationStarted {
                generation,
                names,
                operation,
            } if generation == self.generation => {
                for name in names {
                    if let Some(row) = self.row_mut(&name) {
                        row.in_flight = Some(operation);
                    }
                }
            }
            Action::OperationFinished {
                generation,
                database,
                name,
                operation,
                result,
            } => {
                if generation == self.generation {
                    if let Some(row) = self.row_mut(&name) {
                        row.in_flight = None;
                    }
                }
                self.outcomes.push(Outcome {
                    database,
                    collection: name.to_string(),
                    partitions: Vec::new(),
                    operation,
                    result,
                });
            }
            Action::DismissOutcomes => self.outcomes.clear(),
            Action::SetFilter(filter) => self.filter = filter,
            Action::SetStateFilter(filter) => self.state_filter = filter,
            Action::SetSort(sort) => self.sort = sort,
            Action::SetAutoRefresh(seconds) => self.auto_refresh = seconds,
            Action::ToggleSelected(name) => {
                let was_selected = self.selected.remove(&name);
                if !was_selected && self.index.contains_key(&name) {
                    self.selected.insert(name);
                }
            }
            Action::SelectMatching(true) => {
                let names: Vec<Rc<str>> =
                    self.visible_rows().iter().map(|r| r.name.clone()).collect();
                self.selected.extend(names);
            }
            Action::SelectMatching(false) => self.selected.clear(),
            Action::OpenCollection(name) => self.open = Some(PartitionsView::new(name)),
            Action::CloseCollection => self.open = None,
            Action::PartitionKeyKnown {
                generation,
                collection,
                partition_key,
            } => {
                if let Some(view) = self.open_view(generation, &collection) {
                    view.partition_key = partition_key;
                }
            }
            Action::PartitionsListed {
                generation,
                collection,
                result,
            } => {
                if let (true, Ok(names)) = (generation == self.generation, &result) {
                    if let Some(row) = self.row_mut(&collection) {
                        row.partitions = Some(names.len().try_into().unwrap_or(u32::MAX));
                    }
                }
                if let Some(view) = self.open_view(generation, &collection) {
                    match result {
                        Ok(names) => view.set_names(names),
                        Err(e) if e.is_cancelled() => {}
                        Err(e) => view.list = Remote::Failed(e),
                    }
                }
            }
            Action::PartitionCountsLoaded { generation, counts }
                if generation == self.generation =>
            {
                for (name, count) in counts {
                    if let Some(row) = self.row_mut(&name) {
                        row.partitions = Some(count);
                    }
                }
            }
            Action::PartitionStates {
                generation,
                collection,
                states,
            } => {
                if let Some(view) = self.open_view(generation, &collection) {
                    for (name, result) in states {
                        view.set_state(&name, result);
                    }
                    self.sync_coverage();
                }
            }
            Action::PartitionRows {
                generation,
                collection,
                rows,
            } => {
                if let Some(view) = self.open_view(generation, &collection) {
                    for (name, count) in rows {
                        view.set_rows(&name, count);
                    }
                }
            }
            Action::TogglePartition(name) => {
                if let Some(view) = &mut self.open {
                    if !view.selected.remove(&name) {
                        view.selected.insert(name);
                    }
                }
            }
            Action::SelectAllPartitions(all) => {
                if let Some(view) = &mut self.open {
                    view.selected = if all {
                        view.partitions.iter().map(|p| p.name.clone()).collect()
                    } else {
                        BTreeSet::new()
                    };
                }
            }
            Action::PartitionOperationStarted {
                generation,
                collection,
                operation,
            } => {
                if let Some(view) = self.open_view(generation, &collection) {
                    view.in_flight = Some(operation);
                    view.outcome = None;
                }
            }
            Action::PartitionOperationFinished {
                generation,
                database,
                collection,
                names,
                operation,
                result,
            } => {
                if let Some(view) = self.open_view(generation, &collection) {
                    view.in_flight = None;
                    if result.is_ok() {
                        view.selected.clear();
                    }
                    if matches!(&result, Err(e) if is_partition_key_refusal(e)) {
                        view.partition_key = true;
                    }
                    view.outcome = Some(PartitionOutcome {
                        names,
                        operation,
                        result,
                    });
                } else {
                    // The view was closed meanwhile: the result still reaches the user.
                    self.outcomes.push(Outcome {
                        database,
                        collection: collection.to_string(),
                        partitions: names.iter().map(|n| n.to_string()).collect(),
                        operation,
                        result,
                    });
                }
            }
            // Replies of an older generation, and no-op selections.
            _ => {}
        }
    }
}

/// The server's refusal of partition load/release in a partition-key collection.
fn is_partition_key_refusal(error: &ApiError) -> bool {
    match error.kind() {
        crate::api::ApiErrorKind::Milvus { message, .. } => message.contains("partition key"),
        _ => false,
    }
}

/// Per-state counts for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    pub loaded: usize,
    pub loading: usize,
    pub released: usize,
    pub problem: usize,
    pub pending: usize,
}

impl StateCounts {
    pub fn of(rows: &[Row]) -> StateCounts {
        let mut counts = StateCounts::default();
        for row in rows {
            match &row.state {
                RowState::Pending => counts.pending += 1,
                RowState::Known(LoadState::Loaded) => counts.loaded += 1,
                RowState::Known(LoadState::Loading { .. }) => counts.loading += 1,
                RowState::Known(LoadState::NotLoad) => counts.released += 1,
                _ => counts.problem += 1,
            }
        }
        counts
    }
}

impl Reducible for ConsoleState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiErrorKind;

    fn listed(names: &[&str]) -> ConsoleState {
        let mut s = ConsoleState::new("default");
        s.apply(Action::ListLoaded {
            generation: 0,
            result: Ok(names.iter().map(|n| n.to_string()).collect()),
            at: 1.0,
        });
        s
    }

    fn error() -> ApiError {
        ApiErrorKind::Http {
            status: 502,
            snippet: "bad gateway".into(),
        }
        .into()
    }

    #[test]
    fn list_then_states_fill_rows_sorted() {
        let mut s = listed(&["b", "a"]);
        assert_eq!(
            s.rows.iter().map(|r| &*r.name).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(s.counts().pending, 2);
        s.apply(Action::StatesLoaded {
            generation: 0,
            states: vec![
                ("a".into(), Ok(LoadState::Loaded)),
                ("b".into(), Err(error())),
            ],
        });
        assert_eq!(
            s.row("a").map(|r| &r.state),
            Some(&RowState::Known(LoadState::Loaded))
        );
        assert!(matches!(
            s.row("b").map(|r| &r.state),
            Some(RowState::Failed(_))
        ));
        assert_eq!(s.counts().loaded, 1);
        assert_eq!(s.counts().problem, 1);
    }

    #[test]
    fn late_replies_of_a_previous_database_are_dropped() {
        let mut s = listed(&["a"]);
        s.apply(Action::SelectDatabase("analytics".into()));
        assert!(s.rows.is_empty());
        s.apply(Action::ListLoaded {
            generation: 0,
            result: Ok(vec!["old".into()]),
            at: 2.0,
        });
        s.apply(Action::StatesLoaded {
            generation: 0,
            states: vec![("a".into(), Ok(LoadState::Loaded))],
        });
        assert!(s.rows.is_empty());
        assert_eq!(s.list, Remote::NotAsked);
    }

    #[test]
    fn a_failed_refresh_keeps_the_rows_and_marks_them_stale() {
        let mut s = listed(&["a"]);
        s.apply(Action::ListLoaded {
            generation: 0,
            result: Err(error()),
            at: 3.0,
        });
        assert_eq!(s.rows.len(), 1);
        assert!(s.stale.is_some());
        assert_eq!(s.refreshed_at, Some(1.0));
        s.apply(Action::ListLoaded {
            generation: 0,
            result: Ok(vec!["a".into()]),
            at: 4.0,
        });
        assert!(s.stale.is_none());
    }

    #[test]
    fn refresh_keeps_known_states_of_rows_still_listed() {
        let mut s = listed(&["a", "b"]);
        s.apply(Action::StatesLoaded {
            generation: 0,
            states: vec![("a".into(), Ok(LoadState::Loaded))],
        });
        s.apply(Action::ListLoaded {
            generation: 0,
            result: Ok(vec!["a".into(), "c".into()]),
            at: 5.0,
        });
        assert_eq!(
            s.row("a").map(|r| &r.state),
            Some(&RowState::Known(LoadState::Loaded))
        );
        assert_eq!(s.row("c").map(|r| &r.state), Some(&RowState::Pending));
        assert!(s.row("b").is_none());
    }

    #[test]
    fn operations_disable_then_report() {
        let mut s = listed(&["a"]);
        s.apply(Action::OperationStarted {
            generation: 0,
            names: vec!["a".into()],
            operation: Operation::Release,
        });
        assert_eq!(
            s.row("a").and_then(|r| r.in_flight),
            Some(Operation::Release)
        );
        s.apply(Action::OperationFinished {
            generation: 0,
            database: "default".into(),
            name: "a".into(),
            operation: Operation::Release,
            result: Err(error()),
        });
        assert_eq!(s.row("a").and_then(|r| r.in_flight), None);
        assert_eq!(s.outcomes.len(), 1);
    }

    #[test]
    fn filters_by_name_and_state() {
        let mut s = listed(&["books", "films", "BookClub"]);
        s.apply(Action::StatesLoaded {
            generation: 0,
            states: vec![
                ("books".into(), Ok(LoadState::Loaded)),
                ("BookClub".into(), Ok(LoadState::NotLoad)),
            ],
        });
        s.apply(Action::SetFilter("book".into()));
        assert_eq!(s.visible_rows().len(), 2);
        s.apply(Action::SetStateFilter(StateFilter::Released));
        let names: Vec<&str> = s.visible_rows().iter().map(|r| &*r.name).collect();
        assert_eq!(names, ["BookClub"]);
    }

    #[test]
    fn the_name_filter_ignores_ascii_case_and_matches_other_scripts_exactly() {
        let mut s = listed(&["Vectors_2024", "vectors_old", "índice", "数据"]);
        let shown = |s: &ConsoleState| -> Vec<String> {
            s.visible_rows()
                .iter()
                .map(|r| r.name.to_string())
                .collect()
        };
        s.apply(Action::SetFilter("  VECTORS ".into()));
        assert_eq!(shown(&s), ["Vectors_2024", "vectors_old"]);
        s.apply(Action::SetFilter("índ".into()));
        assert_eq!(shown(&s), ["índice"]);
        s.apply(Action::SetFilter("数".into()));
        assert_eq!(shown(&s), ["数据"]);
        s.apply(Action::SetFilter("a longer needle than any name".into()));
        assert!(shown(&s).is_empty());
    }

    #[test]
    fn partition_counts_fill_rows_and_survive_a_refresh() {
        let mut s = listed(&["a", "b"]);
        s.apply(Action::PartitionCountsLoaded {
            generation: 0,
            counts: vec![("a".into(), 3), ("gone".into(), 9)],
        });
        // A late reply of an older view changes nothing.
        s.apply(Action::PartitionCountsLoaded {
            generation: 7,
            counts: vec![("b".into(), 5)],
        });
        assert_eq!(s.row("a").and_then(|r| r.partitions), Some(3));
        assert_eq!(s.row("b").and_then(|r| r.partitions), None);
        s.apply(Action::ListLoaded {
            generation: 0,
            result: Ok(vec!["a".into(), "b".into()]),
            at: 2.0,
        });
        assert_eq!(s.row("a").and_then(|r| r.partitions), Some(3));
        // Listing a collection's partitions counts them too.
        s.apply(Action::PartitionsListed {
            generation: 0,
            collection: "b".into(),
            result: Ok(vec!["_default".into(), "p1".into()]),
        });
        assert_eq!(s.row("b").and_then(|r| r.partitions), Some(2));
    }

    #[test]
    fn select_matching_ticks_only_filtered_rows_and_refresh_drops_gone_ones() {
        let mut s = listed(&["books", "films", "bookclub"]);
        s.apply(Action::SetFilter("book".into()));
        s.apply(Action::SelectMatching(true));
        assert_eq!(s.selected.len(), 2);
        s.apply(Action::ToggleSelected("books".into()));
        assert_eq!(s.selected.len(), 1);
        s.apply(Action::ListLoaded {
            generation: 0,
            result: Ok(vec!["films".into()]),
            at: 9.0,
        });
        assert!(s.selected.is_empty());
    }

    #[test]
    fn partition_states_give_the_row_its_coverage() {
        let mut s = listed(&["c"]);
        s.apply(Action::StatesLoaded {
            generation: 0,
            states: vec![("c".into(), Ok(LoadState::Loaded))],
        });
        s.apply(Action::OpenCollection("c".into()));
        s.apply(Action::PartitionsListed {
            generation: 0,
            collection: "c".into(),
            result: Ok(vec!["_default".into(), "p1".into()]),
        });
        s.apply(Action::PartitionStates {
            generation: 0,
            collection: "c".into(),
            states: vec![
                ("_default".into(), Ok(LoadState::NotLoad)),
                ("p1".into(), Ok(LoadState::Loaded)),
            ],
        });
        let coverage = s.row("c").and_then(|r| r.coverage).unwrap();
        assert_eq!((coverage.loaded, coverage.total), (1, 2));
        // Replies for another collection or an older generation change nothing.
        s.apply(Action::PartitionStates {
            generation: 7,
            collection: "c".into(),
            states: vec![("p1".into(), Ok(LoadState::NotLoad))],
        });
        assert_eq!(
            s.open.as_ref().unwrap().partitions[1].state,
            RowState::Known(LoadState::Loaded)
        );
    }

    #[test]
    fn a_partition_key_refusal_disables_partition_actions() {
        let mut s = listed(&["c"]);
        s.apply(Action::OpenCollection("c".into()));
        s.apply(Action::PartitionOperationFinished {
            generation: 0,
            database: "default".into(),
            collection: "c".into(),
            names: vec!["p".into()],
            operation: Operation::Release,
            result: Err(ApiErrorKind::Milvus {
                code: 65535,
                message: "disable release partition if partition key mode is used".into(),
            }
            .into()),
        });
        assert!(s.open.as_ref().unwrap().partition_key);
    }

    #[test]
    fn a_partition_operation_answered_after_its_view_closed_is_still_reported() {
        let mut s = listed(&["c"]);
        s.apply(Action::OpenCollection("c".into()));
        s.apply(Action::CloseCollection);
        s.apply(Action::PartitionOperationFinished {
            generation: 0,
            database: "default".into(),
            collection: "c".into(),
            names: vec!["p1".into(), "p2".into()],
            operation: Operation::Release,
            result: Ok(()),
        });
        assert_eq!(s.outcomes.len(), 1);
        assert_eq!(s.outcomes[0].partitions, ["p1", "p2"]);
        assert_eq!(s.outcomes[0].collection, "c");
    }

    #[test]
    fn sorts_by_state_and_progress_keeping_names_in_order() {
        let mut s = listed(&["a", "b", "c", "d"]);
        s.apply(Action::StatesLoaded {
            generation: 0,
            states: vec![
                ("a".into(), Ok(LoadState::NotLoad)),
                ("b".into(), Ok(LoadState::Loading { progress: 10 })),
                ("c".into(), Ok(LoadState::Loaded)),
                ("d".into(), Ok(LoadState::Loading { progress: 60 })),
            ],
        });
        let names = |s: &ConsoleState| {
            s.visible_rows()
                .iter()
                .map(|r| r.name.to_string())
                .collect::<Vec<_>>()
        };
        s.apply(Action::SetSort(SortKey::State));
        assert_eq!(names(&s), ["b", "d", "c", "a"]);
        s.apply(Action::SetSort(SortKey::Progress));
        assert_eq!(names(&s), ["c", "d", "b", "a"]);
    }

    #[test]
    fn an_outcome_is_kept_across_a_database_switch() {
        let mut s = listed(&["a"]);
        s.apply(Action::SelectDatabase("analytics".into()));
        s.apply(Action::OperationFinished {
            generation: 0,
            database: "default".into(),
            name: "a".into(),
            operation: Operation::Release,
            result: Ok(()),
        });
        assert_eq!(s.outcomes.len(), 1);
        assert_eq!(s.outcomes[0].database, "default");
    }
}
