//! A write whose reply was lost (a timeout, a dropped connection, an unreadable reply) may
//! still have been applied: its state is re-read until it shows the effect, and only then is
//! the write called done; with no effect after the last re-read it is failed.

use std::rc::Rc;

use crate::api::{ApiError, Client, LoadState, Transport};
use crate::state::{Action, Operation, Progress, Reply, StateRead, Target};

use super::missing::confirm_missing;
use super::poller::{next_delay, POLL_FIRST_MS};
use super::{Runtime, Session, RECHECK};

/// Re-reads of an operation whose reply was lost, before it is called failed: at 0, 1, 3, 7
/// and 15 s, which outlasts a release still finishing after a 408.
const RECHECKS: usize = 5;

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Re-reads the target's state until it shows whether the operation took effect.
    pub(super) async fn recheck_until_settled(
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
                    let state = client.collection_load_state(&name).await;
                    confirm_missing(client, &name, state).await
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
                at: self.inner.runtime.now(),
                result: state,
            });
        }
        // What was read goes on screen too, when the view shows it.
        if let (Some(view), true) = (self.current_view(), self.state().shows(target)) {
            let mut stalls = Vec::new();
            let reply = if target.partitions.is_empty() {
                stalls = self.stalls_in(view.generation, &reads);
                Reply::States(reads)
            } else {
                Reply::PartitionStates {
                    collection: target.collection.clone(),
                    states: reads,
                }
            };
            self.awaited(Action::Reply {
                generation: view.generation,
                reply,
            });
            self.report_stalls(&stalls);
        }
        Some(applied)
    }

    pub(super) fn cancel_rechecks(&self) {
        self.inner.operations.borrow_mut().rechecks_cancelled = true;
    }
}
