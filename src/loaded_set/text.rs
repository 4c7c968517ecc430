//! What a restore's plan says of its file and of each item, with the file's text shortened.

use std::fmt;

use super::limits::shortened;
use super::plan::PlanItem;
use super::LoadedSet;
use crate::substring::Joined;

/// Where and when the file was saved, and whether that is another endpoint than `here`
/// (the same names there may be other collections).
pub fn source_text(file: &LoadedSet, here: &str) -> String {
    let (from, at) = (shortened(&file.endpoint), shortened(&file.saved_at));
    if file.endpoint == here {
        format!("Saved from {from} at {at}.")
    } else {
        format!(
            "Saved from {from} at {at}: another endpoint than this one ({}), so the same names may be other collections here.",
            shortened(here)
        )
    }
}

/// "default / films: partitions p1, p2".
impl fmt::Display for PlanItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.database, self.collection)?;
        if !self.partitions.is_empty() {
            write!(f, ": partitions {}", self.partitions.joined(", "))?;
        }
        Ok(())
    }
}
