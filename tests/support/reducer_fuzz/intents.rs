//! What the user or the host asks, and what each must do to the view.

use std::rc::Rc;

use milvus_load_console::state::{Action, ConsoleState, Operation, Outcome, SortKey, StateFilter};

use super::checks::{ensure, Check};
use super::{bump, inputs, pick_collection, pick_partition, Driver, Kind, RawStep};

const FILTERS: [&str; 8] = ["", "a", "  B ", "名", "<script", "xxxxxxxxxx", "books", "ü"];

impl Driver {
    pub(super) fn intent(&mut self, kind: Kind, raw: &RawStep, before: &ConsoleState) -> Check {
        let s = &mut self.state;
        let (a, b) = (raw.a, raw.b);
        let reset = |s: &ConsoleState| -> Check {
            ensure!(
                s.generation == before.generation + 1
                    && s.rows().is_empty()
                    && s.selected.is_empty()
                    && s.open.is_none()
                    && s.confirm.is_none()
                    && s.outcomes == before.outcomes,
                "the view was not reset: {s:?}"
            );
            Ok(())
        };
        match kind {
            Kind::Connect => {
                let connection = before.connection + 1 + u64::from(a % 2);
                s.apply(Action::Connect {
                    connection,
                    database: inputs::DATABASES[usize::from(b) % 3].into(),
                });
                reset(s)?;
                bump(&mut self.reached, "connection: new, the view reset");
            }
            Kind::SelectDatabase => {
                let database = inputs::DATABASES[usize::from(a) % 3];
                s.apply(Action::SelectDatabase(database.into()));
                if database == before.database {
                    ensure!(
                        *s == *before,
                        "selecting the same database changed the state"
                    );
                    bump(&mut self.reached, "database: the same, nothing changed");
                } else {
                    reset(s)?;
                    bump(&mut self.reached, "database: switched, the view reset");
                }
                if before.confirm.is_some() && s.generation != before.generation {
                    bump(&mut self.reached, "confirmation: closed by a switch");
                }
            }
            Kind::SetReadOnly => {
                s.apply(Action::SetReadOnly(a % 3 == 0));
                if s.read_only {
                    ensure!(
                        s.selected.is_empty() && s.confirm.is_none(),
                        "read-only mode kept a selection or a confirmation"
                    );
                    if before.confirm.is_some() {
                        bump(&mut self.reached, "confirmation: closed by a switch");
                    }
                }
            }
            Kind::SetFilter => {
                let filter = FILTERS[usize::from(a) % FILTERS.len()];
                s.apply(Action::SetFilter(filter.into()));
            }
            Kind::SetStateFilter => {
                s.apply(Action::SetStateFilter(StateFilter::ALL[usize::from(a) % 5]));
            }
            Kind::SetSort => s.apply(Action::SetSort(SortKey::ALL[usize::from(a) % 3])),
            Kind::SetRefreshInterval => {
                let seconds = match a % 4 {
                    0 => u32::MAX,
                    1 => 0,
                    _ => u32::from(raw.c) * u32::from(b),
                };
                s.apply(Action::SetRefreshInterval(seconds));
            }
            Kind::ToggleSelected => {
                let name = pick_collection(before, a);
                s.apply(Action::ToggleSelected(name.clone()));
                if before.row(&name).is_none() {
                    ensure!(
                        s.selected == before.selected,
                        "toggling {name:?}, not listed, changed the selection"
                    );
                    bump(
                        &mut self.reached,
                        "selection: toggle of an unlisted collection refused",
                    );
                } else {
                    ensure!(
                        s.selected.contains(&name) != before.selected.contains(&name),
                        "toggling {name:?} did not toggle it"
                    );
                }
            }
            Kind::SelectMatching => {
                let all = a % 2 == 0;
                s.apply(Action::SelectMatching(all));
                if all {
                    let mut expected = before.selected.clone();
                    expected.extend(before.visible_rows().iter().map(|r| r.name.clone()));
                    ensure!(
                        s.selected == expected,
                        "select all matching: {:?}",
                        s.selected
                    );
                    bump(&mut self.reached, "selection: all matching");
                } else {
                    ensure!(s.selected.is_empty(), "clearing kept a selection");
                }
            }
            Kind::OpenCollection => {
                let name = pick_collection(before, a);
                s.apply(Action::OpenCollection(name.clone()));
                if s.row(&name).is_none() {
                    bump(
                        &mut self.reached,
                        "partitions: opened for a collection not listed",
                    );
                }
            }
            Kind::CloseCollection => s.apply(Action::CloseCollection),
            Kind::TogglePartition => {
                // As the panel does: only a listed partition has a box to tick.
                let listed: Vec<Rc<str>> = before
                    .open
                    .iter()
                    .flat_map(|v| v.partitions.iter().map(|p| p.name.clone()))
                    .collect();
                let Some(name) = listed.get(usize::from(a) % listed.len().max(1)).cloned() else {
                    return Ok(());
                };
                s.apply(Action::TogglePartition(name.clone()));
                let (old, view) = (before.open.as_ref(), s.open.as_ref());
                ensure!(
                    old.map(|v| v.selected.contains(&name))
                        != view.map(|v| v.selected.contains(&name)),
                    "toggling partition {name:?} did not toggle it"
                );
                bump(&mut self.reached, "partition selection: toggled");
            }
            Kind::SelectAllPartitions => s.apply(Action::SelectAllPartitions(a % 2 == 0)),
            Kind::AskCollections | Kind::AskPartitions => {
                let operation = if b % 2 == 0 {
                    Operation::Release
                } else {
                    Operation::Load
                };
                let names: Vec<Rc<str>> = if a % 4 == 0 {
                    s.selected.iter().cloned().collect()
                } else {
                    raw.items
                        .iter()
                        .map(|i| pick_collection(before, i.0))
                        .collect()
                };
                let confirmation = if matches!(kind, Kind::AskCollections) {
                    Some(s.collection_confirmation(&names, operation))
                } else {
                    let names = raw
                        .items
                        .iter()
                        .map(|i| pick_partition(before, i.0))
                        .collect();
                    s.partitions_confirmation(names, operation)
                };
                if let Some(confirmation) = confirmation {
                    s.apply(Action::Ask(confirmation.clone()));
                    if before.read_only {
                        ensure!(s.confirm == before.confirm, "asked in read-only mode");
                        bump(&mut self.reached, "confirmation: refused in read-only mode");
                    } else {
                        ensure!(
                            s.confirm == Some(confirmation),
                            "the confirmation was not kept"
                        );
                        bump(&mut self.reached, "confirmation: asked");
                    }
                }
            }
            Kind::CloseConfirmation => {
                s.apply(Action::CloseConfirmation);
                ensure!(s.confirm.is_none(), "the confirmation stayed");
            }
            Kind::DismissOutcomes => {
                s.apply(Action::DismissOutcomes);
                let kept: Vec<&Outcome> = before
                    .outcomes
                    .iter()
                    .filter(|o| !o.progress.is_final())
                    .collect();
                ensure!(
                    s.outcomes.iter().collect::<Vec<_>>() == kept,
                    "dismissing kept {:?}",
                    s.outcomes
                );
                for o in before.outcomes.iter().filter(|o| o.progress.is_final()) {
                    self.dismissed.insert(o.id);
                }
                if kept.len() < before.outcomes.len() {
                    bump(&mut self.reached, "outcomes: dismissed the final ones");
                }
            }
            Kind::DatabasesLoaded => {
                let connection = before.connection + u64::from(a % 3 == 0);
                let result = if b % 3 == 0 {
                    Err(inputs::error(raw.c))
                } else {
                    Ok(raw
                        .items
                        .iter()
                        .map(|i| inputs::odd_text(u16::from(i.0)))
                        .collect())
                };
                s.apply(Action::DatabasesLoaded { connection, result });
                if connection != before.connection {
                    ensure!(*s == *before, "databases of another connection were taken");
                }
            }
            Kind::Reply | Kind::OperationStarted | Kind::OperationProgress | Kind::Restore => {}
        }
        Ok(())
    }
}
