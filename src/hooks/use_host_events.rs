//! Reports to an embedding host: `statechange` when the counts change, `action` for every
//! release/load that ends, `error` when a listing or the connection fails.

use yew::prelude::*;

use crate::api::ApiError;
use crate::embed::{ActionReport, ErrorReport, EventSink, StateChange};
use crate::state::{ConsoleState, Remote, StateCounts};

#[hook]
pub fn use_host_events(
    events: Option<EventSink>,
    state: &UseReducerHandle<ConsoleState>,
    counts: StateCounts,
    connect_error: &UseStateHandle<Option<ApiError>>,
) {
    {
        let (events, database) = (events.clone(), state.database.clone());
        use_effect_with((counts, database), move |(c, database)| {
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
    // Outcomes only grow until dismissed: report the ones not reported yet.
    let reported = use_mut_ref(|| 0usize);
    {
        let (events, outcomes, database) = (
            events.clone(),
            state.outcomes.clone(),
            state.database.clone(),
        );
        let partition_outcome = state
            .open
            .as_ref()
            .and_then(|v| v.outcome.clone().map(|o| (v.collection.to_string(), o)));
        use_effect_with(
            (outcomes, partition_outcome),
            move |(outcomes, partition_outcome)| {
                let mut seen = reported.borrow_mut();
                if outcomes.len() < *seen {
                    *seen = 0;
                }
                if let Some(events) = &events {
                    for o in outcomes.iter().skip(*seen) {
                        events.action(&ActionReport {
                            database: o.database.clone(),
                            collection: o.collection.clone(),
                            partitions: (!o.partitions.is_empty()).then(|| o.partitions.clone()),
                            operation: o.operation.verb(),
                            ok: o.result.is_ok(),
                            error: o.result.as_ref().err().map(ToString::to_string),
                        });
                    }
                    if let Some((collection, o)) = partition_outcome {
                        events.action(&ActionReport {
                            database: database.clone(),
                            collection: collection.clone(),
                            partitions: Some(o.names.iter().map(|n| n.to_string()).collect()),
                            operation: o.operation.verb(),
                            ok: o.result.is_ok(),
                            error: o.result.as_ref().err().map(ToString::to_string),
                        });
                    }
                }
                *seen = outcomes.len();
            },
        );
    }
    let failure = match (&state.list, &**connect_error) {
        (_, Some(e)) => Some(("connect", e.to_string())),
        (Remote::Failed(e), _) => Some(("listing collections", e.to_string())),
        _ => state.stale.as_ref().map(|e| ("refresh", e.to_string())),
    };
    use_effect_with(failure, move |failure| {
        if let (Some(events), Some((context, message))) = (events, failure) {
            events.error(&ErrorReport {
                context: context.to_string(),
                message: message.clone(),
            });
        }
    });
}
