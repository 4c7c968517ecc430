//! The hostile data set: the demo plus names a real server refuses.

use std::time::Instant;

use super::demo::demo;
use crate::hostile;
use crate::model::{LoadConfig, PartitionLoad, World};

/// The demo world with hostile collections, partitions and databases.
pub fn hostile_world(now: Instant) -> World {
    let mut w = demo(now);
    let corpus = hostile::corpus();
    let partitions: Vec<(&str, u64)> = std::iter::once("_default")
        .chain(corpus.iter().take(8).map(String::as_str))
        .map(|n| (n, 1_000))
        .collect();
    for (i, name) in corpus.iter().enumerate() {
        let c = w.add_collection("default", name, &partitions);
        if i % 3 == 0 {
            c.partitions[1].load = PartitionLoad::Loaded;
            c.loaded_with = Some(LoadConfig::cluster_default());
        }
        // Every fourth one cannot be loaded: the refusal echoes the name.
        c.has_index = i % 4 != 0;
    }
    for name in corpus.iter().take(6) {
        w.add_collection(name, name, &[("_default", 1_000)]);
    }
    w
}
