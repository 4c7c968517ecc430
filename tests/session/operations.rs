//! Releases and loads: each acts on its confirmed target, none is dropped, one per target at a
//! time, and every confirmed one is reported to the host, also when the console goes away.

use milvus_load_console::api::HttpRequest;
use milvus_load_console::api::TransportError;
use milvus_load_console::state::{Action, Confirmation, Operation, Progress};

use crate::support::bodies::{LOADED, NOT_LOAD, OK};
use crate::support::reported::harness;
use crate::support::{coll, db};

/// Confirming acts on the confirmation's own target, whichever database is on screen when it
/// is sent; switching the database or turning read-only on closes an open confirmation, and
/// confirming it then sends nothing.
#[test]
fn a_confirmation_acts_on_its_own_target_and_closes_when_its_context_changes() {
    let h = harness(6);
    h.show(&["books"]);
    h.state_is("books", LOADED);
    let ask = || {
        let targets = h
            .state()
            .collection_targets(&["books".into()], Operation::Release);
        h.store.intent(Action::Ask(Confirmation {
            targets,
            releases_everything: false,
            ..Default::default()
        }));
    };
    ask();
    h.store.intent(Action::SelectDatabase("analytics".into()));
    h.confirm();
    h.rt.settle();
    assert_eq!(h.sent("collections/release", ""), 0, "closed by the switch");

    // A target confirmed before the switch still names its database.
    h.store.intent(Action::SelectDatabase("default".into()));
    ask();
    let confirmation = h.state().confirm.clone().unwrap();
    h.store.intent(Action::SelectDatabase("analytics".into()));
    h.session.operate(confirmation.targets);
    h.rt.settle();
    let release = h
        .http
        .waiting()
        .into_iter()
        .find(|r| r.url.ends_with("collections/release"))
        .unwrap();
    assert!(release.body.contains(&db("default")), "{}", release.body);

    // Read-only switched on while the dialog is open.
    h.store.intent(Action::SelectDatabase("default".into()));
    ask();
    h.store.intent(Action::SetReadOnly(true));
    h.confirm();
    h.rt.settle();
    assert_eq!(h.sent("collections/release", ""), 1);
}

/// Nothing confirmed is dropped: an operation on a target already being changed waits for it,
/// the same name in another database runs at once, and the same target asked again joins the
/// one waiting (one request, one outcome). Two writes are on the wire at a time.
#[test]
fn operations_on_the_same_collection_wait_and_other_databases_run() {
    let h = harness(6);
    h.show(&["books", "films"]);
    h.state_is("books", NOT_LOAD);
    h.state_is("films", LOADED);
    // The same name in another database runs at once.
    h.session.operate(vec![
        h.target("default", "books", &[], Operation::Load),
        h.target("analytics", "books", &[], Operation::Load),
    ]);
    h.rt.settle();
    assert_eq!(h.waiting("collections/load", &coll("books")), 2);
    // A bulk release including the loading one: films at once, books after its load.
    h.session.operate(vec![
        h.target("default", "books", &[], Operation::Release),
        h.target("default", "films", &[], Operation::Release),
    ]);
    // The same target again joins the one waiting: no second request, no second outcome.
    h.session
        .operate(vec![h.target("default", "books", &[], Operation::Release)]);
    h.rt.settle();
    assert_eq!(h.state().outcomes.len(), 4);
    assert_eq!(h.progress()[2], Progress::Waiting);
    // Two writes at a time: films goes once a slot frees.
    h.answer("collections/load", &db("analytics"), OK);
    assert_eq!(h.waiting("collections/release", &coll("films")), 1);
    h.answer("collections/release", &coll("films"), OK);
    assert_eq!(h.waiting("collections/release", &coll("books")), 0);
    h.answer("collections/load", &db("default"), OK);
    assert_eq!(
        h.waiting("collections/release", &coll("books")),
        1,
        "sent after the load"
    );
    h.answer("collections/release", &coll("books"), OK);
    assert!(
        h.progress().iter().all(|p| *p == Progress::Done),
        "{:?}",
        h.progress()
    );
    assert_eq!(h.reports.borrow().len(), 4);
}

/// A second partitions operation on the same collection is sent once the first ends, also
/// when the partitions view was closed and reopened in between.
#[test]
fn a_second_partition_operation_waits_for_the_first() {
    let h = harness(6);
    h.show(&["c"]);
    h.state_is("c", LOADED);
    h.session
        .operate(vec![h.target("default", "c", &["p1"], Operation::Release)]);
    h.store.intent(Action::OpenCollection("c".into()));
    h.store.intent(Action::CloseCollection);
    h.session
        .operate(vec![h.target("default", "c", &["p2"], Operation::Release)]);
    h.rt.settle();
    assert_eq!(h.waiting("partitions/release", ""), 1);
    h.answer("partitions/release", "p1", OK);
    h.answer("partitions/release", "p2", OK);
    assert_eq!(h.progress(), [Progress::Done, Progress::Done]);
}

/// A partitions operation's follow-up reads its own collection only, whichever collection the
/// partitions view shows meanwhile, and the host hears of it once.
#[test]
fn a_partition_operation_follow_up_stays_with_its_collection() {
    let h = harness(6);
    h.show(&["c1", "c2"]);
    h.state_is("c1", LOADED);
    h.state_is("c2", LOADED);
    h.store.intent(Action::OpenCollection("c1".into()));
    h.session.show_partitions();
    h.rt.settle();
    h.session
        .operate(vec![h.target("default", "c1", &["p1"], Operation::Release)]);
    h.store.intent(Action::CloseCollection);
    h.store.intent(Action::OpenCollection("c2".into()));
    h.session.show_partitions();
    h.rt.settle();
    let before = h.sent("get_load_state", "partitionNames");
    h.answer("partitions/release", "", OK);
    h.rt.advance(20_000);
    let after: Vec<HttpRequest> = h
        .http
        .sent()
        .into_iter()
        .filter(|r| r.url.ends_with("get_load_state") && r.body.contains("partitionNames"))
        .skip(before)
        .collect();
    assert!(
        after.iter().all(|r| !r.body.contains(&coll("c1"))),
        "{after:#?}"
    );
    assert_eq!(h.reports.borrow().len(), 1);
}

