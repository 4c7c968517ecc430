//! A load this console was following that the server dropped: one outcome, shown on its row
//! and in the results, and one `action` report to the host.

use std::rc::Rc;

use crate::api::Transport;
use crate::state::{Abandonment, Action, Operation, Outcome, Progress};

use super::{Runtime, Session};

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Reports that the load of `collection` (in the view on screen) was abandoned at `was`%.
    pub(super) fn load_abandoned(&self, collection: Rc<str>, was: u8) {
        let Some(target) = self
            .state()
            .collection_targets(&[collection], Operation::Load)
            .pop()
        else {
            return;
        };
        let now = self.inner.runtime.now();
        let at = self.inner.runtime.local_time(now);
        let progress = Progress::Abandoned(Abandonment { at: at.into(), was });
        self.inner.store.reply(Action::OperationStarted(Outcome {
            id: self.inner.store.next_id(),
            target: target.clone(),
            progress: progress.clone(),
            rechecked: false,
            at: now,
        }));
        self.report_end(&target, &progress);
    }
}
