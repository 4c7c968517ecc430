//! Every database of the server, and the ID sequence shared by collections and partitions.

use std::collections::BTreeMap;

use std::time::Instant;

use super::cluster::Cluster;
use super::collection::{Collection, Partition, Properties};
use super::estimate::estimate;
use super::index::VectorIndex;
use super::load::PartitionLoad;
use super::schema::default_fields;
use crate::compat::Compat;

/// The memory of a standalone server's one query node, at least.
const STANDALONE_MEMORY_GIB: u64 = 64;

#[derive(Clone, Debug, Default)]
pub struct Database {
    pub id: i64,
    pub properties: Properties,
    pub collections: BTreeMap<String, Collection>,
}

/// Every database of the server.
#[derive(Clone, Debug)]
pub struct World {
    pub databases: BTreeMap<String, Database>,
    pub cluster: Cluster,
    next_id: i64,
}

/// Collection IDs are above 2^53 as on a real server, so a client that reads them through a
/// JavaScript number loses digits.
const FIRST_COLLECTION_ID: i64 = 451_286_731_209_000_001;

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}

impl World {
    pub fn new() -> Self {
        let mut world = World {
            databases: BTreeMap::new(),
            cluster: Cluster::standalone(STANDALONE_MEMORY_GIB),
            next_id: FIRST_COLLECTION_ID,
        };
        world.databases.insert(
            "default".into(),
            Database {
                id: 1,
                ..Database::default()
            },
        );
        world
    }

    /// The next collection or partition ID (one sequence, as a real server allocates them).
    pub fn next_collection_id(&mut self) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The database, created (with a fresh ID) when missing.
    pub fn database_mut(&mut self, name: &str) -> &mut Database {
        if !self.databases.contains_key(name) {
            let id = self.next_collection_id();
            self.databases.insert(
                name.to_string(),
                Database {
                    id,
                    ..Database::default()
                },
            );
        }
        self.databases.entry(name.to_string()).or_default()
    }

    /// A released partition with a fresh ID.
    pub fn new_partition(&mut self, name: &str, rows: u64) -> Partition {
        Partition {
            id: self.next_collection_id(),
            name: name.to_string(),
            rows,
            load: PartitionLoad::Released,
        }
    }

    /// Adds a collection with an index and the given partitions, all released.
    pub fn add_collection(
        &mut self,
        database: &str,
        name: &str,
        partitions: &[(&str, u64)],
    ) -> &mut Collection {
        let id = self.next_collection_id();
        let partitions = partitions
            .iter()
            .map(|(name, rows)| self.new_partition(name, *rows))
            .collect();
        let collection = Collection {
            name: name.to_string(),
            id,
            description: String::new(),
            fields: default_fields(768),
            index: VectorIndex::auto("vector"),
            has_index: true,
            unindexed_vector_fields: Vec::new(),
            partition_key: false,
            loaded_whole: false,
            partitions,
            properties: Vec::new(),
            loaded_with: None,
            replicas: Vec::new(),
            load_failure: None,
        };
        self.database_mut(database)
            .collections
            .entry(name.to_string())
            .or_insert(collection)
    }

    /// Bytes in use on each query node at `now`: its base use plus its share of every
    /// replica it serves (a replica's memory split over its nodes), except the collection
    /// `except`.
    pub fn node_usage(
        &self,
        compat: Compat,
        now: Instant,
        except: Option<i64>,
    ) -> BTreeMap<i64, u64> {
        let mut used: BTreeMap<i64, u64> = self
            .cluster
            .nodes
            .iter()
            .map(|n| (n.id, n.base_used))
            .collect();
        let collections = self.databases.values().flat_map(|d| d.collections.values());
        for c in collections.filter(|c| Some(c.id) != except) {
            let index = c.has_index.then_some(&c.index);
            let steady = estimate(&c.fields, index, c.resident_rows(now), compat).steady;
            for replica in &c.replicas {
                let share = steady / replica.nodes.len().max(1) as u64;
                for node in &replica.nodes {
                    *used.entry(*node).or_default() += share;
                }
            }
        }
        used
    }

    /// Places the replicas of every loaded collection that has none (a data set's start).
    pub fn place_loaded(&mut self) {
        let cluster = self.cluster.clone();
        let collections = self
            .databases
            .values_mut()
            .flat_map(|d| d.collections.values_mut());
        for c in collections.filter(|c| c.replicas.is_empty()) {
            if let Some(config) = &c.loaded_with {
                c.replicas = cluster
                    .assign(config.replicas, &config.resource_groups, false)
                    .unwrap_or_default();
            }
        }
    }

    /// Gives a standalone server's query node room for every collection loaded at once, so
    /// that only what a test creates or sets can exceed it.
    pub fn size_standalone(&mut self) {
        const GIB: u64 = 1 << 30;
        let all: u64 = self
            .databases
            .values()
            .flat_map(|d| d.collections.values())
            .map(|c| estimate(&c.fields, Some(&c.index), c.rows(), Compat::V2_4_0).steady)
            .sum();
        for node in &mut self.cluster.nodes {
            node.memory = node.memory.max(2 * all + 64 * GIB);
        }
    }
}
