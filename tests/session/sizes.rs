//! The size reads of the collections view: details (describe, row count, vector indexes) only
//! for rows on screen, once per refresh; the resource groups once per refresh, and not again
//! on a connection whose server lacks them; nothing once the view is closed.

use crate::support::{coll, SessionHarness};
use milvus_load_console::api::{HttpReply, LoadState};
use milvus_load_console::state::{Action, Replicas, RowState};

const LOADED: &str = r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100}}"#;
const NOT_LOAD: &str = r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#;
const GROUPS: &str = r#"{"code":0,"data":["__default_resource_group"]}"#;
const GROUP: &str = r#"{"resource_group":{"name":"__default_resource_group","capacity":1000000,"num_available_node":2,"num_loaded_replica":{"a":2}}}"#;
const STATS: &str = r#"{"code":0,"data":{"rowCount":100000}}"#;
const INDEX: &str = r#"{"code":0,"data":[{"indexName":"v","fieldName":"v","indexType":"HNSW","metricType":"L2","indexParams":{"M":"16"}}]}"#;

/// Describe of a collection with a 128-dimension vector field, indexed or not.
fn described(name: &str, indexed: bool) -> String {
    let indexes = if indexed {
        r#"[{"indexName":"v","fieldName":"v","metricType":"L2"}]"#
    } else {
        "[]"
    };
    format!(
        r#"{{"code":0,"data":{{"collectionName":"{name}","partitionsNum":1,"enableDynamicField":false,
        "fields":[{{"name":"id","type":"Int64","primaryKey":true}},
        {{"name":"v","type":"FloatVector","params":[{{"key":"dim","value":"128"}}]}}],
        "indexes":{indexes},"properties":[]}}}}"#
    )
}

/// Every request sent so far.
fn total(h: &SessionHarness) -> usize {
    h.http.sent().len()
}

/// Shows `names` (a loaded, the rest released), answers their states and puts `visible` on
/// screen long enough for its details to be asked.
fn shown(databases: &[&str], names: &[&str], visible: &[&str]) -> SessionHarness {
    let h = SessionHarness::connect(4, databases, |_| {});
    h.show(names);
    for name in names {
        let body = if *name == "a" { LOADED } else { NOT_LOAD };
        h.answer("get_load_state", &coll(name), body);
    }
    h.session
        .set_visible(visible.iter().map(|n| (*n).into()).collect());
    h.rt.advance(300);
    h
}

/// Answers the details of `name`: describe, row count, its index.
fn answer_details(h: &SessionHarness, name: &str) {
    h.answer("collections/describe", &coll(name), &described(name, true));
    h.answer("collections/get_stats", &coll(name), STATS);
    h.answer("indexes/describe", &coll(name), INDEX);
}

#[test]
fn details_are_read_for_rows_on_screen_only_three_requests_each() {
    let h = shown(&["default"], &["a", "b", "off1", "off2"], &["a", "b"]);
    answer_details(&h, "a");
    answer_details(&h, "b");
    h.answer("resource_groups/list", "", GROUPS);
    h.answer("resource_groups/describe", "", GROUP);
    h.answer(
        "quotacenter/describe",
        "",
        r#"{"code":0,"data":"{\"QueryNodeMetrics\":{}}"}"#,
    );
    for off in ["off1", "off2"] {
        assert_eq!(h.sent("collections/describe", &coll(off)), 0);
        assert_eq!(h.sent("collections/get_stats", &coll(off)), 0);
    }
    // Three per row on screen, two for the resource groups (one group).
    for name in ["a", "b"] {
        let details = [
            "collections/describe",
            "collections/get_stats",
            "indexes/describe",
        ];
        let sent: usize = details.iter().map(|p| h.sent(p, &coll(name))).sum();
        assert_eq!(sent, 3, "{name}");
    }
    let groups = h.sent("resource_groups/list", "") + h.sent("resource_groups/describe", "");
    assert_eq!(groups, 2);
    assert_eq!(
        total(&h),
        1 + 1 + 4 + 2 * 3 + 2 + 1,
        "databases, list, states, details, groups, query-node memory"
    );
    let state = h.state();
    let a = state.row("a").unwrap();
    let size = a.size.as_ref().expect("a sized");
    assert_eq!(size.rows, 100_000);
    assert!(size.memory > 100_000 * 512, "{size:?}");
    assert!(size.memory_text().starts_with('≈'));
    assert!(size.note.contains("Not counted"), "{}", size.note);
    assert_eq!(a.replicas, Replicas::Count(2));
    assert_eq!(state.row("b").unwrap().replicas, Replicas::NotKnown);
    let summary = state.loaded_memory_text().expect("a total");
    assert!(
        summary.ends_with("loaded (est., replicas included)"),
        "{summary}"
    );
    // Polls and time send no more details; a refresh reads them once again.
    h.rt.advance(60_000);
    assert_eq!(h.sent("collections/describe", &coll("a")), 1);
    h.session.refresh();
    h.rt.settle();
    h.answer(
        "collections/list",
        "",
        r#"{"code":0,"data":["a","b","off1","off2"]}"#,
    );
    for name in ["a", "b", "off1", "off2"] {
        h.answer("get_load_state", &coll(name), NOT_LOAD);
    }
    h.rt.settle();
    assert_eq!(h.sent("collections/describe", &coll("a")), 2);
    assert_eq!(h.sent("collections/describe", &coll("off1")), 0);
    assert_eq!(h.sent("resource_groups/list", ""), 2);
}

