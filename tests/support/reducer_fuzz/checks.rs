//! The promises the state keeps after every action, whatever came before.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use milvus_load_console::api::LoadState;
use milvus_load_console::state::{
    ConsoleState, Operation, Progress, Row, RowState, SortKey, StateCounts, StateFilter,
    MAX_REFRESH_INTERVAL,
};

use super::inputs;

pub type Check = Result<(), String>;

macro_rules! ensure {
    ($cond:expr, $($arg:tt)*) => {
        if !$cond {
            return Err(format!($($arg)*));
        }
    };
}
pub(crate) use ensure;

/// Sort rank of the state sort, as its documentation orders it: loading, loaded, released,
/// problems, not known yet.
fn rank(state: &RowState) -> u8 {
    match state {
        RowState::Known(LoadState::Loading { .. }) => 0,
        RowState::Known(LoadState::Loaded) => 1,
        RowState::Known(LoadState::NotLoad) => 2,
        RowState::Failed(_)
        | RowState::Known(LoadState::Missing)
        | RowState::Known(LoadState::Unknown(_)) => 3,
        RowState::Pending => 4,
    }
}

/// Progress as the progress sort reads it: loaded is 100, anything not loading below 0.
fn progress(state: &RowState) -> i16 {
    match state {
        RowState::Known(LoadState::Loaded) => 100,
        RowState::Known(LoadState::Loading { progress }) => i16::from(*progress),
        _ => -1,
    }
}

/// The name filter: the trimmed needle, ASCII case ignored.
fn matches_filter(name: &str, filter: &str) -> bool {
    let needle = filter.trim().to_ascii_lowercase();
    name.to_ascii_lowercase().contains(&needle)
}

/// The operation keeping a row busy: the latest one under way on that collection of the
/// view on screen.
pub fn expected_in_flight(s: &ConsoleState, collection: &str) -> Option<Operation> {
    s.outcomes
        .iter()
        .rev()
        .find(|o| {
            !o.progress.is_final()
                && o.target.partitions.is_empty()
                && &*o.target.collection == collection
                && s.shows(&o.target)
        })
        .map(|o| o.target.operation)
}

/// Rows: unique, sorted by name, found through the index; counts add up; the visible rows
/// are those passing both filters, in the order of the sort.
pub fn rows(s: &ConsoleState) -> Check {
    for pair in s.rows().windows(2) {
        ensure!(
            pair[0].name < pair[1].name,
            "rows not unique and sorted: {:?} then {:?}",
            pair[0].name,
            pair[1].name
        );
    }
    for row in s.rows().iter() {
        ensure!(
            s.row(&row.name) == Some(row),
            "the index does not find row {:?}",
            row.name
        );
    }
    for i in 0..=15 {
        let name = inputs::collection(i);
        let listed = s.rows().iter().any(|r| r.name == name);
        ensure!(
            s.row(&name).is_some() == listed,
            "the index and the rows disagree on {name:?}"
        );
    }
    let c = StateCounts::of(s.rows());
    ensure!(
        c.loaded + c.loading + c.released + c.problem + c.pending == s.rows().len(),
        "counts {c:?} do not add up to {} rows",
        s.rows().len()
    );
    ensure!(s.counts() == c, "counts() differs from StateCounts::of");
    let count = |f: StateFilter| s.rows().iter().filter(|r| f.keeps(&r.state)).count();
    let pending = s
        .rows()
        .iter()
        .filter(|r| r.state == RowState::Pending)
        .count();
    ensure!(
        (c.loaded, c.loading, c.released, c.problem, c.pending)
            == (
                count(StateFilter::Loaded),
                count(StateFilter::Loading),
                count(StateFilter::Released),
                count(StateFilter::Problem),
                pending
            ),
        "counts {c:?} disagree with the state filters"
    );
    visible(s)
}

