//! A row turns Released or Missing only on an answer that says so: an unexplained -1 or a
//! code 100 the server does not confirm keeps the last known state, marked unconfirmed, and is
//! read again.

use milvus_load_console::api::{LoadState, TransportError};
use milvus_load_console::state::{Operation, Progress, RowState};

use crate::support::bodies::{LOADED, NOT_FOUND_100, UNAVAILABLE};
use crate::support::coll;
use crate::support::reported::harness;

/// -1 with an unexplained message is not Released: the row keeps its last known state with
/// the server's text, and is read again like a loading row until the state is known.
#[test]
fn an_unknown_state_keeps_the_last_known_one_and_is_retried() {
    let h = harness(6);
    h.show(&["a"]);
    h.state_is("a", LOADED);
    h.resweep(&["a"]);
    h.state_is("a", UNAVAILABLE);
    let row = h.state().row("a").cloned().unwrap();
    assert_eq!(row.state, RowState::Known(LoadState::Loaded));
    assert!(
        row.unconfirmed
            .as_deref()
            .is_some_and(|t| t.contains("service unavailable")),
        "{row:?}"
    );
    h.rt.advance(1_000);
    assert_eq!(h.waiting("get_load_state", &coll("a")), 1, "retried");
    h.state_is("a", LOADED);
    assert_eq!(h.state().row("a").unwrap().unconfirmed, None);
    h.rt.advance(60_000);
    assert_eq!(
        h.waiting("get_load_state", ""),
        0,
        "known again: no more reads"
    );
}

/// Code 100 can be transient: it is confirmed with collections/has, and a collection that
/// still exists keeps its state (marked unconfirmed) and is read again.
#[test]
fn a_transient_code_100_does_not_turn_a_row_missing() {
    let h = harness(6);
    h.show(&["a"]);
    h.state_is("a", LOADED);
    h.resweep(&["a"]);
    h.answer("get_load_state", &coll("a"), NOT_FOUND_100);
    h.answer(
        "collections/has",
        &coll("a"),
        r#"{"code":0,"data":{"has":true}}"#,
    );
    let row = h.state().row("a").cloned().unwrap();
    assert_eq!(row.state, RowState::Known(LoadState::Loaded));
    assert!(row.unconfirmed.is_some(), "{row:?}");
    h.rt.advance(1_000);
    h.state_is("a", LOADED);
    let row = h.state().row("a").cloned().unwrap();
    assert_eq!(
        (row.state, row.unconfirmed),
        (RowState::Known(LoadState::Loaded), None)
    );
}

/// Code 100 confirmed by collections/has: the collection is gone, and a missing row is not
/// polled.
#[test]
fn a_code_100_confirmed_by_has_turns_a_row_missing() {
    let h = harness(6);
    h.show(&["a"]);
    h.state_is("a", LOADED);
    h.resweep(&["a"]);
    h.answer("get_load_state", &coll("a"), NOT_FOUND_100);
    assert_eq!(
        h.row("a"),
        Some(RowState::Known(LoadState::Loaded)),
        "not yet confirmed"
    );
    h.answer(
        "collections/has",
        &coll("a"),
        r#"{"code":0,"data":{"has":false}}"#,
    );
    assert_eq!(h.row("a"), Some(RowState::Known(LoadState::Missing)));
    h.rt.advance(60_000);
    assert_eq!(
        h.waiting("get_load_state", ""),
        0,
        "a missing row is not polled"
    );
}

/// The re-reads of a write whose reply was lost confirm a code 100 too: the row is not shown
/// Missing while the collection exists.
#[test]
fn a_re_read_after_a_lost_reply_confirms_a_code_100() {
    let h = harness(6);
    h.show(&["a"]);
    h.state_is("a", LOADED);
    h.session
        .operate(vec![h.target("default", "a", &[], Operation::Release)]);
    h.rt.settle();
    h.answer_with(
        "collections/release",
        &coll("a"),
        Err(TransportError::Timeout),
    );
    h.answer("get_load_state", &coll("a"), NOT_FOUND_100);
    h.answer(
        "collections/has",
        &coll("a"),
        r#"{"code":0,"data":{"has":true}}"#,
    );
    assert_eq!(h.row("a"), Some(RowState::Known(LoadState::Loaded)));
    assert!(matches!(h.progress()[0], Progress::Unknown(_)));
}
