//! What the user looks at comes first: states of rows scrolled into view jump the queue, and
//! the partition counts of rows on screen are fetched lazily (one `collections/describe`
//! each), once a sweep has ended, so that counts never delay states, and only for rows that
//! stay on screen a moment: typing a filter or scrolling fast sends nothing for rows passed by.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;

use super::{Controller, VISIBLE};
use crate::state::Action;

/// Partition counts wait behind any state request (polls, re-checks after an operation).
const COUNTS: u32 = u32::MAX;
/// How long rows stay on screen before their counts are asked for. Every `fetch` costs the
/// main thread about a millisecond: measured, counts sent on every filter keystroke at 10,000
/// collections made keystroke-to-paint p95 twice as slow.
const SETTLE_MS: u32 = 300;

impl Controller {
    /// The rows on screen changed: promote their waiting state requests and fetch the
    /// partition counts not known yet.
    pub fn set_visible(&self, names: Vec<Rc<str>>) {
        if self.inner.shut_down.get() || *self.inner.visible.borrow() == names {
            return;
        }
        let mut promoted = false;
        {
            let waiting = self.inner.waiting.borrow();
            for name in &names {
                if let Some(priority) = waiting.get(name).filter(|p| p.get() != VISIBLE) {
                    priority.set(VISIBLE);
                    promoted = true;
                }
            }
        }
        if promoted {
            self.inner.scheduler.reorder();
        }
        self.inner.visible.replace(names);
        let this = self.clone();
        let timer = Timeout::new(SETTLE_MS, move || {
            this.inner.counts_timer.borrow_mut().take();
            if !this.inner.sweeping.get() && !this.inner.shut_down.get() {
                this.request_counts();
            }
        });
        self.inner.counts_timer.replace(Some(timer));
    }

    /// Fetches the partition counts of the rows on screen that are not known yet.
    pub(super) fn request_counts(&self) {
        let generation = self.inner.generation.get();
        let names = self.inner.visible.borrow().clone();
        for name in names {
            if self.inner.counted.borrow_mut().insert(name.clone()) {
                self.fetch_partition_count(generation, name);
            }
        }
    }

    fn fetch_partition_count(&self, generation: u64, name: Rc<str>) {
        let (this, scope) = (self.clone(), self.scope());
        let client = self.inner.view_client.borrow().clone();
        spawn_local(async move {
            let result = this
                .inner
                .scheduler
                .run(COUNTS, &scope, client.describe_collection(&name))
                .await;
            if generation != this.inner.generation.get() || this.inner.shut_down.get() {
                return;
            }
            match result.map(|d| d.partitions_num) {
                Ok(Some(count)) => {
                    let count = u32::try_from(count).unwrap_or(u32::MAX);
                    this.inner.counts_batch.borrow_mut().push((name, count));
                    this.arm_flush(generation);
                }
                // Not known: asked again when the row comes into view again.
                Ok(None) | Err(_) => {
                    this.inner.counted.borrow_mut().remove(&name);
                }
            }
        });
    }

    pub(super) fn flush_counts(&self, generation: u64) {
        let counts = std::mem::take(&mut *self.inner.counts_batch.borrow_mut());
        if !counts.is_empty() {
            self.inner
                .dispatch
                .emit(Action::PartitionCountsLoaded { generation, counts });
        }
    }
}
