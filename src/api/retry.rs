//! How reads are retried: bounded, jittered exponential backoff.

/// Bounded, jittered exponential backoff.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Total tries, the first included.
    pub max_attempts: u32,
    pub base_delay_ms: u32,
    pub max_delay_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay_ms: 250,
            max_delay_ms: 4_000,
        }
    }
}

impl RetryPolicy {
    /// The pause before retry number `retry` (1-based): "full jitter" between half and all of
    /// the exponential step, so that many clients do not retry in lock-step.
    pub fn delay_ms(&self, retry: u32, random: f64) -> u32 {
        let step = self
            .base_delay_ms
            .saturating_mul(1u32 << retry.saturating_sub(1).min(16))
            .min(self.max_delay_ms);
        let jitter = random.clamp(0.0, 1.0);
        (f64::from(step) * (0.5 + jitter / 2.0)) as u32
    }
}
