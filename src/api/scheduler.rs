//! Bounded concurrency with priorities and cancellation, for a browser's single thread.
//!
//! At most `limit` tasks run at once; waiting tasks start lowest priority value first (what the
//! user is looking at gets 0), in arrival order within a priority. A `Scope` groups the tasks of
//! one view or connection: cancelling it drops its queued tasks and aborts the running ones
//! (dropping a `FetchTransport` request aborts the fetch itself). A waiting task's priority can
//! change (the user scrolled to it): set its `Priority`, then call `Scheduler::reorder`.
//!
//! An automatic lane (`Scheduler::automatic`) measures its limit from how long its requests
//! take (`Multiplex`) and, above 6 in flight, sends one request alone whenever the browser's
//! preflight answer may have expired, so that the browser makes one preflight and not one per
//! request in flight.

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::future::Future;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable};

use super::multiplex::{Multiplex, HTTP1_LIMIT, PREFLIGHT_FRESH_MS};
use super::scope::Scope;

use super::error::{ApiError, ApiErrorKind};

/// Requests in flight per client, as browsers allow per origin over HTTP/1.1.
pub const DEFAULT_CONCURRENCY: usize = 6;

/// A task's priority, shared so that it can change while the task waits.
#[derive(Clone, Debug, Default)]
pub struct Priority(Rc<Cell<u32>>);

impl Priority {
    pub fn new(value: u32) -> Self {
        Priority(Rc::new(Cell::new(value)))
    }

    pub fn get(&self) -> u32 {
        self.0.get()
    }

    /// Takes effect for a waiting task at the next `Scheduler::reorder`.
    pub fn set(&self, value: u32) {
        self.0.set(value);
    }
}

impl From<u32> for Priority {
    fn from(value: u32) -> Self {
        Priority::new(value)
    }
}

struct Waiter {
    priority: Priority,
    seq: u64,
    sender: oneshot::Sender<Permit>,
}

impl PartialEq for Waiter {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Waiter {}
impl PartialOrd for Waiter {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Waiter {
    /// `BinaryHeap` pops the greatest: make that the lowest priority value, then the oldest.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.priority.get(), other.seq).cmp(&(self.priority.get(), self.seq))
    }
}

struct State {
    /// Tasks that may run at once now.
    limit: usize,
    /// What `limit` never exceeds (an automatic lane's cap).
    cap: usize,
    running: usize,
    next_seq: u64,
    queue: BinaryHeap<Waiter>,
    auto: Option<Auto>,
}

/// What an automatic lane measures.
struct Auto {
    clock: Rc<dyn Fn() -> f64>,
    multiplex: Multiplex,
    /// When the request that surely made the browser's last preflight was sent, and how long
    /// it took (the preflight's answer arrived within that).
    preflight: Option<(f64, f64)>,
    /// The request sent alone and on the wire: when, and whether it surely made a preflight.
    /// Nothing else is sent until it lands.
    alone: Option<(f64, bool)>,
}

impl State {
    fn measured(&mut self) {
        let measured = self
            .auto
            .as_ref()
            .map_or(usize::MAX, |a| a.multiplex.limit());
        self.limit = measured.min(self.cap);
    }
}

/// A slot to run in; the slot frees when the permit drops.
struct Permit {
    state: Rc<RefCell<State>>,
    armed: bool,
    /// Sent alone (an automatic lane's preflight).
    alone: bool,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if self.armed {
            let mut s = self.state.borrow_mut();
            s.running -= 1;
            if self.alone {
                landed_alone(&mut s);
            }
            drop(s);
            grant(&self.state);
        }
    }
}

fn landed_alone(s: &mut State) {
    if let Some(auto) = &mut s.auto {
        if let Some((at, preflighted)) = auto.alone.take() {
            if preflighted {
                auto.preflight = Some((at, (auto.clock)() - at));
            }
        }
    }
}

/// Whether an automatic lane above 6 may send now (`Some`), and whether alone: once the
/// browser's preflight answer may have expired, one request goes alone and the rest wait.
fn preflight_gate(s: &mut State) -> Option<bool> {
    let Some(auto) = s.auto.as_mut().filter(|_| s.limit > HTTP1_LIMIT) else {
        return Some(false);
    };
    if auto.alone.is_some() {
        return None;
    }
    let at = (auto.clock)();
    if auto
        .preflight
        .is_some_and(|(p, _)| at < p + PREFLIGHT_FRESH_MS)
    {
        return Some(false);
    }
    // Surely expired once the answer's 5 s have passed however late it arrived.
    let preflighted = auto
        .preflight
        .is_none_or(|(p, took)| at >= p + took + 5_000.0);
    auto.alone = Some((at, preflighted));
    Some(true)
}

/// Hands free slots to waiters, skipping those that went away.
fn grant(state: &Rc<RefCell<State>>) {
    loop {
        let waiter = {
            let mut s = state.borrow_mut();
            if s.running >= s.limit || s.queue.is_empty() {
                return;
            }
            let Some(alone) = preflight_gate(&mut s) else {
                return;
            };
            match s.queue.pop() {
                Some(waiter) => {
                    s.running += 1;
                    (waiter, alone)
                }
                None => return,
            }
        };
        let (waiter, alone) = waiter;
        let permit = Permit {
            state: state.clone(),
            armed: true,
            alone,
        };
        if let Err(mut unused) = waiter.sender.send(permit) {
            unused.armed = false;
            let mut s = state.borrow_mut();
            s.running -= 1;
            // Never sent: no preflight to count.
            if let Some(auto) = s.auto.as_mut().filter(|_| alone) {
                auto.alone = None;
            }
        }
    }
}

/// The request scheduler of one client. Cloning shares it.
#[derive(Clone)]
pub struct Scheduler {
    state: Rc<RefCell<State>>,
}

