//! What the confirmation dialog says: a title, one line saying what will change, the names
//! grouped by what happens to them, and details (replica settings, partial loads).

use std::rc::Rc;

use super::confirm::SETTINGS_READ;
use super::{replicas_text, Change, Confirmation, Operation, Target};
use crate::number::grouped;
use crate::substring::Joined;

/// Names that share a fate, under a heading.
#[derive(Clone, Debug, PartialEq)]
pub struct NameGroup {
    pub heading: String,
    pub names: Vec<Rc<str>>,
}

/// What the dialog says.
#[derive(Clone, Debug, PartialEq)]
pub struct DialogText {
    pub title: String,
    /// What will change, in one line.
    pub summary: String,
    /// The names, by what happens to them (several collections, or partitions).
    pub groups: Vec<NameGroup>,
    /// Details, one line each.
    pub items: Vec<String>,
    /// The user must type one of these words before confirming (bulk releases).
    pub require_typed: Option<Vec<String>>,
    pub verb: &'static str,
}

/// "1 partition", "2,000 partitions".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n as u64), if n == 1 { one } else { many })
}

fn participle(operation: Operation) -> &'static str {
    match operation {
        Operation::Release => "released",
        Operation::Load => "loaded",
    }
}

/// Changing the replicas of a loaded collection. REST does not tell the server's version, so
/// the dialog says what each version does with the stored choice (contract section 10.6).
fn reconfiguration_text(name: &str) -> DialogText {
    DialogText {
        title: format!("Change the replicas of {name}?"),
        summary: format!("{name} stays loaded: the choice is stored on it, then a load applies it."),
        groups: Vec::new(),
        items: vec![
            "Milvus 2.6.3 and later apply a stored choice at once; 2.5.4 to 2.6.2 at the load sent right after it.".into(),
            "While new replicas load, the collection reads Loaded and searches may answer \"not fully loaded\".".into(),
            "The server does not check query nodes for this change: too many replicas are refused here.".into(),
        ],
        require_typed: None,
        verb: "Change replicas",
    }
}

impl Confirmation {
    /// Everything the dialog shows for this confirmation.
    pub fn text(&self) -> DialogText {
        match self.targets.first() {
            None => DialogText {
                title: "Nothing to do".into(),
                summary: String::new(),
                groups: Vec::new(),
                items: Vec::new(),
                require_typed: None,
                verb: "OK",
            },
            Some(first) if self.reconfigures => reconfiguration_text(&first.collection),
            Some(first) if !first.partitions.is_empty() => self.partitions_text(first),
            Some(first) if self.targets.len() == 1 => self.collection_text(first),
            Some(first) => self.collections_text(first.operation),
        }
    }

    fn partitions_text(&self, target: &Target) -> DialogText {
        let (operation, collection) = (target.operation, &target.collection);
        let names = &target.partitions;
        let mut items = Vec::new();
        if self.releases_everything && operation == Operation::Release {
            items.push(format!("These are its last loaded partitions: the whole collection {collection} will be released."));
        }
        DialogText {
            title: format!(
                "{} {} of {collection}?",
                operation.label(),
                counted(names.len(), "partition", "partitions")
            ),
            summary: format!(
                "{} of {collection} will be {}",
                counted(names.len(), "partition", "partitions"),
                participle(operation)
            ),
            groups: vec![NameGroup {
                heading: "Partitions".into(),
                names: names.clone(),
            }],
            items,
            require_typed: None,
            verb: operation.label(),
        }
    }

    fn collection_text(&self, target: &Target) -> DialogText {
        let (operation, name) = (target.operation, &target.collection);
        let change = self.changes.first().copied().unwrap_or(Change::Sent);
        let summary = match (change, operation) {
            (Change::Unloadable, _) => {
                format!("{name} has no vector index: the server refuses to load it.")
            }
            (Change::Skipped, _) => format!(
                "{name} is {}: nothing will be sent.",
                Change::skip_reason(operation)
            ),
            (Change::Completes, _) => {
                format!("{name} is partly loaded: the rest of its partitions will be loaded.")
            }
            (_, Operation::Release) => format!(
                "{name} leaves query-node memory; searches on it fail until it is loaded again."
            ),
            (_, Operation::Load) => format!("{name} is loaded into query-node memory."),
        };
        DialogText {
            title: format!("{} collection?", operation.label()),
            summary,
            groups: Vec::new(),
            items: self.load_details(operation),
            require_typed: None,
            verb: operation.label(),
        }
    }

