//! What the view asks for: a change of the state alone, or one that needs the session too.
//! Components send intents; one hook carries them out.

use std::rc::Rc;

use super::{confirm_blocked, Action, Confirmation, ConsoleState, LoadChoice, Target};

/// What the user asked of the view.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// A change of the state alone (a filter, a tick, opening a collection…).
    State(Action),
    /// Lists the collections and reads every state again (and the databases, when they failed).
    Refresh,
    /// Asks the user to confirm an operation; a load's replica settings are read meanwhile.
    Ask(Confirmation),
    /// The user confirmed the confirmation on screen.
    Confirm,
    /// These rows are on screen now: read first.
    Visible(Vec<Rc<str>>),
}

/// What confirming does: the changes of the state, then the operations to start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Confirmed {
    pub actions: Vec<Action>,
    pub operations: Vec<Target>,
    /// Replicas and groups to store on the collection before its load.
    pub choice: Option<LoadChoice>,
}

impl ConsoleState {
    /// What confirming the confirmation on screen does, on the session of `connection`:
    /// it closes; nothing is started in read-only mode or for a confirmation asked on
    /// another connection; a collections confirmation clears the selection.
    pub fn confirmed(&self, connection: u64) -> Confirmed {
        let Some(confirmation) = &self.confirm else {
            return Confirmed::default();
        };
        let mut actions = vec![Action::CloseConfirmation];
        let ours = confirmation
            .targets
            .iter()
            .all(|t| t.connection == connection);
        if self.read_only || !ours {
            return Confirmed {
                actions,
                ..Confirmed::default()
            };
        }
        let choice = self.load_choice();
        if confirm_blocked(confirmation, choice.as_ref()) {
            // Refused before sending (or nothing to change): the dialog stays, saying why.
            return Confirmed::default();
        }
        if confirmation.targets.iter().all(|t| t.partitions.is_empty()) {
            actions.push(Action::SelectMatching(false));
        }
        Confirmed {
            actions,
            operations: confirmation.targets.clone(),
            choice: choice.filter(|c| c.changed).map(|c| c.chosen),
        }
    }
}
