//! Partly loaded collections: found on screen with one extent read, and completed partition by
//! partition (collections/load would apply the default replicas again to the loaded part),
//! sending nothing when what is missing cannot be told.

use milvus_load_console::api::{ApiErrorKind, LoadState, TransportError};
use milvus_load_console::state::{Operation, Progress, RowState};

use crate::support::bodies::{LOADED, LOADING, NOT_LOAD};
use crate::support::coll;
use crate::support::reported::{harness, Harness};

/// A partly loaded partition, as get_load_state words it.
const PARTITION_NOT_LOADED: &str = r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"partition not loaded[partition=44]."}"#;

/// `name` on screen reads Loaded, and the console knows it is partly loaded.
fn partly_loaded(name: &str) -> Harness {
    let h = harness(6);
    h.show(&[name]);
    h.state_is(name, LOADED);
    h.mark_partly_loaded(name);
    h
}

/// Asks to load `events`, whose partitions are `_default` (loaded) and `p1` (as `p1` says).
fn load_events(h: &Harness, p1: &str) {
    h.session
        .operate(vec![h.target("default", "events", &[], Operation::Load)]);
    h.rt.settle();
    h.answer(
        "partitions/list",
        &coll("events"),
        r#"{"code":0,"data":["_default","p1"]}"#,
    );
    h.answer("get_load_state", r#""partitionNames":["_default"]"#, LOADED);
    h.answer("get_load_state", r#""partitionNames":["p1"]"#, p1);
}

/// A loaded row on screen with several partitions is checked for a partial load: describe,
/// partitions/list, then one get_load_state listing them all. Single-partition rows and rows
/// off screen cost nothing more.
#[test]
fn a_partly_loaded_row_on_screen_is_found_with_one_extent_read() {
    let h = harness(6);
    h.show(&["a", "b", "off"]);
    h.state_is("a", LOADED);
    h.state_is("b", LOADED);
    h.state_is("off", LOADED);
    h.session.set_visible(vec!["a".into(), "b".into()]);
    h.rt.advance(300);
    h.answer(
        "collections/describe",
        &coll("a"),
        r#"{"code":0,"data":{"collectionName":"a","partitionsNum":3,"fields":[]}}"#,
    );
    h.answer(
        "collections/describe",
        &coll("b"),
        r#"{"code":0,"data":{"collectionName":"b","partitionsNum":1,"fields":[]}}"#,
    );
    assert_eq!(
        h.sent("partitions/list", &coll("b")),
        0,
        "one partition: no check"
    );
    h.answer(
        "partitions/list",
        &coll("a"),
        r#"{"code":0,"data":["_default","p1","p2"]}"#,
    );
    let all = r#""partitionNames":["_default","p1","p2"]"#;
    assert_eq!(h.waiting("get_load_state", all), 1);
    h.answer("get_load_state", all, PARTITION_NOT_LOADED);
    let row = h.state().row("a").cloned().unwrap();
    assert_eq!(row.state, RowState::Known(LoadState::Loaded));
    assert!(row.partly_loaded, "{row:?}");
    assert!(!h.state().row("b").unwrap().partly_loaded);
    assert_eq!(h.sent("collections/describe", &coll("off")), 0);
}

/// A bulk Load never sends collections/load for a fully loaded collection (it would apply the
/// replica setting again) and completes a partly loaded one partition by partition; a Release
/// skips released ones. Both skips are said and reported as done.
#[test]
fn a_bulk_load_skips_fully_loaded_and_a_release_skips_released() {
    let h = harness(6);
    h.show(&["full", "partly", "off", "rel"]);
    h.state_is("rel", NOT_LOAD);
    h.state_is("full", LOADED);
    h.state_is("partly", LOADED);
    h.state_is("off", NOT_LOAD);
    h.mark_partly_loaded("partly");
    let load = |c: &str| h.target("default", c, &[], Operation::Load);
    h.session
        .operate(vec![load("full"), load("partly"), load("off")]);
    h.rt.settle();
    assert_eq!(h.sent("collections/load", &coll("full")), 0);
    assert_eq!(h.sent("collections/load", &coll("off")), 1);
    h.answer(
        "partitions/list",
        &coll("partly"),
        r#"{"code":0,"data":["_default","p1"]}"#,
    );
    h.answer("get_load_state", r#""partitionNames":["_default"]"#, LOADED);
    h.answer(
        "get_load_state",
        r#""partitionNames":["p1"]"#,
        PARTITION_NOT_LOADED,
    );
    assert_eq!(h.sent("collections/load", &coll("partly")), 0);
    assert_eq!(
        h.sent("partitions/load", r#""partitionNames":["p1"]"#),
        1,
        "{:#?}",
        h.http.waiting()
    );
    let texts = h.texts();
    assert!(
        texts.contains(&"Load full: skipped — already loaded".to_string()),
        "{texts:?}"
    );
    let release = h.target("default", "rel", &[], Operation::Release);
    h.session.operate(vec![release]);
    h.rt.settle();
    assert_eq!(h.sent("collections/release", &coll("rel")), 0);
    assert_eq!(h.text(), "Release rel: skipped — already released");
    assert!(h
        .reports
        .borrow()
        .iter()
        .any(|r| r.collection == "full" && r.ok));
}

/// Completing a partly loaded collection: a pre-read that fails sends nothing, and the outcome
/// says failed with nothing sent, never "done".
#[test]
fn a_failed_pre_read_of_a_partial_load_fails_with_nothing_sent() {
    let h = partly_loaded("events");
    h.session
        .operate(vec![h.target("default", "events", &[], Operation::Load)]);
    h.rt.settle();
    h.answer_with(
        "partitions/list",
        &coll("events"),
        Err(TransportError::Timeout),
    );
    h.rt.advance(30_000);
    h.state_is("events", LOADED);
    h.rt.advance(30_000);
    h.state_is("events", LOADED);
    assert_eq!(h.writes_sent(), 0);
    let Progress::Failed(e) = &h.progress()[0] else {
        panic!("{:?}", h.progress());
    };
    assert!(matches!(e.kind(), ApiErrorKind::NotSent { .. }), "{e}");
    assert!(
        h.text()
            .contains("Nothing was sent: which partitions are missing could not be read"),
        "{}",
        h.text()
    );
    assert_eq!(h.reports.borrow().len(), 1);
    assert!(!h.reports.borrow()[0].ok);
}

/// Completing a partly loaded collection whose missing partitions cannot be told (-1 with an
/// unexpected text): nothing is sent and the outcome says why.
#[test]
fn a_partial_load_whose_partitions_cannot_be_told_fails_with_nothing_sent() {
    let h = partly_loaded("events");
    load_events(
        &h,
        r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"permission denied"}"#,
    );
    h.rt.advance(30_000);
    h.state_is("events", LOADED);
    assert_eq!(h.writes_sent(), 0);
    assert!(
        matches!(h.progress()[0], Progress::Failed(_)),
        "{:?}",
        h.progress()
    );
    assert!(
        h.text()
            .contains("Nothing was sent: which partitions are missing could not be read"),
        "{}",
        h.text()
    );
    assert!(h.text().contains("permission denied"), "{}", h.text());
}

/// The loaded set changed meanwhile and no partition is missing any more: nothing is sent,
/// and the outcome says so instead of "done".
#[test]
fn a_partial_load_with_nothing_missing_any_more_is_skipped() {
    let h = partly_loaded("events");
    load_events(&h, LOADED);
    assert_eq!(h.writes_sent(), 0);
    assert!(
        matches!(h.progress()[0], Progress::Skipped(_)),
        "{:?}",
        h.progress()
    );
}

/// A lost reply to the `partitions/load` that completes a partial load is settled by the
/// states of the partitions it asked for, not by the collection's (which reads Loaded while
/// only some partitions are).
#[test]
fn a_lost_partial_load_is_re_read_on_the_partitions_it_asked_for() {
    let h = partly_loaded("events");
    load_events(&h, PARTITION_NOT_LOADED);
    h.answer_with(
        "partitions/load",
        &coll("events"),
        Err(TransportError::Timeout),
    );
    // The collection reads Loaded throughout: that tells nothing of p1.
    assert!(matches!(h.progress()[0], Progress::Unknown(_)));
    assert!(h.waiting("get_load_state", r#""partitionNames":["p1"]"#) > 0);
    h.answer("get_load_state", r#""partitionNames":["p1"]"#, LOADING);
    assert_eq!(h.progress()[0], Progress::Done);
}
