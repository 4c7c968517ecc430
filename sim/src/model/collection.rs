//! A collection, its partitions, properties and the settings of its current load.

use std::time::{Duration, Instant};

use super::cluster::Replica;
use super::index::VectorIndex;
use super::load::{LoadTiming, PartitionLoad};
use super::schema::Field;

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
    /// The schema; its first vector field is the one `index` indexes.
    pub fields: Vec<Field>,
    pub index: VectorIndex,
    /// Whether `index` is built (none at all: loads answer 700).
    pub has_index: bool,
    /// More vector fields, without an index (a load is refused while any exist).
    pub unindexed_vector_fields: Vec<String>,
    pub partition_key: bool,
    /// Loaded through `collections/load`: partitions created later are loaded at once.
    pub loaded_whole: bool,
    pub partitions: Vec<Partition>,
    pub properties: Properties,
    /// The settings of the current load; `None` while nothing is loaded.
    pub loaded_with: Option<LoadConfig>,
    /// Where the replicas of the current load are; empty while nothing is loaded.
    pub replicas: Vec<Replica>,
    /// The last failed load; cleared by a release.
    pub load_failure: Option<LoadFailure>,
}

/// A failed load task, kept 24 hours by the query coordinator.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    pub reason: String,
    pub at: Instant,
    /// The loader's code, when the failure also answers `get_load_state` of the whole
    /// collection once nothing is loaded (a refusal for memory).
    pub code: Option<i64>,
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
        let mut dropped = false;
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
                dropped = true;
            }
        }
        // Only a dropped load forgets the placement: a load being placed has nothing loading
        // yet, and its replicas must stay.
        if dropped {
            self.forget_load_if_released();
        }
    }

    fn forget_load_if_released(&mut self) {
        if !self.any_loaded() {
            self.loaded_whole = false;
            self.loaded_with = None;
            self.replicas.clear();
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
        self.load_failure = Some(LoadFailure {
            reason: reason.to_string(),
            at: now,
            code: None,
        });
        self.forget_load_if_released();
    }

    /// The failure reason a `partition not loaded` message starts with: one from the last
    /// 24 hours.
    pub fn recent_failure(&self, now: Instant) -> Option<&str> {
        self.recent_load_failure(now).map(|f| f.reason.as_str())
    }

    /// The failed load of the last 24 hours, if any.
    pub fn recent_load_failure(&self, now: Instant) -> Option<&LoadFailure> {
        const DAY: Duration = Duration::from_secs(24 * 3600);
        self.load_failure
            .as_ref()
            .filter(|f| now.saturating_duration_since(f.at) < DAY)
    }

    /// The first vector field (the indexed one).
    pub fn vector_field(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.data_type.is_vector())
    }

    /// Rows held by the partitions being loaded or loaded, weighted by their progress: what
    /// the query nodes hold now.
    pub fn resident_rows(&self, now: Instant) -> u64 {
        self.partitions
            .iter()
            .map(|p| p.rows * u64::from(p.load.progress(now).unwrap_or(0)) / 100)
            .sum()
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
