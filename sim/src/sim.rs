//! The running simulator: start-up settings, the world, and what the control API may change.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::api::Compat;
use crate::datasets::Dataset;
use crate::faults::{FaultConfig, Latency};
use crate::model::{LoadTiming, World};

/// Fixed at start-up.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `user:password` accepted with full privileges; no auth when `None`.
    pub auth: Option<String>,
    /// `user:password` that may read but is refused load/release/create/drop (HTTP 403).
    pub read_only_auth: Option<String>,
    pub compat: Compat,
    pub hostile: bool,
    pub dataset: Dataset,
    pub timing: LoadTiming,
    pub faults: FaultConfig,
    pub latency: Latency,
    pub seed: u64,
}

/// A forced refusal for tests: requests to `endpoint` (optionally only for one collection)
/// get this code and message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rule {
    pub endpoint: String,
    #[serde(default)]
    pub collection_name: Option<String>,
    pub code: i64,
    pub message: String,
}

/// What the control API can change while the server runs.
pub struct Live {
    pub faults: FaultConfig,
    pub latency: Latency,
    pub rules: Vec<Rule>,
    pub rng: fastrand::Rng,
}

pub struct Sim {
    pub settings: Settings,
    pub dataset: Mutex<Dataset>,
    pub world: Mutex<World>,
    pub live: Mutex<Live>,
    pub counters: Mutex<BTreeMap<String, u64>>,
}

/// Locks a mutex even if a thread panicked while holding it: the data stays usable.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sim {
    pub fn new(settings: Settings) -> Sim {
        let world = settings.dataset.build(Instant::now());
        Sim {
            dataset: Mutex::new(settings.dataset.clone()),
            world: Mutex::new(world),
            live: Mutex::new(Live {
                faults: settings.faults.clone(),
                latency: settings.latency,
                rules: Vec::new(),
                rng: fastrand::Rng::with_seed(settings.seed),
            }),
            counters: Mutex::new(BTreeMap::new()),
            settings,
        }
    }

    /// Back to the start-up state, optionally with another data set.
    pub fn reset(&self, dataset: Option<Dataset>) {
        let mut current = lock(&self.dataset);
        if let Some(dataset) = dataset {
            *current = dataset;
        }
        *lock(&self.world) = current.build(Instant::now());
        let mut live = lock(&self.live);
        live.faults = self.settings.faults.clone();
        live.latency = self.settings.latency;
        live.rules.clear();
        live.rng = fastrand::Rng::with_seed(self.settings.seed);
        lock(&self.counters).clear();
    }

    pub fn count(&self, key: &str) {
        *lock(&self.counters).entry(key.to_string()).or_default() += 1;
    }
}
