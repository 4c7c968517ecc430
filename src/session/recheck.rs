//! A write whose reply was lost (a timeout, a dropped connection, an unreadable reply) may
//! still have been applied: what it asked for is re-read until a read tells. Applied: done.
//! Read not applied once the re-reads have outlasted the server: failed. Never read: unknown,
//! "not seen applied after N s", and read again until a read tells; never called failed unread.

use std::rc::Rc;

use crate::api::{ApiError, Client, LoadState, Transport};
use crate::state::{Action, Operation, Progress, Reply, StateRead, Target};

use super::missing::confirm_missing;
use super::poller::{next_delay, POLL_FIRST_MS};
use super::{Runtime, Session, RECHECK};

/// Re-reads of an operation whose reply was lost before a read that shows it not applied
/// fails it: at 0, 1, 3, 7 and 15 s, which outlasts a release still finishing after a 408.
const RECHECKS: usize = 5;

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Re-reads `sent` (what the lost request asked for) until it shows whether the operation
    /// `id` on `target` took effect. Stops when the console is unmounted (cancelled: it may
    /// have been applied) or, once unknown, when another connection replaces this one.
    pub(super) async fn recheck_until_settled(
        &self,
        id: u64,
        target: &Target,
        sent: &Target,
        client: &Client<T>,
        lost: ApiError,
    ) {
        let started = self.inner.runtime.monotonic();
        let mut delay = POLL_FIRST_MS;
        for attempt in 0.. {
            if attempt > 0 {
                self.inner.runtime.sleep(delay).await;
                delay = next_delay(delay);
            }
            if self.unmounted() {
                let read_at = self.inner.store.next_read();
                let why = format!(
                    "the console was unmounted before the state could be re-read; it may have \
                     been applied ({lost})"
                );
                self.settle(id, target, Progress::Cancelled(why), read_at);
                return;
            }
            if attempt >= RECHECKS && self.retired() {
                return;
            }
            let applied = self.read_effect(sent, client).await;
            let outlasted = attempt + 1 >= RECHECKS;
            let read_at = self.inner.store.next_read();
            match applied {
                Some(true) => {
                    self.settle(id, target, Progress::Done, read_at);
                    return;
                }
                Some(false) if outlasted => {
                    self.settle(id, target, Progress::Failed(lost), read_at);
                    return;
                }
                None if attempt + 1 == RECHECKS => {
                    let waited = (self.inner.runtime.monotonic() - started) / 1_000.0;
                    let progress = Progress::NotSeenApplied {
                        lost: lost.clone(),
                        after_s: waited.round().clamp(0.0, f64::from(u32::MAX)) as u32,
                    };
                    self.awaited(Action::OperationProgress {
                        id,
                        progress,
                        read_at,
                        at: self.inner.runtime.now(),
                    });
                }
                Some(false) | None => {}
            }
        }
    }

    /// Whether the state shows the operation applied; `None` when it could not be read.
    async fn read_effect(&self, target: &Target, client: &Client<T>) -> Option<bool> {
        // The session's: re-reads go on when another connection replaces this one.
        let scope = self.inner.session_scope.clone();
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
}
