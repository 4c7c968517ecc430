//! The console's side effects: it issues requests through the scheduler and turns replies into
//! `Action`s. One controller per connection; `shutdown` cancels everything it started.
//! The partitions view's requests are in `partitions`.

mod partitions;
mod visible;

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use futures::future::join_all;
use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use crate::api::{ApiError, BrowserClient, LoadState, Priority, Scheduler, Scope};
use crate::state::{Action, Operation};

/// Replies are gathered this long before one render, so that thousands of states arriving at
/// once cost a few renders, not thousands. Rendering competes with the network for the main
/// thread: measured, 16 ms batches made a 1,000-collection sweep 1.7 times slower than 80 ms,
/// and 250 ms took another ~10% off a 100-collection sweep. The last batch of a sweep is
/// flushed at once.
const BATCH_MS: u32 = 250;
/// First poll of a loading collection, and the longest pause the backoff reaches.
const POLL_FIRST_MS: u32 = 1_000;
const POLL_MAX_MS: u32 = 8_000;

/// Priority of what the user is looking at (lower runs first).
const VISIBLE: u32 = 0;

type StateReply = (Rc<str>, Result<LoadState, ApiError>);

struct Inner {
    client: BrowserClient,
    /// The client for the database on screen.
    view_client: RefCell<BrowserClient>,
    scheduler: Scheduler,
    dispatch: Callback<Action>,
    /// The current view's requests; replaced when the database changes.
    scope: RefCell<Scope>,
    /// Requests about the connection itself (the databases); cancelled when it is replaced.
    connection_scope: Scope,
    /// Releases and loads the user asked for: they outlive views, database switches and a
    /// reconnection, so that each ends visibly; only unmounting cancels them.
    operations_scope: Scope,
    generation: Cell<u64>,
    batch: RefCell<Vec<StateReply>>,
    batch_timer: RefCell<Option<Timeout>>,
    /// Collections seen loading, polled until they settle.
    loading: RefCell<HashSet<Rc<str>>>,
    poll_timer: RefCell<Option<Timeout>>,
    poll_delay: Cell<u32>,
    /// Collections on screen, fetched first.
    visible: RefCell<Vec<Rc<str>>>,
    /// Priorities of the sweep's state requests not answered yet, to promote on scroll.
    waiting: RefCell<HashMap<Rc<str>, Priority>>,
    /// Collections whose partition count is known or asked for, in this view.
    counted: RefCell<HashSet<Rc<str>>>,
    counts_batch: RefCell<Vec<(Rc<str>, u32)>>,
    /// Waits for the rows on screen to settle before their counts are asked for.
    counts_timer: RefCell<Option<Timeout>>,
    shut_down: Cell<bool>,
    /// Requests of the open partitions view; cancelled when it closes.
    partitions_scope: RefCell<Scope>,
    partitions_timer: RefCell<Option<Timeout>>,
    partitions_poll_delay: Cell<u32>,
    /// A full sweep (list and every state) is under way; another does not start meanwhile.
    sweeping: Cell<bool>,
    /// A refresh was asked for during a sweep: another sweep follows it at once.
    sweep_again: Cell<bool>,
    database: RefCell<String>,
    auto_refresh_ms: Cell<u32>,
    auto_timer: RefCell<Option<Timeout>>,
    /// Collections with a release/load sent and not answered: a second click sends nothing.
    operating: RefCell<HashSet<Rc<str>>>,
    /// Collections with a partitions release/load under way: a second click sends nothing.
    partitions_operating: RefCell<HashSet<Rc<str>>>,
}

/// Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Controller {
    inner: Rc<Inner>,
}

