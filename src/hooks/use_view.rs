//! Keeps the session on the view the state names: the database's rows (a new generation),
//! the open partitions view, the automatic refresh interval.

use yew::prelude::*;

use crate::effect::use_effect_on;
use crate::hooks::BrowserSession;
use crate::state::ConsoleState;

#[hook]
pub fn use_view(state: &ConsoleState, session: &Option<BrowserSession>) {
    use_effect_on((session.clone(), state.generation), |(session, _)| {
        if let Some(s) = session {
            s.show();
        }
    });
    let open = state.open.as_ref().map(|v| v.collection.clone());
    use_effect_on(
        (session.clone(), state.generation, open),
        |(session, _, _)| {
            if let Some(s) = session {
                s.show_partitions();
            }
        },
    );
    use_effect_on((session.clone(), state.refresh_interval), |(session, _)| {
        if let Some(s) = session {
            s.refresh_interval_changed();
        }
    });
}
