//! The cluster panel's reads under a manual clock and held HTTP replies: once per refresh, one
//! describe per group (never per collection), a 404 asked once per connection, ambiguous
//! replica names told, and cancelled with the view.

use crate::support::SessionHarness;
use milvus_load_console::api::{HttpReply, TransportError};
use milvus_load_console::state::{Action, ClusterRead};

const LOADED: &str = r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100}}"#;
const GROUPS: &str = r#"{"code":0,"data":["__default_resource_group","rg_legal"]}"#;
const DEFAULT_GROUP: &str = r#"{"resource_group":{"name":"__default_resource_group","capacity":1000000,"num_available_node":1,"num_loaded_replica":{"books":1},"nodes":[{"node_id":1,"address":"10.0.0.1:21123","hostname":"qn-1"}]}}"#;
const LEGAL_GROUP: &str = r#"{"resource_group":{"name":"rg_legal","capacity":1,"num_available_node":1,"num_loaded_replica":{"clauses":2},"nodes":[{"node_id":3,"address":"10.0.0.3:21123","hostname":"qn-3"}]}}"#;
const QUOTA: &str = r#"{"code":0,"data":"{\"QueryNodeMetrics\":{\"1\":{\"Hms\":{\"memory\":1000,\"memory_usage\":400}},\"3\":{\"Hms\":{\"memory\":2000,\"memory_usage\":100}}}}"}"#;

fn not_found() -> Result<HttpReply, TransportError> {
    Ok(HttpReply {
        status: 404,
        body: b"404 page not found".to_vec(),
    })
}

/// A session on `default` and `analytics`, its view shown with `books` and its states read.
fn shown() -> SessionHarness {
    let h = SessionHarness::connect(4, &["default", "analytics"], |_| {});
    h.show(&["books"]);
    h.answer_all(
        "get_load_state",
        r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100}}"#,
    );
    h
}

/// Answers the cluster reads in the order they are sent (one at a time): the groups, each
/// group's describe, the collections of each database, then the memory.
fn answer_cluster(h: &SessionHarness) {
    h.answer("resource_groups/list", "", GROUPS);
    h.answer(
        "resource_groups/describe",
        "__default_resource_group",
        DEFAULT_GROUP,
    );
    h.answer("resource_groups/describe", "rg_legal", LEGAL_GROUP);
    h.answer(
        "collections/list",
        r#""dbName":"default""#,
        r#"{"code":0,"data":["books"]}"#,
    );
    h.answer(
        "collections/list",
        r#""dbName":"analytics""#,
        r#"{"code":0,"data":["books","clauses"]}"#,
    );
    h.answer("quotacenter/describe", "", QUOTA);
}

#[test]
fn each_refresh_reads_the_groups_and_memory_once() {
    let h = shown();
    answer_cluster(&h);
    let state = h.state();
    let ClusterRead::Ready(groups) = &state.cluster.groups else {
        panic!("groups not read: {:?}", state.cluster.groups);
    };
    assert_eq!(groups.groups.len(), 2);
    assert_eq!(groups.ambiguous, Some(vec!["books".to_string()]));
    let nodes = state.cluster.nodes();
    assert_eq!(nodes.len(), 2);
    let free: Vec<_> = nodes
        .iter()
        .map(|n| n.memory.as_ref().and_then(|m| m.free_for_loading()))
        .collect();
    assert_eq!(free, [Some(500), Some(1700)]);

    // A refresh during the reads adds none; each refresh after them reads once more.
    h.session.refresh();
    h.session.refresh();
    h.rt.settle();
    h.answer("collections/list", "", r#"{"code":0,"data":["books"]}"#);
    h.answer_all(
        "get_load_state",
        r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100}}"#,
    );
    assert_eq!(h.sent("resource_groups/list", ""), 2);
    assert_eq!(h.waiting("resource_groups/list", ""), 1);
    answer_cluster(&h);
    assert_eq!(h.sent("resource_groups/describe", ""), 4);
    assert_eq!(h.sent("quotacenter/describe", ""), 2);
    assert!(h.http.waiting().is_empty(), "{:#?}", h.http.waiting());
}

