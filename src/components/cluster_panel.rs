//! The cluster panel, folded by default: the resource groups with their available nodes, the
//! replicas they hold and their free memory for loading; then each query node with its group,
//! its memory (used of total, as a bar with the figures), its loaded data and its free memory
//! for loading. What the server does not report is said, never left blank.

use yew::prelude::*;

use crate::api::{ResourceGroup, LOAD_THRESHOLD_TENTHS};
use crate::components::error_view::{error_view, ErrorViewProps};
use crate::cost::format_bytes;
use crate::state::{Cluster, ClusterRead, Groups, NodeLine};

/// What a read shows instead of its data: reading, unreported (`missing`), or its error.
fn status<T>(read: &ClusterRead<T>, context: &'static str, missing: &'static str) -> Html {
    match read {
        ClusterRead::NotAsked | ClusterRead::Loading => {
            html! { <p class="mlc-status" role="status">{ "Reading…" }</p> }
        }
        ClusterRead::Unreported => html! { <p class="mlc-status">{ missing }</p> },
        ClusterRead::Failed(e) => error_view(&ErrorViewProps {
            error: e.clone(),
            context: context.into(),
            on_retry: None,
        }),
        ClusterRead::Ready(_) => html! {},
    }
}

fn bytes(value: Option<u64>) -> String {
    value.map_or_else(|| "—".into(), format_bytes)
}

/// "books ×2, films* ×1": a star marks a name of several databases.
fn replicas(group: &ResourceGroup, ambiguous: &[String]) -> String {
    let mut text = String::new();
    for (name, count) in &group.loaded_replicas {
        if !text.is_empty() {
            text.push_str(", ");
        }
        let star = if ambiguous.contains(name) { "*" } else { "" };
        text.push_str(&format!("{name}{star} ×{count}"));
    }
    if text.is_empty() {
        text.push_str("none");
    }
    text
}

fn groups_table(cluster: &Cluster, groups: &Groups) -> Html {
    let ambiguous = groups.ambiguous.as_deref().unwrap_or_default();
    html! {
        <>
            <table class="mlc-cluster-table">
                <thead><tr><th>{ "Resource group" }</th><th>{ "Nodes" }</th><th>{ "Replicas" }</th><th>{ "Free for loading" }</th></tr></thead>
                <tbody>
                    { for groups.groups.iter().map(|g| html! {
                        <tr>
                            <td>{ g.name.clone() }</td>
                            <td>{ g.available_nodes }</td>
                            <td class="mlc-replica-list">{ replicas(g, ambiguous) }</td>
                            <td>{ bytes(cluster.group_free(g)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if !ambiguous.is_empty() {
                <p class="mlc-status">{ "* This name exists in several databases: the server counts the replicas of one of them under it and does not say which." }</p>
            }
            if groups.ambiguous.is_none() {
                <p class="mlc-status">{ "Names the server counts replicas under may exist in several databases: not checked." }</p>
            }
            if groups.omitted > 0 {
                <p class="mlc-status">{ format!("{} more groups not read.", groups.omitted) }</p>
            }
        </>
    }
}

fn node_row(line: &NodeLine) -> Html {
    let memory = line.memory.as_ref();
    let (total, used) = (
        memory.and_then(|m| m.memory),
        memory.and_then(|m| m.memory_usage),
    );
    let bar = match (total, used) {
        (Some(total), Some(used)) => html! {
            <>
                <meter min="0" max={total.to_string()} value={used.to_string()}
                    high={(total / 10 * LOAD_THRESHOLD_TENTHS).to_string()} />
                { format!(" {} of {}", format_bytes(used), format_bytes(total)) }
            </>
        },
        _ => html! { "—" },
    };
    let name = if line.hostname.is_empty() {
        line.node_id.clone()
    } else {
        format!("{} ({})", line.node_id, line.hostname)
    };
    html! {
        <tr>
            <td>{ name }</td>
            <td>{ line.group.clone().unwrap_or_else(|| "—".into()) }</td>
            <td class="mlc-memory">{ bar }</td>
            <td>{ bytes(memory.and_then(|m| m.loaded_binlog_size)) }</td>
            <td>{ bytes(memory.and_then(|m| m.free_for_loading())) }</td>
        </tr>
    }
}

/// The panel: a function, not a component (it has no state of its own, and a component's
/// machinery costs the wasm more than rendering these few rows again).
pub fn cluster_panel(cluster: &Cluster) -> Html {
    let nodes = cluster.nodes();
    let groups = match &cluster.groups {
        ClusterRead::Ready(groups) => groups_table(cluster, groups),
        other => status(
            other,
            "Reading resource groups",
            "This server does not report resource groups (Milvus 2.5.3 and later do).",
        ),
    };
    let empty = matches!(&cluster.memory, ClusterRead::Ready(n) if n.is_empty());
    html! {
        <details class="mlc-cluster">
            <summary>{ "Cluster" }</summary>
            { groups }
            { status(&cluster.memory, "Reading query-node memory",
                "This server does not report query-node memory (Milvus 2.6 and later do).") }
            if empty {
                <p class="mlc-status">{ "The quota center reports no query node (its collection is off, or has not run yet)." }</p>
            }
            if !nodes.is_empty() {
                <table class="mlc-cluster-table">
                    <thead><tr><th>{ "Query node" }</th><th>{ "Group" }</th><th>{ "Memory used" }</th><th>{ "Loaded data" }</th><th>{ "Free for loading" }</th></tr></thead>
                    <tbody>{ for nodes.iter().map(node_row) }</tbody>
                </table>
            }
        </details>
    }
}
