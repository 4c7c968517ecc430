//! Releases and loads. Each is identified by its full target and ends exactly once: done,
//! failed with the server's reason, or unknown while the state is re-read until it tells.
//! A second request for the same target joins the one under way; one for the same collection
//! waits for it. Writes have their own lane, ahead of every read.

use crate::api::{LoadState, Transport};
use crate::host::ActionReport;
use crate::state::{Action, Change, LoadChoice, Operation, Outcome, Progress, RowState, Target};

use super::{Runtime, Session, RECHECK};

/// Operations (or queued reads) under way at most this many count as the user's own: their
/// replies are drawn at once.
const FEW_AT_ONCE: usize = 2;

/// Operations of a session, running or waiting for one on the same collection.
#[derive(Default)]
pub(super) struct Operations {
    running: Vec<(u64, Target)>,
    waiting: Vec<(u64, Target)>,
    /// Loads decided from an earlier read (a restore's): read again just before being sent.
    pub(super) read_first: Vec<u64>,
    /// Loads whose replicas and groups are stored on the collection first; `true`: of a
    /// collection loaded when the user confirmed (a change of its replicas).
    pub(super) choices: Vec<(u64, LoadChoice, bool)>,
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Starts (or queues, or joins) one operation per target.
    pub fn operate(&self, targets: Vec<Target>) {
        self.start_operations(targets, true, None);
    }

    /// Starts the load of one collection with the replicas and groups the user chose: they
    /// are stored on the collection, then it is loaded.
    pub fn load_as_chosen(&self, targets: Vec<Target>, choice: Option<LoadChoice>) {
        self.start_operations(targets, true, choice);
    }

    /// Starts operations decided from a fresher read than the rows on screen (a restore's
    /// plan): the rows' states do not skip them.
    pub(super) fn operate_as_read(&self, targets: Vec<Target>) {
        self.start_operations(targets, false, None);
    }

    fn start_operations(
        &self,
        targets: Vec<Target>,
        skip_by_rows: bool,
        mut choice: Option<LoadChoice>,
    ) {
        if self.unmounted() {
            return;
        }
        for target in targets {
            if target.connection != self.inner.connection {
                continue;
            }
            let (id, progress) = {
                let mut ops = self.inner.operations.borrow_mut();
                let same = |(_, t): &&(u64, Target)| *t == target;
                // The same target already under way: this click joins it, unless it carries
                // replicas and groups to store (then it waits for that one and runs after it).
                if choice.is_none() && ops.running.iter().chain(&ops.waiting).any(|o| same(&o)) {
                    continue;
                }
                let id = self.inner.store.next_id();
                let busy = ops
                    .running
                    .iter()
                    .chain(&ops.waiting)
                    .any(|(_, t)| t.same_collection(&target));
                // A choice to store is sent even to a loaded collection: its load applies it.
                let skip = if busy || !skip_by_rows || choice.is_some() {
                    None
                } else {
                    self.already(&target)
                };
                let started = if let Some(why) = skip {
                    (id, Progress::Skipped(why))
                } else if busy {
                    ops.waiting.push((id, target.clone()));
                    (id, Progress::Waiting)
                } else {
                    ops.running.push((id, target.clone()));
                    (id, Progress::Working)
                };
                if !skip_by_rows && target.operation == Operation::Load {
                    ops.read_first.push(id);
                }
                if let Some(choice) = choice
                    .take()
                    .filter(|_| target.operation == Operation::Load && skip.is_none())
                {
                    ops.choices.push((id, choice, self.shown_loaded(&target)));
                }
                started
            };
            self.awaited(Action::OperationStarted(Outcome {
                id,
                target: target.clone(),
                progress: progress.clone(),
                rechecked: false,
                at: self.inner.runtime.now(),
            }));
            if progress == Progress::Working {
                self.send(id, target);
            } else if progress.is_final() {
                let read_at = self.inner.store.next_read();
                self.settle(id, &target, progress, read_at);
            }
        }
    }

