//! API requests being answered at once, and the most seen since the counters were cleared: how
//! tests see how many requests a browser keeps in flight over one protocol or another.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use serde::Serialize;

use crate::sim::lock;

#[derive(Default)]
pub struct InFlight {
    now: AtomicUsize,
    max: AtomicUsize,
    /// The time spent answering, summed over requests: divided by a span of time, the mean
    /// number in flight over it.
    busy_micros: AtomicU64,
    /// API requests by HTTP version (`HTTP/1.1`, `HTTP/2.0`).
    versions: Mutex<BTreeMap<String, u64>>,
}

#[derive(Serialize)]
pub struct InFlightReport {
    now: usize,
    max: usize,
    #[serde(rename = "busyMicros")]
    busy_micros: u64,
    versions: BTreeMap<String, u64>,
}

/// Counts one request as in flight until dropped.
pub struct Answering<'a>(&'a InFlight, Instant);

impl InFlight {
    pub fn begin(&self, version: hyper::Version) -> Answering<'_> {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.max.fetch_max(now, Ordering::SeqCst);
        *lock(&self.versions)
            .entry(format!("{version:?}"))
            .or_default() += 1;
        Answering(self, Instant::now())
    }

    pub fn clear(&self) {
        self.max
            .store(self.now.load(Ordering::SeqCst), Ordering::SeqCst);
        lock(&self.versions).clear();
        self.busy_micros.store(0, Ordering::SeqCst);
    }

    pub fn report(&self) -> InFlightReport {
        InFlightReport {
            now: self.now.load(Ordering::SeqCst),
            max: self.max.load(Ordering::SeqCst),
            busy_micros: self.busy_micros.load(Ordering::SeqCst),
            versions: lock(&self.versions).clone(),
        }
    }
}

impl Drop for Answering<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
        let micros = u64::try_from(self.1.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.0.busy_micros.fetch_add(micros, Ordering::SeqCst);
    }
}
