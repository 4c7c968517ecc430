//! Releases and loads at the pace the server's rate limiter allows (Zilliz Cloud admits about
//! five DDL requests a second per cluster; Milvus answers its limiters with code 1807 or 8).
//! A refused write was not applied, so it is sent again later. The pace follows AIMD: halved
//! on a refusal, raised by one write per second for every second of admitted writes, and never
//! beyond nine tenths of the most writes the server admitted within a second. After a quiet
//! period of admitted writes that ceiling is raised by one, so that a ceiling learnt from an
//! early refusal does not hold a whole batch. The pace is learnt again for each batch of
//! writes: another client may have used the quota. Intervals are measured on the monotonic
//! clock: a wall clock set back never holds writes.

use std::collections::VecDeque;

use crate::api::{ApiError, ApiErrorKind, Client, RetryPolicy, Transport};
use crate::state::{Action, Target};

use super::send::write;
use super::{Runtime, Session};

/// The slowest pace, in writes per second.
const SLOWEST: f64 = 0.2;
/// Refusals of one write before it is reported failed: the limiter then admitted nothing of
/// ours for well over a minute.
const MAX_REFUSALS: u32 = 20;
/// Limiters count over one second.
const WINDOW_MS: f64 = 1_000.0;
/// The share of the server's pace kept to: timers and the network shift sends by a few
/// milliseconds, and writes at the very limit would be refused again and again.
const MARGIN: f64 = 0.9;
/// Admitted writes without a refusal for this long raise the ceiling by one write a second.
const PROBE_AFTER_MS: f64 = 30_000.0;

/// The pace of one connection's writes.
#[derive(Default)]
pub(super) struct Pacer {
    /// Writes per second; `None` until the server refuses one.
    rate: Option<f64>,
    /// The most writes the server admitted within a second, as seen at its refusals.
    ceiling: f64,
    /// The next write waits until then (milliseconds since the epoch).
    next_at: f64,
    /// Writes sent so far.
    sent: u64,
    /// A refusal of a write sent up to this one was part of the burst the pace was lowered for.
    lowered_after: u64,
    /// When the writes admitted within the last second were answered: the limiter counted
    /// them no later than that.
    admitted: VecDeque<f64>,
    /// What the state shows, to tell it only of changes.
    shown: Option<f64>,
    /// The last refusal, or the last raise of the ceiling since.
    probed_at: f64,
}

impl Pacer {
    /// How long the next write has to wait.
    fn wait_ms(&self, now: f64) -> f64 {
        (self.next_at - now).max(0.0)
    }

    /// A write goes now: the next one waits one interval. Returns its number.
    fn take(&mut self, now: f64) -> u64 {
        if let Some(rate) = self.rate {
            self.next_at = now + 1_000.0 / rate;
        }
        self.sent += 1;
        self.sent
    }

    fn forget_before(&mut self, now: f64) {
        while self
            .admitted
            .front()
            .is_some_and(|&at| now - at >= WINDOW_MS)
        {
            self.admitted.pop_front();
        }
    }

    /// The server applied a write; its reply came at `now`.
    fn admitted(&mut self, now: f64) {
        self.admitted.push_back(now);
        self.forget_before(now);
        if let Some(rate) = self.rate {
            if now - self.probed_at >= PROBE_AFTER_MS {
                self.ceiling += 1.0;
                self.probed_at = now;
            }
            // One more write per second for each second of writes admitted at this pace.
            self.rate = Some((rate + 1.0 / rate).min(self.ceiling * MARGIN));
        }
    }

    /// The limiter refused write number `number`.
    fn refused(&mut self, number: u64, now: f64) {
        self.forget_before(now);
        self.probed_at = now;
        let oldest = self.admitted.front().copied();
        // Replies cross: what was admitted may show fully only at a later refusal.
        self.ceiling = self.ceiling.max(self.admitted.len() as f64).max(1.0);
        if self.rate.is_none() || number > self.lowered_after {
            let rate = self.rate.unwrap_or(self.ceiling).min(self.ceiling);
            self.rate = Some((rate / 2.0).max(SLOWEST));
            self.lowered_after = self.sent;
        }
        // Once the limiter's second has passed since the writes it counted, and one interval.
        let interval = self.rate.map_or(0.0, |rate| 1_000.0 / rate);
        let window_ends = oldest.map_or(now, |at| at + WINDOW_MS);
        self.next_at = self.next_at.max(now + interval).max(window_ends);
    }

    /// The pace to show, rounded to a tenth.
    fn shown_rate(&self) -> Option<f64> {
        self.rate.map(|rate| (rate * 10.0).round() / 10.0)
    }
}

