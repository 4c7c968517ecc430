//! Reducer tests of operations, confirmations and ordering.

use super::tests::{error, listed, progress, start, state_of, target};
use super::*;
use crate::api::{ApiErrorKind, LoadState};

#[test]
fn operations_disable_their_row_then_report() {
    let mut s = listed(&["a"]);
    let t = target(&s, "a", &[], Operation::Release);
    start(&mut s, 1, t);
    assert_eq!(
        s.row("a").and_then(|r| r.in_flight),
        Some(Operation::Release)
    );
    progress(&mut s, 1, Progress::Failed(error()), 5);
    assert_eq!(s.row("a").and_then(|r| r.in_flight), None);
    assert_eq!(s.outcomes.len(), 1);
    assert!(s.outcomes[0]
        .text("default")
        .starts_with("Release a: failed: HTTP 502"));
}

#[test]
fn an_outcome_is_kept_across_a_database_switch_and_names_its_database() {
    let mut s = listed(&["a"]);
    let t = target(&s, "a", &[], Operation::Release);
    start(&mut s, 1, t);
    s.apply(Action::SelectDatabase("analytics".into()));
    progress(&mut s, 1, Progress::Done, 2);
    assert_eq!(s.outcomes.len(), 1);
    assert_eq!(
        s.outcomes[0].text(&s.database),
        "Release a (database default): done"
    );
}

#[test]
fn a_row_still_busy_keeps_its_button_disabled_after_a_refresh() {
    let mut s = listed(&["a", "b"]);
    let t = target(&s, "a", &[], Operation::Load);
    start(&mut s, 1, t);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Ok(vec!["a".into(), "b".into()]),
            at: 2.0,
        },
    });
    assert_eq!(s.row("a").and_then(|r| r.in_flight), Some(Operation::Load));
}

#[test]
fn a_partition_key_refusal_disables_partition_actions() {
    let mut s = listed(&["c"]);
    s.apply(Action::OpenCollection("c".into()));
    let t = target(&s, "c", &["p"], Operation::Release);
    start(&mut s, 1, t);
    let refusal = ApiErrorKind::Milvus {
        code: 65535,
        message: "disable release partition if partition key mode is used".into(),
    };
    progress(&mut s, 1, Progress::Failed(refusal.into()), 3);
    assert!(s.open.as_ref().is_some_and(|v| v.partition_key));
    assert_eq!(s.open_outcome().map(|o| o.id), Some(1));
}

#[test]
fn a_partition_outcome_is_reported_after_its_view_closed() {
    let mut s = listed(&["c"]);
    s.apply(Action::OpenCollection("c".into()));
    let t = target(&s, "c", &["p1", "p2"], Operation::Release);
    start(&mut s, 1, t);
    s.apply(Action::CloseCollection);
    progress(&mut s, 1, Progress::Done, 3);
    assert_eq!(
        s.outcomes[0].text("default"),
        "Release partitions p1, p2 of c: done"
    );
}

/// A state read sent before a release was answered lands after the re-check: it does not
/// overwrite it (replies are ordered by when they were sent, not when they arrived).
#[test]
fn a_state_older_than_what_the_row_knows_is_dropped() {
    let mut s = listed(&["books"]);
    let t = target(&s, "books", &[], Operation::Release);
    start(&mut s, 1, t);
    // Read 1 was sent before the release; the release was answered at 2; re-check sent at 3.
    progress(&mut s, 1, Progress::Done, 2);
    let read = |sent, state| Action::Reply {
        generation: 0,
        reply: Reply::States(vec![StateRead {
            name: "books".into(),
            sent,
            at: 0.0,
            result: Ok(state),
        }]),
    };
    s.apply(read(3, LoadState::NotLoad));
    s.apply(read(1, LoadState::Loaded));
    assert_eq!(
        state_of(&s, "books"),
        Some(RowState::Known(LoadState::NotLoad))
    );
    // Even with the re-check still on its way, the old read cannot land.
    let mut s = listed(&["films"]);
    let t = target(&s, "films", &[], Operation::Load);
    start(&mut s, 1, t);
    progress(&mut s, 1, Progress::Done, 2);
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::States(vec![StateRead {
            name: "films".into(),
            sent: 1,
            at: 0.0,
            result: Ok(LoadState::NotLoad),
        }]),
    });
    assert_eq!(state_of(&s, "films"), Some(RowState::Pending));
}

