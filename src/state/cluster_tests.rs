//! Reducer tests: the cluster reads' lives, kept across databases, and the panel's lines.
use super::*;
use crate::api::GroupNode;
use crate::state::{Action, ConsoleState, Reply};

fn reply(s: &mut ConsoleState, reply: ClusterReply) {
    let generation = s.generation;
    s.apply(Action::Reply {
        generation,
        reply: Reply::Cluster(reply),
    });
}

fn error(kind: ApiErrorKind) -> ApiError {
    ApiError::new(kind)
}

fn not_found() -> ApiError {
    error(ApiErrorKind::NotFound {
        path: "resource_groups/list".into(),
    })
}

fn group(name: &str, nodes: &[&str]) -> ResourceGroup {
    ResourceGroup {
        name: name.into(),
        available_nodes: nodes.len() as u64,
        loaded_replicas: Vec::new(),
        outgoing_nodes: Vec::new(),
        incoming_nodes: Vec::new(),
        requested_nodes: 0,
        node_limit: 0,
        transfer_from: Vec::new(),
        transfer_to: Vec::new(),
        nodes: nodes
            .iter()
            .map(|id| GroupNode {
                node_id: id.to_string(),
                hostname: format!("qn-{id}"),
            })
            .collect(),
    }
}

fn memory(id: &str, total: u64, used: u64) -> QueryNodeMemory {
    QueryNodeMemory {
        node_id: id.into(),
        memory: Some(total),
        memory_usage: Some(used),
        loaded_binlog_size: None,
    }
}

fn groups(list: Vec<ResourceGroup>) -> Groups {
    Groups {
        groups: list,
        omitted: 0,
        ambiguous: Some(Vec::new()),
    }
}

#[test]
fn a_refresh_keeps_what_is_shown_and_a_404_is_unreported() {
    let mut s = ConsoleState::new("default");
    reply(&mut s, ClusterReply::Asked);
    assert_eq!(s.cluster.groups, ClusterRead::Loading);
    reply(
        &mut s,
        ClusterReply::Groups(Ok(groups(vec![group("g", &["1"])]))),
    );
    reply(&mut s, ClusterReply::Memory(Err(not_found())));
    reply(&mut s, ClusterReply::Asked);
    assert!(matches!(s.cluster.groups, ClusterRead::Ready(_)));
    assert_eq!(s.cluster.memory, ClusterRead::Unreported);
    assert!(!s.cluster.memory.asks());

    let refused = error(ApiErrorKind::PermissionDenied {
        reason: "DescribeResourceGroup".into(),
    });
    reply(&mut s, ClusterReply::Groups(Err(refused.clone())));
    assert_eq!(s.cluster.groups, ClusterRead::Failed(refused));
    assert!(s.cluster.groups.asks());
    reply(&mut s, ClusterReply::Asked);
    assert_eq!(s.cluster.groups, ClusterRead::Loading);
}

#[test]
fn the_cluster_is_the_connections_not_the_databases() {
    let mut s = ConsoleState::new("default");
    reply(&mut s, ClusterReply::Memory(Err(not_found())));
    s.apply(Action::SelectDatabase("analytics".into()));
    assert_eq!(s.cluster.memory, ClusterRead::Unreported);
    // A reply of the view before the switch changes nothing.
    s.apply(Action::Reply {
        generation: s.generation - 1,
        reply: Reply::Cluster(ClusterReply::Groups(Err(not_found()))),
    });
    assert_eq!(s.cluster.groups, ClusterRead::NotAsked);
    s.apply(Action::Connect {
        connection: 2,
        database: "default".into(),
    });
    assert_eq!(s.cluster, Cluster::default());
}