/// Whether the server's limiter refused the request (it did nothing).
fn rate_limited(error: &ApiError) -> bool {
    matches!(error.milvus_code(), Some(8 | 1807))
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Sends the write of `target` at the pace the server allows, again while its limiter
    /// refuses it.
    pub(super) async fn paced_write(
        &self,
        client: &Client<T>,
        target: &Target,
    ) -> Result<(), ApiError> {
        // The client does not resend refusals itself: the pace covers every write.
        let client = client.with_retry(RetryPolicy {
            max_attempts: 1,
            ..client.options().retry
        });
        let runtime = &self.inner.runtime;
        let mut refusals = 0;
        loop {
            loop {
                let wait = self.inner.pacer.borrow().wait_ms(runtime.monotonic());
                if wait <= 0.0 {
                    break;
                }
                runtime.sleep(wait.ceil() as u64).await;
            }
            if self.unmounted() {
                return Err(ApiErrorKind::NotSent {
                    reason: "the console was unmounted before its turn".into(),
                }
                .into());
            }
            let number = self.inner.pacer.borrow_mut().take(runtime.monotonic());
            let result = write(&client, target).await;
            let now = runtime.monotonic();
            match result {
                Err(e) if rate_limited(&e) => {
                    refusals += 1;
                    self.inner.pacer.borrow_mut().refused(number, now);
                    self.show_pace();
                    if refusals >= MAX_REFUSALS {
                        return Err(e.after_attempts(refusals));
                    }
                }
                result => {
                    if result.is_ok() {
                        self.inner.pacer.borrow_mut().admitted(now);
                        self.show_pace();
                    }
                    return result.map_err(|e| e.after_attempts(refusals + 1));
                }
            }
        }
    }

    /// Tells the state the pace while writes are under way; once none is, the pace is
    /// forgotten.
    pub(super) fn show_pace(&self) {
        let changed = {
            let mut pacer = self.inner.pacer.borrow_mut();
            let was = pacer.shown;
            if self.writes_under_way() {
                pacer.shown = pacer.shown_rate();
            } else {
                *pacer = Pacer::default();
            }
            pacer.shown != was
        };
        let shown = self.inner.pacer.borrow().shown;
        if changed {
            self.inner.store.reply(Action::Paced {
                connection: self.inner.connection,
                per_second: shown,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_halves_the_pace_once_per_burst_and_successes_raise_it_to_the_ceiling() {
        let mut p = Pacer::default();
        for at in 0..5 {
            p.take(f64::from(at));
            p.admitted(10.0);
        }
        let (sixth, seventh) = (p.take(6.0), p.take(7.0));
        p.refused(sixth, 20.0);
        assert_eq!(p.rate, Some(2.5));
        // Sent in the same burst, before the pace was lowered.
        p.refused(seventh, 21.0);
        assert_eq!(p.rate, Some(2.5));
        assert_eq!(
            p.wait_ms(21.0),
            989.0,
            "the limiter's second has not passed"
        );
        for i in 0..20 {
            let at = 1_000.0 + f64::from(i) * 250.0;
            p.take(at);
            p.admitted(at);
        }
        assert_eq!(p.rate, Some(4.5), "nine tenths of the five admitted");
        let next = p.take(5_900.0);
        p.refused(next, 5_900.0);
        assert_eq!(p.rate, Some(2.25), "half the pace it was at");
        assert_eq!(p.ceiling, 5.0, "the most admitted within a second");
    }

    #[test]
    fn a_write_admitted_after_a_crossing_refusal_still_counts_towards_the_ceiling() {
        let mut p = Pacer::default();
        let numbers: Vec<u64> = (0..7).map(|at| p.take(f64::from(at))).collect();
        for _ in 0..4 {
            p.admitted(10.0);
        }
        p.refused(numbers[5], 11.0);
        assert_eq!((p.rate, p.ceiling), (Some(2.0), 4.0));
        p.admitted(12.0);
        p.refused(numbers[6], 13.0);
        assert_eq!(
            (p.rate, p.ceiling),
            (Some(2.5), 5.0),
            "lowered once, raised once"
        );
        for at in 0..10 {
            p.admitted(f64::from(1_000 + at * 300));
        }
        assert_eq!(p.rate, Some(4.5));
    }

    #[test]
    fn the_pace_never_falls_below_the_slowest() {
        let mut p = Pacer::default();
        for i in 0..10 {
            let now = f64::from(i) * 10_000.0;
            let number = p.take(now);
            p.refused(number, now);
        }
        assert_eq!(p.rate, Some(SLOWEST));
        assert_eq!(p.shown_rate(), Some(0.2));
    }
}
