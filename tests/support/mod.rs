//! A manual runtime for the session's native tests: spawned tasks run on a local pool, time
//! moves only when the test advances it, and the page is hidden when the test says so.
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::executor::{LocalPool, LocalSpawner};
use futures::future::LocalBoxFuture;
use futures::task::LocalSpawnExt;
use milvus_load_console::session::Runtime;

pub mod bodies;
pub mod reported;
mod session_harness;
// Each test file uses some of these.
#[allow(unused_imports)]
pub use session_harness::{coll, db, is, reply, SessionHarness};

/// Virtual time starts here (milliseconds since the epoch).
const START_MS: u64 = 1_700_000_000_000;

pub struct ManualRuntime {
    pool: RefCell<LocalPool>,
    spawner: LocalSpawner,
    now: Cell<u64>,
    timers: RefCell<BTreeMap<(u64, u64), oneshot::Sender<()>>>,
    next_timer: Cell<u64>,
    hidden: Cell<bool>,
    /// How far the wall clock is set from the runtime's own time.
    wall_offset: Cell<i64>,
}

impl ManualRuntime {
    pub fn new() -> Rc<ManualRuntime> {
        let pool = LocalPool::new();
        let spawner = pool.spawner();
        Rc::new(ManualRuntime {
            pool: RefCell::new(pool),
            spawner,
            now: Cell::new(START_MS),
            timers: RefCell::new(BTreeMap::new()),
            next_timer: Cell::new(0),
            hidden: Cell::new(false),
            wall_offset: Cell::new(0),
        })
    }

    /// Runs every task until none can make progress without time passing.
    pub fn settle(&self) {
        self.pool.borrow_mut().run_until_stalled();
    }

    /// Moves time forward, firing timers in order and running what they wake.
    pub fn advance(&self, millis: u64) {
        let until = self.now.get() + millis;
        loop {
            self.settle();
            let due = {
                let mut timers = self.timers.borrow_mut();
                match timers.keys().next().copied() {
                    Some(key) if key.0 <= until => timers.remove(&key).map(|s| (key.0, s)),
                    _ => None,
                }
            };
            let Some((at, timer)) = due else { break };
            self.now.set(at);
            let _ = timer.send(());
        }
        self.now.set(until);
        self.settle();
    }

    /// Milliseconds since the start.
    pub fn elapsed(&self) -> u64 {
        self.now.get() - START_MS
    }

    /// Timers armed and not fired.
    pub fn timers(&self) -> usize {
        self.timers
            .borrow_mut()
            .iter()
            .filter(|(_, s)| !s.is_canceled())
            .count()
    }

    pub fn set_hidden(&self, hidden: bool) {
        self.hidden.set(hidden);
    }

    /// Sets the wall clock `millis` forward (or back, when negative), as a time sync does;
    /// the monotonic clock and timers are not moved.
    pub fn step_wall_clock(&self, millis: i64) {
        self.wall_offset.set(self.wall_offset.get() + millis);
    }
}

impl Runtime for ManualRuntime {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        let _ = self.spawner.spawn_local(task);
    }

    fn sleep(&self, millis: u64) -> LocalBoxFuture<'static, ()> {
        let (sender, receiver) = oneshot::channel();
        let id = self.next_timer.get();
        self.next_timer.set(id + 1);
        self.timers
            .borrow_mut()
            .insert((self.now.get().saturating_add(millis), id), sender);
        Box::pin(async move {
            let _ = receiver.await;
        })
    }

    fn now(&self) -> f64 {
        self.now.get() as f64 + self.wall_offset.get() as f64
    }

    fn monotonic(&self) -> f64 {
        self.now.get() as f64
    }

    fn page_hidden(&self) -> bool {
        self.hidden.get()
    }
}
