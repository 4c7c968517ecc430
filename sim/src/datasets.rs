//! The data sets the simulator starts with: a realistic demo, a seeded one for scale, and a
//! hostile one for security tests.

use std::time::{Duration, Instant};

use crate::hostile;
use crate::model::{LoadConfig, PartitionLoad, World};

/// Which data the server holds at start and after a reset.
#[derive(Clone, Debug, PartialEq)]
pub enum Dataset {
    Empty,
    Demo,
    Scale {
        collections: usize,
        partitions: usize,
        seed: u64,
        states: ScaleStates,
    },
    Hostile,
}

/// The load states of a scale data set's collections.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScaleStates {
    /// Drawn from the seed: 45% loaded, 40% released, 10% partly loaded, 5% loading.
    #[default]
    Mixed,
    Loaded,
    /// Every collection loading slowly (20 minutes), started up to 100 s ago.
    Loading,
    Released,
}

impl ScaleStates {
    pub fn parse(text: &str) -> Option<ScaleStates> {
        Some(match text {
            "mixed" => ScaleStates::Mixed,
            "loaded" => ScaleStates::Loaded,
            "loading" => ScaleStates::Loading,
            "released" => ScaleStates::Released,
            _ => return None,
        })
    }
}

impl Dataset {
    pub fn build(&self, now: Instant) -> World {
        match self {
            Dataset::Empty => World::new(),
            Dataset::Demo => demo(now),
            Dataset::Scale {
                collections,
                partitions,
                seed,
                states,
            } => scale(*collections, *partitions, *seed, *states, now),
            Dataset::Hostile => hostile_world(now),
        }
    }
}

