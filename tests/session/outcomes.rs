//! Every confirmed write ends with one true outcome: done or failed only once a read (or the
//! reply) tells, unknown while nothing can be read; the host hears only the settled outcome.

use milvus_load_console::api::{HttpReply, TransportError};
use milvus_load_console::state::{Operation, Progress};

use crate::support::bodies::{LOADED, NOT_LOAD};
use crate::support::coll;
use crate::support::reported::harness;

/// A write whose reply was lost (a timeout, or a body that is not the API's) is "unknown —
/// re-checking" until a state read settles it: done when the read shows the change, failed
/// once the re-reads keep showing the old state. The host hears only the settled outcome.
#[test]
fn a_lost_reply_is_unknown_until_the_state_settles_it() {
    let h = harness(6);
    h.show(&["books", "films"]);
    h.state_is("books", LOADED);
    h.state_is("films", LOADED);
    h.session.operate(vec![
        h.target("default", "books", &[], Operation::Release),
        h.target("default", "films", &[], Operation::Release),
    ]);
    h.rt.settle();
    h.answer_with(
        "collections/release",
        &coll("books"),
        Err(TransportError::Timeout),
    );
    h.answer_with(
        "collections/release",
        &coll("films"),
        Ok(HttpReply {
            status: 200,
            body: b"<html>proxy".to_vec(),
        }),
    );
    assert!(matches!(h.progress()[0], Progress::Unknown(_)));
    assert!(h.state().outcomes[0]
        .text("default")
        .contains("unknown — re-checking"));
    assert!(h.reports.borrow().is_empty(), "not reported while unknown");
    // books was released after all; films was not.
    h.state_is("books", NOT_LOAD);
    assert_eq!(h.progress()[0], Progress::Done);
    for _ in 0..10 {
        h.state_is("films", LOADED);
        h.rt.advance(8_000);
    }
    assert!(matches!(h.progress()[1], Progress::Failed(_)));
    let reports = h.reports.borrow();
    assert_eq!(
        reports.iter().map(|r| r.ok).collect::<Vec<_>>(),
        [true, false]
    );
}

/// A write whose reply was lost, while every re-read fails too, is never called failed: after
/// the re-reads it says "unknown: not seen applied after N s", its row is still read, and the
/// first read that tells settles it (and only then is the host told).
#[test]
fn a_lost_write_whose_re_reads_fail_stays_unknown_until_a_read_tells() {
    let h = harness(6);
    h.show(&["books"]);
    h.state_is("books", LOADED);
    h.session
        .operate(vec![h.target("default", "books", &[], Operation::Release)]);
    h.rt.settle();
    h.answer_with(
        "collections/release",
        &coll("books"),
        Err(TransportError::Timeout),
    );
    for _ in 0..60 {
        h.reads_fail("books");
        h.rt.advance(1_000);
    }
    assert!(
        matches!(h.progress()[0], Progress::NotSeenApplied { .. }),
        "{:?}",
        h.progress()
    );
    assert!(
        h.text().contains("unknown: not seen applied after"),
        "{}",
        h.text()
    );
    assert!(h.reports.borrow().is_empty(), "not reported unread");
    // The server is back, and the release had been applied: the row is still read, and the
    // first read that tells settles the outcome.
    for _ in 0..10 {
        h.state_is("books", NOT_LOAD);
        h.rt.advance(8_000);
    }
    assert_eq!(h.progress()[0], Progress::Done);
    let reports = h.reports.borrow();
    assert_eq!(reports.len(), 1);
    assert!(reports[0].ok);
}

/// Writes wait for the server's own 30 s timeout before the browser gives up on them; reads
/// keep the short one.
#[test]
fn writes_time_out_after_the_server_does() {
    let h = harness(6);
    h.show(&["books"]);
    h.state_is("books", LOADED);
    h.session
        .operate(vec![h.target("default", "books", &[], Operation::Release)]);
    h.rt.settle();
    let sent = h.http.sent();
    let release = sent
        .iter()
        .find(|r| r.url.ends_with("collections/release"))
        .expect("sent");
    assert!(release.timeout_ms > 30_000, "{}", release.timeout_ms);
    let read = sent
        .iter()
        .find(|r| r.url.ends_with("get_load_state"))
        .expect("read");
    assert!(read.timeout_ms < release.timeout_ms);
}
