//! Bounded concurrency with priorities and cancellation, for a browser's single thread.
//!
//! At most `limit` tasks run at once; waiting tasks start lowest priority value first (what the
//! user is looking at gets 0), in arrival order within a priority. A `Scope` groups the tasks of
//! one view or connection: cancelling it drops its queued tasks and aborts the running ones
//! (dropping a `FetchTransport` request aborts the fetch itself). A waiting task's priority can
//! change (the user scrolled to it): set its `Priority`, then call `Scheduler::reorder`.

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::future::Future;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable};

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
    limit: usize,
    running: usize,
    next_seq: u64,
    queue: BinaryHeap<Waiter>,
}

/// A slot to run in; the slot frees when the permit drops.
struct Permit {
    state: Rc<RefCell<State>>,
    armed: bool,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if self.armed {
            self.state.borrow_mut().running -= 1;
            grant(&self.state);
        }
    }
}

/// Hands free slots to waiters, skipping those that went away.
fn grant(state: &Rc<RefCell<State>>) {
    loop {
        let waiter = {
            let mut s = state.borrow_mut();
            if s.running >= s.limit {
                return;
            }
            match s.queue.pop() {
                Some(waiter) => {
                    s.running += 1;
                    waiter
                }
                None => return,
            }
        };
        let permit = Permit {
            state: state.clone(),
            armed: true,
        };
        if let Err(mut unused) = waiter.sender.send(permit) {
            unused.armed = false;
            state.borrow_mut().running -= 1;
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
    pub fn new(limit: usize) -> Self {
        Scheduler {
            state: Rc::new(RefCell::new(State {
                limit: limit.max(1),
                running: 0,
                next_seq: 0,
                queue: BinaryHeap::new(),
            })),
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

    pub fn set_limit(&self, limit: usize) {
        self.state.borrow_mut().limit = limit.max(1);
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
            work.await;
            Ok(())
        };
        match Abortable::new(turn_then_work, registration).await {
            Ok(done) => done,
            Err(_aborted) => Err(ApiErrorKind::Cancelled.into()),
        }
    }
}
