//! The loaded set's save and restore as the user sees them: a save's read, a restore's reads
//! (which Cancel stops), its plan, and how it ended. Every read has a ticket: only the newest
//! read's results are taken, and only while it is shown, so a closed or replaced read's late
//! results change nothing. A change of connection, database or read-only mode closes a
//! restore's read and its plan, as it closes a confirmation (`ConsoleState::close_asked`).

use std::rc::Rc;

use crate::api::ApiError;
pub use crate::loaded_set::{FormatError, Plan, PlanItem, Step, Ticked};

use super::ConsoleState;

/// The save and restore of the loaded set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restore {
    /// The newest read started: the results of older ones are dropped.
    pub ticket: u64,
    pub stage: Stage,
    /// Collections read, of those listed so far, by the read under way.
    pub counted: (usize, usize),
}

/// Where the save or restore stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Stage {
    #[default]
    Idle,
    /// The read of `ticket` is under way.
    Reading(ReadStep),
    /// The plan of `ticket`'s read, waiting for Run or Cancel.
    Planned(Rc<Planned>),
    /// The save's file was offered.
    Saved(Saved),
    /// The user cancelled a restore's read.
    Cancelled,
    Failed(RestoreError),
}

/// What a read is reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadStep {
    /// A save reads what is loaded in every database.
    Save,
    /// A restore reads its file (its name, shortened).
    File(String),
    /// A restore reads what is loaded now.
    Loaded,
    /// A restore reads the replica settings of its loads.
    Replicas,
}

/// A restore's plan, shown before it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub plan: Plan,
    /// Where and when the file was saved.
    pub source: String,
    /// The replica setting the loads apply.
    pub replicas: Vec<String>,
    /// The releases ticked, by index in the plan.
    pub ticked: Ticked,
    /// The connection it was read on: it runs on that one only.
    pub connection: u64,
}

/// The file a save offered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub name: String,
    pub collections: usize,
    pub databases: usize,
}

/// Why what is loaded could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("Listing the databases: {0}")]
    Databases(ApiError),
    #[error("Listing the collections of database {database}: {error}")]
    Collections { database: String, error: ApiError },
    #[error("Could not tell what of {database}/{collection} is loaded: {why}")]
    Untold {
        database: String,
        collection: String,
        why: Untold,
    },
}

/// Why what of one collection is loaded could not be told.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Untold {
    #[error("{0}")]
    Api(ApiError),
    /// The server's own words for a state it could not tell.
    #[error("{0}")]
    Server(String),
    #[error("partition {partition}: {why}")]
    Partition { partition: String, why: String },
    #[error("its partitions changed while being read; try again")]
    PartitionsChanged,
    #[error("the server could not find it, yet it exists")]
    FoundYetExists,
}

/// Why a save or restore ended without its result: the status line it shows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    /// The browser could not read the file (its name, shortened).
    #[error("Restore: Could not read the file {0}. Nothing was changed.")]
    Unreadable(String),
    #[error("Restore: {0} Nothing was changed.")]
    Format(FormatError),
    #[error("Restore: {0}. Nothing was changed.")]
    Read(ReadError),
    #[error("Save loaded set: {0}")]
    Save(ReadError),
    /// The browser refused the download (its reason).
    #[error("Save loaded set: The file was not saved: {0}.")]
    NotSaved(String),
    #[error("Restore: the connection, database or read-only mode changed, so the plan was closed. Nothing was changed.")]
    PlanClosed,
    #[error("Restore: the connection, database or read-only mode changed, so reading was stopped. Nothing was changed.")]
    ReadStopped,
    #[error("Save loaded set: the connection changed, so reading was stopped.")]
    SaveStopped,
}

/// What the session reports of a read, and what the user asks of a restore.
#[derive(Clone, Debug, PartialEq)]
pub enum RestoreAction {
    /// A read started (a newer ticket replaces what is shown) or moved on.
    Progress {
        ticket: u64,
        step: ReadStep,
    },
    /// The read of `ticket` has read `read` collections of the `of` listed so far.
    Counted {
        ticket: u64,
        read: usize,
        of: usize,
    },
    Planned {
        ticket: u64,
        planned: Rc<Planned>,
    },
    Saved {
        ticket: u64,
        saved: Saved,
    },
    Failed {
        ticket: u64,
        error: RestoreError,
    },
    /// Ticks or unticks one release of the plan (its index in the plan).
    Tick(usize),
    /// Ticks (`true`) or unticks every release of the plan, listed or not.
    TickAll(bool),
    /// Stops a restore's read, or closes its plan.
    Close,
}

/// The status line under the buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    /// A failure, announced as an alert.
    pub alert: bool,
    /// A restore's read, which Cancel stops.
    pub cancellable: bool,
}

impl Restore {
    /// The ticket of the read under way.
    pub fn reading(&self) -> Option<u64> {
        matches!(self.stage, Stage::Reading(_)).then_some(self.ticket)
    }

    /// The plan shown.
    pub fn planned(&self) -> Option<&Rc<Planned>> {
        match &self.stage {
            Stage::Planned(planned) => Some(planned),
            _ => None,
        }
    }

