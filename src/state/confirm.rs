//! A confirmation: what will change, on which targets. It carries its targets, so confirming
//! acts on what the user saw, whatever is on screen by then; the reducer closes it when the
//! database, the connection or the read-only mode changes.

use std::rc::Rc;

use super::{Change, ConsoleState, LoadChoice, LoadFit, Operation, Target};
use crate::api::{LoadSettings, SettingSource};

/// An operation waiting for the user's confirmation.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Confirmation {
    pub targets: Vec<Target>,
    /// Releasing these partitions leaves nothing loaded: the whole collection is released.
    pub releases_everything: bool,
    /// What the operation would change on each target's collection, in the targets' order,
    /// judged when it was asked (absent: sent as asked).
    pub changes: Vec<Change>,
    /// Loads: the replica setting the server will apply, per collection, once read.
    pub settings: SettingsRead,
    /// Loads of collections: their estimates against the free memory, when it opened.
    pub fit: LoadFit,
    /// A Load of one collection: the replicas and groups the user chose (none: as resolved).
    pub choice: Option<LoadChoice>,
    /// Changes the replicas of a loaded collection: the choice is stored on it, then a load
    /// applies it.
    pub reconfigures: bool,
}

/// The most collections whose load settings a Load confirmation, or a restore's plan, reads.
pub const SETTINGS_READ: usize = 20;

/// A collection's load settings, or why they could not be read.
pub type SettingsOrWhy = Result<LoadSettings, Rc<str>>;

/// The load settings read for a confirmation's collections (its first `SETTINGS_READ`), or
/// why one could not be read.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SettingsRead(Vec<(Rc<str>, SettingsOrWhy)>);

impl SettingsRead {
    fn read(&self, collection: &str) -> Option<&SettingsOrWhy> {
        self.0
            .iter()
            .find(|(c, _)| **c == *collection)
            .map(|(_, s)| s)
    }

    pub fn get(&self, collection: &str) -> Option<&LoadSettings> {
        self.read(collection)?.as_ref().ok()
    }

    /// Why the settings of `collection` could not be read.
    pub fn failure(&self, collection: &str) -> Option<&str> {
        self.read(collection)?.as_ref().err().map(|why| &**why)
    }

    /// Keeps what was read for `collection`, replacing what was read before.
    pub fn insert(&mut self, collection: Rc<str>, settings: SettingsOrWhy) {
        match self.0.iter_mut().find(|(c, _)| *c == collection) {
            Some((_, s)) => *s = settings,
            None => self.0.push((collection, settings)),
        }
    }
}

impl Confirmation {
    /// The collections whose load settings are read for this confirmation: the first
    /// `SETTINGS_READ` whole collections it sends a load to (the dialog of a partition load
    /// does not show them; skipped ones send nothing), each once.
    pub fn settings_to_read(&self) -> Vec<Rc<str>> {
        let mut names: Vec<Rc<str>> = Vec::new();
        for (target, change) in self.judged() {
            if names.len() == SETTINGS_READ {
                break;
            }
            let loads = target.operation == Operation::Load && target.partitions.is_empty();
            if loads && change.sends() && !names.contains(&target.collection) {
                names.push(target.collection.clone());
            }
        }
        names
    }

    /// Each target with what it would change.
    pub fn judged(&self) -> impl Iterator<Item = (&Target, Change)> {
        let changes = self
            .changes
            .iter()
            .copied()
            .chain(std::iter::repeat(Change::Sent));
        self.targets.iter().zip(changes)
    }
}

/// The replica setting a load applies, and where it comes from.
pub fn replicas_text(settings: &LoadSettings) -> String {
    let replicas = &settings.replicas;
    let (n, property) = match (replicas.value, replicas.source) {
        (Some(n), SettingSource::Collection) => {
            (n, "collection property collection.replica.number")
        }
        (Some(n), SettingSource::Database) => (n, "database property database.replica.number"),
        (None, _) | (_, SettingSource::ClusterDefault) => {
            return "cluster default, usually 1 replica".to_string()
        }
    };
    let noun = if n == 1 { "replica" } else { "replicas" };
    format!("{n} {noun} ({property})")
}

impl ConsoleState {
    /// The confirmation's targets for one or several collections of the view on screen.
    pub fn collection_targets(&self, names: &[Rc<str>], operation: Operation) -> Vec<Target> {
        names
            .iter()
            .map(|name| Target {
                connection: self.connection,
                database: self.database.as_str().into(),
                collection: name.clone(),
                partitions: Vec::new(),
                operation,
            })
            .collect()
    }

    /// The confirmation for one or several collections of the view on screen.
    pub fn collection_confirmation(&self, names: &[Rc<str>], operation: Operation) -> Confirmation {
        let changes: Vec<Change> = names
            .iter()
            .map(|n| Change::of(self.row(n), operation))
            .collect();
        let fit = match operation {
            Operation::Load => {
                let sent: Vec<Rc<str>> = names
                    .iter()
                    .zip(&changes)
                    .filter(|(_, change)| change.sends())
                    .map(|(name, _)| name.clone())
                    .collect();
                self.load_fit(&sent)
            }
            Operation::Release => LoadFit::default(),
        };
        Confirmation {
            targets: self.collection_targets(names, operation),
            changes,
            fit,
            ..Confirmation::default()
        }
    }

    /// The confirmation that changes the replicas and groups of a loaded collection.
    pub fn replicas_confirmation(&self, name: Rc<str>) -> Confirmation {
        Confirmation {
            targets: self.collection_targets(&[name], Operation::Load),
            changes: vec![Change::Sent],
            reconfigures: true,
            ..Confirmation::default()
        }
    }

    /// The confirmation for partitions of the open collection.
    pub fn partitions_confirmation(
        &self,
        names: Vec<Rc<str>>,
        operation: Operation,
    ) -> Option<Confirmation> {
        let view = self.open.as_ref()?;
        let releases_everything =
            operation == Operation::Release && view.releases_everything(&names);
        Some(Confirmation {
            targets: vec![Target {
                connection: self.connection,
                database: self.database.as_str().into(),
                collection: view.collection.clone(),
                partitions: names,
                operation,
            }],
            releases_everything,
            ..Confirmation::default()
        })
    }
}