#[test]
fn an_endpoint_the_server_lacks_is_asked_once_per_connection() {
    let h = shown();
    h.answer_with("resource_groups/list", "", not_found());
    h.answer_with("quotacenter/describe", "", not_found());
    let state = h.state();
    assert_eq!(state.cluster.groups, ClusterRead::Unreported);
    assert_eq!(state.cluster.memory, ClusterRead::Unreported);

    // Neither a refresh nor another database asks again.
    h.session.refresh();
    h.rt.settle();
    h.store.intent(Action::SelectDatabase("analytics".into()));
    h.show(&["clauses"]);
    h.session.refresh();
    h.rt.settle();
    assert_eq!(h.sent("resource_groups/list", ""), 1);
    assert_eq!(h.sent("quotacenter/describe", ""), 1);
    assert_eq!(h.state().cluster.groups, ClusterRead::Unreported);
}

#[test]
fn an_empty_quota_center_is_read_again_on_the_next_refresh() {
    let h = shown();
    h.answer_with("resource_groups/list", "", not_found());
    h.answer(
        "quotacenter/describe",
        "",
        r#"{"code":0,"data":"{\"QueryNodeMetrics\":{},\"DataCoordMetrics\":null}"}"#,
    );
    assert!(h.state().cluster.nodes().is_empty());
    assert!(matches!(h.state().cluster.memory, ClusterRead::Ready(_)));
    h.session.refresh();
    h.rt.settle();
    // The cluster is read once the refresh's sweep is over.
    h.answer("collections/list", "", r#"{"code":0,"data":["books"]}"#);
    assert_eq!(h.waiting("quotacenter/describe", ""), 0);
    h.answer_all(
        "get_load_state",
        r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100}}"#,
    );
    assert_eq!(h.waiting("quotacenter/describe", ""), 1);
}

