//! The data sets the simulator starts with: a realistic demo, a seeded one for scale, and a
//! hostile one for security tests.

mod cluster;
mod demo;
mod hostile;
mod scale;
mod states;

use std::time::Instant;

use crate::model::World;

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
    /// The world at `now`, with the replicas of what it loads placed on its query nodes.
    pub fn build(&self, now: Instant) -> World {
        let mut world = match self {
            Dataset::Empty => World::new(),
            Dataset::Demo => demo::demo(now),
            Dataset::Scale {
                collections,
                partitions,
                seed,
                states,
            } => scale::scale(*collections, *partitions, *seed, *states, now),
            Dataset::Hostile => hostile::hostile_world(now),
        };
        if !matches!(self, Dataset::Demo | Dataset::Hostile) {
            world.size_standalone();
        }
        world.place_loaded();
        world
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::model::PartitionLoad;

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
