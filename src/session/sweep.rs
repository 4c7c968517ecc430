//! The view's sweep (one `collections/list`, one `get_load_state` per collection), the reads
//! of single rows, the poller of unsettled rows (loading, or their state unknown for now; at
//! most one read outstanding per row) and the automatic refresh. A refresh asked for during a
//! sweep runs once it ends (sweep-again).

use std::cell::Cell;
use std::rc::Rc;

use futures::future::{join_all, LocalBoxFuture};

use crate::api::{Priority, Transport};
use crate::marks;
use crate::state::{Action, Names, Reply, Row, StateRead};

use super::missing::confirm_missing;
use super::poller::{backoff_loop, interval_loop};
use super::{is_cancelled, Runtime, Session, ViewCtx, POLL, RECHECK, SWEEP, VISIBLE};

/// A state read queued or on the wire.
#[derive(Clone, Default)]
pub(super) struct Outstanding {
    /// Shared with the scheduler: raised when the row scrolls into view.
    pub(super) priority: Priority,
    /// Its position in read order once sent; 0 while queued.
    pub(super) sent: Rc<Cell<u64>>,
    /// Read again once it lands: something newer than its sending is to be known.
    pub(super) again: Rc<Cell<bool>>,
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Lists and reads every state again; during a sweep, once more after it.
    pub fn refresh(&self) {
        let Some(view) = self.current_view() else {
            return;
        };
        if view.sweeping.get() {
            view.sweep_again.set(true);
            return;
        }
        let this = self.clone();
        self.spawn(async move { this.sweep(view).await });
    }

    async fn sweep(&self, view: Rc<ViewCtx<T>>) {
        if view.sweeping.replace(true) {
            return;
        }
        loop {
            // Details of the rows on screen are read again once per refresh.
            view.counted.borrow_mut().clear();
            self.reply(&view, Reply::ListRequested);
            let listed = self
                .inner
                .reads
                .run(VISIBLE, &view.scope, view.client.list_collections())
                .await;
            if is_cancelled(&listed) || view.scope.is_cancelled() {
                return;
            }
            self.inner.runtime.mark(marks::LIST_REPLY);
            let mut names = listed.as_ref().cloned().unwrap_or_default();
            let at = self.inner.runtime.now();
            // The rows themselves are drawn at once, not with the batch of states behind them.
            self.reply(&view, Reply::ListLoaded { result: listed, at });
            self.inner.store.flush();
            crate::order::sort_by(&mut names, Ord::cmp);
            names.dedup();
            let on_screen: Names = view.visible.borrow().iter().cloned().collect();
            let reads = names.into_iter().enumerate().filter_map(|(index, name)| {
                let name: Rc<str> = name.into();
                let priority = if on_screen.contains(&name) {
                    VISIBLE
                } else {
                    u32::try_from(index).map_or(u32::MAX - 1, |i| i.saturating_add(SWEEP))
                };
                self.read_state(&view, name, priority, false)
            });
            join_all(reads.collect::<Vec<_>>()).await;
            if view.scope.is_cancelled() {
                return;
            }
            // The last states go on screen now, not a batch period later.
            self.inner.store.flush();
            self.inner.runtime.mark(marks::SWEEP_DONE);
            self.request_counts(&view);
            // After the sweep, so that its reads never share the connections with the states'.
            self.read_cluster(&view);
            if !view.sweep_again.replace(false) {
                view.sweeping.set(false);
                // Polls held back during the sweep start again from their first pause.
                view.poll_wake.notify();
                return;
            }
        }
    }

    /// Dispatches a reply of `view`.
    pub(super) fn reply(&self, view: &ViewCtx<T>, reply: Reply) {
        self.inner.store.reply(Action::Reply {
            generation: view.generation,
            reply,
        });
    }

