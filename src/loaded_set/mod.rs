//! Saving and restoring the loaded set: which collections (and which partitions of partly
//! loaded ones) are loaded, per database. `format` is the file and `limits` what it may
//! hold, `plan` what a restore would do (pure), `dialog` the plan shown before acting,
//! `flow` the steps of a save or restore, `controls` the buttons.

mod browser;
mod controls;
mod dialog;
#[cfg(test)]
mod fixtures;
mod flow;
mod format;
mod limits;
#[cfg(test)]
mod limits_tests;
mod plan;
#[cfg(test)]
mod plan_tests;
mod reading;
mod replicas;
#[cfg(test)]
mod tests;
mod ticked;

pub use controls::LoadedSetControls;
pub use dialog::{item_text, source_text, PlanDialog};
pub use format::{endpoint_host, iso_time, FormatError, LoadedSet, SavedCollection, SavedDatabase};
pub use plan::{plan, Current, CurrentCollection, CurrentDatabase, Extent, Plan, PlanItem, Step};
pub use reading::Reading;
pub use replicas::replica_lines;
pub use ticked::Ticked;
