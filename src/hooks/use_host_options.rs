//! Follows options the host changes after mounting: database, auto-refresh, concurrency, and
//! refresh requests. (Endpoint and token changes reconnect, in the root component.)

use yew::prelude::*;

use crate::app::AppProps;
use crate::controller::Controller;
use crate::state::{Action, ConsoleState};

#[hook]
pub fn use_host_options(
    props: &AppProps,
    state: &UseReducerHandle<ConsoleState>,
    controller: &UseStateHandle<Option<Controller>>,
) {
    let options = &props.options;
    {
        let state = state.clone();
        use_effect_with(options.database.clone(), move |database| {
            if let Some(database) = database {
                state.dispatch(Action::SelectDatabase(database.clone()));
            }
        });
    }
    {
        let state = state.clone();
        use_effect_with(options.refresh_interval_seconds, move |seconds| {
            state.dispatch(Action::SetAutoRefresh(*seconds));
        });
    }
    {
        let concurrency = options.concurrency;
        use_effect_with(
            (controller.clone(), concurrency),
            move |(controller, limit)| {
                if let Some(c) = &**controller {
                    c.set_concurrency(*limit);
                }
            },
        );
    }
    {
        let (controller, generation, database) =
            (controller.clone(), state.generation, state.database.clone());
        use_effect_with(props.refresh_nonce, move |nonce| {
            if let (Some(c), true) = (&*controller, *nonce > 0) {
                c.refresh(generation, &database);
            }
        });
    }
}