impl PartialEq for Controller {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Controller {
    pub fn new(client: BrowserClient, concurrency: usize, dispatch: Callback<Action>) -> Self {
        Controller {
            inner: Rc::new(Inner {
                view_client: RefCell::new(client.clone()),
                client,
                scheduler: Scheduler::new(concurrency),
                dispatch,
                scope: RefCell::new(Scope::new()),
                connection_scope: Scope::new(),
                operations_scope: Scope::new(),
                generation: Cell::new(0),
                batch: RefCell::new(Vec::new()),
                batch_timer: RefCell::new(None),
                loading: RefCell::new(HashSet::new()),
                poll_timer: RefCell::new(None),
                poll_delay: Cell::new(POLL_FIRST_MS),
                visible: RefCell::new(Vec::new()),
                waiting: RefCell::new(HashMap::new()),
                counted: RefCell::new(HashSet::new()),
                counts_batch: RefCell::new(Vec::new()),
                counts_timer: RefCell::new(None),
                shut_down: Cell::new(false),
                partitions_scope: RefCell::new(Scope::new()),
                partitions_timer: RefCell::new(None),
                partitions_poll_delay: Cell::new(POLL_FIRST_MS),
                sweeping: Cell::new(false),
                sweep_again: Cell::new(false),
                database: RefCell::new(String::new()),
                auto_refresh_ms: Cell::new(0),
                auto_timer: RefCell::new(None),
                operating: RefCell::new(HashSet::new()),
                partitions_operating: RefCell::new(HashSet::new()),
            }),
        }
    }

    /// Requests on the wire now, for the summary line.
    pub fn in_flight(&self) -> usize {
        self.inner.scheduler.running()
    }

    /// Requests in flight at once.
    pub fn set_concurrency(&self, limit: usize) {
        self.inner.scheduler.set_limit(limit);
    }

    /// Stops every request and timer of this controller (the console goes away).
    pub fn shutdown(&self) {
        self.inner.operations_scope.cancel();
        self.retire();
    }

    /// Stops everything but the releases and loads under way, which still report how they
    /// ended (another connection replaces this one).
    pub fn retire(&self) {
        self.inner.shut_down.set(true);
        self.inner.connection_scope.cancel();
        self.inner.scope.borrow().cancel();
        self.inner.partitions_scope.borrow().cancel();
        self.inner.batch_timer.borrow_mut().take();
        self.inner.poll_timer.borrow_mut().take();
        self.inner.partitions_timer.borrow_mut().take();
        self.inner.auto_timer.borrow_mut().take();
        self.inner.counts_timer.borrow_mut().take();
    }

    /// Refreshes every `seconds` (0 turns it off), counted from the end of the previous sweep
    /// so that sweeps never overlap; skipped while the page is hidden.
    pub fn set_auto_refresh(&self, seconds: u32) {
        self.inner
            .auto_refresh_ms
            .set(seconds.saturating_mul(1_000));
        self.inner.auto_timer.borrow_mut().take();
        if !self.inner.sweeping.get() {
            self.arm_auto_refresh();
        }
    }

    fn arm_auto_refresh(&self) {
        let delay = self.inner.auto_refresh_ms.get();
        if delay == 0 || self.inner.shut_down.get() {
            return;
        }
        let this = self.clone();
        let timer = Timeout::new(delay, move || {
            this.inner.auto_timer.borrow_mut().take();
            if page_hidden() {
                this.arm_auto_refresh();
                return;
            }
            let database = this.inner.database.borrow().clone();
            this.refresh(this.inner.generation.get(), &database);
        });
        self.inner.auto_timer.replace(Some(timer));
    }

    pub(super) fn scope(&self) -> Scope {
        self.inner.scope.borrow().clone()
    }

    fn client(&self) -> BrowserClient {
        self.inner.client.clone()
    }

    /// Fetches the list of databases.
    pub fn load_databases(&self) {
        let this = self.clone();
        let scope = self.inner.connection_scope.clone();
        spawn_local(async move {
            let client = this.client();
            let result = this
                .inner
                .scheduler
                .run(VISIBLE, &scope, client.list_databases())
                .await;
            if !matches!(&result, Err(e) if e.is_cancelled()) {
                this.inner.dispatch.emit(Action::DatabasesLoaded(result));
            }
        });
    }

