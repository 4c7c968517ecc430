//! The driver of the reducer fuzz: turns raw generated steps into actions built from
//! mutated server results, applies them, checks the state's promises after each, and counts
//! the branches reached.

mod checks;
mod inputs;
mod intents;
mod operations;
mod render;
mod replies;
mod reply_checks;
mod restore;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use milvus_load_console::state::{Action, ConsoleState, Progress, Reply};

use checks::{ensure, Check};
pub use render::render_and_check;

/// One generated step, decoded by `Driver::step`: the kind of action and its parameters.
#[derive(Clone, Debug)]
pub struct RawStep {
    pub kind: u8,
    pub a: u8,
    pub b: u8,
    pub c: u16,
    /// Per item: a name, how its order relates to what is known, and a result.
    pub items: Vec<(u8, u8, u16)>,
}

/// Every branch the run must reach at least once.
pub const BRANCHES: &[&str] = &[
    "list: listed",
    "list: duplicate names merged",
    "list: first listing failed",
    "list: refresh failed, last rows kept and marked stale",
    "list: selection pruned to the rows listed",
    "list: rows kept their state across a refresh",
    "list: asked again",
    "reply of an older view dropped",
    "reply of a newer view dropped",
    "read: applied",
    "read: unknown, last known state kept",
    "read: same order as the row's, applied",
    "read: older than the row's, dropped",
    "read: cancelled, ignored",
    "read: for a collection not listed",
    "row state: Loaded",
    "row state: Released",
    "row state: Loading 0%",
    "row state: Loading 99%",
    "row state: Loading",
    "row state: Missing",
    "row state: Unknown (long or odd text)",
    "row error: Network",
    "row error: Timeout",
    "row error: NotAuthenticated",
    "row error: PermissionDenied",
    "row error: NotFound",
    "row error: ServerTimeout",
    "row error: Http",
    "row error: Milvus",
    "row error: Undecodable",
    "row error: InvalidEndpoint",
    "extent: partial taken",
    "extent: full taken",
    "extent: dropped (older read, or the row not loaded)",
    "partitions: opened for a collection not listed",
    "partitions: listed in the open view",
    "partitions: listed for a collection not open",
    "partitions: duplicate names merged",
    "partitions: list failed",
    "partition read: applied",
    "partition read: older, dropped",
    "partition read: for an unlisted partition",
    "partition read: for a view not open",
    "partitions: coverage copied to the row",
    "partitions: partition key known",
    "partition selection: toggled",
    "selection: toggle of an unlisted collection refused",
    "selection: all matching",
    "database: switched, the view reset",
    "database: the same, nothing changed",
    "connection: new, the view reset",
    "confirmation: asked",
    "confirmation: refused in read-only mode",
    "confirmation: closed by a switch",
    "confirmation: load settings taken",
    "operation: started",
    "operation: started on a collection not listed",
    "operation: joined the same one under way",
    "operation: waits for another on its collection",
    "operation: the next one waiting starts",
    "progress: for an operation of another view",
    "operation: skipped at once",
    "progress: for an unknown id, ignored",
    "progress: settled",
    "progress: unknown, re-checking",
    "progress: done cleared the partition selection",
    "progress: partition-key refusal marks the view",
    "progress: row still busy with a queued operation",
    "outcomes: dismissed the final ones",
    "render: hostile name escaped",
    "render: partitions panel",
    "render: stale rows",
    "render: outcomes listed",
    "restore: a read started",
    "restore: a late result dropped",
    "restore: a plan shown",
    "restore: a release ticked",
    "restore: closed by a switch",
];

/// A collection: mostly one listed, as the session asks about those; else any name.
pub(crate) fn pick_collection(s: &ConsoleState, x: u8) -> Rc<str> {
    match s.rows().get(usize::from(x / 4) % s.rows().len().max(1)) {
        Some(row) if x % 4 != 0 => row.name.clone(),
        _ => inputs::collection(x),
    }
}

/// A partition: mostly one the open view lists; else any name.
pub(crate) fn pick_partition(s: &ConsoleState, x: u8) -> Rc<str> {
    let listed = s.open.as_ref().map_or(&[][..], |v| &v.partitions[..]);
    match listed.get(usize::from(x / 4) % listed.len().max(1)) {
        Some(p) if x % 4 != 0 => p.name.clone(),
        _ => inputs::partition(x),
    }
}

/// How often each branch was reached.
type Reached = BTreeMap<&'static str, u64>;

/// Counts a branch reached.
fn bump(reached: &mut Reached, branch: &'static str) {
    *reached.entry(branch).or_default() += 1;
}

/// The state under test, what the driver knows of what it sent, and the branches reached.
pub struct Driver {
    pub state: ConsoleState,
    /// The order of the next read sent (the session's `next_read`).
    clock: u64,
    next_id: u64,
    started: BTreeSet<u64>,
    dismissed: BTreeSet<u64>,
    finals: BTreeMap<u64, Progress>,
    pub reached: BTreeMap<&'static str, u64>,
}

