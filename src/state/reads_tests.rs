//! Reducer tests: what a state read does to its row (unclear and older reads, abandoned loads).
use super::tests::{listed, progress, start, target};
use super::*;
use crate::api::LoadState;

fn read(name: &str, sent: u64, state: LoadState) -> StateRead {
    StateRead {
        name: name.into(),
        sent,
        at: 0.0,
        result: Ok(state),
    }
}

fn apply(s: &mut ConsoleState, read: StateRead) {
    let generation = s.generation;
    s.apply(Action::Reply {
        generation,
        reply: Reply::States(vec![read]),
    });
}

const LOADING: LoadState = LoadState::Loading { progress: 37 };

#[test]
fn an_unknown_read_keeps_the_last_known_state_marked_unconfirmed_and_unsettled() {
    let mut s = listed(&["a", "b"]);
    apply(&mut s, read("a", 1, LoadState::Loaded));
    apply(&mut s, read("a", 2, LoadState::Unknown("not ready".into())));
    let row = s.row("a").unwrap();
    assert_eq!(row.state, RowState::Known(LoadState::Loaded));
    assert_eq!(row.unconfirmed.as_deref(), Some("not ready"));
    assert_eq!(s.unsettled_rows(), [Rc::from("a")]);
    // Nothing known before: the unknown state itself, read again too.
    apply(&mut s, read("b", 3, LoadState::Unknown("not ready".into())));
    assert_eq!(
        s.row("b").unwrap().state,
        RowState::Known(LoadState::Unknown("not ready".into()))
    );
    assert!(s.any_unsettled());
    apply(&mut s, read("a", 4, LoadState::Loaded));
    apply(&mut s, read("b", 4, LoadState::NotLoad));
    assert_eq!(s.row("a").unwrap().unconfirmed, None);
    assert!(!s.any_unsettled());
}

#[test]
fn a_followed_load_read_not_loaded_is_abandoned_unless_released_here() {
    let mut s = listed(&["a"]);
    apply(&mut s, read("a", 1, LOADING));
    assert_eq!(s.abandons(&read("a", 2, LoadState::NotLoad)), Some(37));
    assert_eq!(s.abandons(&read("a", 0, LoadState::NotLoad)), None, "older");
    assert_eq!(s.abandons(&read("a", 2, LoadState::Loaded)), None);
    // Unknown meanwhile: still followed.
    apply(&mut s, read("a", 2, LoadState::Unknown("timeout".into())));
    assert_eq!(s.abandons(&read("a", 3, LoadState::NotLoad)), Some(37));
    // A release from here under way, then answered: not abandoned.
    let release = target(&s, "a", &[], Operation::Release);
    start(&mut s, 1, release);
    assert_eq!(s.abandons(&read("a", 3, LoadState::NotLoad)), None);
    apply(&mut s, read("a", 3, LOADING));
    assert_eq!(
        s.abandons(&read("a", 4, LoadState::NotLoad)),
        None,
        "under way"
    );
    progress(&mut s, 1, Progress::Done, 5);
    assert_eq!(s.abandons(&read("a", 6, LoadState::NotLoad)), None);
}

#[test]
fn an_abandoned_load_marks_its_row_until_it_loads_again() {
    let mut s = listed(&["a"]);
    apply(&mut s, read("a", 1, LOADING));
    apply(&mut s, read("a", 2, LoadState::NotLoad));
    let abandonment = Abandonment {
        at: "14:02".into(),
        was: 37,
        elsewhere: false,
    };
    s.apply(Action::OperationStarted(Outcome {
        id: 1,
        target: target(&s, "a", &[], Operation::Load),
        progress: Progress::Abandoned(abandonment.clone()),
        rechecked: false,
        at: 0.0,
    }));
    let row = s.row("a").unwrap();
    assert_eq!(row.abandoned, Some(abandonment));
    assert_eq!(row.in_flight, None);
    assert_eq!(
        s.outcomes[0].text("default"),
        "Load a: load abandoned by the server at 14:02 — was 37%"
    );
    assert_eq!(OutcomeCounts::of(&s.outcomes).failed, 1);
    apply(&mut s, read("a", 3, LoadState::NotLoad));
    assert!(s.row("a").unwrap().abandoned.is_some());
    apply(&mut s, read("a", 4, LOADING));
    assert_eq!(s.row("a").unwrap().abandoned, None);
}
