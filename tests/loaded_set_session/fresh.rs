//! A restore acts on what is true when each load is sent, not when its plan was read: each
//! target is read again just before its load, and what another client loaded meanwhile is
//! skipped, saying so. Its reads stop on Cancel or a newer file, and its dialog says which
//! replica setting the loads apply.

use milvus_load_console::state::restore::{Planned, RestoreAction, Stage};
use milvus_load_console::state::Progress;

use super::*;

fn saved() -> LoadedSet {
    LoadedSet::read(SAVED.as_bytes()).unwrap()
}

#[test]
fn a_restore_reads_each_load_again_and_skips_what_was_loaded_meanwhile() {
    let h = harness();
    let current = h.read(true, vec![("default".into(), "songs".into())]);
    let p = plan(&saved(), &current);
    assert_eq!(p.count(Step::Load), 2);
    // Meanwhile another client loaded songs (with 2 replicas) and films' p2.
    h.session.restore(&p, &|_| false);
    h.rt.settle();
    let loads = h.bodies_sent("/load");
    assert!(loads.is_empty(), "a load sent unread: {loads:?}");
    h.answer("get_load_state", r#""collectionName":"songs""#, LOADED);
    h.answer("get_load_state", r#""collectionName":"films""#, LOADED);
    h.answer("get_load_state", r#""partitionNames":["p2"]"#, LOADED);
    assert!(h.http.waiting().is_empty(), "{:#?}", h.http.waiting());
    assert!(h.bodies_sent("/load").is_empty());
    let outcomes = h.store.state().outcomes.clone();
    assert_eq!(outcomes.len(), 2, "{outcomes:#?}");
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o.progress, Progress::Skipped(why) if why.contains("meanwhile"))),
        "{outcomes:#?}"
    );
}

