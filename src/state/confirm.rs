//! A confirmation: what will change, on which targets. It carries its targets, so confirming
//! acts on what the user saw, whatever is on screen by then; the reducer closes it when the
//! database, the connection or the read-only mode changes.

use std::rc::Rc;

use super::{Operation, Target};

/// An operation waiting for the user's confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirmation {
    pub targets: Vec<Target>,
    /// Releasing these partitions leaves nothing loaded: the whole collection is released.
    pub releases_everything: bool,
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
            .map(|t| format!("{} {consequence}", t.collection))
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