fn visible(s: &ConsoleState) -> Check {
    let visible = s.visible_rows();
    let expected: BTreeSet<&str> = s
        .rows()
        .iter()
        .filter(|r| matches_filter(&r.name, &s.filter) && s.state_filter.keeps(&r.state))
        .map(|r| &*r.name)
        .collect();
    let shown: BTreeSet<&str> = visible.iter().map(|r| &*r.name).collect();
    ensure!(
        shown == expected && visible.len() == expected.len(),
        "visible rows {shown:?}, expected {expected:?} (filter {:?}, {:?})",
        s.filter,
        s.state_filter
    );
    let in_order = |a: &Row, b: &Row| match s.sort {
        SortKey::Name => a.name < b.name,
        SortKey::State => (rank(&a.state), &a.name) < (rank(&b.state), &b.name),
        SortKey::Progress => {
            (std::cmp::Reverse(progress(&a.state)), &a.name)
                < (std::cmp::Reverse(progress(&b.state)), &b.name)
        }
        SortKey::Memory => (a.memory_rank(), &a.name) < (b.memory_rank(), &b.name),
    };
    for pair in visible.windows(2) {
        ensure!(
            in_order(pair[0], pair[1]),
            "sorted by {:?}: {:?} ({:?}) before {:?} ({:?})",
            s.sort,
            pair[0].name,
            pair[0].state,
            pair[1].name,
            pair[1].state
        );
    }
    Ok(())
}

/// Selections hold only what is listed; the partitions view lists each partition once.
pub fn selections(s: &ConsoleState) -> Check {
    for name in &s.selected {
        ensure!(
            s.row(name).is_some(),
            "selected collection {name:?} is not listed"
        );
    }
    if let Some(view) = &s.open {
        let names: BTreeSet<&Rc<str>> = view.partitions.iter().map(|p| &p.name).collect();
        ensure!(
            names.len() == view.partitions.len(),
            "partitions view lists a partition twice: {:?}",
            view.partitions.iter().map(|p| &p.name).collect::<Vec<_>>()
        );
        for name in &view.selected {
            ensure!(
                names.contains(name),
                "selected partition {name:?} is not listed"
            );
        }
    }
    ensure!(
        !s.read_only || s.confirm.is_none(),
        "a confirmation is open in read-only mode"
    );
    ensure!(
        s.refresh_interval <= MAX_REFRESH_INTERVAL,
        "auto-refresh {} above the maximum",
        s.refresh_interval
    );
    Ok(())
}

/// Outcomes: one per operation started (until dismissed once final), by increasing id; a
/// final outcome never changes; a row is busy exactly while an operation on it is under way.
pub fn outcomes(
    s: &ConsoleState,
    started: &BTreeSet<u64>,
    dismissed: &BTreeSet<u64>,
    finals: &BTreeMap<u64, Progress>,
) -> Check {
    for pair in s.outcomes.windows(2) {
        ensure!(
            pair[0].id < pair[1].id,
            "outcome ids not increasing: {} then {}",
            pair[0].id,
            pair[1].id
        );
    }
    let ids: BTreeSet<u64> = s.outcomes.iter().map(|o| o.id).collect();
    let expected: BTreeSet<u64> = started.difference(dismissed).copied().collect();
    ensure!(ids == expected, "outcomes {ids:?}, expected {expected:?}");
    for o in s.outcomes.iter() {
        if let Some(progress) = finals.get(&o.id) {
            ensure!(
                &o.progress == progress,
                "outcome {} was final ({progress:?}) and is now {:?}",
                o.id,
                o.progress
            );
        }
    }
    for row in s.rows().iter() {
        let expected = expected_in_flight(s, &row.name);
        ensure!(
            row.in_flight == expected,
            "row {:?} busy with {:?}, operations under way say {expected:?}",
            row.name,
            row.in_flight
        );
    }
    Ok(())
}

/// Orders never go back: a row's (or an open partition's) newest read only grows.
pub fn orders(before: &ConsoleState, after: &ConsoleState) -> Check {
    for row in after.rows().iter() {
        if let Some(old) = before.row(&row.name) {
            ensure!(
                row.read_at >= old.read_at,
                "row {:?} read order went back from {} to {}",
                row.name,
                old.read_at,
                row.read_at
            );
        }
    }
    if let (Some(old), Some(new)) = (&before.open, &after.open) {
        if old.collection == new.collection {
            for p in &new.partitions {
                if let Some(q) = old.partitions.iter().find(|q| q.name == p.name) {
                    ensure!(
                        p.read_at >= q.read_at,
                        "partition {:?} read order went back",
                        p.name
                    );
                }
            }
        }
    }
    Ok(())
}
