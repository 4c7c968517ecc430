//! Putting collections of a data set into their load states.

use std::time::{Duration, Instant};

use crate::model::{LoadConfig, PartitionLoad, World};

pub fn loaded(world: &mut World, db: &str, name: &str) {
    if let Some(c) = world
        .databases
        .get_mut(db)
        .and_then(|d| d.collections.get_mut(name))
    {
        c.loaded_whole = true;
        c.loaded_with = Some(LoadConfig::cluster_default());
        for p in &mut c.partitions {
            p.load = PartitionLoad::Loaded;
        }
    }
}

/// Loaded by an SDK with `replicas` replicas: a REST load would change that (section 6).
pub fn loaded_with_replicas(world: &mut World, db: &str, name: &str, replicas: u32) {
    loaded(world, db, name);
    if let Some(c) = world
        .databases
        .get_mut(db)
        .and_then(|d| d.collections.get_mut(name))
    {
        c.loaded_with = Some(LoadConfig {
            replicas,
            ..LoadConfig::cluster_default()
        });
    }
}

pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn slow_loading(now: Instant, started_ago: Duration, total: Duration) -> PartitionLoad {
    PartitionLoad::Loading {
        started: now.checked_sub(started_ago).unwrap_or(now),
        duration: total,
        held: None,
    }
}
