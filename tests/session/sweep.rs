//! The sweep (the list, then every state): a view's late replies are dropped, a refresh asked
//! for meanwhile sweeps once more after it, rows on screen are read first, an older read never
//! overwrites a newer one, and the automatic refresh keeps its interval.

use milvus_load_console::api::LoadState;
use milvus_load_console::state::{Action, Operation, RowState};

use crate::support::bodies::{LOADED, NOT_LOAD, OK};
use crate::support::reported::harness;
use crate::support::{coll, db};

/// The replies of a view that was replaced are dropped: the new view's list is not disturbed.
#[test]
fn replies_of_a_previous_database_are_dropped() {
    let h = harness(6);
    h.session.show();
    h.rt.settle();
    h.store.intent(Action::SelectDatabase("analytics".into()));
    h.session.show();
    h.rt.settle();
    // The old list was cancelled with its view; the new one lists analytics.
    assert_eq!(h.waiting("collections/list", &db("default")), 0);
    h.answer(
        "collections/list",
        &db("analytics"),
        r#"{"code":0,"data":["x"]}"#,
    );
    assert!(h.state().row("x").is_some());
}

/// A refresh asked for during a sweep runs once more after it, not alongside.
#[test]
fn a_refresh_during_a_sweep_sweeps_again_after_it() {
    let h = harness(6);
    h.show(&["a"]);
    h.session.refresh();
    h.session.refresh();
    h.rt.settle();
    assert_eq!(h.sent("collections/list", ""), 1);
    h.state_is("a", LOADED);
    assert_eq!(h.waiting("collections/list", ""), 1, "one sweep again");
    h.answer("collections/list", "", r#"{"code":0,"data":["a"]}"#);
    h.state_is("a", LOADED);
    assert_eq!(h.sent("collections/list", ""), 2);
}

/// Rows scrolled into view jump the queue of the sweep.
#[test]
fn rows_scrolled_into_view_are_read_first() {
    let h = harness(1);
    h.show(&["a", "b", "c", "d"]);
    h.session.set_visible(vec!["d".into()]);
    h.rt.settle();
    h.state_is("a", LOADED);
    let mut next = h.http.waiting();
    next.retain(|r| r.url.ends_with("get_load_state"));
    assert!(next[0].body.contains(&coll("d")), "{next:#?}");
}

/// A state read sent before a write's reply tells what was true before the write: answered
/// after the write, it is dropped, and the row is read again.
#[test]
fn a_stale_state_reply_never_overwrites_a_fresher_one() {
    let h = harness(6);
    h.show(&["books"]);
    // The sweep's read of books is on the wire; the user releases it meanwhile.
    h.session
        .operate(vec![h.target("default", "books", &[], Operation::Release)]);
    h.rt.settle();
    h.answer("collections/release", "", OK);
    // The re-check is not sent while the sweep's read is outstanding: it follows once that
    // lands. Answer the old read with what was true before the release...
    h.answer("get_load_state", &coll("books"), LOADED);
    assert_eq!(
        h.row("books"),
        Some(RowState::Pending),
        "older than the release's answer"
    );
    h.state_is("books", NOT_LOAD);
    h.rt.advance(1_000);
    h.state_is("books", NOT_LOAD);
    assert_eq!(h.row("books"), Some(RowState::Known(LoadState::NotLoad)));
}

/// The automatic refresh waits at most a day: an interval of 3,000,000 s sweeps once a day,
/// never back to back.
#[test]
fn a_huge_refresh_interval_does_not_sweep_back_to_back() {
    let h = harness(6);
    h.store.intent(Action::SetRefreshInterval(3_000_000));
    h.show(&["a"]);
    h.state_is("a", LOADED);
    h.rt.advance(3_600_000);
    assert_eq!(h.sent("collections/list", ""), 1);
    h.rt.advance(86_400_000);
    assert_eq!(h.sent("collections/list", ""), 2);
}

/// The automatic refresh skips a hidden page.
#[test]
fn the_automatic_refresh_waits_for_a_visible_page() {
    let h = harness(6);
    h.store.intent(Action::SetRefreshInterval(10));
    h.show(&["a"]);
    h.state_is("a", LOADED);
    h.rt.set_hidden(true);
    h.rt.advance(30_000);
    assert_eq!(h.sent("collections/list", ""), 1);
    h.rt.set_hidden(false);
    h.rt.advance(10_000);
    assert_eq!(h.sent("collections/list", ""), 2);
}
