//! The simulated server's data: databases, collections, partitions and their load state.
//!
//! Pure state and transitions; time is passed in so that rules are easy to test and loads
//! progress lazily (nothing ticks in the background).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Load state of one partition. A collection's state is derived from its partitions.
#[derive(Clone, Debug, PartialEq)]
pub enum PartitionLoad {
    Released,
    Loading {
        started: Instant,
        duration: Duration,
        /// Set by the control API to keep a load at a fixed percent.
        held: Option<u8>,
    },
    Loaded,
}

impl PartitionLoad {
    /// Percent loaded, or `None` when released.
    pub fn progress(&self, now: Instant) -> Option<u8> {
        match self {
            PartitionLoad::Released => None,
            PartitionLoad::Loaded => Some(100),
            PartitionLoad::Loading {
                started,
                duration,
                held,
            } => {
                if let Some(percent) = held {
                    return Some(*percent);
                }
                let elapsed = now.saturating_duration_since(*started);
                if elapsed >= *duration {
                    return Some(100);
                }
                let percent = elapsed.as_millis() * 100 / duration.as_millis().max(1);
                Some(percent.min(99) as u8)
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Partition {
    pub name: String,
    pub rows: u64,
    pub load: PartitionLoad,
}

#[derive(Clone, Debug)]
pub struct Collection {
    pub name: String,
    pub id: i64,
    pub description: String,
    pub dimension: u32,
    pub has_index: bool,
    pub partition_key: bool,
    /// Loaded through `collections/load`: partitions created later are loaded at once.
    pub loaded_whole: bool,
    pub partitions: Vec<Partition>,
}

impl Collection {
    pub fn rows(&self) -> u64 {
        self.partitions.iter().map(|p| p.rows).sum()
    }

    pub fn partition(&self, name: &str) -> Option<&Partition> {
        self.partitions.iter().find(|p| p.name == name)
    }

    /// Turns finished loads into `Loaded`.
    pub fn settle(&mut self, now: Instant) {
        for partition in &mut self.partitions {
            if matches!(partition.load, PartitionLoad::Loading { .. })
                && partition.load.progress(now) == Some(100)
            {
                partition.load = PartitionLoad::Loaded;
            }
        }
    }

    /// Integer average progress of the partitions that are loaded or loading;
    /// `None` when nothing is loaded (the collection is `LoadStateNotLoad`).
    pub fn progress(&self, now: Instant) -> Option<u8> {
        let loaded: Vec<u64> = self
            .partitions
            .iter()
            .filter_map(|p| p.load.progress(now).map(u64::from))
            .collect();
        if loaded.is_empty() {
            return None;
        }
        Some((loaded.iter().sum::<u64>() / loaded.len() as u64) as u8)
    }

    pub fn any_loaded(&self) -> bool {
        self.partitions
            .iter()
            .any(|p| p.load != PartitionLoad::Released)
    }

    /// Starts loading the named partitions (those already loaded or loading are left alone).
    pub fn start_load(&mut self, names: &[String], timing: LoadTiming, now: Instant) {
        for partition in &mut self.partitions {
            if names.contains(&partition.name) && partition.load == PartitionLoad::Released {
                partition.load = PartitionLoad::Loading {
                    started: now,
                    duration: timing.duration_for(partition.rows),
                    held: None,
                };
            }
        }
    }

    /// Releases the named partitions; releasing the last loaded ones releases the collection.
    pub fn release(&mut self, names: &[String]) {
        for partition in &mut self.partitions {
            if names.contains(&partition.name) {
                partition.load = PartitionLoad::Released;
            }
        }
        if !self.any_loaded() {
            self.loaded_whole = false;
        }
    }

    pub fn all_partition_names(&self) -> Vec<String> {
        self.partitions.iter().map(|p| p.name.clone()).collect()
    }
}

/// How long a load takes: proportional to the rows, within bounds.
#[derive(Clone, Copy, Debug)]
pub struct LoadTiming {
    /// Milliseconds to load 100,000 rows.
    pub millis_per_100k_rows: u64,
}

impl LoadTiming {
    pub fn duration_for(&self, rows: u64) -> Duration {
        let millis = self.millis_per_100k_rows.saturating_mul(rows.max(1_000)) / 100_000;
        Duration::from_millis(millis.clamp(1, 600_000))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Database {
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
        world
            .databases
            .insert("default".into(), Database::default());
        world
    }

    pub fn next_collection_id(&mut self) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Adds a collection with an index and the given partitions, all released.
    pub fn add_collection(
        &mut self,
        database: &str,
        name: &str,
        partitions: &[(&str, u64)],
    ) -> &mut Collection {
        let id = self.next_collection_id();
        let collection = Collection {
            name: name.to_string(),
            id,
            description: String::new(),
            dimension: 768,
            has_index: true,
            partition_key: false,
            loaded_whole: false,
            partitions: partitions
                .iter()
                .map(|(name, rows)| Partition {
                    name: name.to_string(),
                    rows: *rows,
                    load: PartitionLoad::Released,
                })
                .collect(),
        };
        self.databases
            .entry(database.to_string())
            .or_default()
            .collections
            .entry(name.to_string())
            .or_insert(collection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection(parts: &[&str]) -> Collection {
        let mut world = World::new();
        let spec: Vec<(&str, u64)> = parts.iter().map(|p| (*p, 10_000)).collect();
        world.add_collection("default", "c", &spec).clone()
    }

    #[test]
    fn progress_climbs_and_settles() {
        let timing = LoadTiming {
            millis_per_100k_rows: 1_000,
        };
        let mut c = collection(&["_default"]);
        let t0 = Instant::now();
        c.start_load(&c.all_partition_names(), timing, t0);
        // 10,000 rows at 1 s per 100k rows: 100 ms.
        assert_eq!(c.progress(t0), Some(0));
        assert_eq!(c.progress(t0 + Duration::from_millis(50)), Some(50));
        c.settle(t0 + Duration::from_millis(100));
        assert_eq!(c.partitions[0].load, PartitionLoad::Loaded);
    }

    #[test]
    fn releasing_the_last_loaded_partition_releases_the_collection() {
        let mut c = collection(&["_default", "p1"]);
        c.loaded_whole = true;
        c.partitions[1].load = PartitionLoad::Loaded;
        c.release(&["p1".to_string()]);
        assert!(!c.any_loaded());
        assert!(!c.loaded_whole);
        assert_eq!(c.progress(Instant::now()), None);
    }

    #[test]
    fn average_progress_is_an_integer_average_of_loaded_partitions() {
        let mut c = collection(&["a", "b", "c"]);
        let now = Instant::now();
        c.partitions[0].load = PartitionLoad::Loaded;
        c.partitions[1].load = PartitionLoad::Loading {
            started: now,
            duration: Duration::from_secs(100),
            held: Some(33),
        };
        assert_eq!(c.progress(now), Some(66));
    }
}
