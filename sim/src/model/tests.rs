//! Load progress, settling, release and abandonment of a collection.

use std::time::{Duration, Instant};

use super::collection::Collection;
use super::load::{Hold, LoadTiming, PartitionLoad};
use super::world::World;

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