    /// Whether the screen shows `target`'s collection loaded.
    fn shown_loaded(&self, target: &Target) -> bool {
        let state = self.state();
        state.shows(target)
            && state
                .row(&target.collection)
                .is_some_and(|r| r.state == RowState::Known(LoadState::Loaded))
    }

    /// Why a collection operation need not be sent: a Load of a fully loaded collection would
    /// only apply the replica setting again; a Release of a released one does nothing.
    fn already(&self, target: &Target) -> Option<&'static str> {
        let state = self.state();
        if !target.partitions.is_empty() || !state.shows(target) {
            return None;
        }
        let row = state.row(&target.collection)?;
        Change::of(Some(row), target.operation).unsent_reason(target.operation)
    }

    /// Applies a reply the user is waiting for (an operation's outcome, the re-read showing its
    /// effect): drawn at once while few operations and reads are under way; a bulk's, or one
    /// arriving during a sweep, are batched like every other reply.
    pub(super) fn awaited(&self, action: Action) {
        let under_way = {
            let ops = self.inner.operations.borrow();
            ops.running.len() + ops.waiting.len()
        };
        if under_way <= FEW_AT_ONCE && self.inner.reads.queued() <= FEW_AT_ONCE {
            self.inner.store.awaited(action);
        } else {
            self.inner.store.reply(action);
        }
    }

    /// Frees the collection for the next operation waiting on it.
    pub(super) fn finished(&self, id: u64, target: &Target) {
        let next = {
            let mut ops = self.inner.operations.borrow_mut();
            ops.running.retain(|(i, _)| *i != id);
            let position = ops
                .waiting
                .iter()
                .position(|(_, t)| t.same_collection(target));
            position.map(|p| {
                let next = ops.waiting.remove(p);
                ops.running.push(next.clone());
                next
            })
        };
        if let Some((next_id, next_target)) = next {
            self.progress(next_id, Progress::Working, 0);
            self.send(next_id, next_target);
        }
        self.show_pace();
    }

    /// Whether a release or load is running or waiting for another.
    pub(super) fn writes_under_way(&self) -> bool {
        let ops = self.inner.operations.borrow();
        !ops.running.is_empty() || !ops.waiting.is_empty()
    }

    pub(super) fn progress(&self, id: u64, progress: Progress, read_at: u64) {
        self.awaited(Action::OperationProgress {
            id,
            progress,
            read_at,
            at: self.inner.runtime.now(),
        });
    }

    /// The operation's end: shown, reported to the host once, and followed by a re-read.
    pub(super) fn settle(&self, id: u64, target: &Target, progress: Progress, read_at: u64) {
        if !progress.is_final() {
            return;
        }
        self.progress(id, progress.clone(), read_at);
        self.report_end(target, &progress);
        if self.retired() {
            return;
        }
        if self.state().shows(target) {
            self.recheck_row(target.collection.clone(), RECHECK);
            if !target.partitions.is_empty() {
                self.recheck_partitions(&target.collection);
            }
        }
    }

    /// Tells the host how an operation ended (nothing while it has not).
    pub(super) fn report_end(&self, target: &Target, progress: &Progress) {
        let (ok, error) = match progress {
            Progress::Done => (true, None),
            Progress::Skipped(why) => (true, Some(format!("skipped: {why}"))),
            Progress::Failed(e) => (false, Some(e.to_string())),
            Progress::Cancelled(why) => (false, Some(format!("Cancelled: {why}"))),
            Progress::Abandoned(abandonment) => (false, Some(abandonment.text())),
            Progress::Waiting
            | Progress::Working
            | Progress::Unknown(_)
            | Progress::NotSeenApplied { .. } => return,
        };
        self.inner.store.report(&ActionReport {
            database: target.database.to_string(),
            collection: target.collection.to_string(),
            partitions: (!target.partitions.is_empty())
                .then(|| target.partitions.iter().map(|p| p.to_string()).collect()),
            operation: target.operation.wire(),
            ok,
            error,
        });
    }
}
