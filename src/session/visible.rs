//! What the user looks at comes first: state reads of rows scrolled into view jump the queue,
//! and the partition counts of rows on screen are fetched lazily (one `collections/describe`
//! each), once a sweep has ended, and only for rows that stay on screen a moment: typing a
//! filter or scrolling fast sends nothing for rows passed by.

use std::rc::Rc;

use crate::api::{LoadState, Transport};
use crate::state::{Reply, RowState};

use super::{Runtime, Session, ViewCtx, COUNTS, VISIBLE};

/// How long rows stay on screen before their counts are asked for. Every `fetch` costs the
/// main thread about a millisecond: measured, counts sent on every filter keystroke at 10,000
/// collections made keystroke-to-paint p95 twice as slow.
const SETTLE_MS: u64 = 300;

/// Collections of a bulk load whose replica settings the dialog reads (it lists 20).
const SETTINGS_READ: usize = 20;

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// The rows on screen changed: promote their waiting state reads and, once they stay,
    /// fetch the partition counts not known yet.
    pub fn set_visible(&self, names: Vec<Rc<str>>) {
        let Some(view) = self.current_view() else {
            return;
        };
        if *view.visible.borrow() == names {
            return;
        }
        let mut promoted = false;
        for name in &names {
            if let Some(read) = view.outstanding.borrow().get(name) {
                if read.priority.get() > VISIBLE {
                    read.priority.set(VISIBLE);
                    promoted = true;
                }
            }
        }
        if promoted {
            self.inner.reads.reorder();
        }
        view.visible.replace(names);
        let settle = view.settle.get() + 1;
        view.settle.set(settle);
        let (this, ctx) = (self.clone(), view.clone());
        let sleep = self.inner.runtime.sleep(SETTLE_MS);
        let task = async move {
            sleep.await;
            if ctx.settle.get() == settle && !ctx.sweeping.get() {
                this.request_counts(&ctx);
            }
        };
        self.spawn_in(&view.scope, Box::pin(task));
    }

    /// Fetches the partition counts of the rows on screen that are not known yet.
    pub(super) fn request_counts(&self, view: &Rc<ViewCtx<T>>) {
        let names = view.visible.borrow().clone();
        for name in names {
            if !view.counted.borrow_mut().insert(name.clone()) {
                continue;
            }
            let (this, view) = (self.clone(), view.clone());
            self.spawn(async move {
                let result = this
                    .inner
                    .reads
                    .run(COUNTS, &view.scope, view.client.describe_collection(&name))
                    .await;
                match result.map(|d| d.partitions_num) {
                    Ok(Some(count)) => {
                        let count = u32::try_from(count).unwrap_or(u32::MAX);
                        this.reply(&view, Reply::PartitionCounts(vec![(name.clone(), count)]));
                        if count > 1 {
                            this.read_extent(&view, name).await;
                        }
                    }
                    // Not known: asked again when the row comes into view again.
                    Ok(None) | Err(_) => {
                        view.counted.borrow_mut().remove(&name);
                    }
                }
            });
        }
    }

    /// Whether a loaded row is partly loaded: its partition names, then one
    /// `get_load_state` listing them all, at the counts' priority.
    async fn read_extent(&self, view: &Rc<ViewCtx<T>>, name: Rc<str>) {
        let loaded = |this: &Self| {
            this.state()
                .row(&name)
                .is_some_and(|r| r.state == RowState::Known(LoadState::Loaded))
        };
        if !loaded(self) {
            return;
        }
        let reads = &self.inner.reads;
        let listed = reads
            .run(COUNTS, &view.scope, view.client.list_partitions(&name))
            .await;
        let Ok(partitions) = listed else {
            return;
        };
        if !loaded(self) {
            return;
        }
        let sent = std::cell::Cell::new(0);
        let request = async {
            // Ordered by when it goes on the wire, like state reads.
            sent.set(self.inner.store.next_read());
            view.client.load_extent(&name, &partitions).await
        };
        let extent = reads.run(COUNTS, &view.scope, request).await;
        let sent = sent.get();
        if let Ok(extent) = extent {
            let collection = name.clone();
            self.reply(
                view,
                Reply::Extent {
                    collection,
                    sent,
                    extent,
                },
            );
        }
    }

    /// A load is being confirmed: reads the replica setting each collection's load will
    /// apply (describe, and the database's properties unless the collection sets both), for
    /// the dialog. At most the first `SETTINGS_READ` collections of a bulk load.
    pub fn read_load_settings(&self, targets: &[crate::state::Target]) {
        let Some(view) = self.current_view() else {
            return;
        };
        let loads = targets
            .iter()
            .filter(|t| t.operation == crate::state::Operation::Load && t.partitions.is_empty());
        for target in loads.take(SETTINGS_READ) {
            let (this, view, name) = (self.clone(), view.clone(), target.collection.clone());
            self.spawn(async move {
                let request = view.client.load_settings(&name);
                let result = this.inner.reads.run(VISIBLE, &view.scope, request).await;
                if let Ok(settings) = result {
                    let collection = name;
                    this.reply(
                        &view,
                        Reply::LoadSettings {
                            collection,
                            settings,
                        },
                    );
                }
            });
        }
    }
}