/// Unmounting lets the writes already on the wire finish and report to the host; those not
/// yet sent are not sent, and each is reported cancelled with nothing sent.
#[test]
fn unmounting_reports_every_confirmed_write() {
    let h = harness(6);
    h.show(&["a", "b", "c"]);
    h.session.operate(vec![
        h.target("default", "a", &[], Operation::Release),
        h.target("default", "b", &[], Operation::Release),
        h.target("default", "c", &[], Operation::Release),
    ]);
    h.rt.settle();
    h.session.shutdown();
    h.rt.settle();
    assert_eq!(h.waiting("get_load_state", ""), 0, "reads stop");
    h.answer("collections/release", &coll("a"), OK);
    h.answer_with(
        "collections/release",
        &coll("b"),
        Err(TransportError::Timeout),
    );
    h.rt.advance(10_000);
    assert_eq!(h.sent("collections/release", &coll("c")), 0, "not sent");
    let mut reports = h.reports.borrow().clone();
    reports.sort_by(|x, y| x.collection.cmp(&y.collection));
    let summary: Vec<(String, bool)> = reports
        .iter()
        .map(|r| (r.collection.clone(), r.ok))
        .collect();
    assert_eq!(
        summary,
        [("a".into(), true), ("b".into(), false), ("c".into(), false)]
    );
    assert!(reports[1]
        .error
        .as_deref()
        .unwrap()
        .contains("may have been applied"));
    assert!(reports[2]
        .error
        .as_deref()
        .unwrap()
        .contains("nothing was sent"));
}

/// Shows books released and asks to load it, as the view does: its replica setting is read.
fn ask_to_load_books(h: &crate::support::reported::Harness) {
    h.show(&["books"]);
    h.state_is("books", NOT_LOAD);
    let confirmation = h
        .state()
        .collection_confirmation(&["books".into()], Operation::Load);
    h.session.read_load_settings(&confirmation);
    h.store.intent(Action::Ask(confirmation));
    h.rt.settle();
}

/// A load's confirmation says how many replicas the server will apply, and where that
/// setting comes from.
#[test]
fn a_load_confirmation_reads_the_replica_setting() {
    let h = harness(6);
    ask_to_load_books(&h);
    h.answer(
        "collections/describe",
        &coll("books"),
        r#"{"code":0,"data":{"collectionName":"books","fields":[],"properties":[{"key":"collection.replica.number","value":"2"}]}}"#,
    );
    h.answer(
        "databases/describe",
        "",
        r#"{"code":0,"data":{"dbName":"default","dbID":"1","properties":[]}}"#,
    );
    let items = h.state().confirm.as_ref().unwrap().text().items;
    assert!(
        items[0].contains("2 replicas (collection property collection.replica.number)"),
        "{items:?}"
    );
}

/// A replica setting that cannot be read is said to be unknown, with the server's reason,
/// never left "checking…".
#[test]
fn a_load_confirmation_says_when_its_replica_setting_cannot_be_read() {
    let h = harness(6);
    ask_to_load_books(&h);
    h.answer(
        "collections/describe",
        &coll("books"),
        r#"{"code":65535,"message":"PrivilegeDescribeCollection: permission denied"}"#,
    );
    let items = h.state().confirm.as_ref().unwrap().text().items;
    assert_eq!(
        items[0],
        "Replicas: replica setting not read (Milvus error (code 65535): \
         PrivilegeDescribeCollection: permission denied)",
        "{items:?}"
    );
}

/// A Load with replicas and groups chosen stores them first and sends the load only once they
/// are stored; when storing fails, the load is never sent and its one outcome says so.
#[test]
fn a_chosen_load_stores_its_settings_first_and_a_failed_store_sends_no_load() {
    use milvus_load_console::state::LoadChoice;
    let h = harness(6);
    h.show(&["books", "films"]);
    h.state_is("books", NOT_LOAD);
    h.state_is("films", NOT_LOAD);
    let choice = |replicas| {
        Some(LoadChoice {
            replicas,
            groups: vec!["rg1".to_string()],
        })
    };
    h.session.load_as_chosen(
        vec![h.target("default", "books", &[], Operation::Load)],
        choice(2),
    );
    h.rt.settle();
    assert_eq!(h.waiting("collections/alter_properties", &coll("books")), 1);
    assert_eq!(
        h.sent("collections/load", &coll("books")),
        0,
        "not before the store"
    );
    h.answer("collections/alter_properties", &coll("books"), OK);
    assert_eq!(h.waiting("collections/load", &coll("books")), 1);
    h.answer("collections/load", &coll("books"), OK);
    assert_eq!(h.progress(), [Progress::Done]);

    h.session.load_as_chosen(
        vec![h.target("default", "films", &[], Operation::Load)],
        choice(3),
    );
    h.rt.settle();
    h.answer(
        "collections/alter_properties",
        &coll("films"),
        r#"{"code":1100,"message":"invalid parameter"}"#,
    );
    h.rt.settle();
    assert_eq!(h.sent("collections/load", &coll("films")), 0);
    let last = h.text();
    assert!(
        last.contains("could not be stored on the collection, and the load was not sent"),
        "{last}"
    );
    assert_eq!(h.reports.borrow().len(), 2);
}
