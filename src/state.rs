//! The console's state and its reducer: plain Rust, tested natively. Requests live in
//! `controller`; components only read this state and send `Action`s.

use std::collections::HashMap;
use std::rc::Rc;

use yew::Reducible;

use crate::api::{ApiError, LoadState};

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
#[derive(Clone, Debug, PartialEq)]
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
    pub collection: String,
    pub operation: Operation,
    pub result: Result<(), ApiError>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub name: Rc<str>,
    pub state: RowState,
    /// An operation sent and not yet answered: its button is disabled.
    pub in_flight: Option<Operation>,
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
    pub rows: Vec<Row>,
    index: HashMap<Rc<str>, usize>,
    /// The last refresh failed: the rows shown are the last good ones.
    pub stale: Option<ApiError>,
    /// When the list was last fetched (milliseconds since the epoch).
    pub refreshed_at: Option<f64>,
    pub filter: String,
    pub state_filter: StateFilter,
    pub outcomes: Vec<Outcome>,
}

/// Everything that changes the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A new connection: everything is forgotten.
    Connect { database: String },
    DatabasesLoaded(Result<Vec<String>, ApiError>),
    SelectDatabase(String),
    ListRequested { generation: u64 },
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
    OperationFinished {
        generation: u64,
        name: Rc<str>,
        operation: Operation,
        result: Result<(), ApiError>,
    },
    DismissOutcomes,
    SetFilter(String),
    SetStateFilter(StateFilter),
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
        self.rows.get_mut(i)
    }

    /// Rows that pass the name and state filters, in display order.
    pub fn visible_rows(&self) -> Vec<&Row> {
        let needle = self.filter.trim().to_lowercase();
        self.rows
            .iter()
            .filter(|r| needle.is_empty() || r.name.to_lowercase().contains(&needle))
            .filter(|r| self.state_filter.keeps(&r.state))
            .collect()
    }

    /// Counts per state for the summary line: loaded, loading, released, other, pending.
    pub fn counts(&self) -> StateCounts {
        let mut counts = StateCounts::default();
        for row in &self.rows {
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

    /// Names whose state is loading: they are polled until they settle.
    pub fn loading_names(&self) -> Vec<Rc<str>> {
        self.rows
            .iter()
            .filter(|r| matches!(r.state, RowState::Known(LoadState::Loading { .. })))
            .map(|r| r.name.clone())
            .collect()
    }

    fn set_rows(&mut self, names: Vec<String>) {
        let previous: HashMap<Rc<str>, Row> = self
            .rows
            .drain(..)
            .map(|r| (r.name.clone(), r))
            .collect();
        let mut names = names;
        names.sort();
        names.dedup();
        self.rows = names
            .into_iter()
            .map(|name| {
                let name: Rc<str> = name.into();
                previous.get(&name).cloned().unwrap_or(Row {
                    name,
                    state: RowState::Pending,
                    in_flight: None,
                })
            })
            .collect();
        self.index = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.clone(), i))
            .collect();
    }

    fn reset_view(&mut self) {
        self.generation += 1;
        self.list = Remote::NotAsked;
        self.rows.clear();
        self.index.clear();
        self.stale = None;
        self.refreshed_at = None;
        self.outcomes.clear();
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
                            Ok(state) => RowState::Known(state),
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
                name,
                operation,
                result,
            } if generation == self.generation => {
                if let Some(row) = self.row_mut(&name) {
                    row.in_flight = None;
                }
                self.outcomes.push(Outcome {
                    collection: name.to_string(),
                    operation,
                    result,
                });
            }
            Action::DismissOutcomes => self.outcomes.clear(),
            Action::SetFilter(filter) => self.filter = filter,
            Action::SetStateFilter(filter) => self.state_filter = filter,
            // Replies of an older generation, and no-op selections.
            _ => {}
        }
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
        assert_eq!(s.rows.iter().map(|r| &*r.name).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(s.counts().pending, 2);
        s.apply(Action::StatesLoaded {
            generation: 0,
            states: vec![("a".into(), Ok(LoadState::Loaded)), ("b".into(), Err(error()))],
        });
        assert_eq!(s.row("a").map(|r| &r.state), Some(&RowState::Known(LoadState::Loaded)));
        assert!(matches!(s.row("b").map(|r| &r.state), Some(RowState::Failed(_))));
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
        assert_eq!(s.row("a").map(|r| &r.state), Some(&RowState::Known(LoadState::Loaded)));
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
        assert_eq!(s.row("a").and_then(|r| r.in_flight), Some(Operation::Release));
        s.apply(Action::OperationFinished {
            generation: 0,
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
}