#[test]
fn partition_states_are_ordered_too() {
    let mut s = listed(&["c"]);
    s.apply(Action::OpenCollection("c".into()));
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::PartitionsListed {
            collection: "c".into(),
            result: Ok(vec!["p".into()]),
        },
    });
    let read = |sent, state| Action::Reply {
        generation: 0,
        reply: Reply::PartitionStates {
            collection: "c".into(),
            states: vec![StateRead {
                name: "p".into(),
                sent,
                at: 0.0,
                result: Ok(state),
            }],
        },
    };
    s.apply(read(5, LoadState::Loaded));
    s.apply(read(4, LoadState::NotLoad));
    let view = s.open.as_ref().unwrap();
    assert_eq!(view.partitions[0].state, RowState::Known(LoadState::Loaded));
}

/// A confirmation is about what was on screen; switching database, reconnecting or turning
/// read-only on closes it.
#[test]
fn a_confirmation_closes_when_its_context_changes() {
    let ask = |s: &mut ConsoleState| {
        let targets = s.collection_targets(&["books".into()], Operation::Release);
        s.apply(Action::Ask(Confirmation {
            targets,
            releases_everything: false,
            ..Default::default()
        }));
        assert!(s.confirm.is_some());
    };
    let mut s = listed(&["books"]);
    ask(&mut s);
    assert_eq!(&*s.confirm.as_ref().unwrap().targets[0].database, "default");
    s.apply(Action::SelectDatabase("analytics".into()));
    assert!(s.confirm.is_none());
    ask(&mut s);
    s.apply(Action::Connect {
        connection: 2,
        database: "analytics".into(),
    });
    assert!(s.confirm.is_none());
    ask(&mut s);
    s.apply(Action::SetReadOnly(true));
    assert!(s.confirm.is_none());
    // Read-only refuses new confirmations.
    let targets = s.collection_targets(&["books".into()], Operation::Load);
    s.apply(Action::Ask(Confirmation {
        targets,
        releases_everything: false,
        ..Default::default()
    }));
    assert!(s.confirm.is_none());
}

/// An interval beyond what a timer can hold is taken as the longest supported one, and that
/// is what the toolbar shows.
#[test]
fn a_huge_refresh_interval_is_capped() {
    let mut s = listed(&[]);
    s.apply(Action::SetRefreshInterval(3_000_000));
    assert_eq!(s.refresh_interval, MAX_REFRESH_INTERVAL);
    s.apply(Action::SetRefreshInterval(30));
    assert_eq!(s.refresh_interval, 30);
}

#[test]
fn outcome_counts_summarise_what_is_open() {
    let mut s = listed(&["a", "b", "c"]);
    for (id, name) in [(1, "a"), (2, "b"), (3, "c")] {
        let t = target(&s, name, &[], Operation::Load);
        start(&mut s, id, t);
    }
    progress(&mut s, 1, Progress::Done, 2);
    progress(&mut s, 2, Progress::Unknown(error()), 2);
    let counts = OutcomeCounts::of(&s.outcomes);
    assert_eq!(
        counts.summary(),
        "1 done, 0 failed, 1 in progress, 1 unknown — re-checking"
    );
    assert!(s.outcomes[1]
        .text("default")
        .starts_with("Load b: unknown — re-checking"));
    progress(&mut s, 2, Progress::Done, 3);
    assert_eq!(
        s.outcomes[1].text("default"),
        "Load b: done (confirmed by re-reading)"
    );
    s.apply(Action::DismissOutcomes);
    assert_eq!(s.outcomes.len(), 1, "what is still running stays");
}
