//! The session's outcomes stay bounded: past `MAX_OUTCOMES`, the oldest ended ones go, and
//! are counted so that the results and the journal can say so.

use std::rc::Rc;

use super::{ConsoleState, MAX_OUTCOMES};

impl ConsoleState {
    pub(super) fn keep_latest_outcomes(&mut self) {
        let excess = self.outcomes.len().saturating_sub(MAX_OUTCOMES);
        if excess == 0 {
            return;
        }
        let mut dropped = 0;
        // One not ended yet stays: its end has to land somewhere.
        Rc::make_mut(&mut self.outcomes).retain(|o| {
            let drop = dropped < excess && o.progress.is_final();
            dropped += usize::from(drop);
            !drop
        });
        self.outcomes_dropped += dropped;
    }
}
