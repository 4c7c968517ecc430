//! The reads lane's automatic limit, against a model of a browser's connection: over HTTP/1.1
//! at most 6 requests on the wire and the rest in the browser's queue; over HTTP/2 all of them.
//! Preflights follow the browser's cache: an answer kept 5 s after it arrives.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;
use milvus_load_console::api::{Scheduler, Scope};

const LATENCY: f64 = 5.0;

/// A browser and a server with `LATENCY` ms per round trip.
struct Browser {
    multiplexed: bool,
    now: Rc<Cell<f64>>,
    /// Requests the page handed over, not yet on the wire (HTTP/1.1 only).
    queued: VecDeque<oneshot::Sender<()>>,
    /// On the wire: when each lands.
    wire: Vec<(f64, oneshot::Sender<()>)>,
    /// Cached preflight answers: from when (they arrive) until when (5 s later).
    preflight_answers: Vec<(f64, f64)>,
    preflights: usize,
    max_on_wire: usize,
}

impl Browser {
    fn send(&mut self, done: oneshot::Sender<()>) {
        if !self.multiplexed && self.wire.len() >= 6 {
            self.queued.push_back(done);
            return;
        }
        let now = self.now.get();
        let mut lands = now + LATENCY;
        let cached = self
            .preflight_answers
            .iter()
            .any(|&(from, until)| from <= now && now < until);
        if !cached {
            self.preflights += 1;
            lands += LATENCY;
            let arrives = now + LATENCY;
            self.preflight_answers.retain(|&(_, until)| until > now);
            self.preflight_answers.push((arrives, arrives + 5_000.0));
        }
        self.wire.push((lands, done));
        self.max_on_wire = self.max_on_wire.max(self.wire.len());
    }

    /// Lands the next request; false when none is on the wire.
    fn land_next(&mut self) -> bool {
        let Some(next) =
            (0..self.wire.len()).min_by(|&a, &b| self.wire[a].0.total_cmp(&self.wire[b].0))
        else {
            return false;
        };
        let (at, done) = self.wire.swap_remove(next);
        self.now.set(self.now.get().max(at));
        let _ = done.send(());
        if let Some(waiting) = self.queued.pop_front() {
            self.send(waiting);
        }
        true
    }
}

struct Run {
    limit_after: usize,
    max_on_wire: usize,
    preflights: usize,
    elapsed: f64,
}

/// Sends `reads` requests through an automatic lane over one kind of connection.
fn sweep(multiplexed: bool, reads: usize, cap: usize) -> Run {
    let mut pool = LocalPool::new();
    let now = Rc::new(Cell::new(0.0));
    let browser = Rc::new(RefCell::new(Browser {
        multiplexed,
        now: now.clone(),
        queued: VecDeque::new(),
        wire: Vec::new(),
        preflight_answers: Vec::new(),
        preflights: 0,
        max_on_wire: 0,
    }));
    let clock = now.clone();
    let lane = Scheduler::automatic(cap, Rc::new(move || clock.get()));
    let scope = Scope::new();
    for _ in 0..reads {
        let (lane, scope, browser) = (lane.clone(), scope.clone(), browser.clone());
        pool.spawner()
            .spawn_local(async move {
                let request = async {
                    let (done, landed) = oneshot::channel();
                    browser.borrow_mut().send(done);
                    let _ = landed.await;
                    Ok(())
                };
                let _ = lane.run(1, &scope, request).await;
            })
            .expect("the pool accepts tasks");
    }
    loop {
        pool.run_until_stalled();
        if !browser.borrow_mut().land_next() {
            break;
        }
    }
    let b = browser.borrow();
    Run {
        limit_after: lane.limit(),
        max_on_wire: b.max_on_wire,
        preflights: b.preflights,
        elapsed: now.get(),
    }
}

#[test]
fn over_http2_the_lane_rises_past_six_and_over_http1_it_stays_at_six() {
    let h1 = sweep(false, 2_000, 64);
    assert_eq!(h1.limit_after, 6);
    assert_eq!(h1.max_on_wire, 6);
    let h2 = sweep(true, 2_000, 64);
    assert_eq!(h2.limit_after, 64);
    assert_eq!(h2.max_on_wire, 64);
    assert!(
        h2.elapsed * 4.0 < h1.elapsed,
        "HTTP/2 {} ms, HTTP/1.1 {} ms",
        h2.elapsed,
        h1.elapsed
    );
}

#[test]
fn the_concurrency_option_stays_a_cap() {
    let h2 = sweep(true, 2_000, 4);
    assert_eq!(h2.max_on_wire, 4);
    assert_eq!(h2.limit_after, 4);
}

#[test]
fn above_six_the_browser_makes_one_preflight_per_expiry_not_one_per_request() {
    // 200,000 reads at 5 ms with 64 in flight cross three expiries.
    let run = sweep(true, 200_000, 64);
    let expiries = (run.elapsed / 5_000.0).ceil() as usize;
    assert!(
        run.preflights <= expiries + 6,
        "{} preflights in {} ms: more than one per expiry (the 6 of the first reads aside)",
        run.preflights,
        run.elapsed
    );
}
