//! The console's side effects. A `Session` belongs to one connection: it issues every request
//! and runs every timer as a task of a scope, and turns replies into `Action`s for the
//! `Store`. It keeps no copy of what the reducer holds: it reads the state when it needs it.
//! Generic over the transport and the runtime, so all of it runs under `cargo test`.

mod abandoned;
mod cluster;
mod databases;
mod join;
mod loaded_set;
mod missing;
mod operations;
mod pacing;
mod partial_load;
mod partitions;
mod poller;
mod recheck;
mod restore;
mod runtime;
mod send;
mod sizes;
mod stalled;
mod store;
mod sweep;
mod visible;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::LocalBoxFuture;

use crate::api::{ApiError, Client, Scheduler, Scope, Transport};
use crate::state::{Action, ConsoleState, Names};

pub use poller::{next_delay, Notify, POLL_FIRST_MS, POLL_MAX_MS};
pub use restore::LOADED_MEANWHILE;
pub use runtime::{timer_steps, BrowserRuntime, Runtime, TIMER_MAX_MS};
pub use store::{Store, BATCH_MS};

use operations::Operations;
use partitions::PartitionsCtx;
use sweep::Outstanding;

/// The session of the browser, on the transport chosen when it connected.
pub type BrowserSession = Session<crate::api::AnyTransport, BrowserRuntime>;

/// Request priorities, lowest first: re-checks after an operation, rows on screen, polls,
/// then the sweep in name order; partition counts last.
const RECHECK: u32 = 0;
const VISIBLE: u32 = 1;
const POLL: u32 = 2;
const SWEEP: u32 = 3;
const COUNTS: u32 = u32::MAX;

/// Releases and loads in flight at once (their own lane, ahead of reads).
const WRITES: usize = 2;

/// One view: a database of a connection, as the reducer's `generation` names it.
struct ViewCtx<T> {
    generation: u64,
    client: Client<T>,
    /// Its requests and timers; below the connection's scope.
    scope: Scope,
    /// Rows with a state read queued or on the wire: at most one each.
    outstanding: RefCell<HashMap<Rc<str>, Outstanding>>,
    /// The rows the table renders.
    visible: RefCell<Vec<Rc<str>>>,
    /// Rows whose partition count is known or asked for.
    counted: RefCell<Names>,
    /// Bumped when the rows on screen change; counts wait for it to stay.
    settle: Cell<u64>,
    sweeping: Cell<bool>,
    sweep_again: Cell<bool>,
    /// Wakes the poller (an operation was answered, or a row started loading).
    poll_wake: Notify,
    poll_idle: Cell<bool>,
    /// Wakes the automatic refresh (its interval changed).
    auto_wake: Notify,
    /// The cluster panel's reads: their own lane, so the list's reads never wait for them.
    cluster: cluster::Lane,
}

struct Inner<T, R> {
    connection: u64,
    client: Client<T>,
    runtime: Rc<R>,
    store: Store,
    reads: Scheduler,
    writes: Scheduler,
    /// Everything of the session: cancelled when the console goes away. Confirmed writes not
    /// yet sent are then not sent; those on the wire still end and are reported.
    session_scope: Scope,
    /// Everything of this connection (below `session_scope`): cancelled when another
    /// connection replaces it. Its views' scopes are below it.
    connection_scope: Scope,
    view: RefCell<Option<Rc<ViewCtx<T>>>>,
    partitions: RefCell<Option<Rc<PartitionsCtx>>>,
    operations: RefCell<Operations>,
    pacer: RefCell<pacing::Pacer>,
    /// The loaded set's read under way (a save's or a restore's).
    loaded_set_read: RefCell<Option<Scope>>,
}

/// The side effects of one connection. Cheap to clone; clones share everything.
pub struct Session<T, R> {
    inner: Rc<Inner<T, R>>,
}

impl<T, R> Clone for Session<T, R> {
    fn clone(&self) -> Self {
        Session {
            inner: self.inner.clone(),
        }
    }
}

