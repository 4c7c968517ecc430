//! Reports to an embedding host: `statechange` when the counts change, `error` when a listing
//! or the connection fails, `stall` once per stalled load, and `action` once for every release/load that ends (the session
//! reports those through the store, also after the console is gone).

use std::rc::Rc;

use yew::prelude::*;

use crate::api::ApiError;
use crate::effect::use_effect_on;
use crate::host::{ErrorReport, EventSink, StateChange};
use crate::session::Store;
use crate::state::{ConsoleState, Listing, StateCounts};

#[hook]
pub fn use_host_reports(
    events: Option<EventSink>,
    store: &Store,
    state: &ConsoleState,
    counts: StateCounts,
    connect_error: &Option<ApiError>,
) {
    {
        let store = store.clone();
        use_effect_on(events.clone(), move |events| {
            let reporter = events.clone().map(|sink| {
                Rc::new(move |report: &crate::host::ActionReport| sink.action(report))
                    as Rc<dyn Fn(&crate::host::ActionReport)>
            });
            store.set_reporter(reporter);
            let stalls = events.clone().map(|sink| {
                Rc::new(move |report: &crate::host::StallReport| sink.stall(report))
                    as Rc<dyn Fn(&crate::host::StallReport)>
            });
            store.set_stall_reporter(stalls);
        });
    }
    {
        let (events, database) = (events.clone(), state.database.clone());
        use_effect_on((counts, database), move |(c, database)| {
            if let Some(events) = events {
                events.state_change(&StateChange {
                    database: database.clone(),
                    loaded: c.loaded,
                    loading: c.loading,
                    released: c.released,
                    problem: c.problem,
                    pending: c.pending,
                });
            }
        });
    }
    let failure = match (&state.listing, connect_error) {
        (_, Some(e)) if e.is_not_authenticated() => Some(("auth", e.to_string())),
        (_, Some(e)) => Some(("connect", e.to_string())),
        (Listing::Failed(e), _) => Some(("listing collections", e.to_string())),
        _ => state.listing.stale().map(|e| ("refresh", e.to_string())),
    };
    use_effect_on(failure, move |failure| {
        if let (Some(events), Some((context, message))) = (events, failure) {
            events.error(&ErrorReport {
                context: context.to_string(),
                message: message.clone(),
            });
        }
    });
}
