//! A load whose progress stays put for the stall minutes is a stall: told to the host once,
//! and still polled.

use std::cell::RefCell;
use std::rc::Rc;

use milvus_load_console::host::StallReport;
use milvus_load_console::session::Runtime;

use crate::support::bodies::LOADING;
use crate::support::coll;
use crate::support::reported::harness;

/// A load held at one percent for the stall minutes is reported to the host once, with the
/// time its progress was first read; it keeps being polled, and it is not an action report.
#[test]
fn a_load_held_at_37_percent_for_five_minutes_is_one_stall_to_the_host() {
    let h = harness(6);
    let stalls = Rc::new(RefCell::new(Vec::new()));
    let sink = stalls.clone();
    h.store
        .set_stall_reporter(Some(Rc::new(move |r: &StallReport| {
            sink.borrow_mut().push(r.clone())
        })));
    h.show(&["books"]);
    h.state_is("books", LOADING);
    let started = h.rt.now();
    // Ten minutes of polls, every one still at 37%.
    while h.rt.now() - started < 600_000.0 {
        h.rt.advance(8_000);
        if h.waiting("get_load_state", &coll("books")) > 0 {
            h.state_is("books", LOADING);
        }
        let reported = stalls.borrow().len();
        if h.rt.now() - started < 300_000.0 {
            assert_eq!(reported, 0, "too early");
        }
    }
    let stalls = stalls.borrow();
    assert_eq!(stalls.len(), 1, "{stalls:?}");
    assert_eq!(stalls[0].database, "default");
    assert_eq!(stalls[0].collection, "books");
    assert_eq!(stalls[0].progress, 37);
    // The manual clock starts at 2023-11-14 22:13:20 UTC.
    assert_eq!(stalls[0].since, "2023-11-14T22:13:20.000Z");
    assert!(h
        .state()
        .row("books")
        .and_then(|r| r.pace)
        .is_some_and(|p| p.stalled));
    assert!(h.reports.borrow().is_empty(), "not an action");
}
