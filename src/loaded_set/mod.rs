//! Saving and restoring the loaded set: which collections (and which partitions of
//! partly loaded ones) are loaded, per database. `format` is the file and `limits` what it
//! may hold, `plan` what a restore would do, `replicas` and `text` what its dialog says,
//! `ticked` the releases the user ticked. All of it is pure but `browser`, which reads and
//! offers the file in the page.

pub mod browser;
#[cfg(test)]
mod fixtures;
mod format;
mod limits;
#[cfg(test)]
mod limits_tests;
mod plan;
#[cfg(test)]
mod plan_tests;
mod replicas;
#[cfg(test)]
mod tests;
mod text;
mod ticked;

pub use format::{endpoint_host, iso_time, FormatError, LoadedSet, SavedCollection, SavedDatabase};
pub use limits::shortened;
pub use plan::{plan, Current, CurrentCollection, CurrentDatabase, Extent, Plan, PlanItem, Step};
pub use replicas::replica_lines;
pub use text::source_text;
pub use ticked::Ticked;
