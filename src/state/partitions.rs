//! The partitions view of one collection: per-partition states read with the contract's
//! section 5 table, selection, and operations sent as one request for many partitions.

use std::collections::HashMap;
use std::rc::Rc;

use crate::api::{ApiError, LoadState, PartitionCoverage};

use super::{Names, Remote, RowState};

#[derive(Clone, Debug, PartialEq)]
pub struct PartitionRow {
    pub name: Rc<str>,
    pub state: RowState,
    pub rows: Option<u64>,
    /// Order of the newest state read applied: an older reply never overwrites it.
    pub read_at: u64,
    /// The last read could not tell the state (the server's text): `state` is the last known
    /// one, and the partition is read again until it is known.
    pub unconfirmed: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartitionsView {
    pub collection: Rc<str>,
    pub list: Remote<()>,
    pub partitions: Vec<PartitionRow>,
    /// Positions by name: thousands of replies are applied without a search each.
    index: HashMap<Rc<str>, usize>,
    pub selected: Names,
    /// Known from `describe` (or a refusal): Milvus manages the partitions itself and refuses
    /// partition load/release.
    pub partition_key: bool,
}

impl PartitionsView {
    pub fn new(collection: Rc<str>) -> Self {
        PartitionsView {
            collection,
            list: Remote::Loading,
            partitions: Vec::new(),
            index: HashMap::new(),
            selected: Names::new(),
            partition_key: false,
        }
    }

    pub fn set_names(&mut self, names: Vec<String>) {
        // The rows known already, found through the index of names to positions.
        let mut previous: Vec<Option<PartitionRow>> = std::mem::take(&mut self.partitions)
            .into_iter()
            .map(Some)
            .collect();
        let known = std::mem::take(&mut self.index);
        self.partitions = names
            .into_iter()
            .map(|name| {
                let kept = known
                    .get(name.as_str())
                    .and_then(|&i| previous.get_mut(i))
                    .and_then(Option::take);
                kept.unwrap_or(PartitionRow {
                    name: name.into(),
                    state: RowState::Pending,
                    rows: None,
                    read_at: 0,
                    unconfirmed: None,
                })
            })
            .collect();
        self.index = self
            .partitions
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        let index = &self.index;
        self.selected.retain(|s| index.contains_key(s));
        self.list = Remote::Ready(());
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut PartitionRow> {
        let i = *self.index.get(name)?;
        self.partitions.get_mut(i)
    }

    /// Applies a state read sent at `sent`, unless the partition knows something newer.
    pub fn set_state(&mut self, name: &str, sent: u64, result: Result<LoadState, ApiError>) {
        if let Some(p) = self.get_mut(name).filter(|p| p.read_at <= sent) {
            match result {
                // Not released, not missing: the last known state stays, with the server's text.
                Ok(LoadState::Unknown(text))
                    if matches!(
                        p.state,
                        RowState::Known(
                            LoadState::Loaded | LoadState::Loading { .. } | LoadState::NotLoad
                        )
                    ) =>
                {
                    p.unconfirmed = Some(text)
                }
                Ok(state) => {
                    p.state = RowState::Known(state);
                    p.unconfirmed = None;
                }
                Err(e) if e.is_cancelled() => return,
                Err(e) => {
                    p.state = RowState::Failed(e);
                    p.unconfirmed = None;
                }
            }
            p.read_at = sent;
        }
    }

    /// An operation on `names` was answered at `read_at`: reads sent before are outdated.
    pub fn outdate(&mut self, names: &[Rc<str>], read_at: u64) {
        for name in names {
            if let Some(p) = self.get_mut(name) {
                p.read_at = p.read_at.max(read_at);
            }
        }
    }

    pub fn set_rows(&mut self, name: &str, rows: u64) {
        if let Some(p) = self.get_mut(name) {
            p.rows = Some(rows);
        }
    }

    /// Loaded-or-loading partitions out of all, once every state is known.
    pub fn coverage(&self) -> Option<PartitionCoverage> {
        // A loop, not a `collect` into an `Option`: no iterator adapter of its own in the wasm.
        let mut states = Vec::new();
        for p in &self.partitions {
            match &p.state {
                RowState::Known(s) => states.push(s.clone()),
                _ => return None,
            }
        }
        (!states.is_empty()).then(|| PartitionCoverage::of(&states))
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

    /// A partition is loading, or its state is not known for now: the view reads again.
    pub fn any_unsettled(&self) -> bool {
        self.partitions.iter().any(|p| {
            p.unconfirmed.is_some()
                || matches!(
                    p.state,
                    RowState::Known(LoadState::Loading { .. } | LoadState::Unknown(_))
                )
        })
    }
}

impl super::ConsoleState {
    /// The latest partition operation on the open collection, for the partitions view.
    pub fn open_outcome(&self) -> Option<&super::Outcome> {
        let view = self.open.as_ref()?;
        self.outcomes.iter().rev().find(|o| {
            !o.target.partitions.is_empty()
                && o.target.collection == view.collection
                && self.shows(&o.target)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(states: &[(&str, LoadState)]) -> PartitionsView {
        let mut v = PartitionsView::new("c".into());
        v.set_names(states.iter().map(|(n, _)| n.to_string()).collect());
        for (name, state) in states {
            v.set_state(name, 1, Ok(state.clone()));
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
        assert!(partly.any_unsettled());
        let mut unknown = partly.clone();
        unknown.set_names(vec!["x".into()]);
        assert_eq!(unknown.coverage(), None);
    }

    #[test]
    fn an_unknown_read_keeps_the_last_known_state_marked_unconfirmed() {
        let mut v = view(&[("a", LoadState::Loaded), ("b", LoadState::NotLoad)]);
        assert!(!v.any_unsettled());
        v.set_state("b", 2, Ok(LoadState::Unknown("permission denied".into())));
        assert_eq!(v.partitions[1].state, RowState::Known(LoadState::NotLoad));
        assert_eq!(
            v.partitions[1].unconfirmed.as_deref(),
            Some("permission denied")
        );
        assert!(v.any_unsettled(), "read again");
        v.set_state("b", 3, Ok(LoadState::NotLoad));
        assert_eq!(v.partitions[1].unconfirmed, None);
        assert!(!v.any_unsettled());
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
