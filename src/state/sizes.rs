//! Sizes in the collections view: rows, the estimated memory of one replica and the loaded
//! replicas of each collection on screen, the order by memory, and the summary's total.
//! Every memory figure is an estimate and reads as one ("≈ 3.2 GB"; "≤ 3.2 GB" when strings
//! or JSON were sized at the server's guess).

use std::rc::Rc;

use crate::api::LoadState;
use crate::cost::format_bytes;

use super::cluster::{ClusterRead, Groups};
use super::{ConsoleState, Row, RowState};

/// Loaded replicas of a collection, from the resource groups' `num_loaded_replica`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Replicas {
    /// Not read, not loaded, or the server has no resource-group endpoints.
    #[default]
    NotKnown,
    Count(u32),
    /// The groups count replicas by name, and a collection of this name exists in another
    /// database too (or other databases could not be checked): the count may be theirs.
    Ambiguous,
}

/// What is known of one collection's size, read once per refresh for rows on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowSize {
    /// `collections/get_stats` (deleted rows included until compaction).
    pub rows: u64,
    /// Estimated steady bytes of one replica.
    pub memory: u64,
    /// How the estimate was made and what it leaves out, for a tooltip.
    pub note: Rc<str>,
    /// Vector fields without an index, comma-separated: the server refuses to load the
    /// collection until each has one.
    pub unindexed: Option<Rc<str>>,
    /// Variable-length fields were sized at the server's guess for their type: real data is
    /// usually smaller, so the figure is an upper bound (memory doc 10.9).
    pub upper_bound: bool,
}

impl RowSize {
    /// "≈ 3.2 GB", or "≤ 3.2 GB" for an upper bound.
    pub fn memory_text(&self) -> String {
        self.bytes_text(self.memory)
    }

    /// `bytes` of this estimate, marked as it is.
    pub fn bytes_text(&self, bytes: u64) -> String {
        estimate_text(bytes, self.upper_bound)
    }

    /// Estimated bytes of `part_rows` rows of this collection (a partition's share).
    pub fn share(&self, part_rows: u64) -> u64 {
        match self.rows {
            0 => 0,
            rows => {
                // In f64 (exact to 2^53 bytes): a u128 division would add its own routine to
                // the wasm, and a share of an estimate needs no more.
                (self.memory as f64 * part_rows as f64 / rows as f64) as u64
            }
        }
    }

    /// Why Load is refused, when it is.
    pub fn load_refusal(&self) -> Option<String> {
        let fields = self.unindexed.as_ref()?;
        Some(format!(
            "No vector index on {fields}: the server refuses to load it until every vector \
             field has an index."
        ))
    }
}

/// The replicas of a collection name over every resource group (a collection's replicas in
/// several groups appear in each), as the cluster read tells them.
fn replicas_by_name(groups: &Groups) -> Vec<(&str, u64)> {
    let mut counts: Vec<(&str, u64)> = Vec::new();
    for (name, n) in groups.groups.iter().flat_map(|g| &g.loaded_replicas) {
        counts.push((name.as_str(), *n));
    }
    crate::order::sort_by(&mut counts, |a, b| a.0.cmp(b.0));
    counts.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 = first.1.saturating_add(later.1);
        }
        same
    });
    counts
}

/// What a row shows of `name`'s replicas: a name that exists in several databases (or when
/// that could not be told) is ambiguous, as the server counts by name alone.
fn replicas_of(groups: &Groups, counts: &[(&str, u64)], name: &str) -> Replicas {
    let count = counts
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .and_then(|i| counts.get(i))
        .map_or(0, |(_, n)| *n);
    let ambiguous = match &groups.ambiguous {
        Some(names) => names.iter().any(|n| n == name),
        None => true,
    };
    match count {
        0 => Replicas::NotKnown,
        _ if ambiguous => Replicas::Ambiguous,
        n => Replicas::Count(u32::try_from(n).unwrap_or(u32::MAX)),
    }
}

/// Replies of the size reads.
#[derive(Clone, Debug, PartialEq)]
pub enum SizeReply {
    Row {
        collection: Rc<str>,
        size: Rc<RowSize>,
    },
}

fn is_loaded(row: &Row) -> bool {
    row.state == RowState::Known(LoadState::Loaded)
}

impl Row {
    /// Its place in the order by memory: fully loaded, then partly loaded and loading (what
    /// they hold is some unknown share of their estimate), then the rest; within each, the
    /// largest first (fully loaded ones with all their replicas), unknown sizes last.
    pub fn memory_rank(&self) -> (u64, u64) {
        let row = self;
        let group = match row.state {
            RowState::Known(LoadState::Loaded) if !row.is_partly_loaded() => 0,
            RowState::Known(LoadState::Loaded | LoadState::Loading { .. }) => 1,
            _ => 2,
        };
        let replicas = match row.replicas {
            Replicas::Count(n) if group == 0 => u64::from(n),
            _ => 1,
        };
        let bytes = row
            .size
            .as_ref()
            .map_or(0, |s| s.memory.saturating_mul(replicas));
        (group, u64::MAX - bytes)
    }
}

impl ConsoleState {
    pub(super) fn apply_sizes(&mut self, reply: SizeReply) {
        match reply {
            SizeReply::Row { collection, size } => {
                if let Some(row) = self.row_mut(&collection) {
                    row.size = Some(size);
                }
            }
        }
    }

