//! What the cluster panel shows: the resource groups with the replicas they hold (2.5.3+) and
//! each query node's memory (2.6+). Both belong to the connection, not to a database: a new
//! connection forgets them, a database switch does not. An endpoint the server lacks (HTTP 404)
//! is `Unreported` for the rest of the connection, and the session never asks it again.

use std::rc::Rc;

use crate::api::{ApiError, ApiErrorKind, QueryNodeMemory, ResourceGroup};

/// One cluster read's life.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum ClusterRead<T> {
    #[default]
    NotAsked,
    Loading,
    /// The server has no such endpoint.
    Unreported,
    Ready(T),
    Failed(ApiError),
}

impl<T> ClusterRead<T> {
    /// Whether the session asks this again (never after a 404).
    pub fn asks(&self) -> bool {
        !matches!(self, ClusterRead::Unreported)
    }

    /// A refresh keeps what is shown until its answer comes.
    fn asked(&mut self) {
        if matches!(self, ClusterRead::NotAsked | ClusterRead::Failed(_)) {
            *self = ClusterRead::Loading;
        }
    }

    fn answered(&mut self, result: Result<T, ApiError>) {
        *self = match result {
            Ok(value) => ClusterRead::Ready(value),
            Err(e) if matches!(e.kind(), ApiErrorKind::NotFound { .. }) => ClusterRead::Unreported,
            Err(e) => ClusterRead::Failed(e),
        };
    }
}

/// The resource groups, as one refresh read them.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Groups {
    pub groups: Vec<ResourceGroup>,
    /// Groups listed but not described (past the session's bound).
    pub omitted: usize,
    /// Collection names holding replicas that exist in more than one database: the server's
    /// count under such a name is one of theirs, and it does not say which. `None`: not
    /// told (a database could not be listed, or there are too many).
    pub ambiguous: Option<Vec<String>>,
}

/// The cluster as the panel shows it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Cluster {
    pub groups: ClusterRead<Rc<Groups>>,
    /// Query nodes in the order of their IDs; empty when the quota center collects nothing.
    pub memory: ClusterRead<Rc<Vec<QueryNodeMemory>>>,
}

/// Replies to the cluster reads.
#[derive(Clone, Debug, PartialEq)]
pub enum ClusterReply {
    /// A refresh asked again whatever the server reports.
    Asked,
    Groups(Result<Groups, ApiError>),
    Memory(Result<Vec<QueryNodeMemory>, ApiError>),
}

/// One line of the panel's node table: a query node, its group and its memory, each as far
/// as the server reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLine {
    pub node_id: String,
    pub hostname: String,
    pub group: Option<String>,
    pub memory: Option<QueryNodeMemory>,
}

impl Cluster {
    pub(super) fn apply(&mut self, reply: ClusterReply) {
        match reply {
            ClusterReply::Asked => {
                self.groups.asked();
                self.memory.asked();
            }
            ClusterReply::Groups(result) => self.groups.answered(result.map(Rc::new)),
            ClusterReply::Memory(result) => self.memory.answered(result.map(Rc::new)),
        }
    }

    fn memory_of(&self, node_id: &str) -> Option<&QueryNodeMemory> {
        match &self.memory {
            ClusterRead::Ready(nodes) => nodes.iter().find(|n| n.node_id == node_id),
            _ => None,
        }
    }

    /// Every query node known: those of the groups, in group order, then those only the
    /// quota center reports.
    pub fn nodes(&self) -> Vec<NodeLine> {
        let mut lines: Vec<NodeLine> = Vec::new();
        if let ClusterRead::Ready(groups) = &self.groups {
            for group in &groups.groups {
                for node in &group.nodes {
                    lines.push(NodeLine {
                        node_id: node.node_id.clone(),
                        hostname: node.hostname.clone(),
                        group: Some(group.name.clone()),
                        memory: self.memory_of(&node.node_id).cloned(),
                    });
                }
            }
        }
        if let ClusterRead::Ready(nodes) = &self.memory {
            for node in nodes.iter() {
                if !lines.iter().any(|l| l.node_id == node.node_id) {
                    lines.push(NodeLine {
                        node_id: node.node_id.clone(),
                        hostname: String::new(),
                        group: None,
                        memory: Some(node.clone()),
                    });
                }
            }
        }
        lines
    }

    /// Memory a load may still take in `group`: the sum over its nodes whose memory is
    /// reported (`None` when none is).
    pub fn group_free(&self, group: &ResourceGroup) -> Option<u64> {
        group
            .nodes
            .iter()
            .filter_map(|n| self.memory_of(&n.node_id)?.free_for_loading())
            .fold(None, |sum, free| {
                Some(sum.unwrap_or(0u64).saturating_add(free))
            })
    }
}

#[cfg(test)]
#[path = "cluster_tests.rs"]
mod tests;