    /// Lists the database's collections and fetches every state: one `collections/list` and
    /// one `get_load_state` per collection, nothing more. A sweep already under way for the
    /// same view is not doubled.
    pub fn refresh(&self, generation: u64, database: &str) {
        if self.inner.shut_down.get() {
            return;
        }
        if generation != self.inner.generation.get() {
            // A new view: whatever the previous one still waits for is dropped.
            self.inner.scope.replace(Scope::new()).cancel();
            self.close_partitions();
            self.inner.generation.set(generation);
            self.inner.loading.borrow_mut().clear();
            self.inner.batch.borrow_mut().clear();
            // Timers armed for the previous view would flush or poll with its generation, and
            // their presence would keep this view from arming its own.
            self.inner.batch_timer.borrow_mut().take();
            self.inner.poll_timer.borrow_mut().take();
            self.inner.poll_delay.set(POLL_FIRST_MS);
            self.inner.waiting.borrow_mut().clear();
            self.inner.counted.borrow_mut().clear();
            self.inner.counts_batch.borrow_mut().clear();
            self.inner.visible.borrow_mut().clear();
            self.inner.sweeping.set(false);
            self.inner.sweep_again.set(false);
        } else if self.inner.sweeping.get() {
            self.inner.sweep_again.set(true);
            return;
        }
        self.inner.sweeping.set(true);
        self.inner.auto_timer.borrow_mut().take();
        self.inner.database.replace(database.to_string());
        let client = self.inner.client.with_database(Some(database.to_string()));
        self.inner.view_client.replace(client.clone());
        let scope = self.scope();
        let this = self.clone();
        self.inner
            .dispatch
            .emit(Action::ListRequested { generation });
        spawn_local(async move {
            let result = this
                .inner
                .scheduler
                .run(VISIBLE, &scope, client.list_collections())
                .await;
            if matches!(&result, Err(e) if e.is_cancelled()) {
                return;
            }
            crate::marks::mark(crate::marks::LIST_REPLY);
            let mut names = result.as_ref().cloned().unwrap_or_default();
            this.inner.dispatch.emit(Action::ListLoaded {
                generation,
                result,
                at: js_sys::Date::now(),
            });
            names.sort();
            names.dedup();
            let on_screen: HashSet<Rc<str>> = this.inner.visible.borrow().iter().cloned().collect();
            let tasks = names.into_iter().enumerate().map(|(index, name)| {
                let name: Rc<str> = name.into();
                let priority = Priority::new(if on_screen.contains(&name) {
                    VISIBLE
                } else {
                    u32::try_from(index).map_or(u32::MAX - 1, |i| i.saturating_add(1))
                });
                this.inner
                    .waiting
                    .borrow_mut()
                    .insert(name.clone(), priority.clone());
                this.state_task(&client, &scope, generation, name, priority)
            });
            join_all(tasks).await;
            if generation == this.inner.generation.get() && !scope.is_cancelled() {
                // The last states go on screen now, not a batch period later.
                this.flush(generation);
                this.inner.sweeping.set(false);
                crate::marks::mark(crate::marks::SWEEP_DONE);
                this.request_counts();
                if this.inner.sweep_again.replace(false) {
                    let database = this.inner.database.borrow().clone();
                    this.refresh(generation, &database);
                } else {
                    this.arm_auto_refresh();
                }
            }
        });
    }

    pub(super) fn fetch_state(
        &self,
        client: &BrowserClient,
        scope: &Scope,
        generation: u64,
        name: Rc<str>,
        priority: u32,
    ) {
        spawn_local(self.state_task(client, scope, generation, name, priority.into()));
    }

    /// Fetches one collection's state and delivers it.
    fn state_task(
        &self,
        client: &BrowserClient,
        scope: &Scope,
        generation: u64,
        name: Rc<str>,
        priority: Priority,
    ) -> impl std::future::Future<Output = ()> + 'static {
        let (this, client, scope) = (self.clone(), client.clone(), scope.clone());
        async move {
            let result = this
                .inner
                .scheduler
                .run(priority, &scope, client.collection_load_state(&name))
                .await;
            this.inner.waiting.borrow_mut().remove(&name);
            this.deliver(generation, name, result);
        }
    }

