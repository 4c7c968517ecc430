//! Releases and loads. Each is identified by its full target and ends exactly once: done,
//! failed with the server's reason, or unknown while the state is re-read until it tells.
//! A second request for the same target joins the one under way; one for the same collection
//! waits for it. Writes have their own lane, ahead of every read.

use std::rc::Rc;

use crate::api::{ApiError, ApiErrorKind, Client, LoadState, Transport};
use crate::host::ActionReport;
use crate::state::{Action, Operation, Outcome, Progress, Reply, RowState, StateRead, Target};

use super::poller::{next_delay, POLL_FIRST_MS};
use super::{Runtime, Session, RECHECK};

/// Re-reads of an operation whose reply was lost, before it is called failed: at 0, 1, 3, 7
/// and 15 s, which outlasts a release still finishing after a 408.
const RECHECKS: usize = 5;

/// Operations of a session, running or waiting for one on the same collection.
#[derive(Default)]
pub(super) struct Operations {
    running: Vec<(u64, Target)>,
    waiting: Vec<(u64, Target)>,
    /// Set on unmount: re-reads stop and their operations are reported cancelled.
    rechecks_cancelled: bool,
}

/// The reply was lost after the request may have reached the server: a timeout, a reset
/// connection, a gateway error, an unreadable reply. Milvus may have applied the write.
pub fn fate_unknown(error: &ApiError) -> bool {
    match error.kind() {
        ApiErrorKind::Timeout { .. }
        | ApiErrorKind::Network { .. }
        | ApiErrorKind::ServerTimeout { .. }
        | ApiErrorKind::Undecodable { .. } => true,
        ApiErrorKind::Http { status, .. } => *status >= 500,
        ApiErrorKind::Milvus { code, .. } => *code == 10001,
        ApiErrorKind::NotAuthenticated { .. }
        | ApiErrorKind::PermissionDenied { .. }
        | ApiErrorKind::NotFound { .. }
        | ApiErrorKind::InvalidEndpoint(_)
        | ApiErrorKind::Cancelled => false,
    }
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Acts on the confirmation the state holds, on its own targets; refused in read-only
    /// mode or when it was confirmed on another connection.
    pub fn confirm(&self) {
        let state = self.state();
        let Some(confirmation) = state.confirm.clone() else {
            return;
        };
        self.inner.store.intent(Action::CloseConfirmation);
        if state.read_only {
            return;
        }
        let ours = confirmation
            .targets
            .iter()
            .all(|t| t.connection == self.inner.connection);
        if ours {
            if confirmation.targets.iter().all(|t| t.partitions.is_empty()) {
                self.inner.store.intent(Action::SelectMatching(false));
            }
            self.operate(confirmation.targets);
        }
    }

    /// Starts (or queues, or joins) one operation per target.
    pub fn operate(&self, targets: Vec<Target>) {
        if self.inner.unmounted.get() {
            return;
        }
        for target in targets {
            if target.connection != self.inner.connection {
                continue;
            }
            let (id, progress) = {
                let mut ops = self.inner.operations.borrow_mut();
                let same = |(_, t): &&(u64, Target)| *t == target;
                if ops.running.iter().chain(&ops.waiting).any(|o| same(&o)) {
                    // The same target already under way: this click joins it.
                    continue;
                }
                let id = self.inner.store.next_id();
                let busy = ops
                    .running
                    .iter()
                    .chain(&ops.waiting)
                    .any(|(_, t)| t.same_collection(&target));
                let skip = if busy { None } else { self.already(&target) };
                if let Some(why) = skip {
                    (id, Progress::Skipped(why))
                } else if busy {
                    ops.waiting.push((id, target.clone()));
                    (id, Progress::Waiting)
                } else {
                    ops.running.push((id, target.clone()));
                    (id, Progress::Working)
                }
            };
            self.inner.store.awaited(Action::OperationStarted(Outcome {
                id,
                target: target.clone(),
                progress: progress.clone(),
                rechecked: false,
            }));
            if progress == Progress::Working {
                self.send(id, target);
            } else if progress.is_final() {
                let read_at = self.inner.store.next_read();
                self.settle(id, &target, progress, read_at);
            }
        }
    }

    fn send(&self, id: u64, target: Target) {
        let this = self.clone();
        self.spawn(async move {
            let client = this
                .inner
                .client
                .with_database(Some(target.database.to_string()));
            let result = this
                .inner
                .writes
                .run(0, &crate::api::Scope::new(), write(&client, &target))
                .await;
            let read_at = this.inner.store.next_read();
            this.finished(id, &target);
            match result {
                Ok(()) => this.settle(id, &target, Progress::Done, read_at),
                Err(e) if fate_unknown(&e) => {
                    this.progress(id, Progress::Unknown(e.clone()), read_at);
                    this.recheck_until_settled(id, &target, &client, e).await;
                }
                Err(e) => this.settle(id, &target, Progress::Failed(e), read_at),
            }
        });
    }

    /// Why a collection operation need not be sent: a Load of a fully loaded collection would
    /// only apply the replica setting again; a Release of a released one does nothing.
    fn already(&self, target: &Target) -> Option<&'static str> {
        let state = self.state();
        if !target.partitions.is_empty() || !state.shows(target) {
            return None;
        }
        let row = state.row(&target.collection)?;
        let partial = row.partly_loaded || row.coverage.is_some_and(|c| c.is_partial());
        match (&row.state, target.operation) {
            (RowState::Known(LoadState::Loaded), Operation::Load) if !partial => {
                Some("already loaded")
            }
            (RowState::Known(LoadState::NotLoad), Operation::Release) => Some("already released"),
            _ => None,
        }
    }

    /// Frees the collection for the next operation waiting on it.
    fn finished(&self, id: u64, target: &Target) {
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
    }

    fn progress(&self, id: u64, progress: Progress, read_at: u64) {
        self.inner.store.awaited(Action::OperationProgress {
            id,
            progress,
            read_at,
        });
    }

    /// The operation's end: shown, reported to the host once, and followed by a re-read.
    fn settle(&self, id: u64, target: &Target, progress: Progress, read_at: u64) {
        let (ok, error) = match &progress {
            Progress::Done => (true, None),
            Progress::Skipped(why) => (true, Some(format!("skipped: {why}"))),
            Progress::Failed(e) => (false, Some(e.to_string())),
            Progress::Cancelled(why) => (false, Some(format!("Cancelled: {why}"))),
            Progress::Waiting | Progress::Working | Progress::Unknown(_) => return,
        };
        self.progress(id, progress, read_at);
        self.inner.store.report(&ActionReport {
            database: target.database.to_string(),
            collection: target.collection.to_string(),
            partitions: (!target.partitions.is_empty())
                .then(|| target.partitions.iter().map(|p| p.to_string()).collect()),
            operation: target.operation.verb(),
            ok,
            error,
        });
        if self.inner.retired.get() {
            return;
        }
        if self.state().shows(target) {
            self.recheck_row(target.collection.clone(), RECHECK);
            if !target.partitions.is_empty() {
                self.recheck_partitions(&target.collection);
            }
        }
    }

    /// Re-reads the target's state until it shows whether the operation took effect.
    async fn recheck_until_settled(
        &self,
        id: u64,
        target: &Target,
        client: &Client<T>,
        lost: ApiError,
    ) {
        let mut delay = POLL_FIRST_MS;
        for attempt in 0..RECHECKS {
            if attempt > 0 {
                self.inner.runtime.sleep(delay).await;
                delay = next_delay(delay);
            }
            if self.inner.operations.borrow().rechecks_cancelled {
                break;
            }
            if let Some(applied) = self.read_effect(target, client).await {
                if applied {
                    let read_at = self.inner.store.next_read();
                    self.settle(id, target, Progress::Done, read_at);
                    return;
                }
            }
        }
        let read_at = self.inner.store.next_read();
        let progress = if self.inner.operations.borrow().rechecks_cancelled {
            Progress::Cancelled(format!(
                "the console was unmounted before the state could be re-read; it may have been applied ({lost})"
            ))
        } else {
            Progress::Failed(lost)
        };
        self.settle(id, target, progress, read_at);
    }

    /// Whether the state shows the operation applied; `None` when it could not be read.
    async fn read_effect(&self, target: &Target, client: &Client<T>) -> Option<bool> {
        let scope = crate::api::Scope::new();
        let names: Vec<Rc<str>> = if target.partitions.is_empty() {
            vec![target.collection.clone()]
        } else {
            target.partitions.clone()
        };
        let mut applied = true;
        let mut reads = Vec::new();
        for name in names {
            let sent = self.inner.store.next_read();
            let request = async {
                if target.partitions.is_empty() {
                    client.collection_load_state(&name).await
                } else {
                    client.partition_load_state(&target.collection, &name).await
                }
            };
            let state = self.inner.reads.run(RECHECK, &scope, request).await;
            let state_now = state.clone().ok()?;
            applied &= match target.operation {
                Operation::Release => state_now == LoadState::NotLoad,
                Operation::Load => state_now.is_loaded_or_loading(),
            };
            reads.push(StateRead {
                name,
                sent,
                result: state,
            });
        }
        // What was read goes on screen too, when the view shows it.
        if let (Some(view), true) = (self.current_view(), self.state().shows(target)) {
            let reply = if target.partitions.is_empty() {
                Reply::States(reads)
            } else {
                Reply::PartitionStates {
                    collection: target.collection.clone(),
                    states: reads,
                }
            };
            self.inner.store.awaited(Action::Reply {
                generation: view.generation,
                reply,
            });
        }
        Some(applied)
    }

    pub(super) fn cancel_rechecks(&self) {
        self.inner.operations.borrow_mut().rechecks_cancelled = true;
    }
}

/// The request of an operation.
async fn write<T: Transport>(client: &Client<T>, target: &Target) -> Result<(), ApiError> {
    let names: Vec<String> = target.partitions.iter().map(|p| p.to_string()).collect();
    match (target.operation, names.is_empty()) {
        (Operation::Release, true) => client.release_collection(&target.collection).await,
        (Operation::Load, true) => client.load_collection(&target.collection).await,
        (Operation::Release, false) => client.release_partitions(&target.collection, &names).await,
        (Operation::Load, false) => client.load_partitions(&target.collection, &names).await,
    }
}
