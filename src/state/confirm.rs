//! A confirmation: what will change, on which targets. It carries its targets, so confirming
//! acts on what the user saw, whatever is on screen by then; the reducer closes it when the
//! database, the connection or the read-only mode changes.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::{Change, ConsoleState, Operation, Target};
use crate::api::{LoadSettings, SettingSource};

/// An operation waiting for the user's confirmation.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Confirmation {
    pub targets: Vec<Target>,
    /// Releasing these partitions leaves nothing loaded: the whole collection is released.
    pub releases_everything: bool,
    /// What the operation would change on each collection, judged when it was asked (absent:
    /// sent as asked).
    pub changes: BTreeMap<Rc<str>, Change>,
    /// Loads: the replica setting the server will apply, per collection, once read.
    pub settings: BTreeMap<Rc<str>, LoadSettings>,
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
        let changes = names
            .iter()
            .map(|n| (n.clone(), Change::of(self.row(n), operation)))
            .collect();
        Confirmation {
            targets: self.collection_targets(names, operation),
            changes,
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
