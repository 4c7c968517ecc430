//! The seeded data set for scale tests.

use std::time::{Duration, Instant};

use super::states::slow_loading;
use super::ScaleStates;
use crate::model::{LoadConfig, PartitionLoad, World};

/// A seeded mix for scale tests: about 45% loaded, 40% released, 10% partly loaded and
/// 5% loading slowly.
pub fn scale(
    collections: usize,
    partitions: usize,
    seed: u64,
    states: ScaleStates,
    now: Instant,
) -> World {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut w = World::new();
    let names: Vec<String> = std::iter::once("_default".to_string())
        .chain((1..partitions.max(1)).map(|i| format!("part_{i:02}")))
        .collect();
    for i in 0..collections {
        let spec: Vec<(&str, u64)> = names
            .iter()
            .map(|n| (n.as_str(), rng.u64(1_000..200_000)))
            .collect();
        let name = format!("collection_{i:05}");
        let c = w.add_collection("default", &name, &spec);
        // Drawn in every case, so that the sizes stay those of the seed.
        let drawn = rng.u8(0..100);
        let bucket = match states {
            ScaleStates::Mixed => drawn,
            ScaleStates::Loaded => 0,
            ScaleStates::Released => 45,
            ScaleStates::Loading => 95,
        };
        match bucket {
            0..=44 => {
                c.loaded_whole = true;
                c.loaded_with = Some(LoadConfig::cluster_default());
                c.partitions
                    .iter_mut()
                    .for_each(|p| p.load = PartitionLoad::Loaded);
            }
            45..=84 => {}
            85..=94 => {
                let count = c.partitions.len();
                for p in c.partitions.iter_mut().take(count.div_ceil(2)) {
                    p.load = PartitionLoad::Loaded;
                }
                c.loaded_with = Some(LoadConfig::cluster_default());
            }
            _ => {
                c.loaded_whole = true;
                c.loaded_with = Some(LoadConfig::cluster_default());
                let ago = Duration::from_secs(rng.u64(1..100));
                for p in &mut c.partitions {
                    p.load = slow_loading(now, ago, Duration::from_secs(1_200));
                }
            }
        }
    }
    w
}
