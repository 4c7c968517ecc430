//! How many reads a lane keeps in flight, from what the connection allows.
//!
//! Over HTTP/1.1 a browser sends at most 6 requests per origin at once and queues the rest
//! itself, in its order rather than the console's (what the user scrolled to would wait behind
//! what was queued first). Over a multiplexed connection (HTTP/2, HTTP/3) it sends them all.
//! Which one the page has is hidden cross-origin: Resource Timing's `nextHopProtocol` is empty
//! without `Timing-Allow-Origin`, which Milvus never sends. So it is measured: reads run 6 at a
//! time; then 12 at a time, and if a read sent while 8 or more were in flight takes less than
//! 1.5× the time a read took among at most 6, nothing waited in the browser's queue and the
//! lane rises to `MULTIPLEXED_LIMIT`; otherwise it stays at 6 for the connection.

/// What a browser sends at once per origin over HTTP/1.1.
pub const HTTP1_LIMIT: usize = 6;
/// Reads in flight while measuring.
const PROBE_LIMIT: usize = 12;
/// Reads in flight over a multiplexed connection: far under the 250 streams Go's HTTP/2
/// server (Milvus's) admits per connection, with room for the writes and another tab.
pub const MULTIPLEXED_LIMIT: usize = 64;
/// Reads measured per phase, after the first ones (which open connections) are skipped.
const SAMPLES: usize = 12;
const SKIPPED: usize = 6;
/// Reads after which a lane that never had enough in flight to measure goes back to 6 (a
/// lane of small reads, or one capped under 9): the browser's queue is not kept for them.
const GIVE_UP: usize = SKIPPED + 8 * SAMPLES;
/// A probe read counts when sent with at least this many in flight (itself included): over
/// HTTP/1.1 it waits for two or more others to finish.
const PROBE_CROWD: usize = HTTP1_LIMIT + 3;

/// A browser keeps a preflight's answer 5 s when the server sends no `Access-Control-Max-Age`
/// (Milvus sends none). Past this since the last preflight, a lane above 6 sends one request
/// alone and waits for it, so that the browser makes one preflight and not one per request.
pub const PREFLIGHT_FRESH_MS: f64 = 4_000.0;

/// The measurement of one connection's lane.
#[derive(Debug, Default)]
pub struct Multiplex {
    /// Reads seen so far.
    seen: usize,
    /// The samples of the phase under way.
    samples: [f64; SAMPLES],
    taken: usize,
    /// The median time of a read among at most 6, once measured.
    alone: Option<f64>,
    /// The limit once decided.
    settled: Option<usize>,
}

impl Multiplex {
    /// Reads to keep in flight now.
    pub fn limit(&self) -> usize {
        match (self.settled, self.alone) {
            (Some(limit), _) => limit,
            (None, Some(_)) => PROBE_LIMIT,
            (None, None) => HTTP1_LIMIT,
        }
    }

    /// A read sent with `crowd` reads in flight (itself included) took `millis`.
    pub fn observe(&mut self, crowd: usize, millis: f64) {
        self.seen += 1;
        let counts = match self.alone {
            None => crowd <= HTTP1_LIMIT,
            Some(_) => crowd >= PROBE_CROWD,
        };
        if self.settled.is_none() && self.seen > GIVE_UP {
            self.settled = Some(HTTP1_LIMIT);
        }
        if self.settled.is_some() || self.seen <= SKIPPED || !counts {
            return;
        }
        if let Some(slot) = self.samples.get_mut(self.taken) {
            *slot = millis;
            self.taken += 1;
        }
        if self.taken < SAMPLES {
            return;
        }
        self.taken = 0;
        let median = median(&self.samples);
        match self.alone {
            None => self.alone = Some(median),
            Some(alone) => {
                self.settled = Some(if median < 1.5 * alone {
                    MULTIPLEXED_LIMIT
                } else {
                    HTTP1_LIMIT
                })
            }
        }
    }
}

/// The value with half the samples below it, found by counting (a dozen samples: less code in
/// the wasm than another sort).
fn median(samples: &[f64]) -> f64 {
    let half = samples.len() / 2;
    let rank = |x: f64, included: bool| {
        samples
            .iter()
            .filter(|&&y| y < x || (included && y == x))
            .count()
    };
    samples
        .iter()
        .copied()
        .find(|&x| rank(x, false) <= half && rank(x, true) > half)
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `n` reads of `millis` each, sent with `crowd` in flight.
    fn feed(m: &mut Multiplex, n: usize, crowd: usize, millis: f64) {
        for _ in 0..n {
            m.observe(crowd, millis);
        }
    }

    #[test]
    fn the_median_is_the_middle_sample() {
        assert_eq!(median(&[5.0, 1.0, 9.0, 3.0, 7.0]), 5.0);
        assert_eq!(median(&[2.0, 2.0, 2.0, 8.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 3.0);
        assert_eq!(median(&[]), 0.0);
    }

    #[test]
    fn reads_that_do_not_wait_beside_others_raise_the_limit() {
        let mut m = Multiplex::default();
        assert_eq!(m.limit(), 6);
        feed(&mut m, SKIPPED, 6, 80.0);
        feed(&mut m, SAMPLES, 6, 10.0);
        assert_eq!(m.limit(), 12, "measures with 12 in flight");
        // Reads still finishing from before the probe are not its samples.
        feed(&mut m, 5, 6, 100.0);
        feed(&mut m, SAMPLES, 12, 11.0);
        assert_eq!(m.limit(), MULTIPLEXED_LIMIT);
    }

    #[test]
    fn reads_that_wait_in_the_browser_queue_keep_six() {
        let mut m = Multiplex::default();
        feed(&mut m, SKIPPED, 6, 80.0);
        feed(&mut m, SAMPLES, 6, 10.0);
        // Over HTTP/1.1 the seventh to twelfth wait for a connection: about twice as long.
        feed(&mut m, SAMPLES, 12, 20.0);
        assert_eq!(m.limit(), HTTP1_LIMIT);
        feed(&mut m, 100, 12, 1.0);
        assert_eq!(m.limit(), HTTP1_LIMIT, "decided once per connection");
    }

    #[test]
    fn a_lane_that_never_fills_goes_back_to_six() {
        let mut m = Multiplex::default();
        feed(&mut m, SKIPPED + SAMPLES, 2, 10.0);
        assert_eq!(m.limit(), 12, "measuring");
        feed(&mut m, 1_000, 6, 10.0);
        assert_eq!(m.limit(), 6, "no read sent among 9 or more: back to 6");
    }
}
