//! A followed load whose progress has not moved for the stall minutes: the reducer marks its
//! row; the host is told once per stall, here, before the read that stalls it is applied.

use crate::api::Transport;
use crate::host::StallReport;
use crate::iso_time::iso_utc;
use crate::state::StateRead;

use super::{Runtime, Session};

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// What `reads`, once applied, newly stall (reads of another view are never applied).
    pub(super) fn stalls_in(&self, generation: u64, reads: &[StateRead]) -> Vec<StallReport> {
        let state = self.state();
        if state.generation != generation {
            return Vec::new();
        }
        reads
            .iter()
            .filter_map(|read| {
                let pace = state.stalls(read)?;
                Some(StallReport {
                    database: state.database.clone(),
                    collection: read.name.to_string(),
                    progress: pace.progress,
                    since: iso_utc(pace.since),
                })
            })
            .collect()
    }

    pub(super) fn report_stalls(&self, stalls: &[StallReport]) {
        for stall in stalls {
            self.inner.store.report_stall(stall);
        }
    }
}
