//! Follows options the host changes after mounting: database, read-only mode, auto-refresh,
//! stall minutes, concurrency, and refresh requests. (Endpoint and token changes reconnect:
//! `use_session`.)

use yew::prelude::*;

use crate::effect::use_effect_on;
use crate::hooks::BrowserSession;
use crate::options::ConsoleOptions;
use crate::session::Store;
use crate::state::Action;

#[hook]
pub fn use_host_options(
    options: &ConsoleOptions,
    refresh_nonce: u32,
    store: &Store,
    session: &Option<BrowserSession>,
) {
    {
        let store = store.clone();
        use_effect_on(options.database.clone(), move |database| {
            if let Some(database) = database {
                store.intent(Action::SelectDatabase(database.clone()));
            }
        });
    }
    {
        let store = store.clone();
        use_effect_on(options.read_only, move |read_only| {
            store.intent(Action::SetReadOnly(*read_only));
        });
    }
    {
        let store = store.clone();
        use_effect_on(options.refresh_interval, move |seconds| {
            store.intent(Action::SetRefreshInterval(*seconds));
        });
    }
    {
        let store = store.clone();
        use_effect_on(options.stall_minutes, move |minutes| {
            store.intent(Action::SetStallMinutes(*minutes));
        });
    }
    use_effect_on(
        (session.clone(), options.concurrency),
        move |(session, limit)| {
            if let Some(s) = session {
                s.set_concurrency(*limit);
            }
        },
    );
    {
        let session = session.clone();
        use_effect_on(refresh_nonce, move |nonce| {
            if let (Some(s), true) = (&session, *nonce > 0) {
                s.refresh();
            }
        });
    }
}
