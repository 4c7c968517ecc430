//! The running simulator: start-up settings, the world, and what the control API may change.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::compat::Compat;
use crate::datasets::Dataset;
use crate::faults::{FaultConfig, ForcedFault, Latency};
use crate::model::{LoadTiming, World};
use crate::server::InFlight;

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
    /// Serve the unauthenticated control API under `/__sim/` (off unless `--control`).
    pub control: bool,
    /// Drop loads without progress for this long (`queryCoord.loadTimeoutSeconds`).
    pub load_timeout: Option<Duration>,
    /// DDL requests (load, release, create, drop) admitted per second; more answer 1807.
    pub ddl_rate: Option<u32>,
}

impl Settings {
    /// Defaults for everything but what a test names.
    pub fn new(dataset: Dataset) -> Settings {
        Settings {
            auth: None,
            read_only_auth: None,
            compat: Compat::V2_6_19,
            hostile: false,
            dataset,
            timing: LoadTiming {
                millis_per_100k_rows: 1_500,
            },
            faults: FaultConfig::default(),
            latency: Latency::default(),
            seed: 1,
            control: false,
            load_timeout: None,
            ddl_rate: None,
        }
    }
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
    /// Applies this many times, then goes away (always when absent).
    #[serde(default)]
    pub times: Option<u32>,
}

/// Something that applies to requests of one endpoint (and optionally one collection),
/// a limited number of times.
pub trait Targeted {
    fn endpoint(&self) -> &str;
    fn collection(&self) -> Option<&str>;
    fn times(&mut self) -> &mut Option<u32>;
}

/// Rules and forced faults match requests the same way.
macro_rules! targeted {
    ($($kind:ty),*) => {$(
        impl Targeted for $kind {
            fn endpoint(&self) -> &str {
                &self.endpoint
            }
            fn collection(&self) -> Option<&str> {
                self.collection_name.as_deref()
            }
            fn times(&mut self) -> &mut Option<u32> {
                &mut self.times
            }
        }
    )*};
}

targeted!(Rule, ForcedFault);

/// The first entry matching the request, counting one use of it.
pub fn take_matching<T: Targeted + Clone>(
    list: &mut Vec<T>,
    endpoint: &str,
    collection: Option<&str>,
) -> Option<T> {
    let index = list.iter().position(|t| {
        t.endpoint() == endpoint && (t.collection().is_none() || t.collection() == collection)
    })?;
    let entry = list.get_mut(index)?;
    let found = entry.clone();
    if let Some(left) = entry.times() {
        *left = left.saturating_sub(1);
        if *left == 0 {
            list.remove(index);
        }
    }
    Some(found)
}

/// What the control API can change while the server runs.
pub struct Live {
    pub faults: FaultConfig,
    pub latency: Latency,
    pub rules: Vec<Rule>,
    pub forced: Vec<ForcedFault>,
    pub rng: fastrand::Rng,
    pub load_timeout: Option<Duration>,
    pub ddl_rate: Option<u32>,
    /// When the DDL requests of the last second were admitted.
    pub ddl_admitted: VecDeque<Instant>,
}

impl Live {
    fn new(settings: &Settings) -> Live {
        Live {
            faults: settings.faults.clone(),
            latency: settings.latency,
            rules: Vec::new(),
            forced: Vec::new(),
            rng: fastrand::Rng::with_seed(settings.seed),
            load_timeout: settings.load_timeout,
            ddl_rate: settings.ddl_rate,
            ddl_admitted: VecDeque::new(),
        }
    }

    /// Admits one DDL request at `now`, or returns the rate it exceeds.
    pub fn admit_ddl(&mut self, now: Instant) -> Result<(), u32> {
        let Some(rate) = self.ddl_rate else {
            return Ok(());
        };
        while self
            .ddl_admitted
            .front()
            .is_some_and(|at| now.saturating_duration_since(*at) >= Duration::from_secs(1))
        {
            self.ddl_admitted.pop_front();
        }
        if self.ddl_admitted.len() >= rate as usize {
            return Err(rate);
        }
        self.ddl_admitted.push_back(now);
        Ok(())
    }
}

/// Writes received per endpoint, then per collection (`db/name` outside `default`).
pub type Writes = BTreeMap<String, BTreeMap<String, u64>>;

pub struct Sim {
    pub settings: Settings,
    pub dataset: Mutex<Dataset>,
    pub world: Mutex<World>,
    pub live: Mutex<Live>,
    pub counters: Mutex<BTreeMap<String, u64>>,
    /// Requests by `Authorization` value (`(none)` without one): which token reached the server.
    pub authorization: Mutex<BTreeMap<String, u64>>,
    pub writes: Mutex<Writes>,
    pub in_flight: InFlight,
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
            live: Mutex::new(Live::new(&settings)),
            counters: Mutex::new(BTreeMap::new()),
            authorization: Mutex::new(BTreeMap::new()),
            writes: Mutex::new(Writes::new()),
            in_flight: InFlight::default(),
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
        *lock(&self.live) = Live::new(&self.settings);
        self.clear_counters();
    }

    pub fn clear_counters(&self) {
        lock(&self.counters).clear();
        lock(&self.authorization).clear();
        lock(&self.writes).clear();
        self.in_flight.clear();
    }

    /// Counts a request by the `Authorization` it carried.
    pub fn count_authorization(&self, value: Option<&str>) {
        let key = value.unwrap_or("(none)").to_string();
        *lock(&self.authorization).entry(key).or_default() += 1;
    }

    pub fn count(&self, key: &str) {
        *lock(&self.counters).entry(key.to_string()).or_default() += 1;
    }

    /// Counts a write received for a collection, before anything may refuse or fault it.
    pub fn count_write(&self, endpoint: &str, db: &str, collection: &str) {
        let key = if db == "default" {
            collection.to_string()
        } else {
            format!("{db}/{collection}")
        };
        *lock(&self.writes)
            .entry(endpoint.to_string())
            .or_default()
            .entry(key)
            .or_default() += 1;
    }
}