/// The kinds of step.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Connect,
    SelectDatabase,
    SetReadOnly,
    SetFilter,
    SetStateFilter,
    SetSort,
    SetRefreshInterval,
    ToggleSelected,
    SelectMatching,
    OpenCollection,
    CloseCollection,
    TogglePartition,
    SelectAllPartitions,
    AskCollections,
    AskPartitions,
    CloseConfirmation,
    DismissOutcomes,
    DatabasesLoaded,
    Reply,
    OperationStarted,
    OperationProgress,
    Restore,
}

/// How often each kind of step comes, out of 59.
const WEIGHTS: [(Kind, u32); 22] = [
    (Kind::Connect, 1),
    (Kind::SelectDatabase, 1),
    (Kind::SetReadOnly, 1),
    (Kind::SetFilter, 1),
    (Kind::SetStateFilter, 1),
    (Kind::SetSort, 2),
    (Kind::SetRefreshInterval, 1),
    (Kind::ToggleSelected, 2),
    (Kind::SelectMatching, 1),
    (Kind::OpenCollection, 2),
    (Kind::CloseCollection, 1),
    (Kind::TogglePartition, 3),
    (Kind::SelectAllPartitions, 2),
    (Kind::AskCollections, 1),
    (Kind::AskPartitions, 1),
    (Kind::CloseConfirmation, 1),
    (Kind::DismissOutcomes, 1),
    (Kind::DatabasesLoaded, 1),
    (Kind::Reply, 21),
    (Kind::OperationStarted, 5),
    (Kind::OperationProgress, 6),
    (Kind::Restore, 3),
];

/// The kind of step a generated byte stands for.
fn kind_of(byte: u8) -> Kind {
    let total: u32 = WEIGHTS.iter().map(|(_, weight)| weight).sum();
    let mut at = u32::from(byte) % total;
    for (kind, weight) in WEIGHTS {
        if at < weight {
            return kind;
        }
        at -= weight;
    }
    Kind::Reply
}

impl Driver {
    /// A driver whose view lists a few collections, as after the first sweep's listing.
    pub fn new() -> Self {
        let mut state = ConsoleState::new("default");
        state.apply(Action::Reply {
            generation: 0,
            reply: Reply::ListLoaded {
                result: Ok((0..6).map(|i| inputs::collection(i).to_string()).collect()),
                at: 0.0,
            },
        });
        Driver {
            state,
            clock: 0,
            next_id: 1,
            started: BTreeSet::new(),
            dismissed: BTreeSet::new(),
            finals: BTreeMap::new(),
            reached: BTreeMap::new(),
        }
    }

    /// The order of a read sent now.
    fn fresh(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    /// An order for a read of something whose newest applied read is `known`: older, the
    /// same, or sent now.
    fn order(&mut self, mode: u8, known: u64) -> u64 {
        match mode % 4 {
            0 => known.saturating_sub(1 + u64::from(mode / 4 % 3)),
            1 => known,
            _ => self.fresh(),
        }
    }

    /// Applies one step and checks every promise of the state.
    pub fn step(&mut self, raw: &RawStep) -> Check {
        let before = self.state.clone();
        let kind = kind_of(raw.kind);
        match kind {
            Kind::Reply => return self.reply(raw, before),
            Kind::OperationStarted => self.operation_started(raw)?,
            Kind::OperationProgress => self.operation_progress(raw)?,
            Kind::Restore => self.restore(raw, &before)?,
            _ => self.intent(kind, raw, &before)?,
        }
        self.check(&before)
    }

    fn check(&mut self, before: &ConsoleState) -> Check {
        restore::promises(before, &self.state, &mut self.reached)?;
        checks::rows(&self.state)?;
        checks::selections(&self.state)?;
        checks::outcomes(&self.state, &self.started, &self.dismissed, &self.finals)?;
        checks::orders(before, &self.state)
    }

    /// A reply for this view or another; another view's changes nothing.
    fn reply(&mut self, raw: &RawStep, before: ConsoleState) -> Check {
        let generation = match raw.b % 16 {
            0 => before.generation.wrapping_sub(1),
            1 => before.generation + 1,
            _ => before.generation,
        };
        let reply = self.build_reply(raw);
        self.state.apply(Action::Reply {
            generation,
            reply: reply.clone(),
        });
        if generation != before.generation {
            ensure!(
                self.state == before,
                "a reply of generation {generation} changed the view of {}",
                before.generation
            );
            bump(
                &mut self.reached,
                if generation < before.generation {
                    "reply of an older view dropped"
                } else {
                    "reply of a newer view dropped"
                },
            );
            return Ok(());
        }
        self.check_reply(&before, &reply)?;
        self.check(&before)
    }
}

impl Default for Driver {
    fn default() -> Self {
        Driver::new()
    }
}