fn loaded(world: &mut World, db: &str, name: &str) {
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
fn loaded_with_replicas(world: &mut World, db: &str, name: &str, replicas: u32) {
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

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn slow_loading(now: Instant, started_ago: Duration, total: Duration) -> PartitionLoad {
    PartitionLoad::Loading {
        started: now.checked_sub(started_ago).unwrap_or(now),
        duration: total,
        held: None,
    }
}

fn demo(now: Instant) -> World {
    let mut w = World::new();
    let d = "default";
    w.add_collection(d, "books", &[("_default", 120_000)]);
    loaded(&mut w, d, "books");
    w.add_collection(d, "films", &[("_default", 48_000)]);
    w.add_collection(
        d,
        "product_images_clip",
        &[("_default", 900_000), ("2024", 400_000), ("2025", 650_000)],
    );
    loaded(&mut w, d, "product_images_clip");
    // A large collection that keeps loading for ten minutes, so "Loading" is always visible.
    let big = w.add_collection(d, "wiki_passages_e5_large", &[("_default", 8_000_000)]);
    big.loaded_whole = true;
    big.loaded_with = Some(LoadConfig::cluster_default());
    big.partitions[0].load = slow_loading(now, Duration::from_secs(40), Duration::from_secs(600));
    // Partly loaded through partitions/load: two of five partitions.
    let partly = w.add_collection(
        d,
        "user_events",
        &[
            ("_default", 10_000),
            ("region_eu", 220_000),
            ("region_us", 310_000),
            ("region_apac", 150_000),
            ("archive", 2_400_000),
        ],
    );
    partly.partitions[1].load = PartitionLoad::Loaded;
    partly.partitions[2].load = PartitionLoad::Loaded;
    partly.loaded_with = Some(LoadConfig::cluster_default());
    // A partition-key collection has only its internal partitions `_default_0`..`_default_15`.
    let internal: Vec<String> = (0..16).map(|i| format!("_default_{i}")).collect();
    let spec: Vec<(&str, u64)> = internal.iter().map(|n| (n.as_str(), 5_000)).collect();
    let tickets = w.add_collection(d, "support_tickets", &spec);
    tickets.partition_key = true;
    loaded(&mut w, d, "support_tickets");
    let raw = w.add_collection(d, "raw_events_no_index", &[("_default", 3_000)]);
    raw.has_index = false;
    let long = format!("tenant_{}_embeddings", "acme_corporation_eu_west".repeat(9));
    w.add_collection(d, &long, &[("_default", 1_000)]);
    loaded(&mut w, d, &long);
    for (i, name) in [
        "faq_answers",
        "chat_memory",
        "code_snippets",
        "legal_clauses",
    ]
    .iter()
    .enumerate()
    {
        w.add_collection(d, name, &[("_default", 20_000 * (i as u64 + 1))]);
        if i % 2 == 0 {
            loaded(&mut w, d, name);
        }
    }
    loaded_with_replicas(&mut w, d, "faq_answers", 2);
    if let Some(legal) = w
        .databases
        .get_mut(d)
        .and_then(|db| db.collections.get_mut("legal_clauses"))
    {
        legal.properties = pairs(&[
            ("collection.replica.number", "2"),
            ("collection.resource_groups", "rg_legal"),
        ]);
    }

    let a = "analytics";
    let parts: Vec<(String, u64)> = (1..=8).map(|m| (format!("month_{m:02}"), 50_000)).collect();
    let spec: Vec<(&str, u64)> = std::iter::once(("_default", 0))
        .chain(parts.iter().map(|(n, r)| (n.as_str(), *r)))
        .collect();
    w.database_mut(a).properties = pairs(&[("database.replica.number", "2")]);
    w.add_collection(a, "clickstream", &spec);
    loaded_with_replicas(&mut w, a, "clickstream", 2);
    w.add_collection(a, "sessions_2024", &[("_default", 300_000)]);
    let recs = w.add_collection(a, "recommendations", &spec);
    for p in recs.partitions.iter_mut().skip(6) {
        p.load = PartitionLoad::Loaded;
    }
    recs.loaded_with = Some(LoadConfig {
        replicas: 2,
        ..LoadConfig::cluster_default()
    });

    for i in 1..=30 {
        w.add_collection(
            "archive_2023",
            &format!("snapshot_{i:03}"),
            &[("_default", 5_000)],
        );
    }
    w
}

/// A seeded mix for scale tests: about 45% loaded, 40% released, 10% partly loaded and
/// 5% loading slowly.
fn scale(
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

fn hostile_world(now: Instant) -> World {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_deterministic_for_a_seed() {
        let now = Instant::now();
        let spec = |states| Dataset::Scale {
            collections: 50,
            partitions: 4,
            seed: 7,
            states,
        };
        let a = spec(ScaleStates::Mixed).build(now);
        let b = spec(ScaleStates::Mixed).build(now);
        let states = |w: &World| -> Vec<Option<u8>> {
            w.databases["default"]
                .collections
                .values()
                .map(|c| c.progress(now))
                .collect()
        };
        assert_eq!(states(&a), states(&b));
        assert_eq!(a.databases["default"].collections.len(), 50);
        // One state for all, on request.
        let every = |states, wanted: &dyn Fn(Option<u8>) -> bool| {
            let w = spec(states).build(now);
            let db = &w.databases["default"];
            db.collections.len() == 50 && db.collections.values().all(|c| wanted(c.progress(now)))
        };
        assert!(every(ScaleStates::Loaded, &|p| p == Some(100)));
        assert!(every(ScaleStates::Released, &|p| p.is_none()));
        assert!(every(ScaleStates::Loading, &|p| p.is_some_and(|p| p < 100)));
    }

    #[test]
    fn demo_has_every_kind_of_state() {
        let now = Instant::now();
        let w = Dataset::Demo.build(now);
        let db = &w.databases["default"];
        assert_eq!(db.collections["books"].progress(now), Some(100));
        assert_eq!(db.collections["films"].progress(now), None);
        assert!(
            db.collections["wiki_passages_e5_large"]
                .progress(now)
                .unwrap_or(100)
                < 100
        );
        let partly = &db.collections["user_events"];
        assert!(partly
            .partitions
            .iter()
            .any(|p| p.load == PartitionLoad::Released));
        assert!(db
            .collections
            .keys()
            .any(|n| n.len() > 200 && n.len() <= 255));
        assert!(w.databases.len() >= 3);
        let names: Vec<&str> = db.collections["support_tickets"]
            .partitions
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names.len(), 16);
        assert_eq!((names[0], names[15]), ("_default_0", "_default_15"));
    }
}
