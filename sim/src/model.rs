//! The simulated server's data: databases, collections, partitions and their load state.
//!
//! Pure state and transitions; time is passed in so that rules are easy to test and loads
//! progress lazily (nothing ticks in the background).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A load held at a fixed percent by the control API, since a moment (for abandonment).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hold {
    pub percent: u8,
    pub since: Instant,
}

/// Load state of one partition. A collection's state is derived from its partitions.
#[derive(Clone, Debug, PartialEq)]
pub enum PartitionLoad {
    Released,
    Loading {
        started: Instant,
        duration: Duration,
        /// Set by the control API to keep a load at a fixed percent.
        held: Option<Hold>,
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
                if let Some(hold) = held {
                    return Some(hold.percent);
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

    /// When a load's percent last moved: a held load since the hold, a running one when it
    /// reached its current percent.
    fn last_change(&self, now: Instant) -> Option<Instant> {
        match self {
            PartitionLoad::Loading {
                held: Some(hold), ..
            } => Some(hold.since),
            PartitionLoad::Loading {
                started, duration, ..
            } => {
                let percent = u32::from(self.progress(now).unwrap_or(0));
                Some(*started + duration.mul_f64(f64::from(percent) / 100.0))
            }
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Partition {
    /// The numeric ID a real server puts in `partition not loaded[partition=<id>]`.
    pub id: i64,
    pub name: String,
    pub rows: u64,
    pub load: PartitionLoad,
}

/// The replica settings a collection was loaded with.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadConfig {
    pub replicas: u32,
    pub resource_groups: Vec<String>,
    /// Loaded with only some fields (an SDK's `load_fields`).
    pub field_subset: bool,
}

impl LoadConfig {
    /// The cluster default: one replica in the default resource group.
    pub fn cluster_default() -> LoadConfig {
        LoadConfig {
            replicas: 1,
            resource_groups: vec!["__default_resource_group".to_string()],
            field_subset: false,
        }
    }
}

/// `key`/`value` properties of a collection or database.
pub type Properties = Vec<(String, String)>;

/// The value of a property, if set.
pub fn property<'p>(properties: &'p Properties, key: &str) -> Option<&'p str> {
    properties
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[derive(Clone, Debug)]
pub struct Collection {
    pub name: String,
    pub id: i64,
    pub description: String,
    pub dimension: u32,
    pub has_index: bool,
    /// Vector fields besides `vector` that have no index (a load is refused while any exist).
    pub unindexed_vector_fields: Vec<String>,
    pub partition_key: bool,
    /// Loaded through `collections/load`: partitions created later are loaded at once.
    pub loaded_whole: bool,
    pub partitions: Vec<Partition>,
    pub properties: Properties,
    /// The settings of the current load; `None` while nothing is loaded.
    pub loaded_with: Option<LoadConfig>,
    /// The reason of the last failed load and when it failed; cleared by a release.
    pub load_failure: Option<(String, Instant)>,
}

impl Collection {
    pub fn rows(&self) -> u64 {
        self.partitions.iter().map(|p| p.rows).sum()
    }

    pub fn partition(&self, name: &str) -> Option<&Partition> {
        self.partitions.iter().find(|p| p.name == name)
    }

    /// Turns finished loads into `Loaded`, and drops loads that made no progress for
    /// `load_timeout` (a real query coordinator abandons them silently).
    pub fn settle(&mut self, now: Instant, load_timeout: Option<Duration>) {
        for partition in &mut self.partitions {
            if !matches!(partition.load, PartitionLoad::Loading { .. }) {
                continue;
            }
            let stalled = load_timeout.is_some_and(|timeout| {
                partition
                    .load
                    .last_change(now)
                    .is_some_and(|at| now.saturating_duration_since(at) >= timeout)
            });
            if partition.load.progress(now) == Some(100) {
                partition.load = PartitionLoad::Loaded;
            } else if stalled {
                partition.load = PartitionLoad::Released;
            }
        }
        self.forget_load_if_released();
    }

    fn forget_load_if_released(&mut self) {
        if !self.any_loaded() {
            self.loaded_whole = false;
            self.loaded_with = None;
        }
    }

    /// A failed load task: what was loading or loaded is released, and the reason prefixes
    /// `partition not loaded` messages until the next release.
    pub fn fail_load(&mut self, names: &[String], reason: &str, now: Instant) {
        for partition in &mut self.partitions {
            if names.contains(&partition.name) {
                partition.load = PartitionLoad::Released;
            }
        }
        self.load_failure = Some((reason.to_string(), now));
        self.forget_load_if_released();
    }

    /// The failure reason a `partition not loaded` message starts with: one from the last
    /// 24 hours.
    pub fn recent_failure(&self, now: Instant) -> Option<&str> {
        const DAY: Duration = Duration::from_secs(24 * 3600);
        self.load_failure
            .as_ref()
            .filter(|(_, at)| now.saturating_duration_since(*at) < DAY)
            .map(|(reason, _)| reason.as_str())
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
        self.load_failure = None;
        self.forget_load_if_released();
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
        c.settle(t0 + Duration::from_millis(100), None);
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
            held: Some(Hold {
                percent: 33,
                since: now,
            }),
        };
        assert_eq!(c.progress(now), Some(66));
    }

    #[test]
    fn a_load_without_progress_for_the_timeout_is_dropped() {
        let mut c = collection(&["a", "b"]);
        let now = Instant::now();
        c.loaded_whole = true;
        c.partitions[0].load = PartitionLoad::Loading {
            started: now,
            duration: Duration::from_secs(100),
            held: Some(Hold {
                percent: 10,
                since: now,
            }),
        };
        let timeout = Some(Duration::from_secs(5));
        c.settle(now + Duration::from_secs(4), timeout);
        assert_eq!(c.progress(now), Some(10));
        c.settle(now + Duration::from_secs(5), timeout);
        assert_eq!(c.progress(now), None);
        assert!(!c.loaded_whole);
        // A running load moves its percent more often than the timeout: kept.
        let timing = LoadTiming {
            millis_per_100k_rows: 100_000,
        };
        c.start_load(&["b".to_string()], timing, now);
        c.settle(now + Duration::from_secs(8), timeout);
        assert!(c.progress(now + Duration::from_secs(8)).is_some());
    }
}