impl PartialEq for Scheduler {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.state.borrow();
        write!(
            f,
            "Scheduler({}/{} running, {} queued)",
            s.running,
            s.limit,
            s.queue.len()
        )
    }
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler::new(DEFAULT_CONCURRENCY)
    }
}

impl Scheduler {
    /// A lane of at most `limit` tasks at once.
    pub fn new(limit: usize) -> Self {
        Scheduler {
            state: Rc::new(RefCell::new(State {
                limit: limit.max(1),
                cap: limit.max(1),
                running: 0,
                next_seq: 0,
                queue: BinaryHeap::new(),
                auto: None,
            })),
        }
    }

    /// A lane of requests whose limit is measured (6, or more over a multiplexed
    /// connection), never above `cap`; `clock` gives milliseconds.
    pub fn automatic(cap: usize, clock: Rc<dyn Fn() -> f64>) -> Self {
        let scheduler = Scheduler::new(cap);
        let mut s = scheduler.state.borrow_mut();
        s.auto = Some(Auto {
            clock,
            multiplex: Multiplex::default(),
            preflight: None,
            alone: None,
        });
        s.measured();
        drop(s);
        scheduler
    }

    /// Tasks allowed to run at once now.
    pub fn limit(&self) -> usize {
        self.state.borrow().limit
    }

    /// An automatic lane's clock, 0 for a fixed lane.
    fn now(&self) -> f64 {
        self.state
            .borrow()
            .auto
            .as_ref()
            .map_or(0.0, |a| (a.clock)())
    }

    /// An automatic lane's task sent with `crowd` running (itself included) took `millis`.
    /// The slot itself is freed (and the next task started) by the task's permit; this only
    /// starts more when the measured limit rose.
    fn observe(&self, crowd: usize, millis: f64) {
        let mut s = self.state.borrow_mut();
        let Some(auto) = &mut s.auto else {
            return;
        };
        auto.multiplex.observe(crowd, millis);
        let before = s.limit;
        s.measured();
        let rose = s.limit > before;
        drop(s);
        if rose {
            grant(&self.state);
        }
    }

    /// Tasks running now.
    pub fn running(&self) -> usize {
        self.state.borrow().running
    }

    /// Tasks waiting for a slot (including those of cancelled scopes not yet swept).
    pub fn queued(&self) -> usize {
        self.state.borrow().queue.len()
    }

    /// A fixed lane's limit, an automatic lane's cap.
    pub fn set_limit(&self, limit: usize) {
        let mut s = self.state.borrow_mut();
        s.cap = limit.max(1);
        s.measured();
        drop(s);
        grant(&self.state);
    }

    /// Re-sorts the waiting tasks after priorities changed.
    pub fn reorder(&self) {
        let mut s = self.state.borrow_mut();
        let waiting = std::mem::take(&mut s.queue).into_vec();
        s.queue = BinaryHeap::from(waiting);
    }

    async fn acquire(&self, priority: Priority) -> Result<Permit, ApiError> {
        let (sender, receiver) = oneshot::channel();
        {
            let mut s = self.state.borrow_mut();
            let seq = s.next_seq;
            s.next_seq += 1;
            s.queue.push(Waiter {
                priority,
                seq,
                sender,
            });
        }
        grant(&self.state);
        receiver
            .await
            .map_err(|_| ApiError::new(ApiErrorKind::Cancelled))
    }

    /// Runs `task` when a slot is free, unless `scope` is cancelled first; once started it
    /// runs to its end whatever happens to `scope` (a write on the wire is not abandoned).
    pub async fn run_to_end<R>(
        &self,
        priority: impl Into<Priority>,
        scope: &Scope,
        task: impl Future<Output = R>,
    ) -> Result<R, ApiError> {
        if scope.is_cancelled() {
            return Err(ApiErrorKind::Cancelled.into());
        }
        let (handle, registration) = AbortHandle::new_pair();
        let turn = {
            let _registered = scope.register(handle);
            Abortable::new(Box::pin(self.acquire(priority.into())), registration).await
        };
        let _permit = match turn {
            Ok(permit) => permit?,
            Err(_aborted) => return Err(ApiErrorKind::Cancelled.into()),
        };
        Ok(task.await)
    }

    /// Runs `task` when a slot is free, unless `scope` is cancelled first.
    pub async fn run<R>(
        &self,
        priority: impl Into<Priority>,
        scope: &Scope,
        task: impl Future<Output = Result<R, ApiError>>,
    ) -> Result<R, ApiError> {
        let mut result = None;
        let slot = &mut result;
        let work = Box::pin(async move { *slot = Some(task.await) });
        self.run_erased(priority.into(), scope, work).await?;
        result.unwrap_or_else(|| Err(ApiErrorKind::Cancelled.into()))
    }

    /// `run` without its result type: the waiting, the scope and the abort are one function
    /// for every request instead of a copy per result type.
    async fn run_erased(
        &self,
        priority: Priority,
        scope: &Scope,
        work: futures::future::LocalBoxFuture<'_, ()>,
    ) -> Result<(), ApiError> {
        if scope.is_cancelled() {
            return Err(ApiErrorKind::Cancelled.into());
        }
        let (handle, registration) = AbortHandle::new_pair();
        let _registered = scope.register(handle);
        let turn_then_work = async {
            let _permit = self.acquire(priority).await?;
            let (crowd, sent) = (self.running(), self.now());
            work.await;
            self.observe(crowd, self.now() - sent);
            Ok(())
        };
        match Abortable::new(turn_then_work, registration).await {
            Ok(done) => done,
            Err(_aborted) => Err(ApiErrorKind::Cancelled.into()),
        }
    }
}
