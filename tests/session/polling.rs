//! Polling of unsettled rows: at most one read per row queued or on the wire, backoff from 1 s
//! to 8 s, nothing polled while a sweep reads every state, and an older read never stops it.

use milvus_load_console::api::LoadState;
use milvus_load_console::state::{Action, Operation, RowState};

use crate::support::bodies::{LOADED, LOADING, NOT_LOAD, OK};
use crate::support::coll;
use crate::support::reported::harness;

/// Polls are bounded: each loading row has at most one read queued or on the wire, however
/// long the server takes to answer; a write still goes ahead of the queued polls, in its own
/// lane.
#[test]
fn polls_never_pile_up_behind_a_slow_server() {
    let h = harness(2);
    let names: Vec<String> = (0..20).map(|i| format!("c{i:02}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    h.show(&refs);
    for name in &names {
        h.state_is(name, LOADING);
    }
    // Nothing answers any more for a minute: every poll round finds each row's read still
    // queued or on the wire, and adds none.
    h.rt.advance(60_000);
    let states = h.http.waiting();
    let states = states.iter().filter(|r| r.url.ends_with("get_load_state"));
    assert_eq!(states.count(), 2, "two reads at a time");
    let outstanding = h.session.in_flight() + h.session.queued();
    assert!(
        outstanding <= names.len(),
        "{outstanding} reads queued or sent for {} rows",
        names.len()
    );
    // A write goes ahead of the queued polls, in its own lane.
    h.session
        .operate(vec![h.target("default", "c19", &[], Operation::Release)]);
    h.rt.settle();
    assert_eq!(h.waiting("collections/release", &coll("c19")), 1);
}

/// A sweep is never starved by polls: while it runs (it reads every state anyway) nothing is
/// polled, so the rows still "checking" are read next, not after a round of polls.
#[test]
fn polls_wait_while_a_sweep_reads_every_state() {
    let h = harness(1);
    h.show(&["a", "b", "c", "d"]);
    h.state_is("a", LOADING);
    h.state_is("b", LOADING);
    // The sweep's read of c waits on the wire; polls would have been due long ago.
    h.rt.advance(20_000);
    assert_eq!(h.waiting("get_load_state", &coll("c")), 1);
    assert_eq!(
        h.sent("get_load_state", &coll("a")),
        1,
        "a polled mid-sweep"
    );
    h.state_is("c", LOADED);
    assert_eq!(
        h.waiting("get_load_state", &coll("d")),
        1,
        "d waits behind polls"
    );
    assert_eq!(
        h.sent("get_load_state", &coll("a")),
        1,
        "a polled mid-sweep"
    );
    h.state_is("d", LOADED);
    // Once it has ended, the loading rows are followed again.
    h.rt.advance(1_000);
    assert_eq!(h.waiting("get_load_state", &coll("a")), 1);
}

/// Backoff: polls at 1, 2, 4, 8, 8 s intervals while a row keeps loading; none once it is
/// loaded.
#[test]
fn polling_backs_off_from_one_to_eight_seconds() {
    let h = harness(6);
    h.show(&["films"]);
    h.state_is("films", LOADING);
    let mut polls = Vec::new();
    let start = h.rt.elapsed();
    for _ in 0..30 {
        h.rt.advance(500);
        if h.waiting("get_load_state", &coll("films")) > 0 {
            polls.push(h.rt.elapsed() - start);
            h.state_is("films", LOADING);
        }
    }
    assert_eq!(polls, [1_000, 3_000, 7_000, 15_000]);
    h.rt.advance(8_000);
    h.state_is("films", LOADED);
    h.rt.advance(60_000);
    assert_eq!(
        h.sent("get_load_state", &coll("films")),
        6,
        "no poll once loaded"
    );
}

/// A "Released" read sent before a Load's reply is older than the load: it neither shows on
/// the row nor stops the polling.
#[test]
fn a_stale_released_after_a_load_keeps_the_row_polled() {
    let h = harness(6);
    h.show(&["films"]);
    h.session
        .operate(vec![h.target("default", "films", &[], Operation::Load)]);
    h.rt.settle();
    h.answer("collections/load", "", OK);
    h.answer("get_load_state", &coll("films"), NOT_LOAD); // sent before the load's answer
    assert_eq!(h.row("films"), Some(RowState::Pending));
    h.rt.advance(0);
    h.state_is("films", LOADING);
    assert!(matches!(
        h.row("films"),
        Some(RowState::Known(LoadState::Loading { .. }))
    ));
    h.rt.advance(1_000);
    assert_eq!(
        h.waiting("get_load_state", &coll("films")),
        1,
        "still polled"
    );
}

/// The partitions view polls what an operation started loading, from 1 s.
#[test]
fn partitions_loaded_from_the_view_are_polled_until_loaded() {
    let h = harness(6);
    h.show(&["c"]);
    h.state_is("c", LOADED);
    h.store.intent(Action::OpenCollection("c".into()));
    h.session.show_partitions();
    h.rt.settle();
    h.answer(
        "collections/describe",
        "",
        r#"{"code":0,"data":{"collectionName":"c","fields":[]}}"#,
    );
    h.answer(
        "partitions/list",
        "",
        r#"{"code":0,"data":["_default","p1"]}"#,
    );
    while h.waiting("partitions/get_stats", "") > 0 {
        h.answer(
            "partitions/get_stats",
            "",
            r#"{"code":0,"data":{"rowCount":1}}"#,
        );
    }
    let partition = |name: &str| format!(r#""partitionNames":["{name}"]"#);
    h.answer("get_load_state", &partition("_default"), LOADED);
    h.answer("get_load_state", &partition("p1"), r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"partition not loaded[partition=1]."}"#);
    h.session
        .operate(vec![h.target("default", "c", &["p1"], Operation::Load)]);
    h.rt.settle();
    h.answer("partitions/load", "", OK);
    h.answer("get_load_state", &partition("_default"), LOADED);
    h.answer("get_load_state", &partition("p1"), LOADING);
    h.rt.advance(1_000);
    assert_eq!(
        h.waiting("get_load_state", &partition("p1")),
        1,
        "polled after 1 s"
    );
}

/// A read's retry after a transient failure waits on the session's clock: it is not sent
/// again until the runtime's time has passed the pause (three quarters of 250 ms here).
#[test]
fn a_retry_waits_on_the_runtime_clock() {
    use milvus_load_console::api::HttpReply;
    let h = harness(6);
    h.show(&["books"]);
    h.answer_with(
        "get_load_state",
        &coll("books"),
        Ok(HttpReply {
            status: 503,
            body: b"busy".to_vec(),
        }),
    );
    assert_eq!(
        h.waiting("get_load_state", &coll("books")),
        0,
        "not at once"
    );
    h.rt.advance(150);
    assert_eq!(h.waiting("get_load_state", &coll("books")), 0);
    h.rt.advance(50);
    assert_eq!(
        h.waiting("get_load_state", &coll("books")),
        1,
        "after the pause"
    );
}
