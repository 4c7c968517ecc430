//! The view's list of collections as one request's life: not asked, the first list on the
//! wire, the first list failed, or listed (a later refresh keeps the rows on screen, and one
//! that fails keeps the last good rows, marked stale).

use std::collections::HashMap;
use std::rc::Rc;

use crate::api::ApiError;

use super::{ConsoleState, Row};

/// The collections of the view's database.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Listing {
    #[default]
    NotAsked,
    /// The view's first list is on the wire.
    Loading,
    /// The view's first list failed: there are no rows to show.
    Failed(ApiError),
    Ready {
        /// Shared, and each row shared too: actions that leave the rows alone (a filter
        /// keystroke) copy nothing, and a reply that changes one row copies that row and the
        /// pointers only (copying every row per batch of replies cost 10% of a 10,000-row
        /// sweep).
        rows: Rc<Vec<Rc<Row>>>,
        /// When the rows were listed (milliseconds since the epoch).
        refreshed_at: f64,
        /// The latest refresh failed: the rows are the last good ones.
        stale: Option<ApiError>,
    },
}

impl Listing {
    /// The rows listed, by name; none before the first list.
    pub fn rows(&self) -> &[Rc<Row>] {
        match self {
            Listing::Ready { rows, .. } => rows,
            _ => &[],
        }
    }

    /// The rows listed, shared.
    pub fn shared_rows(&self) -> Rc<Vec<Rc<Row>>> {
        match self {
            Listing::Ready { rows, .. } => rows.clone(),
            _ => Rc::default(),
        }
    }

    pub(super) fn rows_mut(&mut self) -> Option<&mut Vec<Rc<Row>>> {
        match self {
            Listing::Ready { rows, .. } => Some(Rc::make_mut(rows)),
            _ => None,
        }
    }

    pub fn is_ready(&self) -> bool {
        matches!(self, Listing::Ready { .. })
    }

    /// Why the latest refresh failed, while the last good rows are shown.
    pub fn stale(&self) -> Option<&ApiError> {
        match self {
            Listing::Ready { stale, .. } => stale.as_ref(),
            _ => None,
        }
    }

    pub fn refreshed_at(&self) -> Option<f64> {
        match self {
            Listing::Ready { refreshed_at, .. } => Some(*refreshed_at),
            _ => None,
        }
    }
}

impl ConsoleState {
    /// The listed collections become the rows, in name order, each once: a row known
    /// already keeps what was read of it; operations still under way keep their rows busy.
    pub(super) fn set_rows(&mut self, names: Vec<String>, refreshed_at: f64) {
        // The rows known already, found through the index of names to positions.
        let previous = self.rows();
        let known = self.index.clone();
        // Operations still under way on this database keep their rows busy (by position in
        // the outcomes).
        let busy: HashMap<&str, usize> = self
            .outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                !o.progress.is_final() && o.target.partitions.is_empty() && self.shows(&o.target)
            })
            .map(|(i, o)| (&*o.target.collection, i))
            .collect();
        let mut names = names;
        crate::order::sort_by(&mut names, Ord::cmp);
        names.dedup();
        let rows = names
            .into_iter()
            .map(|name| {
                let name: Rc<str> = name.into();
                let mut row = known
                    .get(&name)
                    .and_then(|&i| previous.get(i))
                    .cloned()
                    .unwrap_or_else(|| Rc::new(Row::pending(name.clone())));
                let in_flight = busy
                    .get(&*name)
                    .and_then(|&i| self.outcomes.get(i))
                    .map(|o| o.target.operation);
                if row.in_flight != in_flight {
                    Rc::make_mut(&mut row).in_flight = in_flight;
                }
                row
            })
            .collect::<Vec<_>>();
        self.index = Rc::new(
            rows.iter()
                .enumerate()
                .map(|(i, r)| (r.name.clone(), i))
                .collect(),
        );
        self.listing = Listing::Ready {
            rows: Rc::new(rows),
            refreshed_at,
            stale: None,
        };
        let index = &self.index;
        self.selected.retain(|name| index.contains_key(name));
    }
}

/// `names` without repeats, in the order first listed.
pub(super) fn unique_in_order(names: Vec<String>) -> Vec<String> {
    let first: Vec<bool> = {
        let mut seen = crate::name_set::NameSet::new();
        names
            .iter()
            .map(|name| seen.insert(name.as_str()))
            .collect()
    };
    names
        .into_iter()
        .zip(first)
        .filter_map(|(name, first)| first.then_some(name))
        .collect()
}
