//! A confirmation: what will change, on which targets. It carries its targets, so confirming
//! acts on what the user saw, whatever is on screen by then; the reducer closes it when the
//! database, the connection or the read-only mode changes.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::{ConsoleState, Operation, RowState, Target};
use crate::api::{LoadSettings, LoadState, SettingSource};

/// An operation waiting for the user's confirmation.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Confirmation {
    pub targets: Vec<Target>,
    /// Releasing these partitions leaves nothing loaded: the whole collection is released.
    pub releases_everything: bool,
    /// Loads: collections known partly loaded (completing them may meet replicas set by
    /// another client).
    pub partial: Vec<Rc<str>>,
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

/// What the dialog says.
#[derive(Clone, Debug, PartialEq)]
pub struct DialogText {
    pub title: String,
    pub items: Vec<String>,
    pub require_typed: Option<Vec<String>>,
    pub verb: &'static str,
}

impl Confirmation {
    /// The dialog's title, one line per change, the words to type for a bulk release.
    pub fn text(&self) -> DialogText {
        let Some(first) = self.targets.first() else {
            return DialogText {
                title: "Nothing to do".into(),
                items: Vec::new(),
                require_typed: None,
                verb: "OK",
            };
        };
        let operation = first.operation;
        let verb = operation.verb();
        if !first.partitions.is_empty() {
            let collection: &Rc<str> = &first.collection;
            let names = &first.partitions;
            let mut items: Vec<String> = names.iter().map(|n| format!("partition {n}")).collect();
            if self.releases_everything && operation == Operation::Release {
                items.insert(0, format!("These are its last loaded partitions: the whole collection {collection} will be released."));
            }
            return DialogText {
                title: format!("{verb} {} partition(s) of {collection}?", names.len()),
                items,
                require_typed: None,
                verb,
            };
        }
        let consequence = match operation {
            Operation::Release => {
                "leaves query-node memory; searches on it fail until it is loaded again"
            }
            Operation::Load => "is loaded into query-node memory",
        };
        let count = self.targets.len();
        let title = if count == 1 {
            format!("{verb} collection?")
        } else {
            format!("{verb} {count} collections?")
        };
        let items = self
            .targets
            .iter()
            .map(|t| {
                let line = format!("{} {consequence}", t.collection);
                if operation == Operation::Release {
                    return line;
                }
                let replicas = match self.settings.get(&t.collection) {
                    Some(settings) => replicas_text(settings),
                    None => "replica setting: checking…".to_string(),
                };
                let mut line = format!("{line} — {replicas}");
                if self.partial.contains(&t.collection) {
                    line.push_str(". It is partly loaded: completing the load may conflict with replicas set by another client, and the server then refuses it");
                }
                line
            })
            .collect();
        let require_typed = (operation == Operation::Release && count > 1)
            .then(|| vec![count.to_string(), "release".to_string()]);
        DialogText {
            title,
            items,
            require_typed,
            verb,
        }
    }
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
        let partial = names
            .iter()
            .filter(|n| {
                self.row(n).is_some_and(|r| {
                    r.state == RowState::Known(LoadState::Loaded)
                        && (r.partly_loaded || r.coverage.is_some_and(|c| c.is_partial()))
                })
            })
            .cloned()
            .collect();
        Confirmation {
            targets: self.collection_targets(names, operation),
            partial,
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
