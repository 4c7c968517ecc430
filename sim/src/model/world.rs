//! Every database of the server, and the ID sequence shared by collections and partitions.

use std::collections::BTreeMap;

use super::collection::{Collection, Partition, Properties};
use super::load::PartitionLoad;

#[derive(Clone, Debug, Default)]
pub struct Database {
    pub id: i64,
    pub properties: Properties,
    pub collections: BTreeMap<String, Collection>,
}

/// Every database of the server.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub databases: BTreeMap<String, Database>,
    next_id: i64,
}

/// Collection IDs are above 2^53 as on a real server, so a client that reads them through a
/// JavaScript number loses digits.
const FIRST_COLLECTION_ID: i64 = 451_286_731_209_000_001;

impl World {
    pub fn new() -> Self {
        let mut world = World {
            databases: BTreeMap::new(),
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
            dimension: 768,
            has_index: true,
            unindexed_vector_fields: Vec::new(),
            partition_key: false,
            loaded_whole: false,
            partitions,
            properties: Vec::new(),
            loaded_with: None,
            load_failure: None,
        };
        self.database_mut(database)
            .collections
            .entry(name.to_string())
            .or_insert(collection)
    }
}
