//! What the user looks at comes first: state reads of rows scrolled into view jump the queue,
//! and the details of rows on screen (partition count and sizes, from one
//! `collections/describe` each, see `sizes`) are fetched lazily, once per refresh after its
//! sweep has ended, and only for rows that stay on screen a moment: typing a filter or
//! scrolling fast sends nothing for rows passed by.

use std::rc::Rc;

use crate::api::{LoadState, Transport};
use crate::state::{Reply, RowState};

use super::{Runtime, Session, ViewCtx, COUNTS, VISIBLE};

/// How long rows stay on screen before their counts are asked for. Every `fetch` costs the
/// main thread about a millisecond: measured, counts sent on every filter keystroke at 10,000
/// collections made keystroke-to-paint p95 twice as slow.
const SETTLE_MS: u64 = 300;

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

    /// Fetches the partition counts and sizes of the rows on screen not read this refresh.
    pub(super) fn request_counts(&self, view: &Rc<ViewCtx<T>>) {
        let names = view.visible.borrow().clone();
        for name in names {
            if !view.counted.borrow_mut().insert(name.clone()) {
                continue;
            }
            let (this, view) = (self.clone(), view.clone());
            self.spawn(async move {
                let request = view.client.describe_collection_details(&name);
                let result = this.inner.reads.run(COUNTS, &view.scope, request).await;
                // Not known: asked again when the row comes into view again.
                let Ok(details) = result else {
                    view.counted.borrow_mut().remove(&name);
                    return;
                };
                let count = details.description.partitions_num;
                let count = count.map(|c| u32::try_from(c).unwrap_or(u32::MAX));
                match count {
                    Some(count) => {
                        this.reply(&view, Reply::PartitionCounts(vec![(name.clone(), count)]));
                    }
                    None => {
                        view.counted.borrow_mut().remove(&name);
                    }
                }
                // The size reads run as their own task, polled after the extent's first read
                // is queued (the extent tells the row's state).
                let (sizes, sized_view, sized) = (this.clone(), view.clone(), name.clone());
                this.spawn(async move { sizes.read_size(&sized_view, &sized, details).await });
                if count.is_some_and(|c| c > 1) {
                    this.read_extent(&view, name.clone()).await;
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
    /// the dialog, or why it could not. The confirmation names the collections read.
    pub fn read_load_settings(&self, confirmation: &crate::state::Confirmation) {
        let Some(view) = self.current_view() else {
            return;
        };
        for name in confirmation.settings_to_read() {
            let (this, view) = (self.clone(), view.clone());
            self.spawn(async move {
                let request = view.client.load_settings(&name);
                let settings = match this.inner.reads.run(VISIBLE, &view.scope, request).await {
                    Ok(settings) => Ok(settings),
                    Err(e) if e.is_cancelled() => return,
                    Err(e) => Err(Rc::from(e.to_string())),
                };
                let collection = name;
                this.reply(
                    &view,
                    Reply::LoadSettings {
                        collection,
                        settings,
                    },
                );
            });
        }
    }
}
