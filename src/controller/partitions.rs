//! Requests of the partitions view: describe (to learn about a partition key), list, one
//! `get_load_state` per partition, row counts where cheap, and operations on many partitions
//! in one request. Loading partitions are re-checked until they settle.

use std::rc::Rc;

use futures::future::join_all;
use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;

use super::{Controller, POLL_FIRST_MS, POLL_MAX_MS, VISIBLE};
use crate::api::{LoadState, Scope};
use crate::state::{Action, Operation};

/// Row counts cost one request per partition: only asked for up to this many partitions.
const ROW_COUNTS_UP_TO: usize = 64;

impl Controller {
    /// Shows a collection's partitions.
    pub fn open_partitions(&self, generation: u64, collection: Rc<str>) {
        if self.inner.shut_down.get() {
            return;
        }
        let scope = Scope::new();
        self.inner.partitions_scope.replace(scope.clone()).cancel();
        self.inner.partitions_timer.borrow_mut().take();
        self.inner.partitions_poll_delay.set(POLL_FIRST_MS);
        let client = self.inner.view_client.borrow().clone();
        let this = self.clone();
        spawn_local(async move {
            let scheduler = &this.inner.scheduler;
            let described = scheduler
                .run(VISIBLE, &scope, client.describe_collection(&collection))
                .await;
            if let Ok(description) = described {
                this.inner.dispatch.emit(Action::PartitionKeyKnown {
                    generation,
                    collection: collection.clone(),
                    partition_key: description.has_partition_key,
                });
            }
            let listed = scheduler
                .run(VISIBLE, &scope, client.list_partitions(&collection))
                .await;
            let names: Vec<Rc<str>> = listed
                .as_ref()
                .map(|names| names.iter().map(|n| Rc::from(n.as_str())).collect())
                .unwrap_or_default();
            this.inner.dispatch.emit(Action::PartitionsListed {
                generation,
                collection: collection.clone(),
                result: listed,
            });
            if names.len() <= ROW_COUNTS_UP_TO {
                this.fetch_partition_rows(generation, collection.clone(), names.clone());
            }
            this.fetch_partition_states(generation, collection, names);
        });
    }

    /// Stops the partitions view's requests and polling.
    pub fn close_partitions(&self) {
        self.inner.partitions_scope.borrow().cancel();
        self.inner.partitions_timer.borrow_mut().take();
    }

    fn fetch_partition_rows(&self, generation: u64, collection: Rc<str>, names: Vec<Rc<str>>) {
        let this = self.clone();
        let scope = self.inner.partitions_scope.borrow().clone();
        let client = self.inner.view_client.borrow().clone();
        spawn_local(async move {
            let requests = names.iter().map(|name| {
                this.inner.scheduler.run(
                    VISIBLE + 1,
                    &scope,
                    client.partition_row_count(&collection, name),
                )
            });
            let counts = join_all(requests).await;
            let rows = names
                .into_iter()
                .zip(counts)
                .filter_map(|(name, count)| count.ok().map(|c| (name, c)))
                .collect();
            this.inner.dispatch.emit(Action::PartitionRows {
                generation,
                collection,
                rows,
            });
        });
    }

    /// Every partition's state, delivered in one action; polls again while any is loading.
    fn fetch_partition_states(&self, generation: u64, collection: Rc<str>, names: Vec<Rc<str>>) {
        let this = self.clone();
        let scope = self.inner.partitions_scope.borrow().clone();
        let client = self.inner.view_client.borrow().clone();
        spawn_local(async move {
            let requests = names.iter().map(|name| {
                this.inner.scheduler.run(
                    VISIBLE,
                    &scope,
                    client.partition_load_state(&collection, name),
                )
            });
            let results = join_all(requests).await;
            if scope.is_cancelled() {
                return;
            }
            let loading = results
                .iter()
                .any(|r| matches!(r, Ok(LoadState::Loading { .. })));
            this.inner.dispatch.emit(Action::PartitionStates {
                generation,
                collection: collection.clone(),
                states: names.iter().cloned().zip(results).collect(),
            });
            if loading {
                this.schedule_partitions_poll(generation, collection, names);
            }
        });
    }

    fn schedule_partitions_poll(&self, generation: u64, collection: Rc<str>, names: Vec<Rc<str>>) {
        let delay = self.inner.partitions_poll_delay.get();
        self.inner
            .partitions_poll_delay
            .set((delay + delay / 2).min(POLL_MAX_MS));
        let this = self.clone();
        let timer = Timeout::new(delay, move || {
            this.inner.partitions_timer.borrow_mut().take();
            this.fetch_partition_states(generation, collection, names);
        });
        self.inner.partitions_timer.replace(Some(timer));
    }

    /// Releases or loads partitions of the open collection in one request, then re-checks the
    /// partitions and the collection (releasing the last loaded ones releases it).
    pub fn operate_partitions(
        &self,
        generation: u64,
        collection: Rc<str>,
        names: Vec<Rc<str>>,
        operation: Operation,
    ) {
        if names.is_empty()
            || self.inner.shut_down.get()
            || !self
                .inner
                .partitions_operating
                .borrow_mut()
                .insert(collection.clone())
        {
            return;
        }
        self.inner.dispatch.emit(Action::PartitionOperationStarted {
            generation,
            collection: collection.clone(),
            operation,
        });
        self.inner.partitions_poll_delay.set(POLL_FIRST_MS);
        let this = self.clone();
        // Closing the view, switching database or reconnecting must not cancel what the user
        // asked for; the re-checks afterwards belong to the view.
        let (operations, scope) = (
            self.inner.operations_scope.clone(),
            self.inner.partitions_scope.borrow().clone(),
        );
        let client = self.inner.view_client.borrow().clone();
        let database = self.inner.database.borrow().clone();
        spawn_local(async move {
            let list: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let request = async {
                match operation {
                    Operation::Release => client.release_partitions(&collection, &list).await,
                    Operation::Load => client.load_partitions(&collection, &list).await,
                }
            };
            let result = this
                .inner
                .scheduler
                .run(VISIBLE, &operations, request)
                .await;
            this.inner
                .partitions_operating
                .borrow_mut()
                .remove(&collection);
            if matches!(&result, Err(e) if e.is_cancelled()) {
                return;
            }
            this.inner
                .dispatch
                .emit(Action::PartitionOperationFinished {
                    generation,
                    database,
                    collection: collection.clone(),
                    names,
                    operation,
                    result,
                });
            let all = this
                .inner
                .scheduler
                .run(VISIBLE, &scope, client.list_partitions(&collection))
                .await
                .unwrap_or(list);
            let all: Vec<Rc<str>> = all.iter().map(|n| Rc::from(n.as_str())).collect();
            this.fetch_partition_states(generation, collection.clone(), all);
            let view_scope = this.scope();
            this.fetch_state(&client, &view_scope, generation, collection, VISIBLE);
        });
    }
}