    /// " read 340 of 1,000 collections" once collections are listed.
    fn count_text(&self) -> String {
        use crate::number::grouped;
        match self.counted {
            (_, 0) => String::new(),
            (read, of) => format!(
                " read {} of {} collections",
                grouped(read as u64),
                grouped(of as u64)
            ),
        }
    }

    /// The status line, if there is one.
    pub fn status(&self) -> Option<Status> {
        let (text, alert) = match &self.stage {
            Stage::Idle | Stage::Planned(_) => return None,
            Stage::Reading(ReadStep::Save) => (
                format!("Reading what is loaded…{}", self.count_text()),
                false,
            ),
            Stage::Reading(ReadStep::File(name)) => (format!("Restore: reading {name}…"), false),
            Stage::Reading(ReadStep::Loaded) => (
                format!("Restore: reading what is loaded now…{}", self.count_text()),
                false,
            ),
            Stage::Reading(ReadStep::Replicas) => (
                "Restore: reading the replica settings of the loads…".to_string(),
                false,
            ),
            Stage::Saved(s) => (
                format!(
                    "Saved {} loaded collections of {} databases to {}.",
                    s.collections, s.databases, s.name
                ),
                false,
            ),
            Stage::Cancelled => ("Restore cancelled. Nothing was changed.".to_string(), false),
            Stage::Failed(e) => (e.to_string(), true),
        };
        let cancellable = matches!(&self.stage, Stage::Reading(step) if *step != ReadStep::Save);
        Some(Status {
            text,
            alert,
            cancellable,
        })
    }

    pub(super) fn apply(&mut self, action: RestoreAction, read_only: bool) {
        match action {
            RestoreAction::Progress { ticket, step } => {
                // Restoring is refused in read-only mode; saving only reads.
                let save = step == ReadStep::Save;
                let refused = read_only && !save;
                if !refused && (ticket > self.ticket || self.under_way(ticket, Some(save))) {
                    if ticket != self.ticket {
                        self.counted = (0, 0);
                    }
                    self.ticket = ticket;
                    self.stage = Stage::Reading(step);
                }
            }
            RestoreAction::Counted { ticket, read, of } => {
                if self.under_way(ticket, None) {
                    self.counted = (read, of);
                }
            }
            RestoreAction::Planned { ticket, planned } => {
                self.end(ticket, Some(false), Stage::Planned(planned))
            }
            RestoreAction::Saved { ticket, saved } => {
                self.end(ticket, Some(true), Stage::Saved(saved))
            }
            RestoreAction::Failed { ticket, error } => self.end(ticket, None, Stage::Failed(error)),
            RestoreAction::Tick(i) => {
                if let Stage::Planned(p) = &mut self.stage {
                    if p.plan
                        .items
                        .get(i)
                        .is_some_and(|item| item.step == Step::Release)
                    {
                        Rc::make_mut(p).ticked.toggle(i);
                    }
                }
            }
            RestoreAction::TickAll(all) => {
                if let Stage::Planned(p) = &mut self.stage {
                    let p = Rc::make_mut(p);
                    p.ticked = if all {
                        p.plan.indices(Step::Release).collect()
                    } else {
                        Ticked::default()
                    };
                }
            }
            RestoreAction::Close => match self.stage {
                Stage::Reading(ReadStep::Save) => {}
                Stage::Reading(_) => self.stage = Stage::Cancelled,
                Stage::Planned(_) => self.stage = Stage::Idle,
                _ => {}
            },
        }
    }

    /// Whether `ticket` is the read under way, a save's or a restore's as `save` says (either
    /// when `None`).
    fn under_way(&self, ticket: u64, save: Option<bool>) -> bool {
        match &self.stage {
            Stage::Reading(step) => {
                ticket == self.ticket && save.is_none_or(|save| save == (*step == ReadStep::Save))
            }
            _ => false,
        }
    }

    /// The read of `ticket` ended, if it is still the one shown.
    fn end(&mut self, ticket: u64, save: Option<bool>, stage: Stage) {
        if self.under_way(ticket, save) {
            self.stage = stage;
        }
    }

    /// A restore's read stops and its plan closes, saying why; a save's read (of every
    /// database, and only reading) stops with its connection only.
    fn close(&mut self, connection: bool) {
        self.stage = match self.stage {
            Stage::Reading(ReadStep::Save) if connection => {
                Stage::Failed(RestoreError::SaveStopped)
            }
            Stage::Reading(ReadStep::Save) => return,
            Stage::Reading(_) => Stage::Failed(RestoreError::ReadStopped),
            Stage::Planned(_) => Stage::Failed(RestoreError::PlanClosed),
            _ => return,
        };
    }
}

impl ConsoleState {
    /// What the user was asked about what was on screen closes: the confirmation, and a
    /// restore's read and plan (a save's read too when `connection` changed).
    pub(super) fn close_asked(&mut self, connection: bool) {
        self.confirm = None;
        self.restore.close(connection);
    }
}
