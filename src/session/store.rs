//! The one place the state lives: the reducer applied to it, renders asked for, and the
//! orders the session needs (read order, outcome ids, connections). Replies are drawn at once
//! when they come alone and at most once per `BATCH_MS` while many arrive.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::host::{ActionReport, StallReport};
use crate::state::{Action, ConsoleState};

use super::Runtime;

/// While replies keep arriving, renders are this far apart. Rendering competes with the
/// network for the main thread: measured, 16 ms batches made a 1,000-collection sweep 1.7
/// times slower than 80 ms, and 250 ms took another ~10% off a 100-collection sweep.
pub const BATCH_MS: u64 = 250;

/// Replies the user waits for drawn at once per batch period at most: a safety net, the
/// session already batches a bulk operation's.
const AWAITED_AT_ONCE: u32 = 8;

type Listener = Rc<dyn Fn()>;
type Reporter = Rc<dyn Fn(&ActionReport)>;
type StallReporter = Rc<dyn Fn(&StallReport)>;

/// Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Store {
    inner: Rc<Inner>,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

struct Inner {
    state: RefCell<Rc<ConsoleState>>,
    runtime: Rc<dyn Runtime>,
    listener: RefCell<Option<Listener>>,
    reporter: RefCell<Option<Reporter>>,
    stall_reporter: RefCell<Option<StallReporter>>,
    /// Changed since the last render.
    dirty: Cell<bool>,
    /// A render is due at the end of the current batch period.
    trailing: Cell<bool>,
    last_render: Cell<Option<f64>>,
    /// When the current period of awaited replies began, and how many were drawn at once.
    awaited: Cell<(f64, u32)>,
    renders: Cell<u64>,
    next_read: Cell<u64>,
    next_id: Cell<u64>,
    next_connection: Cell<u64>,
}

impl Store {
    pub fn new(state: ConsoleState, runtime: Rc<dyn Runtime>) -> Store {
        Store {
            inner: Rc::new(Inner {
                state: RefCell::new(Rc::new(state)),
                runtime,
                listener: RefCell::new(None),
                reporter: RefCell::new(None),
                stall_reporter: RefCell::new(None),
                dirty: Cell::new(false),
                trailing: Cell::new(false),
                last_render: Cell::new(None),
                awaited: Cell::new((f64::NEG_INFINITY, 0)),
                renders: Cell::new(0),
                next_read: Cell::new(1),
                next_id: Cell::new(1),
                next_connection: Cell::new(1),
            }),
        }
    }

    /// The state now.
    pub fn state(&self) -> Rc<ConsoleState> {
        self.inner.state.borrow().clone()
    }

    /// Called when the state should be drawn again.
    pub fn set_listener(&self, listener: Option<Listener>) {
        self.inner.listener.replace(listener);
    }

    /// Where outcomes are reported to the host.
    pub fn set_reporter(&self, reporter: Option<Reporter>) {
        self.inner.reporter.replace(reporter);
    }

    pub fn report(&self, report: &ActionReport) {
        let reporter = self.inner.reporter.borrow().clone();
        if let Some(reporter) = reporter {
            reporter(report);
        }
    }

    /// Where stalled loads are reported to the host.
    pub fn set_stall_reporter(&self, reporter: Option<StallReporter>) {
        self.inner.stall_reporter.replace(reporter);
    }

    pub fn report_stall(&self, report: &StallReport) {
        let reporter = self.inner.stall_reporter.borrow().clone();
        if let Some(reporter) = reporter {
            reporter(report);
        }
    }

    /// Applies what the user or the host asked for, and draws it at once.
    pub fn intent(&self, action: Action) {
        self.apply(action);
        self.render();
    }

    /// Applies a reply: drawn at once unless replies are arriving in numbers.
    pub fn reply(&self, action: Action) {
        self.apply(action);
        let now = self.inner.runtime.now();
        let since = self.inner.last_render.get().map(|last| now - last);
        if self.inner.trailing.get() {
            return;
        }
        match since {
            Some(since) if since < BATCH_MS as f64 => {
                self.inner.trailing.set(true);
                let wait = (BATCH_MS as f64 - since).max(0.0) as u64;
                let (store, sleep) = (self.clone(), self.inner.runtime.sleep(wait));
                self.inner.runtime.spawn(Box::pin(async move {
                    sleep.await;
                    store.inner.trailing.set(false);
                    store.flush();
                }));
            }
            _ => self.render(),
        }
    }

    /// Applies a reply the user is waiting for: drawn at once, also right after another
    /// render, unless such replies arrive in numbers.
    pub fn awaited(&self, action: Action) {
        let now = self.inner.runtime.now();
        let (since, drawn) = self.inner.awaited.get();
        let (since, drawn) = if now - since >= BATCH_MS as f64 {
            (now, 0)
        } else {
            (since, drawn)
        };
        if drawn < AWAITED_AT_ONCE {
            self.inner.awaited.set((since, drawn + 1));
            self.apply(action);
            self.render();
        } else {
            self.inner.awaited.set((since, drawn));
            self.reply(action);
        }
    }

    /// Draws what changed since the last render now (the last batch of a sweep).
    pub fn flush(&self) {
        if self.inner.dirty.get() {
            self.render();
        }
    }

    fn apply(&self, action: Action) {
        let mut state = self.inner.state.borrow_mut();
        Rc::make_mut(&mut state).apply(action);
        self.inner.dirty.set(true);
    }

    fn render(&self) {
        self.inner.dirty.set(false);
        self.inner.last_render.set(Some(self.inner.runtime.now()));
        self.inner.renders.set(self.inner.renders.get() + 1);
        let listener = self.inner.listener.borrow().clone();
        if let Some(listener) = listener {
            listener();
        }
    }

    /// Renders asked for so far.
    pub fn renders(&self) -> u64 {
        self.inner.renders.get()
    }

    /// The next position in read order: a state read sent later reflects newer facts.
    pub fn next_read(&self) -> u64 {
        let n = self.inner.next_read.get();
        self.inner.next_read.set(n + 1);
        n
    }

    pub(super) fn next_id(&self) -> u64 {
        let n = self.inner.next_id.get();
        self.inner.next_id.set(n + 1);
        n
    }

    /// A new connection's number.
    pub fn next_connection(&self) -> u64 {
        let n = self.inner.next_connection.get();
        self.inner.next_connection.set(n + 1);
        n
    }
}