#[test]
fn switching_the_view_sends_no_more_size_reads() {
    let h = shown(&["default", "other"], &["a", "b"], &["a"]);
    assert_eq!(h.waiting("collections/describe", &coll("a")), 1);
    h.store.intent(Action::SelectDatabase("other".into()));
    h.session.show();
    h.rt.settle();
    let before = total(&h);
    // The old view's describe was aborted with its view: a late answer finds no one waiting.
    let answered = h.http.answer(
        crate::support::is("collections/describe", coll("a")),
        crate::support::reply(&described("a", true)),
    );
    assert!(!answered, "the old view's describe is still waiting");
    h.rt.advance(60_000);
    assert_eq!(h.sent("collections/get_stats", ""), 0);
    assert_eq!(h.sent("indexes/describe", ""), 0);
    assert_eq!(h.sent("collections/describe", &coll("b")), 0);
    let after: Vec<String> = h.http.sent()[before..]
        .iter()
        .map(|r| r.url.clone())
        .collect();
    assert!(
        after.iter().all(|u| u.ends_with("collections/list")),
        "sent after the switch: {after:?}"
    );
}

#[test]
fn a_server_without_resource_groups_is_asked_once_per_connection() {
    let h = shown(&["default", "other"], &["a"], &["a"]);
    h.answer_with(
        "resource_groups/list",
        "",
        Ok(HttpReply {
            status: 404,
            body: b"404 page not found".to_vec(),
        }),
    );
    answer_details(&h, "a");
    assert_eq!(h.state().row("a").unwrap().replicas, Replicas::NotKnown);
    assert!(h.state().row("a").unwrap().size.is_some());
    h.session.refresh();
    h.rt.settle();
    h.answer("collections/list", "", r#"{"code":0,"data":["a"]}"#);
    h.answer("get_load_state", &coll("a"), LOADED);
    h.rt.advance(1_000);
    assert_eq!(h.sent("collections/describe", &coll("a")), 2);
    // Another database of the same connection.
    h.store.intent(Action::SelectDatabase("other".into()));
    h.session.show();
    h.rt.settle();
    h.answer("collections/list", "", r#"{"code":0,"data":["a"]}"#);
    h.answer("get_load_state", &coll("a"), LOADED);
    h.session.set_visible(vec!["a".into()]);
    h.rt.advance(1_000);
    assert_eq!(h.sent("resource_groups/list", ""), 1);
}

#[test]
fn a_name_in_two_databases_has_ambiguous_replicas() {
    let h = shown(&["default", "other"], &["a"], &["a"]);
    h.answer("resource_groups/list", "", GROUPS);
    h.answer("resource_groups/describe", "", GROUP);
    // Each database is listed once to find same-named collections.
    h.answer(
        "collections/list",
        r#""dbName":"default""#,
        r#"{"code":0,"data":["a"]}"#,
    );
    h.answer(
        "collections/list",
        r#""dbName":"other""#,
        r#"{"code":0,"data":["a","z"]}"#,
    );
    assert_eq!(h.state().row("a").unwrap().replicas, Replicas::Ambiguous);
}

#[test]
fn a_collection_without_a_vector_index_is_marked_and_not_loaded() {
    let h = shown(&["default"], &["a", "raw"], &["raw"]);
    h.answer(
        "collections/describe",
        &coll("raw"),
        &described("raw", false),
    );
    h.answer("collections/get_stats", &coll("raw"), STATS);
    assert_eq!(h.sent("indexes/describe", ""), 0);
    let state = h.state();
    let raw = state.row("raw").unwrap();
    assert_eq!(raw.state, RowState::Known(LoadState::NotLoad));
    let size = raw.size.as_ref().expect("raw sized");
    assert_eq!(size.unindexed.as_deref(), Some("v"));
    let names = ["raw".into(), "a".into()];
    let confirmation =
        state.collection_confirmation(&names, milvus_load_console::state::Operation::Load);
    let text = confirmation.text();
    assert!(
        text.summary.contains("1 without a vector index is skipped"),
        "{}",
        text.summary
    );
    h.store.intent(Action::Ask(confirmation));
    h.confirm();
    h.rt.settle();
    assert_eq!(h.sent("collections/load", &coll("raw")), 0);
}
