//! Releases and loads, started and reported in the order the session follows: one outcome
//! each, queued behind another on the same collection, answered in any order.

use milvus_load_console::state::{Action, Operation, Outcome, Progress, Target};

use super::checks::{ensure, Check};
use super::{bump, inputs, pick_collection, pick_partition, Driver, RawStep};

impl Driver {
    /// An operation confirmed on the view on screen, started as the session starts them: the
    /// same target under way is joined (no new outcome); another one on the same collection
    /// waits; else it is sent, or skipped and settled at once.
    pub(super) fn operation_started(&mut self, raw: &RawStep) -> Check {
        let s = &self.state;
        let target = Target {
            connection: s.connection,
            database: s.database.as_str().into(),
            collection: match &s.open {
                // From the partitions view, mostly.
                Some(view) if raw.a % 3 == 0 => view.collection.clone(),
                _ => pick_collection(s, raw.a),
            },
            partitions: match &s.open {
                _ if raw.b % 3 != 0 => Vec::new(),
                // As the panel's bulk buttons do: the partitions ticked.
                Some(view) if !view.selected.is_empty() && raw.b % 2 == 0 => {
                    view.selected.iter().cloned().collect()
                }
                _ => raw.items.iter().map(|i| pick_partition(s, i.0)).collect(),
            },
            operation: if raw.b % 2 == 0 {
                Operation::Release
            } else {
                Operation::Load
            },
        };
        let under_way = |o: &&Outcome| matches!(o.progress, Progress::Working | Progress::Waiting);
        if s.outcomes
            .iter()
            .filter(under_way)
            .any(|o| o.target == target)
        {
            bump(
                &mut self.reached,
                "operation: joined the same one under way",
            );
            return Ok(());
        }
        let busy = s
            .outcomes
            .iter()
            .filter(under_way)
            .any(|o| o.target.same_collection(&target));
        let progress = match raw.c % 4 {
            _ if busy => Progress::Waiting,
            0 => Progress::Skipped("already loaded"),
            _ => Progress::Working,
        };
        if s.row(&target.collection).is_none() {
            bump(
                &mut self.reached,
                "operation: started on a collection not listed",
            );
        }
        if busy {
            bump(
                &mut self.reached,
                "operation: waits for another on its collection",
            );
        }
        let id = self.next_id;
        self.next_id += 1;
        let skipped = progress.is_final();
        self.state.apply(Action::OperationStarted(Outcome {
            id,
            target,
            progress: progress.clone(),
            rechecked: false,
            at: 0.0,
        }));
        self.started.insert(id);
        bump(&mut self.reached, "operation: started");
        if skipped {
            let read_at = self.fresh();
            self.state.apply(Action::OperationProgress {
                id,
                progress: progress.clone(),
                read_at,
                at: 0.0,
            });
            self.finals.insert(id, progress);
            bump(&mut self.reached, "operation: skipped at once");
        }
        Ok(())
    }

    /// The next report of an operation sent, as the session reports them, for any operation
    /// in any order: its answer (done, failed, or unknown and re-checked), after which the
    /// next operation waiting on its collection starts; or, once unknown, its final report.
    /// Or a report for an id never started.
    pub(super) fn operation_progress(&mut self, raw: &RawStep) -> Check {
        let sent: Vec<(u64, Progress, Target)> = self
            .state
            .outcomes
            .iter()
            .filter(|o| matches!(o.progress, Progress::Working | Progress::Unknown(_)))
            .map(|o| (o.id, o.progress.clone(), o.target.clone()))
            .collect();
        let error = || {
            if raw.b % 4 == 0 {
                inputs::partition_key_refusal()
            } else {
                inputs::error(raw.c / 8)
            }
        };
        let (id, progress) = match sent.get(usize::from(raw.a) % (sent.len() + 1)) {
            Some((id, Progress::Working, target)) => {
                let answer = match raw.c % 6 {
                    0 | 1 => Progress::Unknown(error()),
                    2 => Progress::Failed(error()),
                    _ => Progress::Done,
                };
                // The collection is free: the first operation waiting on it starts.
                let next = self
                    .state
                    .outcomes
                    .iter()
                    .find(|o| o.progress == Progress::Waiting && o.target.same_collection(target))
                    .map(|o| o.id);
                if let Some(next) = next {
                    self.state.apply(Action::OperationProgress {
                        id: next,
                        progress: Progress::Working,
                        read_at: 0,
                        at: 0.0,
                    });
                    bump(&mut self.reached, "operation: the next one waiting starts");
                }
                (*id, answer)
            }
            Some((id, _, _)) => (
                *id,
                match raw.c % 3 {
                    0 => Progress::Done,
                    1 => Progress::Failed(error()),
                    _ => Progress::Cancelled(inputs::odd_text(raw.c / 8)),
                },
            ),
            None => (self.next_id + u64::from(raw.a), Progress::Done),
        };
        let read_at = self.fresh();
        let before = self.state.clone();
        let old = before.outcome(id).cloned();
        let open_selected = before.open.as_ref().is_some_and(|v| !v.selected.is_empty());
        self.state.apply(Action::OperationProgress {
            id,
            progress: progress.clone(),
            read_at,
            at: 0.0,
        });
        let Some(old) = old else {
            ensure!(
                self.state == before,
                "a report for an unknown id changed the state"
            );
            bump(&mut self.reached, "progress: for an unknown id, ignored");
            return Ok(());
        };
        if progress.is_final() {
            self.finals.insert(id, progress.clone());
            bump(&mut self.reached, "progress: settled");
        } else if matches!(progress, Progress::Unknown(_)) {
            bump(&mut self.reached, "progress: unknown, re-checking");
        }
        let s = &self.state;
        if !s.shows(&old.target) {
            bump(
                &mut self.reached,
                "progress: for an operation of another view",
            );
        }
        if let Some(view) = &s.open {
            if open_selected && view.selected.is_empty() && progress == Progress::Done {
                bump(
                    &mut self.reached,
                    "progress: done cleared the partition selection",
                );
            }
            let was_key = before.open.as_ref().is_some_and(|v| v.partition_key);
            if view.partition_key && !was_key {
                bump(
                    &mut self.reached,
                    "progress: partition-key refusal marks the view",
                );
            }
        }
        if progress.is_final() && old.target.partitions.is_empty() && s.shows(&old.target) {
            if let Some(row) = s.row(&old.target.collection) {
                if row.in_flight.is_some() {
                    bump(
                        &mut self.reached,
                        "progress: row still busy with a queued operation",
                    );
                }
            }
        }
        Ok(())
    }
}
