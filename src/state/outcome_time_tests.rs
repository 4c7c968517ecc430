//! Reducer tests: outcomes carry their time, and the session keeps the latest ones.
use super::tests::{listed, target};
use super::*;

fn started(s: &mut ConsoleState, id: u64, progress: Progress, at: f64) {
    let target = target(s, "a", &[], Operation::Release);
    s.apply(Action::OperationStarted(Outcome {
        id,
        target,
        progress,
        rechecked: false,
        at,
    }));
}

#[test]
fn an_outcome_carries_the_time_it_last_moved() {
    let mut s = listed(&["a"]);
    started(&mut s, 1, Progress::Working, 1_000.0);
    assert_eq!(s.outcome(1).map(|o| o.at), Some(1_000.0));
    s.apply(Action::OperationProgress {
        id: 1,
        progress: Progress::Done,
        read_at: 1,
        at: 5_000.0,
    });
    assert_eq!(s.outcome(1).map(|o| o.at), Some(5_000.0), "when it ended");
}

#[test]
fn the_latest_outcomes_are_kept_and_the_dropped_ones_counted() {
    let mut s = listed(&["a"]);
    // One still running among the oldest: it is kept, its end still has to land.
    started(&mut s, 1, Progress::Working, 0.0);
    for id in 2..=(MAX_OUTCOMES as u64 + 5) {
        started(&mut s, id, Progress::Done, 0.0);
    }
    assert_eq!(s.outcomes.len(), MAX_OUTCOMES);
    assert_eq!(s.outcomes_dropped, 5);
    assert!(s.outcome(1).is_some(), "running outcomes are never dropped");
    assert!(s.outcome(2).is_none() && s.outcome(6).is_none());
    assert!(s.outcome(7).is_some());
    s.apply(Action::DismissOutcomes);
    assert_eq!(s.outcomes.len(), 1);
    assert_eq!(s.outcomes_dropped, 0, "dismissed with the rest");
}
