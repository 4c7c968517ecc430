//! Query nodes, resource groups, and how the query coordinator places a load's replicas on
//! them (`AssignReplica`): several groups must number 1 or the replica count, and a first
//! load needs at least one node per replica in each group.

/// The group every node and load falls into unless told otherwise.
pub const DEFAULT_GROUP: &str = "__default_resource_group";
/// The default group's capacity and node limit.
const DEFAULT_GROUP_CAPACITY: u32 = 1_000_000;
const GIB: u64 = 1 << 30;

/// One query node.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryNode {
    pub id: i64,
    pub hostname: String,
    pub address: String,
    pub group: String,
    /// min(host, cgroup limit), in bytes.
    pub memory: u64,
    /// What the process uses with nothing loaded, in bytes.
    pub base_used: u64,
    /// Local storage, in bytes.
    pub disk: u64,
}

/// A resource group; `node_num` is its requested (and limit) node count, `None` for the
/// default group.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceGroup {
    pub name: String,
    pub node_num: Option<u32>,
}

impl ResourceGroup {
    pub fn capacity(&self) -> u32 {
        self.node_num.unwrap_or(DEFAULT_GROUP_CAPACITY)
    }
}

/// One replica of a loaded collection: its group and the nodes that serve it (none when a
/// reconfiguration asked more replicas than the group has nodes).
#[derive(Clone, Debug, PartialEq)]
pub struct Replica {
    pub group: String,
    pub nodes: Vec<i64>,
}

/// Why replicas cannot be placed.
#[derive(Clone, Debug, PartialEq)]
pub enum PlacementError {
    GroupNotFound(String),
    GroupCount {
        replicas: u32,
        groups: Vec<String>,
    },
    NodesNotEnough {
        group: String,
        current: usize,
        expected: usize,
    },
}

/// The query nodes and resource groups of the server.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub nodes: Vec<QueryNode>,
    pub groups: Vec<ResourceGroup>,
}

impl Cluster {
    /// One query node of `memory_gib` in the default group: a standalone server.
    pub fn standalone(memory_gib: u64) -> Cluster {
        Cluster {
            nodes: vec![node(1, "standalone", DEFAULT_GROUP, memory_gib)],
            groups: vec![ResourceGroup {
                name: DEFAULT_GROUP.to_string(),
                node_num: None,
            }],
        }
    }

    /// Nodes of `memory_gib` each: `(group, how many)` in order, IDs from 1.
    pub fn with_groups(groups: &[(&str, u32)], memory_gib: u64) -> Cluster {
        let mut nodes = Vec::new();
        for (group, count) in groups {
            for _ in 0..*count {
                let id = nodes.len() as i64 + 1;
                nodes.push(node(
                    id,
                    &format!("querynode-{}", id - 1),
                    group,
                    memory_gib,
                ));
            }
        }
        let groups = groups
            .iter()
            .map(|(name, count)| ResourceGroup {
                name: name.to_string(),
                node_num: (*name != DEFAULT_GROUP).then_some(*count),
            })
            .collect();
        Cluster { nodes, groups }
    }

    pub fn group(&self, name: &str) -> Option<&ResourceGroup> {
        self.groups.iter().find(|g| g.name == name)
    }

    pub fn node(&self, id: i64) -> Option<&QueryNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn nodes_of<'c>(&'c self, group: &'c str) -> impl Iterator<Item = &'c QueryNode> + 'c {
        self.nodes.iter().filter(move |n| n.group == group)
    }

    /// Places `replicas` replicas in `groups` (the default group when empty). `check_nodes`:
    /// a first load, refused when a group has fewer nodes than replicas; a reconfiguration
    /// leaves the surplus replicas without nodes.
    pub fn assign(
        &self,
        replicas: u32,
        groups: &[String],
        check_nodes: bool,
    ) -> Result<Vec<Replica>, PlacementError> {
        let default = [DEFAULT_GROUP.to_string()];
        let groups = if groups.is_empty() {
            &default[..]
        } else {
            groups
        };
        if groups.len() != 1 && groups.len() != replicas as usize {
            return Err(PlacementError::GroupCount {
                replicas,
                groups: groups.to_vec(),
            });
        }
        if let Some(missing) = groups.iter().find(|g| self.group(g).is_none()) {
            return Err(PlacementError::GroupNotFound(missing.clone()));
        }
        let per_group = if groups.len() == 1 {
            replicas as usize
        } else {
            1
        };
        let mut placed = Vec::new();
        for group in groups {
            let nodes: Vec<i64> = self.nodes_of(group).map(|n| n.id).collect();
            if check_nodes && nodes.len() < per_group {
                return Err(PlacementError::NodesNotEnough {
                    group: group.clone(),
                    current: nodes.len(),
                    expected: per_group,
                });
            }
            for r in 0..per_group {
                placed.push(Replica {
                    group: group.clone(),
                    nodes: nodes.iter().skip(r).step_by(per_group).copied().collect(),
                });
            }
        }
        Ok(placed)
    }
}

fn node(id: i64, hostname: &str, group: &str, memory_gib: u64) -> QueryNode {
    QueryNode {
        id,
        hostname: hostname.to_string(),
        address: format!("10.0.0.{}:21123", 10 + id),
        group: group.to_string(),
        memory: memory_gib * GIB,
        base_used: GIB + GIB / 2,
        disk: 200 * GIB,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn replicas_split_the_nodes_of_their_group() {
        let c = Cluster::with_groups(&[(DEFAULT_GROUP, 3), ("rg", 1)], 8);
        let placed = c.assign(2, &[], true).unwrap_or_default();
        assert_eq!(placed.len(), 2);
        assert_eq!(
            (placed[0].nodes.clone(), placed[1].nodes.clone()),
            (vec![1, 3], vec![2])
        );
        let two_groups = c.assign(2, &groups(&[DEFAULT_GROUP, "rg"]), true);
        assert_eq!(two_groups.map(|p| p[1].nodes.clone()), Ok(vec![4]));
    }

    #[test]
    fn a_first_load_needs_a_node_per_replica_a_reconfiguration_does_not() {
        let c = Cluster::with_groups(&[(DEFAULT_GROUP, 1)], 8);
        assert_eq!(
            c.assign(2, &[], true),
            Err(PlacementError::NodesNotEnough {
                group: DEFAULT_GROUP.to_string(),
                current: 1,
                expected: 2
            })
        );
        let placed = c.assign(2, &[], false).unwrap_or_default();
        assert_eq!(placed[1].nodes, Vec::<i64>::new());
        assert!(matches!(
            c.assign(1, &groups(&["x"]), true),
            Err(PlacementError::GroupNotFound(_))
        ));
        assert!(matches!(
            c.assign(3, &groups(&[DEFAULT_GROUP, "x"]), true),
            Err(PlacementError::GroupCount { .. })
        ));
    }
}
