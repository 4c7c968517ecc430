//! Carries out the view's intents: changes of the state go to the store, the rest to the
//! session as well. With `use_loaded_set` (save and restore), the only places where a click
//! reaches the session.

use yew::prelude::*;

use crate::journal::Format;
use crate::session::{BrowserSession, Store};
use crate::state::{Action, Intent, Remote};

/// The callbacks the view gets.
#[derive(Clone, PartialEq)]
pub struct ViewIntents {
    pub on_intent: Callback<Intent>,
    /// Downloads the results in a format; why the browser refused, if it did.
    pub on_export: Callback<Format, Option<String>>,
}

#[hook]
pub fn use_intents(store: &Store, session: Option<&BrowserSession>) -> ViewIntents {
    let on_intent = {
        let (store, session) = (store.clone(), session.cloned());
        use_callback(session.clone(), move |intent: Intent, _| {
            carry_out(&store, session.as_ref(), intent)
        })
    };
    let on_export = {
        let store = store.clone();
        use_callback((), move |format: Format, _| {
            let state = store.state();
            let (name, mime, text) =
                format.file(&state.outcomes, state.outcomes_dropped, js_sys::Date::now());
            crate::download::save(&name, mime, &text).err()
        })
    };
    ViewIntents {
        on_intent,
        on_export,
    }
}

fn carry_out(store: &Store, session: Option<&BrowserSession>, intent: Intent) {
    match intent {
        Intent::State(action) => store.intent(action),
        Intent::Ask(confirmation) => {
            if let Some(session) = session {
                session.read_load_settings(&confirmation);
            }
            store.intent(Action::Ask(confirmation));
        }
        Intent::Confirm => {
            let Some(session) = session else {
                return store.intent(Action::CloseConfirmation);
            };
            let confirmed = store.state().confirmed(session.connection());
            for action in confirmed.actions {
                store.intent(action);
            }
            session.load_as_chosen(confirmed.operations, confirmed.choice);
        }
        Intent::Refresh => {
            if let Some(session) = session {
                if matches!(store.state().databases, Remote::Failed(_)) {
                    session.load_databases();
                }
                session.refresh();
            }
        }
        Intent::Visible(names) => {
            if let Some(session) = session {
                session.set_visible(names);
            }
        }
    }
}
