//! How a followed load moves: the rate observed from its first reading, for an estimate of
//! the time left, and whether its progress has not moved for the configured minutes.

/// Minutes without progress after which a load is stalled unless configured otherwise.
pub const DEFAULT_STALL_MINUTES: u32 = 5;

/// Minutes without progress after which a load is stalled; 0 never marks one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StallAfter(pub u32);

impl Default for StallAfter {
    fn default() -> Self {
        StallAfter(DEFAULT_STALL_MINUTES)
    }
}

impl StallAfter {
    fn millis(self) -> Option<f64> {
        (self.0 > 0).then(|| f64::from(self.0) * 60_000.0)
    }
}

/// The readings of one load, times by the session's clock (milliseconds since the epoch).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    /// The percent first read and when.
    first: (u8, f64),
    /// The percent now.
    pub progress: u8,
    /// When `progress` was first read.
    pub since: f64,
    /// `progress` has not moved for the configured minutes.
    pub stalled: bool,
}

// Rows are `Eq`; clock readings are never NaN.
impl Eq for Pace {}

impl Pace {
    /// The first reading of a load.
    pub fn start(progress: u8, at: f64) -> Pace {
        Pace {
            first: (progress, at),
            progress,
            since: at,
            stalled: false,
        }
    }

    /// The next reading.
    pub fn observe(self, progress: u8, at: f64, stall_after: StallAfter) -> Pace {
        if progress < self.progress {
            // Started over (released and loaded again elsewhere): the old rate says nothing.
            return Pace::start(progress, at);
        }
        if progress > self.progress {
            return Pace {
                progress,
                since: at,
                stalled: false,
                ..self
            };
        }
        let stalled = self.stalled
            || stall_after
                .millis()
                .is_some_and(|limit| progress < 100 && at - self.since >= limit);
        Pace { stalled, ..self }
    }

    /// Milliseconds left at the rate observed from the first reading to the last change;
    /// none before progress has moved, or while stalled.
    pub fn time_left(&self) -> Option<f64> {
        let (from, start) = self.first;
        let moved = f64::from(self.progress.checked_sub(from)?);
        let took = self.since - start;
        if self.stalled || moved <= 0.0 || took <= 0.0 || self.progress >= 100 {
            return None;
        }
        Some(f64::from(100 - self.progress) * took / moved)
    }

    /// "about 4 min left", "less than a minute left", "about 2 h left".
    /// Whole numbers, printed as integers (printing an `f64` would add the float printer to
    /// the wasm).
    pub fn time_left_text(&self) -> Option<String> {
        let minutes = (self.time_left()? / 60_000.0).round() as u64;
        Some(if minutes < 1 {
            "less than a minute left".to_string()
        } else if minutes < 90 {
            format!("about {minutes} min left")
        } else {
            format!("about {} h left", (minutes as f64 / 60.0).round() as u64)
        })
    }
}