/// A restore's load whose state cannot be told just before it (-1 with an unexpected text)
/// fails with nothing sent: never "skipped", which the host would read as done.
#[test]
fn a_restore_load_whose_state_cannot_be_told_fails_with_nothing_sent() {
    let h = harness();
    let current = h.read(true, vec![("default".into(), "songs".into())]);
    let p = plan(&saved(), &current);
    h.session.restore(&p, &|_| false);
    h.rt.settle();
    let untold = r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"permission denied"}"#;
    h.answer("get_load_state", r#""collectionName":"songs""#, untold);
    h.answer("get_load_state", r#""collectionName":"films""#, LOADED);
    h.answer("get_load_state", r#""partitionNames":["p2"]"#, LOADED);
    assert!(h.bodies_sent("/load").is_empty());
    let outcomes = h.store.state().outcomes.clone();
    let songs = outcomes
        .iter()
        .find(|o| &*o.target.collection == "songs")
        .expect("an outcome for songs");
    let text = songs.text("default");
    assert!(
        matches!(songs.progress, Progress::Failed(_)) && text.contains("Nothing was sent"),
        "{text}"
    );
    assert!(text.contains("permission denied"), "{text}");
}

#[test]
fn a_restore_loads_only_what_is_missing_with_one_outcome_each() {
    let h = harness();
    let file = LoadedSet::read(
        br#"{"format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"milvus:19530",
            "databases":[{"name":"default","collections":[
              {"name":"books"},{"name":"films","partitions":["p1","p2"]},{"name":"songs"}]}]}"#,
    )
    .unwrap();
    let current = h.read(true, vec![("default".into(), "songs".into())]);
    let p = plan(&file, &current);
    assert_eq!(
        (
            p.count(Step::Load),
            p.count(Step::Already),
            p.count(Step::Release)
        ),
        (2, 2, 1)
    );
    h.session.restore(&p, &|_| false);
    h.rt.settle();
    // Each load is read again just before it is sent: songs and films' p2 are still missing.
    h.answer("get_load_state", r#""collectionName":"songs""#, NOT_LOAD);
    h.answer("get_load_state", r#""collectionName":"films""#, LOADED);
    h.answer(
        "get_load_state",
        r#""partitionNames":["p2"]"#,
        PARTITION_NOT_LOADED,
    );
    // books is fully loaded: no Load is ever sent for it; the extra one is not released.
    let loads = h.bodies_sent("collections/load");
    assert_eq!(loads.len(), 1, "{loads:?}");
    assert!(
        loads[0].contains(r#""collectionName":"songs""#),
        "{loads:?}"
    );
    let partition_loads = h.bodies_sent("partitions/load");
    assert_eq!(partition_loads.len(), 1);
    assert!(
        partition_loads[0].contains(r#""partitionNames":["p2"]"#),
        "{partition_loads:?}"
    );
    assert!(h.bodies_sent("/release").is_empty());
    h.answer("collections/load", "songs", OK);
    h.answer("partitions/load", "films", OK);
    let outcomes = h.store.state().outcomes.clone();
    assert_eq!(outcomes.len(), 2, "{outcomes:#?}");
    assert!(
        outcomes.iter().all(|o| o.progress == Progress::Done),
        "{outcomes:#?}"
    );
}

const SAVED: &str = r#"{"format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"milvus:19530",
    "databases":[{"name":"default","collections":[
      {"name":"books"},{"name":"films","partitions":["p1","p2"]},{"name":"songs"}]}]}"#;

/// A saved set of these databases, each with nothing loaded.
fn of_databases(databases: &[&str]) -> String {
    let databases: Vec<String> = databases
        .iter()
        .map(|d| format!(r#"{{"name":"{d}","collections":[]}}"#))
        .collect();
    format!(
        r#"{{"format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"milvus:19530","databases":[{}]}}"#,
        databases.join(",")
    )
}

/// Starts restoring the file `text`, as a picked file.
fn restore_file(h: &Harness, text: &str) {
    let bytes = text.as_bytes().to_vec();
    h.session.read_restore("set.json", async move { Ok(bytes) });
    h.rt.settle();
}

fn planned(h: &Harness) -> Rc<Planned> {
    let state = h.state();
    state
        .restore
        .planned()
        .cloned()
        .unwrap_or_else(|| panic!("no plan: {:?}", state.restore))
}

#[test]
fn a_cancelled_read_sends_nothing_more_and_shows_nothing() {
    let h = harness();
    restore_file(&h, &of_databases(&["default", "analytics"]));
    h.answer(
        "collections/list",
        r#""dbName":"default""#,
        r#"{"code":0,"data":["books"]}"#,
    );
    assert_eq!(h.waiting("get_load_state", "books"), 1);
    assert!(h.state().restore.status().is_some_and(|s| s.cancellable));
    // Cancel, as the console's hook does it: the state first, then the read.
    h.store.intent(Action::Restore(RestoreAction::Close));
    h.session.cancel_restore();
    h.rt.settle();
    assert!(h.http.waiting().is_empty(), "{:#?}", h.http.waiting());
    // A reply arriving anyway changes nothing.
    h.http.answer(
        support::is("get_load_state", String::new()),
        support::reply(NOT_LOAD),
    );
    h.rt.settle();
    assert_eq!(h.sent("collections/list", "analytics"), 0);
    assert_eq!(h.state().restore.stage, Stage::Cancelled);
}

#[test]
fn a_second_file_stops_the_first_read_whose_result_never_shows() {
    let h = harness();
    restore_file(&h, &of_databases(&["default"]));
    let first = h.state().restore.ticket;
    // A second file arrives while the first is read.
    restore_file(&h, &of_databases(&["analytics"]));
    assert!(h.state().restore.reading() > Some(first));
    assert_eq!(
        h.waiting("collections/list", "default"),
        0,
        "the first read goes on"
    );
    h.answer(
        "collections/list",
        r#""dbName":"analytics""#,
        r#"{"code":0,"data":[]}"#,
    );
    assert!(h.http.waiting().is_empty(), "{:#?}", h.http.waiting());
    let planned = planned(&h);
    assert!(planned.plan.items.is_empty());
    assert_eq!(planned.source, "Saved from milvus:19530 at t.");
}

#[test]
fn the_plan_says_which_replica_setting_its_loads_apply() {
    let h = harness();
    restore_file(&h, SAVED);
    h.answer_loaded(true, false);
    // Read one after another, in the plan's order.
    let database = r#"{"code":0,"data":{"dbName":"default","dbID":"1","properties":[]}}"#;
    h.answer(
        "collections/describe",
        r#""collectionName":"films""#,
        r#"{"code":0,"data":{"collectionName":"films","fields":[],"properties":[]}}"#,
    );
    h.answer_all("databases/describe", database);
    h.answer(
        "collections/describe",
        r#""collectionName":"songs""#,
        r#"{"code":0,"data":{"collectionName":"songs","fields":[],"properties":[{"key":"collection.replica.number","value":"2"}]}}"#,
    );
    h.answer_all("databases/describe", database);
    let planned = planned(&h);
    assert_eq!(
        planned.replicas,
        [
            "Replicas: cluster default, usually 1 replica: default / films",
            "Replicas: 2 replicas (collection property collection.replica.number): default / songs",
        ]
    );
    // The plan offers extra, loaded but not in the file, for release, unticked.
    assert_eq!(planned.plan.count(Step::Release), 1);
    assert!(planned.ticked.is_empty());
}
