//! What each reply of this view must do to it: an exact model of the ordering rules (a read
//! older than what is known never lands) and of listings.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use milvus_load_console::api::{ApiError, LoadExtent, LoadState};
use milvus_load_console::state::{ConsoleState, Listing, Remote, Reply, RowState, StateRead};

use super::checks::{ensure, Check};
use super::{bump, inputs, Driver};

/// Names in first-listed order, each once.
fn unique<T: AsRef<str>>(names: &[T]) -> Vec<&str> {
    let mut seen = BTreeSet::new();
    names
        .iter()
        .map(AsRef::as_ref)
        .filter(|n| seen.insert(*n))
        .collect()
}

/// What is known of a row or partition: its state, as of which read, and the text of a read
/// that could not tell the state since.
type Known = (RowState, u64, Option<String>);

/// What a read does to something that knows `state` as of `read_at`: the model of the rules
/// that an older read never overwrites a newer one, and that an unknown state keeps the last
/// known one (marked unconfirmed).
fn model_read(
    (state, read_at, unconfirmed): &mut Known,
    sent: u64,
    result: &Result<LoadState, ApiError>,
) -> &'static str {
    if sent < *read_at {
        return "older";
    }
    let kept = matches!(
        state,
        RowState::Known(LoadState::Loaded | LoadState::Loading { .. } | LoadState::NotLoad)
    );
    let mut outcome = "applied";
    match result {
        Err(e) if e.is_cancelled() => return "cancelled",
        Ok(LoadState::Unknown(text)) if kept => {
            *unconfirmed = Some(text.clone());
            outcome = "unconfirmed";
        }
        Ok(s) => {
            *state = RowState::Known(s.clone());
            *unconfirmed = None;
        }
        Err(e) => {
            *state = RowState::Failed(e.clone());
            *unconfirmed = None;
        }
    }
    let same = sent == *read_at && sent > 0;
    *read_at = sent;
    if same && outcome == "applied" {
        "same"
    } else {
        outcome
    }
}

fn state_branch(state: &RowState) -> Option<&'static str> {
    Some(match state {
        RowState::Known(LoadState::Loaded) => "row state: Loaded",
        RowState::Known(LoadState::NotLoad) => "row state: Released",
        RowState::Known(LoadState::Loading { progress: 0 }) => "row state: Loading 0%",
        RowState::Known(LoadState::Loading { progress: 99 }) => "row state: Loading 99%",
        RowState::Known(LoadState::Loading { .. }) => "row state: Loading",
        RowState::Known(LoadState::Missing) => "row state: Missing",
        RowState::Known(LoadState::Unknown(_)) => "row state: Unknown (long or odd text)",
        RowState::Failed(e) => inputs::kind_name(e),
        RowState::Pending => return None,
    })
}

impl Driver {
    /// What a reply of this view must have done, checked against `before`.
    pub(super) fn check_reply(&mut self, before: &ConsoleState, reply: &Reply) -> Check {
        match reply {
            Reply::ListRequested => {
                if before.listing.is_ready() {
                    ensure!(self.state == *before, "asking again blanked the view");
                    bump(&mut self.reached, "list: asked again");
                }
                Ok(())
            }
            Reply::ListLoaded { result, at } => self.check_list(before, result, *at),
            Reply::States(reads) => self.check_states(before, reads),
            Reply::Extent {
                collection,
                sent,
                extent,
            } => self.check_extent(before, collection, *sent, extent),
            Reply::PartitionsListed { collection, result } => {
                self.check_partitions_listed(before, collection, result)
            }
            Reply::LoadDropped {
                collection,
                abandonment,
            } => {
                if let Some(row) = self.state.row(collection) {
                    ensure!(
                        row.abandoned.as_ref() == Some(abandonment),
                        "row {collection:?} does not say its load was dropped"
                    );
                    bump(&mut self.reached, "row: load dropped elsewhere");
                }
                Ok(())
            }
            Reply::PartitionStates { collection, states } => {
                self.check_partition_states(before, collection, states)
            }
            Reply::PartitionKeyKnown {
                collection,
                partition_key,
            } => {
                let open = before
                    .open
                    .as_ref()
                    .is_some_and(|v| v.collection == *collection);
                if open && *partition_key {
                    bump(&mut self.reached, "partitions: partition key known");
                }
                Ok(())
            }
            Reply::PartitionCounts(counts) => {
                let mut last: HashMap<&str, u32> = HashMap::new();
                for (name, count) in counts {
                    last.insert(name, *count);
                }
                for (name, count) in last {
                    if let Some(row) = self.state.row(name) {
                        ensure!(
                            row.partitions == Some(count),
                            "row {name:?} counts {:?} partitions, told {count}",
                            row.partitions
                        );
                    }
                }
                Ok(())
            }
            Reply::PartitionRows { .. } | Reply::Sizes(_) => Ok(()),
            Reply::Cluster(_) => {
                ensure!(
                    std::ptr::eq(self.state.rows(), before.rows()),
                    "a cluster reply changed the rows"
                );
                Ok(())
            }
            Reply::LoadSettings {
                collection,
                settings,
            } => {
                let asked = before
                    .confirm
                    .as_ref()
                    .is_some_and(|c| c.targets.iter().any(|t| t.collection == *collection));
                if asked {
                    let confirm = self.state.confirm.as_ref();
                    let taken = match settings {
                        Ok(settings) => {
                            confirm.and_then(|c| c.settings.get(collection)) == Some(settings)
                        }
                        Err(why) => {
                            confirm.and_then(|c| c.settings.failure(collection)) == Some(&**why)
                        }
                    };
                    ensure!(
                        taken,
                        "load settings (or why they were not read) were not taken"
                    );
                    bump(&mut self.reached, "confirmation: load settings taken");
                } else {
                    ensure!(
                        self.state.confirm == before.confirm,
                        "settings of a collection not asked about changed the confirmation"
                    );
                }
                Ok(())
            }
        }
    }

