//! Rows of the collections view: what is known of each collection, the filters and orders
//! of the view, and the counts of the summary line.

use std::rc::Rc;

use crate::api::{ApiError, LoadState, PartitionCoverage};

use super::{Abandonment, Operation, Pace, Replicas, RowSize};

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

impl RowState {
    /// The operations a collection or partition in this state offers: the one that changes a
    /// known state, both when the state is unknown or its read failed (the confirmation says
    /// what will happen), none while it is first read or once it is gone.
    pub fn offers(&self) -> &'static [Operation] {
        match self {
            RowState::Known(LoadState::Loaded | LoadState::Loading { .. }) => &[Operation::Release],
            RowState::Known(LoadState::NotLoad) => &[Operation::Load],
            RowState::Known(LoadState::Unknown(_)) | RowState::Failed(_) => {
                &[Operation::Release, Operation::Load]
            }
            RowState::Known(LoadState::Missing) | RowState::Pending => &[],
        }
    }

    /// What the button of an offered `operation` says: releasing a loading one cancels it.
    pub fn offer_label(&self, operation: Operation) -> &'static str {
        match (self, operation) {
            (RowState::Known(LoadState::Loading { .. }), Operation::Release) => "Cancel load",
            _ => operation.label(),
        }
    }
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
    /// A loaded collection found partly loaded by one read listing all its partitions (the
    /// server names only the first partition not loaded, so no count).
    pub partly_loaded: bool,
    /// Order of the newest state read applied (see `ConsoleState::next_read`): an older
    /// reply never overwrites it.
    pub read_at: u64,
    /// The last read could not tell the state (the server's text): `state` is the last known
    /// one, and the row is read again until it is known.
    pub unconfirmed: Option<String>,
    /// The percent of the load this console is following (the row read Loading), until the
    /// row settles or this console releases it.
    pub following: Option<u8>,
    /// The server dropped the load that was followed here (shown until the row loads again).
    pub abandoned: Option<Abandonment>,
    /// The readings of the load followed here, for the time left and stalls.
    pub pace: Option<Pace>,
    /// Rows and estimated memory, once read (rows on screen, once per refresh).
    pub size: Option<Rc<RowSize>>,
    /// Loaded replicas, from the resource groups.
    pub replicas: Replicas,
}

impl Row {
    /// Fully loaded with nothing in flight: its replicas may change (the load that applies
    /// them loads every partition).
    pub fn replicas_changeable(&self) -> bool {
        self.state == RowState::Known(LoadState::Loaded)
            && !self.is_partly_loaded()
            && self.in_flight.is_none()
    }

    /// Loaded, with some partitions known to be released (the server still says Loaded).
    pub fn is_partly_loaded(&self) -> bool {
        self.state == RowState::Known(LoadState::Loaded)
            && (self.partly_loaded || self.coverage.is_some_and(|c| c.is_partial()))
    }

    /// A listed collection whose state is not known yet.
    pub fn pending(name: Rc<str>) -> Row {
        Row {
            name,
            state: RowState::Pending,
            in_flight: None,
            coverage: None,
            partitions: None,
            partly_loaded: false,
            read_at: 0,
            unconfirmed: None,
            following: None,
            abandoned: None,
            pace: None,
            size: None,
            replicas: Replicas::NotKnown,
        }
    }

    /// Not settled: loading, or its state not known for now. Such rows are read again until
    /// they settle.
    pub fn unsettled(&self) -> bool {
        self.unconfirmed.is_some()
            || matches!(
                self.state,
                RowState::Known(LoadState::Loading { .. } | LoadState::Unknown(_))
            )
    }
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
    /// Loaded first, largest estimated memory first.
    Memory,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Name,
        SortKey::State,
        SortKey::Progress,
        SortKey::Memory,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::State => "state",
            SortKey::Progress => "progress",
            SortKey::Memory => "memory",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::State => "State",
            SortKey::Progress => "Progress",
            SortKey::Memory => "Memory (est.)",
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
pub(super) fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle))
}

pub(super) fn state_rank(state: &RowState) -> u8 {
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

/// The order by progress, most advanced first: loaded, then loads by their percent, then
/// released and unknown.
pub(super) fn progress_rank(state: &RowState) -> u64 {
    match state {
        RowState::Known(LoadState::Loaded) => 1000 - 100,
        RowState::Known(LoadState::Loading { progress }) => 1000 - u64::from(*progress),
        _ => 1001,
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
    pub fn of(rows: &[Rc<Row>]) -> StateCounts {
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