    /// Queues a state reply for the next batch.
    fn deliver(&self, generation: u64, name: Rc<str>, result: Result<LoadState, ApiError>) {
        if generation != self.inner.generation.get() || self.inner.shut_down.get() {
            return;
        }
        if matches!(&result, Err(e) if e.is_cancelled()) {
            return;
        }
        {
            let mut loading = self.inner.loading.borrow_mut();
            match &result {
                Ok(LoadState::Loading { .. }) => {
                    loading.insert(name.clone());
                }
                Ok(_) => {
                    loading.remove(&name);
                }
                // Keep polling through transient errors; the row shows the error meanwhile.
                Err(_) => {}
            }
        }
        self.inner.batch.borrow_mut().push((name, result));
        self.arm_flush(generation);
        self.schedule_poll(generation);
    }

    /// Replies waiting in a batch go on screen within `BATCH_MS`.
    fn arm_flush(&self, generation: u64) {
        if self.inner.batch_timer.borrow().is_none() {
            let this = self.clone();
            let timer = Timeout::new(BATCH_MS, move || this.flush(generation));
            self.inner.batch_timer.replace(Some(timer));
        }
    }

    fn flush(&self, generation: u64) {
        self.inner.batch_timer.borrow_mut().take();
        let states = std::mem::take(&mut *self.inner.batch.borrow_mut());
        if !states.is_empty() {
            self.inner
                .dispatch
                .emit(Action::StatesLoaded { generation, states });
        }
        self.flush_counts(generation);
    }

    /// Polls loading collections, about every second at first, backing off while nothing
    /// changes; stops when nothing is loading.
    fn schedule_poll(&self, generation: u64) {
        if self.inner.loading.borrow().is_empty() || self.inner.poll_timer.borrow().is_some() {
            return;
        }
        let this = self.clone();
        let delay = self.inner.poll_delay.get();
        let timer = Timeout::new(delay, move || {
            this.inner.poll_timer.borrow_mut().take();
            this.inner
                .poll_delay
                .set((delay + delay / 2).min(POLL_MAX_MS));
            this.poll(generation);
        });
        self.inner.poll_timer.replace(Some(timer));
    }

    fn poll(&self, generation: u64) {
        if generation != self.inner.generation.get() || self.inner.shut_down.get() {
            return;
        }
        if self.inner.sweeping.get() {
            // The sweep under way asks every state anyway.
            self.schedule_poll(generation);
            return;
        }
        let names: Vec<Rc<str>> = self.inner.loading.borrow().iter().cloned().collect();
        let client = self.inner.view_client.borrow().clone();
        let scope = self.scope();
        for name in names {
            self.fetch_state(&client, &scope, generation, name, VISIBLE);
        }
    }

    /// Releases or loads collections, one request each; each row is re-checked at once when
    /// its request is answered, and followed while it loads.
    pub fn operate(&self, generation: u64, names: Vec<Rc<str>>, operation: Operation) {
        let names: Vec<Rc<str>> = {
            let mut operating = self.inner.operating.borrow_mut();
            names
                .into_iter()
                .filter(|n| operating.insert(n.clone()))
                .collect()
        };
        if names.is_empty() || self.inner.shut_down.get() {
            return;
        }
        self.inner.dispatch.emit(Action::OperationStarted {
            generation,
            names: names.clone(),
            operation,
        });
        self.inner.poll_delay.set(POLL_FIRST_MS);
        let client = self.inner.view_client.borrow().clone();
        let database = self.inner.database.borrow().clone();
        // Switching database or connection must not cancel what the user asked for.
        let scope = self.inner.operations_scope.clone();
        for name in names {
            let (this, client, scope) = (self.clone(), client.clone(), scope.clone());
            let database = database.clone();
            spawn_local(async move {
                let request = async {
                    match operation {
                        Operation::Release => client.release_collection(&name).await,
                        Operation::Load => client.load_collection(&name).await,
                    }
                };
                let result = this.inner.scheduler.run(VISIBLE, &scope, request).await;
                this.inner.operating.borrow_mut().remove(&name);
                if matches!(&result, Err(e) if e.is_cancelled()) {
                    return;
                }
                this.inner.dispatch.emit(Action::OperationFinished {
                    generation,
                    database,
                    name: name.clone(),
                    operation,
                    result,
                });
                this.fetch_state(&client, &this.scope(), generation, name, VISIBLE);
            });
        }
    }
}

/// True while the page is in a background tab or minimised.
fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}
