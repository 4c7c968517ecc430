//! Every confirmed write ends with one true outcome: done or failed only once a read (or the
//! reply) tells, "nothing was sent" when nothing was, unknown while nothing can be read; and the
//! host hears only of what this console did.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use milvus_load_console::api::{ApiErrorKind, LoadExtent, TransportError};
use milvus_load_console::host::ActionReport;
use milvus_load_console::state::{Action, Operation, Progress, Reply, Target};
use support::{coll, SessionHarness};

const LOADED: &str =
    r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100},"message":""}"#;
const NOT_LOAD: &str = r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#;
const LOADING: &str =
    r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":37},"message":""}"#;

struct Harness {
    inner: SessionHarness,
    reports: Rc<RefCell<Vec<ActionReport>>>,
}

impl std::ops::Deref for Harness {
    type Target = SessionHarness;

    fn deref(&self) -> &SessionHarness {
        &self.inner
    }
}

fn harness() -> Harness {
    let reports = Rc::new(RefCell::new(Vec::new()));
    let sink = reports.clone();
    let inner = SessionHarness::connect(6, &["default"], |store| {
        store.set_reporter(Some(Rc::new(move |r: &ActionReport| {
            sink.borrow_mut().push(r.clone())
        })));
    });
    Harness { inner, reports }
}

impl Harness {
    fn state_is(&self, name: &str, body: &str) {
        let needle = coll(name);
        while self.waiting("get_load_state", &needle) > 0 {
            self.answer("get_load_state", &needle, body);
        }
    }

    /// Every held read of `name` fails as an unreachable server does.
    fn reads_fail(&self, name: &str) {
        let needle = coll(name);
        while self.waiting("get_load_state", &needle) > 0 {
            self.answer_with(
                "get_load_state",
                &needle,
                Err(TransportError::Network("Failed to fetch".into())),
            );
        }
    }

    fn target(&self, collection: &str, operation: Operation) -> Target {
        Target {
            connection: self.session.connection(),
            database: "default".into(),
            collection: collection.into(),
            partitions: Vec::new(),
            operation,
        }
    }

    fn progress(&self) -> Vec<Progress> {
        self.state()
            .outcomes
            .iter()
            .map(|o| o.progress.clone())
            .collect()
    }

    fn text(&self) -> String {
        self.state()
            .outcomes
            .last()
            .map(|o| o.text("default"))
            .unwrap_or_default()
    }

    /// `name` on screen reads Loaded, and the console knows it is partly loaded.
    fn partly_loaded(&self, name: &str) {
        self.show(&[name]);
        self.state_is(name, LOADED);
        self.store.intent(Action::Reply {
            generation: self.state().generation,
            reply: Reply::Extent {
                collection: name.into(),
                sent: u64::MAX,
                extent: LoadExtent::Partial { failure: None },
            },
        });
    }

    fn writes_sent(&self) -> usize {
        ["collections/load", "partitions/load"]
            .iter()
            .map(|p| self.sent(p, ""))
            .sum()
    }
}

/// A write whose reply was lost, while every re-read fails too, is never called failed: after
/// the re-reads it says "unknown: not seen applied after N s", its row is still read, and the
/// first read that tells settles it (and only then is the host told).
#[test]
fn a_lost_write_whose_re_reads_fail_stays_unknown_until_a_read_tells() {
    let h = harness();
    h.show(&["books"]);
    h.state_is("books", LOADED);
    h.session
        .operate(vec![h.target("books", Operation::Release)]);
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
    assert!(h.waiting("get_load_state", &coll("books")) > 0 || h.rt.timers() > 0);
    // The server is back, and the release had been applied.
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
    let h = harness();
    h.show(&["books"]);
    h.state_is("books", LOADED);
    h.session
        .operate(vec![h.target("books", Operation::Release)]);
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

/// Completing a partly loaded collection: a pre-read that fails sends nothing, and the outcome
/// says failed with nothing sent, never "done".
#[test]
fn a_failed_pre_read_of_a_partial_load_fails_with_nothing_sent() {
    let h = harness();
    h.partly_loaded("events");
    h.session.operate(vec![h.target("events", Operation::Load)]);
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
    assert!(h.text().contains("nothing was sent"), "{}", h.text());
    assert_eq!(h.reports.borrow().len(), 1);
    assert!(!h.reports.borrow()[0].ok);
}

/// Completing a partly loaded collection whose missing partitions cannot be told (-1 with an
/// unexpected text): nothing is sent and the outcome says why.
#[test]
fn a_partial_load_whose_partitions_cannot_be_told_fails_with_nothing_sent() {
    let h = harness();
    h.partly_loaded("events");
    h.session.operate(vec![h.target("events", Operation::Load)]);
    h.rt.settle();
    h.answer(
        "partitions/list",
        &coll("events"),
        r#"{"code":0,"data":["_default","p1"]}"#,
    );
    h.answer("get_load_state", r#""partitionNames":["_default"]"#, LOADED);
    h.answer(
        "get_load_state",
        r#""partitionNames":["p1"]"#,
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
    assert!(h.text().contains("nothing was sent"), "{}", h.text());
    assert!(h.text().contains("permission denied"), "{}", h.text());
}

/// The loaded set changed meanwhile and no partition is missing any more: nothing is sent,
/// and the outcome says so instead of "done".
#[test]
fn a_partial_load_with_nothing_missing_any_more_is_skipped() {
    let h = harness();
    h.partly_loaded("events");
    h.session.operate(vec![h.target("events", Operation::Load)]);
    h.rt.settle();
    h.answer(
        "partitions/list",
        &coll("events"),
        r#"{"code":0,"data":["_default","p1"]}"#,
    );
    h.answer("get_load_state", r#""partitionNames":["_default"]"#, LOADED);
    h.answer("get_load_state", r#""partitionNames":["p1"]"#, LOADED);
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
    let h = harness();
    h.partly_loaded("events");
    h.session.operate(vec![h.target("events", Operation::Load)]);
    h.rt.settle();
    h.answer(
        "partitions/list",
        &coll("events"),
        r#"{"code":0,"data":["_default","p1"]}"#,
    );
    h.answer("get_load_state", r#""partitionNames":["_default"]"#, LOADED);
    h.answer(
        "get_load_state",
        r#""partitionNames":["p1"]"#,
        r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"partition not loaded[partition=44]."}"#,
    );
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

/// A loading collection that turns released with no load sent from this console was released
/// (or its load dropped) elsewhere: said on the row, never reported to the host as a failed
/// Load of this console's.
#[test]
fn a_load_dropped_elsewhere_is_shown_on_its_row_and_not_reported() {
    let h = harness();
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
