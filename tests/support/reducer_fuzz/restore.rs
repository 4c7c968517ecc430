//! The loaded set's save and restore: reads started, moved on, replaced and ended out of order,
//! plans ticked and closed. Only the newest read's results land, only while it is shown; a
//! switch of connection, database or read-only mode closes a restore's read and plan.

use std::rc::Rc;

use milvus_load_console::state::restore::{
    Plan, PlanItem, Planned, ReadStep, RestoreAction, RestoreError, Saved, Stage, Step,
};
use milvus_load_console::state::{Action, ConsoleState};

use super::checks::{ensure, Check};
use super::{bump, inputs, Driver, RawStep};

const STEPS: [Step; 4] = [Step::Load, Step::Already, Step::Gone, Step::Release];

fn read_step(x: u8) -> ReadStep {
    match x % 4 {
        0 => ReadStep::Save,
        1 => ReadStep::File(inputs::odd_text(u16::from(x)).chars().take(41).collect()),
        2 => ReadStep::Loaded,
        _ => ReadStep::Replicas,
    }
}

fn planned(raw: &RawStep, connection: u64) -> Rc<Planned> {
    let items = raw
        .items
        .iter()
        .map(|i| PlanItem {
            database: "default".into(),
            collection: inputs::collection(i.0).to_string(),
            partitions: Vec::new(),
            step: STEPS[usize::from(i.1) % 4],
        })
        .collect();
    Rc::new(Planned {
        plan: Plan { items },
        source: inputs::odd_text(raw.c),
        replicas: Vec::new(),
        ticked: Default::default(),
        connection,
    })
}

/// Whether a restore (not a save) is being read or its plan shown.
fn restoring(s: &ConsoleState) -> bool {
    match &s.restore.stage {
        Stage::Reading(step) => *step != ReadStep::Save,
        Stage::Planned(_) => true,
        _ => false,
    }
}

impl Driver {
    pub(super) fn restore(&mut self, raw: &RawStep, before: &ConsoleState) -> Check {
        let r = &before.restore;
        // The ticket of a result: mostly the read shown, else an older (or the closed) one.
        let ticket = match (raw.b % 4, r.reading()) {
            (0, _) | (_, None) => r.ticket.saturating_sub(u64::from(raw.b % 2)),
            (_, Some(ticket)) => ticket,
        };
        let save_read = matches!(r.stage, Stage::Reading(ReadStep::Save));
        let action = match raw.a % 8 {
            // A restore's read mostly ends with its plan, which is mostly ticked.
            _ if r.reading().is_some() && !save_read && raw.a % 2 == 1 => RestoreAction::Planned {
                ticket,
                planned: planned(raw, before.connection),
            },
            _ if r.planned().is_some() && raw.a % 3 == 0 => {
                RestoreAction::Tick(usize::from(raw.b % 8))
            }
            0 => RestoreAction::Progress {
                ticket: r.ticket + 1,
                step: read_step(raw.b),
            },
            1 => RestoreAction::Progress {
                ticket,
                step: read_step(raw.b),
            },
            2 | 3 => RestoreAction::Planned {
                ticket,
                planned: planned(raw, before.connection),
            },
            4 => RestoreAction::Saved {
                ticket,
                saved: Saved {
                    name: "set.json".into(),
                    collections: raw.items.len(),
                    databases: 1,
                },
            },
            5 => RestoreAction::Failed {
                ticket,
                error: RestoreError::Unreadable(inputs::odd_text(raw.c)),
            },
            6 => RestoreAction::Tick(usize::from(raw.b % 8)),
            _ if raw.b % 3 == 0 => RestoreAction::Close,
            _ => RestoreAction::TickAll(raw.b % 2 == 0),
        };
        let started =
            matches!(&action, RestoreAction::Progress { ticket, .. } if *ticket > r.ticket);
        // A result of another read than the one under way, or of another kind.
        let late = r.reading() != Some(ticket)
            || match &action {
                RestoreAction::Progress { step, .. } => (*step == ReadStep::Save) != save_read,
                RestoreAction::Planned { .. } => save_read,
                RestoreAction::Saved { .. } => !save_read,
                _ => false,
            };
        let result = matches!(
            action,
            RestoreAction::Planned { .. }
                | RestoreAction::Saved { .. }
                | RestoreAction::Failed { .. }
        ) || matches!(action, RestoreAction::Progress { .. } if !started);
        self.state.apply(Action::Restore(action.clone()));
        let s = &self.state.restore;
        if result && late {
            ensure!(
                self.state == *before,
                "a late {action:?} changed the restore: {s:?}"
            );
            bump(&mut self.reached, "restore: a late result dropped");
        } else if started {
            bump(&mut self.reached, "restore: a read started");
        } else if matches!(action, RestoreAction::Planned { .. }) {
            ensure!(s.planned().is_some(), "the plan read was not shown: {s:?}");
            bump(&mut self.reached, "restore: a plan shown");
        } else if let (RestoreAction::Tick(_), Some(p)) = (&action, s.planned()) {
            if p.ticked
                != before
                    .restore
                    .planned()
                    .map(|p| p.ticked.clone())
                    .unwrap_or_default()
            {
                bump(&mut self.reached, "restore: a release ticked");
            }
        }
        Ok(())
    }
}

/// What the restore promises after any step: only releases ticked, nothing of a restore in
/// read-only mode, and a switch closes a restore's read and plan.
pub(super) fn promises(
    before: &ConsoleState,
    s: &ConsoleState,
    reached: &mut super::Reached,
) -> Check {
    if let Some(p) = s.restore.planned() {
        let releases: Vec<usize> = p.plan.indices(Step::Release).collect();
        ensure!(
            (0..p.plan.items.len()).all(|i| !p.ticked.contains(i) || releases.contains(&i)),
            "ticked an item not offered for release: {p:?}"
        );
    }
    ensure!(
        !(s.read_only && restoring(s)),
        "a restore under way in read-only mode: {:?}",
        s.restore
    );
    let switched = s.generation != before.generation || (s.read_only && !before.read_only);
    if switched && restoring(before) {
        ensure!(
            !restoring(s) && matches!(s.restore.stage, Stage::Failed(_)),
            "a switch left the restore: {:?}",
            s.restore
        );
        bump(reached, "restore: closed by a switch");
    }
    Ok(())
}