    fn collections_text(&self, operation: Operation) -> DialogText {
        // By change, in `Change::ALL`'s order.
        let mut by_change: Vec<(Change, Vec<Rc<str>>)> =
            Change::ALL.iter().map(|c| (*c, Vec::new())).collect();
        for (target, change) in self.judged() {
            if let Some((_, names)) = by_change.iter_mut().find(|(c, _)| *c == change) {
                names.push(target.collection.clone());
            }
        }
        by_change.retain(|(_, names)| !names.is_empty());
        let count = |change: Change| {
            by_change
                .iter()
                .find(|(c, _)| *c == change)
                .map_or(0, |(_, names)| names.len())
        };
        let skipped = count(Change::Skipped) + count(Change::Unloadable);
        let acted = self.targets.len() - skipped;
        let title = if acted == 0 {
            format!("Nothing to {}", operation.label().to_ascii_lowercase())
        } else {
            format!(
                "{} {}?",
                operation.label(),
                counted(acted, "collection", "collections")
            )
        };
        let summary = by_change
            .iter()
            .map(|(c, names)| c.summary(operation, names.len()))
            .collect::<Vec<_>>()
            .joined("; ");
        let mut items = self.load_details(operation);
        if operation == Operation::Release && acted > 0 {
            items.push("Searches on released collections fail until they are loaded again.".into());
        }
        DialogText {
            title,
            summary,
            groups: by_change
                .into_iter()
                .map(|(change, names)| NameGroup {
                    heading: format!(
                        "{} ({})",
                        change.heading(operation),
                        grouped(names.len() as u64)
                    ),
                    names,
                })
                .collect(),
            items,
            require_typed: (operation == Operation::Release && acted > 1)
                .then(|| vec![acted.to_string(), "release".to_string()]),
            verb: operation.label(),
        }
    }

    /// Loads: the replica setting each load applies (one line per setting) and the risk of
    /// completing a partial load.
    fn load_details(&self, operation: Operation) -> Vec<String> {
        if operation != Operation::Load {
            return Vec::new();
        }
        let sent: Vec<(&Target, Change)> =
            self.judged().filter(|(_, change)| change.sends()).collect();
        let mut settings: Vec<(String, Vec<&str>)> = Vec::new();
        let read = self.settings_to_read();
        for (target, _) in &sent {
            let collection = &target.collection;
            let text = match (
                self.settings.get(collection),
                self.settings.failure(collection),
            ) {
                (Some(s), _) => replicas_text(s),
                (None, Some(why)) => format!("replica setting not read ({why})"),
                (None, None) if read.contains(collection) => {
                    "replica setting: checking…".to_string()
                }
                (None, None) => format!(
                    "replica setting not read (read for the first {SETTINGS_READ} collections only)"
                ),
            };
            match settings.iter_mut().find(|(t, _)| *t == text) {
                Some((_, names)) => names.push(&*target.collection),
                None => settings.push((text, vec![&*target.collection])),
            }
        }
        let mut items: Vec<String> = match settings.as_slice() {
            [(text, _)] => vec![format!("Replicas: {text}")],
            _ => settings
                .iter()
                .map(|(text, names)| format!("{text}: {}", names.joined(", ")))
                .collect(),
        };
        items.extend(self.fit.line(&self.settings, self.choice.as_ref()));
        let partial: Vec<&str> = sent
            .iter()
            .filter(|(_, change)| *change == Change::Completes)
            .map(|(t, _)| &*t.collection)
            .collect();
        if !partial.is_empty() {
            items.push(format!(
                "Partly loaded ({}): completing the load may conflict with replicas set by another client, and the server then refuses it.",
                partial.joined(", ")
            ));
        }
        items
    }
}