    fn check_list(
        &mut self,
        before: &ConsoleState,
        result: &Result<Vec<String>, ApiError>,
        at: f64,
    ) -> Check {
        let s = &self.state;
        let Ok(names) = result else {
            if before.listing.is_ready() {
                ensure!(
                    Rc::ptr_eq(&s.listing.shared_rows(), &before.listing.shared_rows())
                        && s.listing.stale().is_some(),
                    "a failed refresh did not keep the rows, marked stale"
                );
                bump(
                    &mut self.reached,
                    "list: refresh failed, last rows kept and marked stale",
                );
            } else {
                ensure!(
                    matches!(s.listing, Listing::Failed(_)),
                    "a failed first listing is not shown failed"
                );
                bump(&mut self.reached, "list: first listing failed");
            }
            return Ok(());
        };
        let mut expected: Vec<&str> = unique(names);
        expected.sort_unstable();
        let listed: Vec<&str> = s.rows().iter().map(|r| &*r.name).collect();
        ensure!(
            listed == expected,
            "listed {listed:?}, expected {expected:?}"
        );
        ensure!(
            s.listing.stale().is_none() && s.listing.refreshed_at() == Some(at),
            "a listing left the view stale or undated"
        );
        let mut kept = false;
        for row in s.rows().iter() {
            match before.row(&row.name) {
                Some(old) => {
                    ensure!(
                        (
                            &old.state,
                            old.read_at,
                            old.coverage,
                            old.partitions,
                            old.partly_loaded
                        ) == (
                            &row.state,
                            row.read_at,
                            row.coverage,
                            row.partitions,
                            row.partly_loaded
                        ),
                        "a refresh changed what row {:?} knew",
                        row.name
                    );
                    kept |= old.state != RowState::Pending;
                }
                None => ensure!(
                    row.state == RowState::Pending && row.read_at == 0,
                    "new row {:?} is not pending",
                    row.name
                ),
            }
        }
        if kept {
            bump(
                &mut self.reached,
                "list: rows kept their state across a refresh",
            );
        }
        if expected.len() < names.len() {
            bump(&mut self.reached, "list: duplicate names merged");
        }
        if s.selected.len() < before.selected.len() {
            bump(
                &mut self.reached,
                "list: selection pruned to the rows listed",
            );
        }
        bump(&mut self.reached, "list: listed");
        Ok(())
    }

    fn check_states(&mut self, before: &ConsoleState, reads: &[StateRead]) -> Check {
        let mut model: HashMap<Rc<str>, Known> = HashMap::new();
        for read in reads {
            let Some(row) = before.row(&read.name) else {
                bump(&mut self.reached, "read: for a collection not listed");
                continue;
            };
            let known = model
                .entry(read.name.clone())
                .or_insert_with(|| (row.state.clone(), row.read_at, row.unconfirmed.clone()));
            match model_read(known, read.sent, &read.result) {
                "older" => bump(&mut self.reached, "read: older than the row's, dropped"),
                "cancelled" => bump(&mut self.reached, "read: cancelled, ignored"),
                "same" => bump(&mut self.reached, "read: same order as the row's, applied"),
                "unconfirmed" => bump(&mut self.reached, "read: unknown, last known state kept"),
                _ => bump(&mut self.reached, "read: applied"),
            }
        }
        for (name, (state, read_at, unconfirmed)) in model {
            let row = self.state.row(&name).ok_or("a read removed a row")?;
            ensure!(
                (&row.state, row.read_at, &row.unconfirmed) == (&state, read_at, &unconfirmed),
                "row {name:?} reads {:?} as of {} (unconfirmed: {:?}), the reads say {state:?} as of \
                 {read_at} (unconfirmed: {unconfirmed:?})",
                row.state,
                row.read_at,
                row.unconfirmed
            );
            let old = before.row(&name).map(|r| &r.state);
            if let Some(branch) = state_branch(&state).filter(|_| old != Some(&state)) {
                bump(&mut self.reached, branch);
            }
        }
        Ok(())
    }

