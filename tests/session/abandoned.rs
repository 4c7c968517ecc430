//! A loading collection that turns released without a release from this console: abandoned by
//! the server when the load was this console's (said once, on the row, in the results and to
//! the host), dropped elsewhere otherwise (said on the row only).

use milvus_load_console::api::LoadState;
use milvus_load_console::state::{Operation, RowState};

use crate::support::bodies::{LOADING, NOT_LOAD, OK};
use crate::support::coll;
use crate::support::reported::harness;

/// A load sent from this console that turns NotLoad without a release from it was abandoned
/// by the server: said on the row, in the results and to the host, once, with the percent it
/// had reached and the local time.
#[test]
fn a_load_the_server_abandons_is_reported_once_with_its_percent_and_time() {
    let h = harness(6);
    h.show(&["books"]);
    h.state_is("books", NOT_LOAD);
    h.session
        .operate(vec![h.target("default", "books", &[], Operation::Load)]);
    h.rt.settle();
    h.answer("collections/load", &coll("books"), OK);
    h.state_is("books", LOADING);
    h.reports.borrow_mut().clear();
    h.rt.advance(1_000);
    h.state_is("books", NOT_LOAD);
    let row = h.state().row("books").cloned().unwrap();
    assert_eq!(row.state, RowState::Known(LoadState::NotLoad));
    // The manual clock starts at 2023-11-14 22:13:20 UTC; the test runtime's local time is UTC.
    let said = "load abandoned by the server at 22:13 — was 37%";
    assert_eq!(
        row.abandoned.as_ref().map(|a| a.text()),
        Some(said.to_string())
    );
    assert_eq!(
        h.texts(),
        [
            "Load books: done".to_string(),
            format!("Load books: {said}")
        ]
    );
    {
        let reports = h.reports.borrow();
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].collection, "books");
        assert_eq!(reports[0].operation, "Load");
        assert!(!reports[0].ok);
        assert_eq!(reports[0].error.as_deref(), Some(said));
    }
    // Read again as released: nothing more to report, nothing polled.
    h.resweep(&["books"]);
    h.state_is("books", NOT_LOAD);
    h.rt.advance(60_000);
    assert_eq!(h.waiting("get_load_state", ""), 0);
    assert_eq!(h.reports.borrow().len(), 1);
    assert_eq!(h.state().outcomes.len(), 2);
}

/// A release or cancel from this console is not an abandonment, even when a read sent while
/// the release was on the wire tells NotLoad first.
#[test]
fn our_own_release_of_a_loading_row_is_not_abandonment() {
    let h = harness(6);
    h.show(&["a", "b"]);
    h.state_is("a", LOADING);
    h.state_is("b", LOADING);
    // a: cancelled, then read released.
    h.session
        .operate(vec![h.target("default", "a", &[], Operation::Release)]);
    h.rt.settle();
    h.answer("collections/release", &coll("a"), OK);
    h.state_is("a", NOT_LOAD);
    // b: a sweep reads it released while the release is still on the wire.
    h.session
        .operate(vec![h.target("default", "b", &[], Operation::Release)]);
    h.rt.settle();
    h.resweep(&["a", "b"]);
    h.state_is("a", NOT_LOAD);
    h.state_is("b", NOT_LOAD);
    h.answer("collections/release", &coll("b"), OK);
    h.state_is("b", NOT_LOAD);
    h.rt.advance(20_000);
    assert_eq!(h.row("b"), Some(RowState::Known(LoadState::NotLoad)));
    assert!(
        h.texts().iter().all(|t| !t.contains("abandoned")),
        "{:?}",
        h.texts()
    );
    assert!(h.state().rows().iter().all(|r| r.abandoned.is_none()));
    let reports = h.reports.borrow();
    assert_eq!(reports.len(), 2);
    assert!(reports.iter().all(|r| r.ok && r.operation == "Release"));
}

/// A loading collection that turns released with no load sent from this console was released
/// (or its load dropped) elsewhere: said on the row, never reported to the host as a failed
/// Load of this console's.
#[test]
fn a_load_dropped_elsewhere_is_shown_on_its_row_and_not_reported() {
    let h = harness(6);
    h.show(&["books"]);
    h.state_is("books", LOADING);
    h.rt.advance(1_000);
    h.state_is("books", NOT_LOAD);
    let row = h.state().row("books").cloned().unwrap();
    let said = row.abandoned.as_ref().map(|a| a.text()).unwrap_or_default();
    assert!(said.contains("elsewhere"), "{said}");
    assert!(h.reports.borrow().is_empty(), "{:?}", h.reports.borrow());
    assert!(h.state().outcomes.is_empty());
}
