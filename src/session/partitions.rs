//! Requests of the partitions view: describe (to learn about a partition key), list, one
//! `get_load_state` per partition, row counts where cheap. Loading partitions are polled
//! with one round outstanding at most; the view's requests stop when it closes or another
//! collection opens.

use std::cell::Cell;
use std::rc::Rc;

use super::join::join_in_order;

use crate::api::{Scope, Transport};
use crate::state::{Action, Reply, StateRead};

use super::poller::{backoff_loop, Notify};
use super::{Runtime, Session, POLL, VISIBLE};

/// Row counts cost one request per partition: only asked for up to this many partitions.
const ROW_COUNTS_UP_TO: usize = 64;

/// The open partitions view's requests.
pub(super) struct PartitionsCtx {
    generation: u64,
    collection: Rc<str>,
    /// Its requests and timers; below the view's scope.
    scope: Scope,
    wake: Notify,
    /// A round of partition states is queued or on the wire.
    round: Cell<bool>,
    /// Another round follows the one under way (an operation was answered meanwhile).
    again: Cell<bool>,
    /// The poller waits for something to load.
    idle: Cell<bool>,
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Follows the partitions view the state has open: starts its requests when it opened,
    /// stops them when it closed.
    pub fn show_partitions(&self) {
        let state = self.state();
        let wanted = state.open.as_ref().map(|v| v.collection.clone());
        let current = self.partitions_ctx();
        if current
            .as_ref()
            .map(|c| (c.generation, c.collection.clone()))
            == wanted.clone().map(|w| (state.generation, w))
        {
            return;
        }
        self.close_partitions();
        let (Some(collection), Some(view)) = (wanted, self.current_view()) else {
            return;
        };
        let ctx = Rc::new(PartitionsCtx {
            generation: view.generation,
            collection: collection.clone(),
            scope: view.scope.child(),
            wake: Notify::default(),
            round: Cell::new(false),
            again: Cell::new(false),
            idle: Cell::new(true),
        });
        self.inner.partitions.replace(Some(ctx.clone()));
        let (this, client, c) = (self.clone(), view.client.clone(), ctx.clone());
        let first = async move {
            let reads = &this.inner.reads;
            let described = reads
                .run(VISIBLE, &c.scope, client.describe_collection(&collection))
                .await;
            if let Ok(description) = described {
                this.partitions_reply(
                    &c,
                    Reply::PartitionKeyKnown {
                        collection: collection.clone(),
                        partition_key: description.has_partition_key,
                    },
                );
            }
            let listed = reads
                .run(VISIBLE, &c.scope, client.list_partitions(&collection))
                .await;
            if c.scope.is_cancelled() {
                return;
            }
            let names: Vec<Rc<str>> = listed
                .as_ref()
                .map(|names| names.iter().map(|n| Rc::from(n.as_str())).collect())
                .unwrap_or_default();
            this.partitions_reply(
                &c,
                Reply::PartitionsListed {
                    collection: collection.clone(),
                    result: listed,
                },
            );
            if names.len() <= ROW_COUNTS_UP_TO {
                let counts = names.iter().map(|name| {
                    reads.run(
                        COUNT_ROWS,
                        &c.scope,
                        client.partition_row_count(&collection, name),
                    )
                });
                let counts = join_in_order(counts).await;
                let rows = names
                    .iter()
                    .cloned()
                    .zip(counts)
                    .filter_map(|(name, count)| count.ok().map(|c| (name, c)))
                    .collect();
                this.partitions_reply(&c, Reply::PartitionRows { collection, rows });
            }
            this.partition_round(&c).await;
        };
        self.spawn_in(&ctx.scope, Box::pin(first));
        let (this, c) = (self.clone(), ctx.clone());
        let poller = async move {
            let due = || {
                let due = this.partitions_loading(&c);
                c.idle.set(!due);
                due
            };
            let poll = || {
                let (session, c) = (this.clone(), c.clone());
                this.spawn(async move { session.partition_round(&c).await });
            };
            backoff_loop(&*this.inner.runtime, &c.wake, due, poll).await;
        };
        self.spawn_in(&ctx.scope, Box::pin(poller));
    }

    fn partitions_ctx(&self) -> Option<Rc<PartitionsCtx>> {
        self.inner.partitions.borrow().clone()
    }

    /// Stops the partitions view's requests and polling.
    pub fn close_partitions(&self) {
        if let Some(ctx) = self.inner.partitions.borrow_mut().take() {
            ctx.scope.cancel();
        }
    }

    fn partitions_reply(&self, ctx: &PartitionsCtx, reply: Reply) {
        if !ctx.scope.is_cancelled() {
            self.inner.store.reply(Action::Reply {
                generation: ctx.generation,
                reply,
            });
        }
    }

    /// Whether the open view is this context's and a partition in it is unsettled.
    fn partitions_loading(&self, ctx: &PartitionsCtx) -> bool {
        self.state()
            .open
            .as_ref()
            .is_some_and(|v| v.collection == ctx.collection && v.any_unsettled())
    }

    /// Reads every partition's state, once more if `again` is set meanwhile; nothing if a
    /// round is already under way.
    async fn partition_round(&self, ctx: &Rc<PartitionsCtx>) {
        if ctx.round.get() {
            return;
        }
        loop {
            self.partition_round_once(ctx).await;
            if ctx.scope.is_cancelled() || !ctx.again.replace(false) {
                break;
            }
        }
        if ctx.idle.get() && self.partitions_loading(ctx) {
            ctx.wake.notify();
        }
    }

    async fn partition_round_once(&self, ctx: &Rc<PartitionsCtx>) {
        ctx.round.set(true);
        let names: Vec<Rc<str>> = self
            .state()
            .open
            .as_ref()
            .filter(|v| v.collection == ctx.collection)
            .map(|v| v.partitions.iter().map(|p| p.name.clone()).collect())
            .unwrap_or_default();
        let Some(view) = self.current_view() else {
            ctx.round.set(false);
            return;
        };
        let reads = names.into_iter().map(|name| {
            let (client, collection, store) = (&view.client, &ctx.collection, &self.inner.store);
            async move {
                let sent = Cell::new(0);
                let request = async {
                    sent.set(store.next_read());
                    client.partition_load_state(collection, &name).await
                };
                let result = self.inner.reads.run(POLL, &ctx.scope, request).await;
                StateRead {
                    name,
                    sent: sent.get(),
                    at: self.inner.runtime.now(),
                    result,
                }
            }
        });
        let states = join_in_order(reads).await;
        ctx.round.set(false);
        self.partitions_reply(
            ctx,
            Reply::PartitionStates {
                collection: ctx.collection.clone(),
                states,
            },
        );
    }

    /// An operation on partitions of `collection` ended: if its view is open, read them
    /// again and poll from 1 s. Another collection's view is left alone.
    pub(super) fn recheck_partitions(&self, collection: &Rc<str>) {
        let Some(ctx) = self
            .partitions_ctx()
            .filter(|c| c.collection == *collection)
        else {
            return;
        };
        if ctx.round.get() {
            // The round on the wire may be older than the operation's answer.
            ctx.again.set(true);
        } else {
            let (this, c) = (self.clone(), ctx.clone());
            self.spawn(async move { this.partition_round(&c).await });
        }
        ctx.wake.notify();
    }
}

/// Partition row counts wait behind states.
const COUNT_ROWS: u32 = POLL + 1;
