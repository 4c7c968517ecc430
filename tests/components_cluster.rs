//! The cluster panel rendered to HTML (natively): what it says of a server that does not
//! report its groups or memory, and the groups and nodes of one that does.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use futures::executor::block_on;
use milvus_load_console::api::{GroupNode, QueryNodeMemory, ResourceGroup};
use milvus_load_console::components::cluster_panel::cluster_panel;
use milvus_load_console::state::{Cluster, ClusterRead, Groups};
use yew::{component, Html, LocalServerRenderer, Properties};

#[derive(Properties, PartialEq)]
struct PanelProps {
    cluster: Cluster,
}

/// The panel is a function; this component renders it alone.
#[component]
fn ClusterPanel(props: &PanelProps) -> Html {
    cluster_panel(&props.cluster)
}

fn render(cluster: Cluster) -> String {
    block_on(
        LocalServerRenderer::<ClusterPanel>::with_props(PanelProps { cluster })
            .hydratable(false)
            .render(),
    )
}

const GIB: u64 = 1 << 30;

#[test]
fn a_server_without_the_endpoints_is_said_not_to_report_them() {
    let html = render(Cluster {
        groups: ClusterRead::Unreported,
        memory: ClusterRead::Unreported,
    });
    assert!(html.contains("<summary>Cluster</summary>"), "{html}");
    assert!(html.contains("does not report resource groups"), "{html}");
    assert!(html.contains("does not report query-node memory"), "{html}");
    assert!(!html.contains("<table"), "{html}");
}

#[test]
fn groups_show_replicas_and_nodes_show_memory_as_a_bar_with_figures() {
    let group = ResourceGroup {
        name: "rg_legal".into(),
        available_nodes: 1,
        loaded_replicas: vec![("books".into(), 2), ("clauses".into(), 1)],
        outgoing_nodes: Vec::new(),
        incoming_nodes: Vec::new(),
        requested_nodes: 2,
        node_limit: 2,
        transfer_from: Vec::new(),
        transfer_to: Vec::new(),
        nodes: vec![GroupNode {
            node_id: "3".into(),
            hostname: "qn-3".into(),
        }],
    };
    let html = render(Cluster {
        groups: ClusterRead::Ready(Rc::new(Groups {
            groups: vec![group],
            omitted: 0,
            ambiguous: Some(vec!["books".into()]),
        })),
        memory: ClusterRead::Ready(Rc::new(vec![QueryNodeMemory {
            node_id: "3".into(),
            memory: Some(32 * GIB),
            memory_usage: Some(8 * GIB),
            loaded_binlog_size: Some(6 * GIB),
        }])),
    });
    assert!(html.contains("<td>rg_legal</td>"), "{html}");
    assert!(html.contains("books* ×2, clauses ×1"), "{html}");
    assert!(html.contains("exists in several databases"), "{html}");
    assert!(html.contains("<td>3 (qn-3)</td>"), "{html}");
    assert!(html.contains("<meter"), "{html}");
    assert!(html.contains("8.0 GB of 32 GB"), "{html}");
    // 0.9 × 32 − 8 = 20.8 GB, for the node and its group.
    assert_eq!(html.matches("<td>21 GB</td>").count(), 2, "{html}");
    assert!(html.contains("<td>6.0 GB</td>"), "{html}");
}