#[test]
fn closing_the_view_cancels_its_cluster_reads() {
    let h = shown();
    h.answer("resource_groups/list", "", GROUPS);
    assert_eq!(
        h.waiting("resource_groups/describe", ""),
        1,
        "one at a time"
    );
    h.store.intent(Action::SelectDatabase("analytics".into()));
    h.session.show();
    h.rt.settle();
    // The old view's reads are gone, the rest never sent; the new view asks again.
    assert_eq!(h.waiting("resource_groups/describe", ""), 0);
    assert_eq!(h.sent("resource_groups/describe", ""), 1);
    assert_eq!(h.sent("quotacenter/describe", ""), 0);
    h.answer("collections/list", "", r#"{"code":0,"data":["clauses"]}"#);
    h.answer_all(
        "get_load_state",
        r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#,
    );
    assert_eq!(h.waiting("resource_groups/list", ""), 1);
    h.session.shutdown();
    h.rt.settle();
    assert_eq!(h.waiting("resource_groups/list", ""), 0);
    assert_eq!(h.waiting("quotacenter/describe", ""), 0);
}

/// Changing the replicas of a loaded collection: the choice is stored and a load sent even
/// though the collection is loaded (the load applies it), then the groups are read again so
/// that the row shows the replicas the server now holds.
#[test]
fn a_loaded_collections_new_replicas_are_stored_loaded_and_read_back() {
    use milvus_load_console::state::{LoadChoice, Operation, Progress, Target};
    let h = shown();
    answer_cluster(&h);
    let target = Target {
        connection: h.session.connection(),
        database: "default".into(),
        collection: "books".into(),
        partitions: Vec::new(),
        operation: Operation::Load,
    };
    let choice = LoadChoice {
        replicas: 2,
        groups: vec!["__default_resource_group".to_string()],
    };
    h.session
        .load_as_chosen(vec![target.clone()], Some(choice.clone()));
    h.rt.settle();
    // Still fully loaded, read just before: a load loads every partition.
    h.answer(
        "partitions/list",
        "books",
        r#"{"code":0,"data":["_default","2024"]}"#,
    );
    assert_eq!(h.sent("collections/alter_properties", "books"), 0);
    h.answer("get_load_state", "_default", LOADED);
    h.answer("get_load_state", "2024", LOADED);
    assert_eq!(h.waiting("collections/alter_properties", "books"), 1);
    h.answer(
        "collections/alter_properties",
        "books",
        r#"{"code":0,"data":{}}"#,
    );
    h.answer("collections/load", "books", r#"{"code":0,"data":{}}"#);
    let progress: Vec<Progress> = h
        .state()
        .outcomes
        .iter()
        .map(|o| o.progress.clone())
        .collect();
    assert_eq!(progress, [Progress::Done]);
    assert_eq!(h.waiting("resource_groups/list", ""), 1);
    assert_eq!(h.sent("resource_groups/list", ""), 2);
    answer_cluster(&h);

    // Partly loaded by another client meanwhile: nothing is stored, nothing loaded.
    h.session.load_as_chosen(vec![target], Some(choice));
    h.rt.settle();
    h.answer(
        "partitions/list",
        "books",
        r#"{"code":0,"data":["_default","2024"]}"#,
    );
    h.answer("get_load_state", "_default", LOADED);
    h.answer(
        "get_load_state",
        "2024",
        r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#,
    );
    assert_eq!(h.sent("collections/alter_properties", "books"), 1);
    assert_eq!(h.sent("collections/load", "books"), 1);
    let last = h
        .state()
        .outcomes
        .last()
        .map(|o| format!("{:?}", o.progress));
    assert!(
        last.as_deref()
            .is_some_and(|p| p.contains("not fully loaded now")),
        "{last:?}"
    );
}

/// A change of replicas confirmed while the collection is loaded stays one after the row
/// changes: released meanwhile (it waited behind a release), it is refused by the check just
/// before it is sent, and nothing is stored or loaded.
#[test]
fn a_change_of_replicas_waiting_behind_a_release_is_refused_not_turned_into_a_load() {
    use milvus_load_console::state::{LoadChoice, Operation, Progress, Target};
    let h = shown();
    answer_cluster(&h);
    let target = |operation| Target {
        connection: h.session.connection(),
        database: "default".into(),
        collection: "books".into(),
        partitions: Vec::new(),
        operation,
    };
    h.session.operate(vec![target(Operation::Release)]);
    h.rt.settle();
    let choice = LoadChoice {
        replicas: 2,
        groups: vec!["__default_resource_group".to_string()],
    };
    h.session
        .load_as_chosen(vec![target(Operation::Load)], Some(choice));
    h.rt.settle();
    h.answer("collections/release", "books", r#"{"code":0,"data":{}}"#);
    h.answer_all(
        "get_load_state",
        r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#,
    );
    h.answer(
        "partitions/list",
        "books",
        r#"{"code":0,"data":["_default"]}"#,
    );
    h.answer_all(
        "get_load_state",
        r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#,
    );
    assert_eq!(h.sent("collections/alter_properties", "books"), 0);
    assert_eq!(h.sent("collections/load", "books"), 0);
    let last = h.state().outcomes.last().map(|o| o.progress.clone());
    assert!(
        matches!(&last, Some(Progress::Failed(e)) if e.to_string().contains("not fully loaded now")),
        "{last:?}"
    );
}

/// The replica counts do not depend on the view having listed its databases first: when that
/// list is not there (still coming, or failed), the ambiguity check lists them itself.
#[test]
fn ambiguous_names_are_told_even_before_the_view_has_its_databases() {
    let h = shown();
    h.store.intent(Action::DatabasesLoaded {
        connection: h.session.connection(),
        result: Err(milvus_load_console::api::ApiError::new(
            milvus_load_console::api::ApiErrorKind::Timeout { after_ms: 1 },
        )),
    });
    h.answer("resource_groups/list", "", GROUPS);
    h.answer(
        "resource_groups/describe",
        "__default_resource_group",
        DEFAULT_GROUP,
    );
    h.answer("resource_groups/describe", "rg_legal", LEGAL_GROUP);
    h.answer(
        "databases/list",
        "",
        r#"{"code":0,"data":["default","analytics"]}"#,
    );
    h.answer(
        "collections/list",
        r#""dbName":"default""#,
        r#"{"code":0,"data":["books"]}"#,
    );
    h.answer(
        "collections/list",
        r#""dbName":"analytics""#,
        r#"{"code":0,"data":["clauses"]}"#,
    );
    let state = h.state();
    let ClusterRead::Ready(groups) = &state.cluster.groups else {
        panic!("groups not read: {:?}", state.cluster.groups);
    };
    assert_eq!(groups.ambiguous, Some(Vec::new()));
}