    /// Reads one row's state, unless a read of it is already queued or on the wire (the
    /// caller then has nothing to wait for: that read delivers). With `fresh`, a read on the
    /// wire is followed by another one, sent after now.
    pub(super) fn read_state(
        &self,
        view: &Rc<ViewCtx<T>>,
        name: Rc<str>,
        priority: u32,
        fresh: bool,
    ) -> Option<LocalBoxFuture<'static, ()>> {
        let outstanding = Outstanding::default();
        {
            let mut all = view.outstanding.borrow_mut();
            if let Some(waiting) = all.get(&name) {
                if priority < waiting.priority.get() {
                    waiting.priority.set(priority);
                    self.inner.reads.reorder();
                }
                // A read still queued is sent later anyway; one on the wire may be older.
                if fresh && waiting.sent.get() > 0 {
                    waiting.again.set(true);
                }
                return None;
            }
            outstanding.priority.set(priority);
            all.insert(name.clone(), outstanding.clone());
        }
        let (this, view) = (self.clone(), view.clone());
        Some(Box::pin(async move {
            let request = async {
                // Ordered by when it goes on the wire, not when it was queued.
                outstanding.sent.set(this.inner.store.next_read());
                let state = view.client.collection_load_state(&name).await;
                confirm_missing(&view.client, &name, state).await
            };
            let result = this
                .inner
                .reads
                .run(outstanding.priority.clone(), &view.scope, request)
                .await;
            view.outstanding.borrow_mut().remove(&name);
            if is_cancelled(&result) {
                return;
            }
            let read = StateRead {
                name: name.clone(),
                sent: outstanding.sent.get(),
                at: this.inner.runtime.now(),
                result,
            };
            // The snapshot ends before the reply is applied: held across it, it would make
            // the store copy the state and its list of rows on every reply.
            let abandoned = {
                let state = this.state();
                (state.generation == view.generation)
                    .then(|| state.abandons(&read))
                    .flatten()
            };
            let stalls = this.stalls_in(view.generation, std::slice::from_ref(&read));
            let reply = Action::Reply {
                generation: view.generation,
                reply: Reply::States(vec![read]),
            };
            // A re-read after an operation shows its effect: the user is waiting for it.
            if outstanding.priority.get() == RECHECK {
                this.awaited(reply);
            } else {
                this.inner.store.reply(reply);
            }
            if let Some(was) = abandoned {
                this.load_abandoned(name.clone(), was);
            }
            this.report_stalls(&stalls);
            let unsettled = this.state().row(&name).is_some_and(Row::unsettled);
            if outstanding.again.get() {
                if let Some(read) = this.read_state(&view, name, RECHECK, false) {
                    this.spawn(read);
                }
            }
            if unsettled && view.poll_idle.get() {
                view.poll_wake.notify();
            }
        }))
    }

    /// Reads one row now (after an operation), ahead of polls and sweeps.
    pub(super) fn recheck_row(&self, name: Rc<str>, priority: u32) {
        if let Some(view) = self.current_view() {
            if let Some(read) = self.read_state(&view, name, priority, true) {
                self.spawn(read);
            }
            view.poll_wake.notify();
        }
    }

    pub(super) fn start_poller(&self, view: &Rc<ViewCtx<T>>) {
        let (this, ctx) = (self.clone(), view.clone());
        let task = async move {
            let due = || {
                let state = this.state();
                let due = state.generation == ctx.generation && state.any_unsettled();
                ctx.poll_idle.set(!due);
                due
            };
            let poll = || {
                // A sweep reads every state anyway: polling meanwhile would only push its
                // remaining reads back (hundreds of loading rows starve it).
                if ctx.sweeping.get() {
                    return;
                }
                for name in this.state().unsettled_rows() {
                    if let Some(read) = this.read_state(&ctx, name, POLL, false) {
                        this.spawn(read);
                    }
                }
            };
            backoff_loop(&*this.inner.runtime, &ctx.poll_wake, due, poll).await;
        };
        self.spawn_in(&view.scope, Box::pin(task));
    }

    pub(super) fn start_auto_refresh(&self, view: &Rc<ViewCtx<T>>) {
        let (this, ctx) = (self.clone(), view.clone());
        let task = async move {
            let interval = || u64::from(this.state().refresh_interval) * 1_000;
            let tick = || {
                let (this, ctx) = (this.clone(), ctx.clone());
                async move {
                    if !ctx.sweeping.get() {
                        this.sweep(ctx).await;
                    }
                }
            };
            interval_loop(&*this.inner.runtime, &ctx.auto_wake, interval, tick).await;
        };
        self.spawn_in(&view.scope, Box::pin(task));
    }
}
