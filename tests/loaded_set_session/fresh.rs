//! A restore acts on what is true when each load is sent, not when its plan was read: each
//! target is read again just before its load, and what another client loaded meanwhile is
//! skipped, saying so.

use milvus_load_console::state::Progress;

use super::*;

fn saved() -> LoadedSet {
    LoadedSet::parse(
        br#"{"format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"milvus:19530",
            "databases":[{"name":"default","collections":[
              {"name":"books"},{"name":"films","partitions":["p1","p2"]},{"name":"songs"}]}]}"#,
    )
    .unwrap()
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