    /// Sets each row's replicas from the last resource groups read (after that read, and
    /// after a listing, whose rows start without).
    pub(super) fn apply_replicas(&mut self) {
        let ClusterRead::Ready(groups) = &self.cluster.groups else {
            return;
        };
        let groups = groups.clone();
        let counts = replicas_by_name(&groups);
        let changed: Vec<(Rc<str>, Replicas)> = self
            .rows()
            .iter()
            .map(|r| {
                (
                    r.name.clone(),
                    r.replicas,
                    replicas_of(&groups, &counts, &r.name),
                )
            })
            .filter(|(_, was, now)| was != now)
            .map(|(name, _, now)| (name, now))
            .collect();
        for (name, replicas) in changed {
            if let Some(row) = self.row_mut(&name) {
                row.replicas = replicas;
            }
        }
    }

    /// The summary's memory total: "≈ 41 GB loaded (est., replicas included)", over the
    /// fully loaded collections whose estimate and replicas are known ("… for 3 of 5 loaded
    /// …" when not all are; a partly loaded one is never known: it holds some share of its
    /// estimate). `None` while none is known.
    pub fn loaded_memory_text(&self) -> Option<String> {
        loaded_memory_text(self.rows())
    }
}

/// "≈ 3.2 GB", or "≤ 3.2 GB" for an upper bound.
pub(super) fn estimate_text(bytes: u64, upper_bound: bool) -> String {
    let mark = if upper_bound { "≤" } else { "≈" };
    format!("{mark} {}", format_bytes(bytes))
}

fn loaded_memory_text(rows: &[Rc<Row>]) -> Option<String> {
    let loaded = rows.iter().filter(|r| is_loaded(r));
    let (mut total, mut known, mut all) = (0u64, 0usize, 0usize);
    // A sum is an upper bound only when each of its parts is.
    let mut upper_bound = true;
    for row in loaded {
        all += 1;
        if row.is_partly_loaded() {
            continue;
        }
        if let (Some(size), Replicas::Count(n)) = (&row.size, row.replicas) {
            total = total.saturating_add(size.memory.saturating_mul(u64::from(n)));
            known += 1;
            upper_bound &= size.upper_bound;
        }
    }
    let bytes = estimate_text(total, upper_bound);
    match known {
        0 => None,
        k if k == all => Some(format!("{bytes} loaded (est., replicas included)")),
        k => Some(format!(
            "{bytes} for {k} of {all} loaded shown (est., replicas included)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, state: LoadState, memory: Option<u64>, replicas: u32) -> Rc<Row> {
        let mut row = Row::pending(name.into());
        row.state = RowState::Known(state);
        row.size = memory.map(|memory| {
            Rc::new(RowSize {
                rows: 1,
                memory,
                note: "".into(),
                unindexed: None,
                upper_bound: false,
            })
        });
        row.replicas = Replicas::Count(replicas);
        Rc::new(row)
    }

    /// A partly loaded collection holds an unknown share of its estimate: it sorts after
    /// the fully loaded ones, whatever its estimate, and the total leaves it out and says so.
    #[test]
    fn a_partly_loaded_collection_is_not_counted_as_holding_its_estimate() {
        let whole = row("whole", LoadState::Loaded, Some(10 << 30), 1);
        let mut partly = (*row("partly", LoadState::Loaded, Some(13 << 30), 1)).clone();
        partly.partly_loaded = true;
        let partly = Rc::new(partly);
        let loading = row(
            "loading",
            LoadState::Loading { progress: 50 },
            Some(1 << 30),
            1,
        );
        let released = row("released", LoadState::NotLoad, Some(20 << 30), 1);
        let mut rows = [&released, &loading, &partly, &whole];
        rows.sort_by_key(|r| r.memory_rank());
        let order: Vec<&str> = rows.iter().map(|r| &*r.name).collect();
        assert_eq!(order, ["whole", "partly", "loading", "released"]);
        let text = loaded_memory_text(&[whole.clone(), partly.clone(), released.clone()]);
        assert_eq!(
            text.as_deref(),
            Some("≈ 10 GB for 1 of 2 loaded shown (est., replicas included)")
        );
        let text = loaded_memory_text(&[whole.clone(), released]);
        assert_eq!(
            text.as_deref(),
            Some("≈ 10 GB loaded (est., replicas included)")
        );
    }

    /// Strings and JSON sized at the server's guess make an upper bound, and say so: on the
    /// row, and in a total of upper bounds only.
    #[test]
    fn an_estimate_from_guessed_field_sizes_reads_as_an_upper_bound() {
        let mut guessed = (*row("guessed", LoadState::Loaded, Some(2 << 30), 2)).clone();
        if let Some(size) = &mut guessed.size {
            Rc::make_mut(size).upper_bound = true;
        }
        let size = guessed.size.clone().expect("sized");
        assert_eq!(size.memory_text(), "≤ 2.0 GB");
        assert_eq!(size.bytes_text(1 << 30), "≤ 1.0 GB");
        let guessed = Rc::new(guessed);
        let text = loaded_memory_text(std::slice::from_ref(&guessed));
        assert_eq!(
            text.as_deref(),
            Some("≤ 4.0 GB loaded (est., replicas included)")
        );
        let text = loaded_memory_text(&[whole_row(), guessed]);
        assert_eq!(
            text.as_deref(),
            Some("≈ 14 GB loaded (est., replicas included)")
        );
    }

    fn whole_row() -> Rc<Row> {
        row("whole", LoadState::Loaded, Some(10 << 30), 1)
    }
}