impl<T, R> PartialEq for Session<T, R> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// A session for a new connection: the state forgets the previous one (not its outcomes).
    pub fn connect(client: Client<T>, runtime: Rc<R>, store: Store, concurrency: usize) -> Self {
        let client = client.with_clock(runtime.clone());
        let connection = store.next_connection();
        let session_scope = Scope::new();
        let clock = {
            let runtime = runtime.clone();
            Rc::new(move || runtime.monotonic())
        };
        let database = store.state().database.clone();
        store.intent(Action::Connect {
            connection,
            database,
        });
        let session = Session {
            inner: Rc::new(Inner {
                connection,
                client,
                runtime,
                store,
                reads: Scheduler::automatic(concurrency, clock),
                writes: Scheduler::new(WRITES),
                session_scope: session_scope.clone(),
                connection_scope: session_scope.child(),
                view: RefCell::new(None),
                partitions: RefCell::new(None),
                operations: RefCell::new(Operations::default()),
                pacer: RefCell::new(Default::default()),
                loaded_set_read: RefCell::new(None),
            }),
        };
        session.load_databases();
        session
    }

    /// This session's connection number (targets carry it).
    pub fn connection(&self) -> u64 {
        self.inner.connection
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    fn state(&self) -> Rc<ConsoleState> {
        self.inner.store.state()
    }

    fn spawn(&self, task: impl std::future::Future<Output = ()> + 'static) {
        self.inner.runtime.spawn(Box::pin(task));
    }

    /// Requests on the wire now, for the summary line.
    pub fn in_flight(&self) -> usize {
        self.inner.reads.running() + self.inner.writes.running()
    }

    /// Requests waiting for a slot.
    pub fn queued(&self) -> usize {
        self.inner.reads.queued() + self.inner.writes.queued()
    }

    /// The most read requests in flight at once (fewer while the connection allows fewer).
    pub fn set_concurrency(&self, limit: usize) {
        self.inner.reads.set_limit(limit);
    }

    /// Shows the view the state names (its generation): lists, fetches every state, polls
    /// what loads and refreshes on the interval. Calling it again for the same view does
    /// nothing; a new view cancels the previous one's requests and timers.
    pub fn show(&self) {
        if self.retired() {
            return;
        }
        let state = self.state();
        if self
            .view()
            .is_some_and(|v| v.generation == state.generation)
        {
            return;
        }
        self.close_view();
        let view = Rc::new(ViewCtx {
            generation: state.generation,
            client: self
                .inner
                .client
                .with_database(Some(state.database.clone())),
            scope: self.inner.connection_scope.child(),
            outstanding: RefCell::new(HashMap::new()),
            visible: RefCell::new(Vec::new()),
            counted: RefCell::new(Default::default()),
            settle: Cell::new(0),
            sweeping: Cell::new(false),
            sweep_again: Cell::new(false),
            poll_wake: Notify::default(),
            poll_idle: Cell::new(true),
            auto_wake: Notify::default(),
            cluster: Default::default(),
        });
        self.inner.view.replace(Some(view.clone()));
        self.start_poller(&view);
        self.start_auto_refresh(&view);
        self.refresh();
    }

    fn view(&self) -> Option<Rc<ViewCtx<T>>> {
        self.inner.view.borrow().clone()
    }

    /// The view, if it is still the one on screen.
    fn current_view(&self) -> Option<Rc<ViewCtx<T>>> {
        let generation = self.state().generation;
        self.view().filter(|v| v.generation == generation)
    }

    fn close_view(&self) {
        if let Some(view) = self.inner.view.borrow_mut().take() {
            view.scope.cancel();
        }
        self.close_partitions();
    }

    /// The interval of automatic refreshes changed in the state.
    pub fn refresh_interval_changed(&self) {
        if let Some(view) = self.view() {
            view.auto_wake.notify();
        }
    }

    /// Stops everything but the releases and loads under way, which still end visibly
    /// (another connection replaces this one).
    pub fn retire(&self) {
        self.inner.connection_scope.cancel();
        self.cancel_restore();
        self.close_view();
    }

    /// The console goes away: reads and timers stop; confirmed releases and loads not yet
    /// sent are not sent (reported cancelled), those on the wire end and are reported to the
    /// host (the page may not show them).
    pub fn shutdown(&self) {
        self.retire();
        self.inner.session_scope.cancel();
    }
}

impl<T, R> Session<T, R> {
    /// Another connection replaced this one (or the console went away).
    fn retired(&self) -> bool {
        self.inner.connection_scope.is_cancelled()
    }

    /// The console went away.
    fn unmounted(&self) -> bool {
        self.inner.session_scope.is_cancelled()
    }

    /// Runs `task` in the background until it ends or `scope` is cancelled.
    fn spawn_in(&self, scope: &Scope, task: LocalBoxFuture<'static, ()>)
    where
        R: Runtime,
    {
        self.inner.runtime.spawn(Box::pin(scope.guard(task)));
    }
}

fn is_cancelled<V>(result: &Result<V, ApiError>) -> bool {
    matches!(result, Err(e) if e.is_cancelled())
}
