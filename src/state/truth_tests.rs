//! Reducer tests: what the rows must not hide (partial loads).
use super::tests::{listed, reads};
use super::*;
use crate::api::{LoadExtent, LoadState};

fn extent(s: &mut ConsoleState, name: &str, sent: u64, extent: LoadExtent) {
    let generation = s.generation;
    s.apply(Action::Reply {
        generation,
        reply: Reply::Extent {
            collection: name.into(),
            sent,
            extent,
        },
    });
}

fn states(s: &mut ConsoleState, name: &str, sent: u64, state: LoadState) {
    let generation = s.generation;
    let mut states = reads(vec![(name.into(), Ok(state))]);
    for read in &mut states {
        read.sent = sent;
    }
    s.apply(Action::Reply {
        generation,
        reply: Reply::States(states),
    });
}

fn partly(s: &ConsoleState, name: &str) -> bool {
    s.row(name).is_some_and(|r| r.partly_loaded)
}

#[test]
fn a_partial_extent_marks_a_loaded_row_until_it_changes() {
    let mut s = listed(&["a", "b"]);
    states(&mut s, "a", 1, LoadState::Loaded);
    states(&mut s, "b", 1, LoadState::NotLoad);
    extent(&mut s, "a", 2, LoadExtent::Partial { failure: None });
    extent(&mut s, "b", 2, LoadExtent::Partial { failure: None });
    assert!(partly(&s, "a"));
    assert!(!partly(&s, "b"), "only a row reading Loaded");
    // An extent older than the row's state changes nothing.
    states(&mut s, "a", 5, LoadState::Loading { progress: 40 });
    assert!(!partly(&s, "a"));
    states(&mut s, "a", 6, LoadState::Loaded);
    extent(&mut s, "a", 4, LoadExtent::Partial { failure: None });
    assert!(!partly(&s, "a"), "stale extent dropped");
    extent(&mut s, "a", 7, LoadExtent::Partial { failure: None });
    extent(&mut s, "a", 8, LoadExtent::Full);
    assert!(!partly(&s, "a"));
}

#[test]
fn a_skipped_operation_is_final_and_counted() {
    let skipped = Progress::Skipped("already loaded");
    assert!(skipped.is_final());
    let mut s = listed(&["a"]);
    let target = super::tests::target(&s, "a", &[], Operation::Load);
    super::tests::start(&mut s, 1, target);
    super::tests::progress(&mut s, 1, skipped, 1);
    assert_eq!(s.row("a").and_then(|r| r.in_flight), None);
    let counts = OutcomeCounts::of(&s.outcomes);
    assert_eq!(counts.summary(), "0 done, 0 failed, 1 skipped");
    assert_eq!(
        s.outcomes[0].text("default"),
        "Load a: skipped — already loaded"
    );
}
