//! The view's list of collections as one request's life: not asked, the first list on the
//! wire, the first list failed, or listed (a later refresh keeps the rows on screen, and one
//! that fails keeps the last good rows, marked stale).

use std::rc::Rc;

use crate::api::ApiError;

use super::Row;

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
