//! The partitions view of one collection: per-partition states read with the contract's
//! section 5 table, selection, and operations sent as one request for many partitions.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::api::{ApiError, LoadState, PartitionCoverage};

use super::{Operation, Remote, RowState};

#[derive(Clone, Debug, PartialEq)]
pub struct PartitionRow {
    pub name: Rc<str>,
    pub state: RowState,
    pub rows: Option<u64>,
}

/// An operation on several partitions of the open collection, and how it ended.
#[derive(Clone, Debug, PartialEq)]
pub struct PartitionOutcome {
    pub names: Vec<Rc<str>>,
    pub operation: Operation,
    pub result: Result<(), ApiError>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartitionsView {
    pub collection: Rc<str>,
    pub list: Remote<()>,
    pub partitions: Vec<PartitionRow>,
    pub selected: BTreeSet<Rc<str>>,
    pub in_flight: Option<Operation>,
    /// Known from `describe` (or a refusal): Milvus manages the partitions itself and refuses
    /// partition load/release.
    pub partition_key: bool,
    pub outcome: Option<PartitionOutcome>,
}

impl PartitionsView {
    pub fn new(collection: Rc<str>) -> Self {
        PartitionsView {
            collection,
            list: Remote::Loading,
            partitions: Vec::new(),
            selected: BTreeSet::new(),
            in_flight: None,
            partition_key: false,
            outcome: None,
        }
    }

    pub fn set_names(&mut self, names: Vec<String>) {
        let previous = std::mem::take(&mut self.partitions);
        self.partitions = names
            .into_iter()
            .map(|name| {
                previous
                    .iter()
                    .find(|p| *p.name == *name)
                    .cloned()
                    .unwrap_or(PartitionRow {
                        name: name.into(),
                        state: RowState::Pending,
                        rows: None,
                    })
            })
            .collect();
        let names: BTreeSet<Rc<str>> = self.partitions.iter().map(|p| p.name.clone()).collect();
        self.selected.retain(|s| names.contains(s));
        self.list = Remote::Ready(());
    }

    pub fn set_state(&mut self, name: &str, result: Result<LoadState, ApiError>) {
        if let Some(p) = self.partitions.iter_mut().find(|p| &*p.name == name) {
            match result {
                Ok(state) => p.state = RowState::Known(state),
                Err(e) if e.is_cancelled() => {}
                Err(e) => p.state = RowState::Failed(e),
            }
        }
    }

    pub fn set_rows(&mut self, name: &str, rows: u64) {
        if let Some(p) = self.partitions.iter_mut().find(|p| &*p.name == name) {
            p.rows = Some(rows);
        }
    }

    /// Loaded-or-loading partitions out of all, once every state is known.
    pub fn coverage(&self) -> Option<PartitionCoverage> {
        let states: Option<Vec<LoadState>> = self
            .partitions
            .iter()
            .map(|p| match &p.state {
                RowState::Known(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        states
            .filter(|s| !s.is_empty())
            .map(|s| PartitionCoverage::of(&s))
    }

    /// Names of loaded or loading partitions.
    pub fn loaded_names(&self) -> Vec<Rc<str>> {
        self.partitions
            .iter()
            .filter(|p| matches!(&p.state, RowState::Known(s) if s.is_loaded_or_loading()))
            .map(|p| p.name.clone())
            .collect()
    }

    /// Releasing `names` leaves nothing loaded: the server releases the whole collection.
    pub fn releases_everything(&self, names: &[Rc<str>]) -> bool {
        let loaded = self.loaded_names();
        !loaded.is_empty() && loaded.iter().all(|l| names.contains(l))
    }

    pub fn any_loading(&self) -> bool {
        self.partitions
            .iter()
            .any(|p| matches!(p.state, RowState::Known(LoadState::Loading { .. })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(states: &[(&str, LoadState)]) -> PartitionsView {
        let mut v = PartitionsView::new("c".into());
        v.set_names(states.iter().map(|(n, _)| n.to_string()).collect());
        for (name, state) in states {
            v.set_state(name, Ok(state.clone()));
        }
        v
    }

    #[test]
    fn coverage_tells_partial_loads_apart() {
        let partly = view(&[
            ("_default", LoadState::NotLoad),
            ("a", LoadState::Loaded),
            ("b", LoadState::Loading { progress: 40 }),
        ]);
        let coverage = partly.coverage().unwrap();
        assert_eq!((coverage.loaded, coverage.total), (2, 3));
        assert!(coverage.is_partial());
        assert!(partly.any_loading());
        let mut unknown = partly.clone();
        unknown.set_names(vec!["x".into()]);
        assert_eq!(unknown.coverage(), None);
    }

    #[test]
    fn releasing_all_loaded_partitions_is_flagged() {
        let v = view(&[
            ("_default", LoadState::NotLoad),
            ("a", LoadState::Loaded),
            ("b", LoadState::Loaded),
        ]);
        assert!(!v.releases_everything(&["a".into()]));
        assert!(v.releases_everything(&["a".into(), "b".into()]));
    }

    #[test]
    fn selection_survives_only_for_listed_partitions() {
        let mut v = view(&[("a", LoadState::Loaded), ("b", LoadState::Loaded)]);
        v.selected.insert("a".into());
        v.selected.insert("b".into());
        v.set_names(vec!["a".into()]);
        assert_eq!(v.selected.len(), 1);
        assert_eq!(v.partitions[0].state, RowState::Known(LoadState::Loaded));
    }
}