    fn check_extent(
        &mut self,
        before: &ConsoleState,
        collection: &str,
        sent: u64,
        extent: &LoadExtent,
    ) -> Check {
        let (Some(old), Some(row)) = (before.row(collection), self.state.row(collection)) else {
            return Ok(());
        };
        let takes = sent >= old.read_at && old.state == RowState::Known(LoadState::Loaded);
        let expected = match extent {
            LoadExtent::Partial { .. } if takes => true,
            LoadExtent::Full if takes => false,
            _ => old.partly_loaded,
        };
        ensure!(
            row.partly_loaded == expected && row.state == old.state,
            "extent {extent:?} sent at {sent} made {collection:?} partly={} (was {}, read at {})",
            row.partly_loaded,
            old.partly_loaded,
            old.read_at
        );
        match extent {
            LoadExtent::Partial { .. } if takes => bump(&mut self.reached, "extent: partial taken"),
            LoadExtent::Full if takes => bump(&mut self.reached, "extent: full taken"),
            LoadExtent::Partial { .. } | LoadExtent::Full => bump(
                &mut self.reached,
                "extent: dropped (older read, or the row not loaded)",
            ),
            _ => {}
        }
        Ok(())
    }

    fn check_partitions_listed(
        &mut self,
        before: &ConsoleState,
        collection: &str,
        result: &Result<Vec<String>, ApiError>,
    ) -> Check {
        let s = &self.state;
        if let (Some(row), Ok(names)) = (s.row(collection), result) {
            ensure!(
                row.partitions == Some(unique(names).len() as u32),
                "row {collection:?} counts {:?} partitions for {names:?}",
                row.partitions
            );
        }
        let Some(old) = before
            .open
            .as_ref()
            .filter(|v| &*v.collection == collection)
        else {
            ensure!(
                s.open == before.open,
                "a list for another collection changed the view"
            );
            bump(
                &mut self.reached,
                "partitions: listed for a collection not open",
            );
            return Ok(());
        };
        let view = s.open.as_ref().ok_or("the view closed")?;
        match result {
            Ok(names) => {
                let expected = unique(names);
                let listed: Vec<&str> = view.partitions.iter().map(|p| &*p.name).collect();
                ensure!(listed == expected, "partitions {listed:?} for {names:?}");
                for p in &view.partitions {
                    if let Some(q) = old.partitions.iter().find(|q| q.name == p.name) {
                        ensure!(
                            (&p.state, p.read_at) == (&q.state, q.read_at),
                            "partition {:?} forgot its state",
                            p.name
                        );
                    }
                }
                if expected.len() < names.len() {
                    bump(&mut self.reached, "partitions: duplicate names merged");
                }
                bump(&mut self.reached, "partitions: listed in the open view");
            }
            Err(e) if e.is_cancelled() => {
                ensure!(view.list == old.list, "a cancelled list changed the view")
            }
            Err(_) => {
                ensure!(
                    matches!(view.list, Remote::Failed(_)),
                    "a failed list is not shown"
                );
                bump(&mut self.reached, "partitions: list failed");
            }
        }
        Ok(())
    }

    fn check_partition_states(
        &mut self,
        before: &ConsoleState,
        collection: &str,
        reads: &[StateRead],
    ) -> Check {
        let Some(old) = before
            .open
            .as_ref()
            .filter(|v| &*v.collection == collection)
        else {
            ensure!(
                self.state == *before,
                "partition states of a view not open landed"
            );
            bump(&mut self.reached, "partition read: for a view not open");
            return Ok(());
        };
        let mut model: HashMap<Rc<str>, Known> = HashMap::new();
        for read in reads {
            let Some(p) = old.partitions.iter().find(|p| p.name == read.name) else {
                bump(
                    &mut self.reached,
                    "partition read: for an unlisted partition",
                );
                continue;
            };
            let known = model
                .entry(read.name.clone())
                .or_insert_with(|| (p.state.clone(), p.read_at, p.unconfirmed.clone()));
            match model_read(known, read.sent, &read.result) {
                "older" => bump(&mut self.reached, "partition read: older, dropped"),
                "cancelled" => {}
                _ => bump(&mut self.reached, "partition read: applied"),
            }
        }
        let view = self.state.open.as_ref().ok_or("the view closed")?;
        for (name, (state, read_at, unconfirmed)) in model {
            let p = view
                .partitions
                .iter()
                .find(|p| p.name == name)
                .ok_or("a read removed a partition")?;
            ensure!(
                (&p.state, p.read_at, &p.unconfirmed) == (&state, read_at, &unconfirmed),
                "partition {name:?} reads {:?} as of {} (unconfirmed: {:?}), the reads say {state:?} \
                 as of {read_at} (unconfirmed: {unconfirmed:?})",
                p.state,
                p.read_at,
                p.unconfirmed
            );
        }
        if let (Some(row), Some(coverage)) = (self.state.row(collection), view.coverage()) {
            ensure!(
                row.coverage == Some(coverage),
                "row {collection:?} coverage {:?}, its partitions say {coverage:?}",
                row.coverage
            );
            bump(&mut self.reached, "partitions: coverage copied to the row");
        }
        Ok(())
    }
}
