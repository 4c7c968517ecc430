//! A followed load that turned released without a release from here. When the load was this
//! console's, the server dropped it: one outcome, shown on its row and in the results, and one
//! `action` report to the host. Otherwise it was released or dropped elsewhere: said on the
//! row only, since the host hears only of what this console did.

use std::rc::Rc;

use crate::api::Transport;
use crate::state::{Abandonment, Action, Operation, Outcome, Progress, Reply};

use super::{Runtime, Session};

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Reports that the load of `collection` (in the view on screen) was abandoned at `was`%.
    pub(super) fn load_abandoned(&self, collection: Rc<str>, was: u8) {
        let state = self.state();
        let now = self.inner.runtime.now();
        let at: Rc<str> = self.inner.runtime.local_time(now).into();
        if !state.loaded_here(&collection) {
            let abandonment = Abandonment {
                at,
                was,
                elsewhere: true,
            };
            self.inner.store.reply(Action::Reply {
                generation: state.generation,
                reply: Reply::LoadDropped {
                    collection,
                    abandonment,
                },
            });
            return;
        }
        let Some(target) = state
            .collection_targets(&[collection], Operation::Load)
            .pop()
        else {
            return;
        };
        let progress = Progress::Abandoned(Abandonment {
            at,
            was,
            elsewhere: false,
        });
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
