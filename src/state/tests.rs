//! Reducer tests.
use super::*;
use crate::api::{ApiError, ApiErrorKind, LoadState};

/// State reads, all sent at 1.
pub(super) fn reads(states: Vec<(Rc<str>, Result<LoadState, ApiError>)>) -> Vec<StateRead> {
    states
        .into_iter()
        .map(|(name, result)| StateRead {
            name,
            sent: 1,
            at: 0.0,
            result,
        })
        .collect()
}

pub(super) fn target(
    s: &ConsoleState,
    collection: &str,
    partitions: &[&str],
    operation: Operation,
) -> Target {
    Target {
        connection: s.connection,
        database: s.database.as_str().into(),
        collection: collection.into(),
        partitions: partitions.iter().map(|p| Rc::from(*p)).collect(),
        operation,
    }
}

pub(super) fn start(s: &mut ConsoleState, id: u64, target: Target) {
    s.apply(Action::OperationStarted(Outcome {
        id,
        target,
        progress: Progress::Working,
        rechecked: false,
        at: 0.0,
    }));
}

pub(super) fn progress(s: &mut ConsoleState, id: u64, progress: Progress, read_at: u64) {
    s.apply(Action::OperationProgress {
        id,
        progress,
        read_at,
        at: 0.0,
    });
}

pub(super) fn state_of(s: &ConsoleState, name: &str) -> Option<RowState> {
    s.row(name).map(|r| r.state.clone())
}

pub(super) fn listed(names: &[&str]) -> ConsoleState {
    let mut s = ConsoleState::new("default");
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Ok(names.iter().map(|n| n.to_string()).collect()),
            at: 1.0,
        },
    });
    s
}

pub(super) fn error() -> ApiError {
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
        s.rows().iter().map(|r| &*r.name).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(s.counts().pending, 2);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::States(reads(vec![
            ("a".into(), Ok(LoadState::Loaded)),
            ("b".into(), Err(error())),
        ])),
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
    assert!(s.rows().is_empty());
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Ok(vec!["old".into()]),
            at: 2.0,
        },
    });
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::States(reads(vec![("a".into(), Ok(LoadState::Loaded))])),
    });
    assert!(s.rows().is_empty());
    assert_eq!(s.listing, Listing::NotAsked);
}

#[test]
fn a_failed_refresh_keeps_the_rows_and_marks_them_stale() {
    let mut s = listed(&["a"]);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Err(error()),
            at: 3.0,
        },
    });
    assert_eq!(s.rows().len(), 1);
    assert!(s.listing.stale().is_some());
    assert_eq!(s.listing.refreshed_at(), Some(1.0));
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Ok(vec!["a".into()]),
            at: 4.0,
        },
    });
    assert!(s.listing.stale().is_none());
}

#[test]
fn refresh_keeps_known_states_of_rows_still_listed() {
    let mut s = listed(&["a", "b"]);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::States(reads(vec![("a".into(), Ok(LoadState::Loaded))])),
    });
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Ok(vec!["a".into(), "c".into()]),
            at: 5.0,
        },
    });
    assert_eq!(
        s.row("a").map(|r| &r.state),
        Some(&RowState::Known(LoadState::Loaded))
    );
    assert_eq!(s.row("c").map(|r| &r.state), Some(&RowState::Pending));
    assert!(s.row("b").is_none());
}

#[test]
fn partition_counts_fill_rows_and_survive_a_refresh() {
    let mut s = listed(&["a", "b"]);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::PartitionCounts(vec![("a".into(), 3), ("gone".into(), 9)]),
    });
    // A late reply of an older view changes nothing.
    s.apply(Action::Reply {
        generation: 7,
        reply: Reply::PartitionCounts(vec![("b".into(), 5)]),
    });
    assert_eq!(s.row("a").and_then(|r| r.partitions), Some(3));
    assert_eq!(s.row("b").and_then(|r| r.partitions), None);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Ok(vec!["a".into(), "b".into()]),
            at: 2.0,
        },
    });
    assert_eq!(s.row("a").and_then(|r| r.partitions), Some(3));
    // Listing a collection's partitions counts them too.
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::PartitionsListed {
            collection: "b".into(),
            result: Ok(vec!["_default".into(), "p1".into()]),
        },
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
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Ok(vec!["films".into()]),
            at: 9.0,
        },
    });
    assert!(s.selected.is_empty());
}

#[test]
fn partition_states_give_the_row_its_coverage() {
    let mut s = listed(&["c"]);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::States(reads(vec![("c".into(), Ok(LoadState::Loaded))])),
    });
    s.apply(Action::OpenCollection("c".into()));
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::PartitionsListed {
            collection: "c".into(),
            result: Ok(vec!["_default".into(), "p1".into()]),
        },
    });
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::PartitionStates {
            collection: "c".into(),
            states: reads(vec![
                ("_default".into(), Ok(LoadState::NotLoad)),
                ("p1".into(), Ok(LoadState::Loaded)),
            ]),
        },
    });
    let coverage = s.row("c").and_then(|r| r.coverage).unwrap();
    assert_eq!((coverage.loaded, coverage.total), (1, 2));
    // Replies for another collection or an older generation change nothing.
    s.apply(Action::Reply {
        generation: 7,
        reply: Reply::PartitionStates {
            collection: "c".into(),
            states: reads(vec![("p1".into(), Ok(LoadState::NotLoad))]),
        },
    });
    assert_eq!(
        s.open.as_ref().unwrap().partitions[1].state,
        RowState::Known(LoadState::Loaded)
    );
}

#[test]
fn a_state_offers_what_changes_it_and_both_when_it_is_not_known() {
    let offers = |state: RowState| state.offers().to_vec();
    let both = vec![Operation::Release, Operation::Load];
    assert_eq!(
        offers(RowState::Known(LoadState::Loaded)),
        [Operation::Release]
    );
    let loading = RowState::Known(LoadState::Loading { progress: 5 });
    assert_eq!(offers(loading.clone()), [Operation::Release]);
    assert_eq!(loading.offer_label(Operation::Release), "Cancel load");
    assert_eq!(
        offers(RowState::Known(LoadState::NotLoad)),
        [Operation::Load]
    );
    assert_eq!(
        offers(RowState::Known(LoadState::Unknown("x".into()))),
        both
    );
    assert_eq!(offers(RowState::Failed(error())), both);
    assert!(offers(RowState::Known(LoadState::Missing)).is_empty());
    assert!(offers(RowState::Pending).is_empty());
}
