//! Reducer tests: time left from the observed rate, and stalled loads.
use super::tests::listed;
use super::*;
use crate::api::LoadState;

const MINUTE: f64 = 60_000.0;

fn loading(s: &mut ConsoleState, sent: u64, progress: u8, at: f64) {
    let generation = s.generation;
    s.apply(Action::Reply {
        generation,
        reply: Reply::States(vec![read(sent, progress, at)]),
    });
}

fn read(sent: u64, progress: u8, at: f64) -> StateRead {
    StateRead {
        name: "a".into(),
        sent,
        at,
        result: Ok(LoadState::Loading { progress }),
    }
}

fn pace(s: &ConsoleState) -> Pace {
    s.row("a").and_then(|r| r.pace).unwrap()
}

#[test]
fn one_reading_gives_no_estimate() {
    let mut s = listed(&["a"]);
    loading(&mut s, 1, 37, 0.0);
    assert_eq!(pace(&s).time_left(), None);
    assert_eq!(pace(&s).time_left_text(), None);
    loading(&mut s, 2, 37, MINUTE);
    assert_eq!(pace(&s).time_left(), None, "no progress seen yet");
}

#[test]
fn time_left_comes_from_the_observed_rate() {
    let mut s = listed(&["a"]);
    loading(&mut s, 1, 20, 0.0);
    loading(&mut s, 2, 30, 2.0 * MINUTE);
    // 10% in 2 minutes: 70% more is 14 minutes.
    assert_eq!(pace(&s).time_left(), Some(14.0 * MINUTE));
    assert_eq!(
        pace(&s).time_left_text().as_deref(),
        Some("about 14 min left")
    );
    loading(&mut s, 3, 90, 3.0 * MINUTE);
    assert_eq!(
        pace(&s).time_left_text().as_deref(),
        Some("less than a minute left")
    );
}

#[test]
fn progress_unchanged_for_the_configured_minutes_stalls_once() {
    let mut s = listed(&["a"]);
    loading(&mut s, 1, 37, 0.0);
    loading(&mut s, 2, 37, 4.0 * MINUTE);
    assert!(!pace(&s).stalled);
    assert_eq!(s.stalls(&read(3, 37, 5.0 * MINUTE)), Some(pace_at(37, 0.0)));
    loading(&mut s, 3, 37, 5.0 * MINUTE);
    assert!(pace(&s).stalled);
    assert_eq!(
        pace(&s).since,
        0.0,
        "stalled since the percent was first read"
    );
    // Once: a later read of the same stall is not a new one.
    assert_eq!(s.stalls(&read(4, 37, 9.0 * MINUTE)), None);
    // An older read tells nothing.
    assert_eq!(s.stalls(&read(1, 37, 9.0 * MINUTE)), None);
}

fn pace_at(progress: u8, since: f64) -> Pace {
    Pace::start(progress, since).observe(progress, 5.0 * MINUTE, StallAfter::default())
}

#[test]
fn progress_that_moves_clears_the_stall() {
    let mut s = listed(&["a"]);
    loading(&mut s, 1, 37, 0.0);
    loading(&mut s, 2, 37, 6.0 * MINUTE);
    assert!(pace(&s).stalled);
    loading(&mut s, 3, 38, 7.0 * MINUTE);
    assert!(!pace(&s).stalled);
    assert_eq!(pace(&s).since, 7.0 * MINUTE);
    // It can stall again, and is reported again.
    assert!(s.stalls(&read(4, 38, 12.0 * MINUTE)).is_some());
}

#[test]
fn the_stall_minutes_are_configurable_and_zero_never_stalls() {
    let mut s = listed(&["a"]);
    s.apply(Action::SetStallMinutes(2));
    loading(&mut s, 1, 37, 0.0);
    loading(&mut s, 2, 37, 2.0 * MINUTE);
    assert!(pace(&s).stalled);
    let mut s = listed(&["a"]);
    s.apply(Action::SetStallMinutes(0));
    loading(&mut s, 1, 37, 0.0);
    loading(&mut s, 2, 37, 600.0 * MINUTE);
    assert!(!pace(&s).stalled);
}

#[test]
fn a_settled_or_released_load_is_no_longer_paced() {
    let mut s = listed(&["a"]);
    loading(&mut s, 1, 37, 0.0);
    let generation = s.generation;
    s.apply(Action::Reply {
        generation,
        reply: Reply::States(vec![StateRead {
            name: "a".into(),
            sent: 2,
            at: MINUTE,
            result: Ok(LoadState::Loaded),
        }]),
    });
    assert_eq!(s.row("a").unwrap().pace, None);
}