#[test]
fn nodes_join_groups_and_memory_and_groups_sum_their_free_memory() {
    let mut s = ConsoleState::new("default");
    let (default, legal) = (group("default", &["1", "2"]), group("legal", &["3"]));
    reply(
        &mut s,
        ClusterReply::Groups(Ok(groups(vec![default.clone(), legal.clone()]))),
    );
    // No memory yet: the nodes of the groups, without it.
    let lines = s.cluster.nodes();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.memory.is_none()));
    assert_eq!(s.cluster.group_free(&default), None);

    let nodes = vec![
        memory("1", 1000, 400),
        memory("2", 1000, 950),
        memory("9", 10, 0),
    ];
    reply(&mut s, ClusterReply::Memory(Ok(nodes)));
    let lines = s.cluster.nodes();
    let ids: Vec<_> = lines
        .iter()
        .map(|l| (l.node_id.as_str(), l.group.as_deref()))
        .collect();
    assert_eq!(
        ids,
        [
            ("1", Some("default")),
            ("2", Some("default")),
            ("3", Some("legal")),
            ("9", None)
        ]
    );
    // 900 − 400, and nothing past the threshold on node 2.
    assert_eq!(s.cluster.group_free(&default), Some(500));
    assert_eq!(s.cluster.group_free(&legal), None);
}

/// Changing the replicas of a loaded collection: the dialog waits for the collection's
/// settings, starts from the replicas it has, sends nothing until something changes, and
/// refuses once the collection is no longer fully loaded.
#[test]
fn a_change_of_replicas_starts_from_the_loaded_ones_and_needs_a_fully_loaded_collection() {
    use crate::api::{LoadSettings, LoadState, Setting, SettingSource};
    use crate::state::tests::{listed, reads};
    use crate::state::LoadChoice;
    let mut s = listed(&["books"]);
    let generation = s.generation;
    let read = |state: LoadState| Action::Reply {
        generation,
        reply: Reply::States(reads(vec![("books".into(), Ok(state))])),
    };
    s.apply(read(LoadState::Loaded));
    let mut default = group("__default_resource_group", &["1", "2", "3"]);
    default.loaded_replicas = vec![("books".into(), 1)];
    let mut legal = group("rg_legal", &["4"]);
    legal.loaded_replicas = vec![("books".into(), 1)];
    let empty = group("rg_empty", &["5"]);
    reply(
        &mut s,
        ClusterReply::Groups(Ok(groups(vec![default, empty, legal]))),
    );
    s.apply(Action::Ask(s.replicas_confirmation("books".into())));
    // Usable before its settings are read: it starts from what is loaded.
    let view = s.load_choice().expect("a choice from the groups");
    assert!(
        view.without.ends_with("Its settings: reading…"),
        "{}",
        view.without
    );
    assert!(view.blocks(), "nothing changed yet");

    s.apply(Action::Reply {
        generation,
        reply: Reply::LoadSettings {
            collection: "books".into(),
            settings: Ok(LoadSettings {
                replicas: Setting {
                    value: None,
                    source: SettingSource::ClusterDefault,
                },
                resource_groups: Setting {
                    value: None,
                    source: SettingSource::ClusterDefault,
                },
            }),
        },
    });
    let view = s
        .load_choice()
        .expect("a choice once the settings are read");
    // Where its replicas are, not where its settings would put them.
    assert_eq!(
        view.chosen,
        LoadChoice {
            replicas: 2,
            groups: vec!["__default_resource_group".into(), "rg_legal".into()],
        }
    );
    assert!(
        view.without.starts_with("Loaded now with 2 replicas."),
        "{}",
        view.without
    );
    assert!(view.blocks() && !view.changed);
    assert!(
        s.confirmed(s.connection).operations.is_empty(),
        "nothing to change"
    );

    let one = LoadChoice {
        replicas: 1,
        groups: vec!["__default_resource_group".into()],
    };
    s.apply(Action::ChooseLoad(one.clone()));
    let confirmed = s.confirmed(s.connection);
    assert_eq!(confirmed.operations.len(), 1);
    assert_eq!(confirmed.choice, Some(one));

    s.apply(read(LoadState::NotLoad));
    let refusal = s.load_choice().and_then(|v| v.refusal);
    assert_eq!(refusal.as_deref(), Some("books is not fully loaded now."));
    assert!(s.confirmed(s.connection).operations.is_empty());
}
