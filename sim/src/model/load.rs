//! The load of one partition and how long loads take. Time is passed in, so that loads
//! progress lazily (nothing ticks in the background) and rules are easy to test.

use std::time::{Duration, Instant};

/// A load held at a fixed percent by the control API, since a moment (for abandonment).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hold {
    pub percent: u8,
    pub since: Instant,
}

/// Load state of one partition. A collection's state is derived from its partitions.
#[derive(Clone, Debug, PartialEq)]
pub enum PartitionLoad {
    Released,
    Loading {
        started: Instant,
        duration: Duration,
        /// Set by the control API to keep a load at a fixed percent.
        held: Option<Hold>,
    },
    Loaded,
}

impl PartitionLoad {
    /// Percent loaded, or `None` when released.
    pub fn progress(&self, now: Instant) -> Option<u8> {
        match self {
            PartitionLoad::Released => None,
            PartitionLoad::Loaded => Some(100),
            PartitionLoad::Loading {
                started,
                duration,
                held,
            } => {
                if let Some(hold) = held {
                    return Some(hold.percent);
                }
                let elapsed = now.saturating_duration_since(*started);
                if elapsed >= *duration {
                    return Some(100);
                }
                let percent = elapsed.as_millis() * 100 / duration.as_millis().max(1);
                Some(percent.min(99) as u8)
            }
        }
    }

    /// When a load's percent last moved: a held load since the hold, a running one when it
    /// reached its current percent.
    pub fn last_change(&self, now: Instant) -> Option<Instant> {
        match self {
            PartitionLoad::Loading {
                held: Some(hold), ..
            } => Some(hold.since),
            PartitionLoad::Loading {
                started, duration, ..
            } => {
                let percent = u32::from(self.progress(now).unwrap_or(0));
                Some(*started + duration.mul_f64(f64::from(percent) / 100.0))
            }
            _ => None,
        }
    }
}

/// How long a load takes: proportional to the rows, within bounds.
#[derive(Clone, Copy, Debug)]
pub struct LoadTiming {
    /// Milliseconds to load 100,000 rows.
    pub millis_per_100k_rows: u64,
}

impl LoadTiming {
    pub fn duration_for(&self, rows: u64) -> Duration {
        let millis = self.millis_per_100k_rows.saturating_mul(rows.max(1_000)) / 100_000;
        Duration::from_millis(millis.clamp(1, 600_000))
    }
}
