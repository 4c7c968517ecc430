//! The root component: connection, then the collections of the selected database.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::{ApiError, Client, ClientOptions, FetchTransport};
use crate::components::collections_table::CollectionsTable;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::connect_form::{ConnectForm, ConnectRequest};
use crate::components::error_view::ErrorView;
use crate::components::outcomes::Outcomes;
use crate::components::toolbar::Toolbar;
use crate::controller::Controller;
use crate::options::ConsoleOptions;
use crate::state::{Action, ConsoleState, Operation, Remote};
use crate::storage;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub options: ConsoleOptions,
}

/// A confirmation waiting for the user.
#[derive(Clone, PartialEq)]
struct Pending {
    names: Vec<Rc<str>>,
    operation: Operation,
}

const STYLE: &str = include_str!("style.css");

#[component]
pub fn App(props: &AppProps) -> Html {
    let options = &props.options;
    let state = use_reducer(|| {
        ConsoleState::new(options.database.as_deref().unwrap_or("default"))
    });
    let controller = use_state(|| None::<Controller>);
    let connect_error = use_state(|| None::<ApiError>);
    let pending = use_state(|| None::<Pending>);
    let initial = use_memo((), |_| {
        let endpoint = options.endpoint.clone().or_else(storage::endpoint).unwrap_or_default();
        let stored_token = storage::token();
        let remember = stored_token.is_some();
        (endpoint, options.token.clone().or(stored_token), remember)
    });

    let connect = {
        let (state, controller, connect_error) =
            (state.clone(), controller.clone(), connect_error.clone());
        let concurrency = options.concurrency;
        Callback::from(move |request: ConnectRequest| {
            let mut client_options = ClientOptions::new(request.endpoint.clone());
            client_options.token = request.token.clone();
            match Client::new(client_options, FetchTransport) {
                Ok(client) => {
                    storage::remember_endpoint(&client.options().endpoint);
                    storage::remember_token(request.token.as_deref().filter(|_| request.remember_token));
                    if let Some(old) = &*controller {
                        old.shutdown();
                    }
                    let next = Controller::new(client, concurrency, state.dispatcher().to_callback());
                    state.dispatch(Action::Connect { database: state.database.clone() });
                    next.load_databases();
                    controller.set(Some(next));
                    connect_error.set(None);
                }
                Err(e) => connect_error.set(Some(e)),
            }
        })
    };

    // Connect at once when the host or the address gave an endpoint.
    {
        let (connect, initial) = (connect.clone(), initial.clone());
        let has_endpoint = options.endpoint.is_some();
        use_effect_with((), move |_| {
            if has_endpoint {
                connect.emit(ConnectRequest {
                    endpoint: initial.0.clone(),
                    token: initial.1.clone(),
                    remember_token: initial.2,
                });
            }
        });
    }

    // A new connection or database: list and fetch states.
    {
        let generation = state.generation;
        let database = state.database.clone();
        use_effect_with((controller.clone(), generation), move |(controller, generation)| {
            if let Some(c) = &**controller {
                c.refresh(*generation, &database);
            }
        });
    }
    // Stop everything when the console goes away.
    {
        let controller = controller.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(c) = &*controller {
                    c.shutdown();
                }
            }
        });
    }

    let ask = {
        let pending = pending.clone();
        Callback::from(move |(name, operation): (Rc<str>, Operation)| {
            pending.set(Some(Pending { names: vec![name], operation }));
        })
    };
    let confirm = {
        let (pending, controller, state) = (pending.clone(), controller.clone(), state.clone());
        Callback::from(move |_| {
            if let (Some(p), Some(c)) = (&*pending, &*controller) {
                c.operate(state.generation, p.names.clone(), p.operation);
            }
            pending.set(None);
        })
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_| pending.set(None))
    };

    let body = match (&*controller, &state.list) {
        (None, _) => html! {},
        (Some(_), Remote::Failed(e)) => html! { <ErrorView error={e.clone()} context="Listing collections" /> },
        (Some(_), Remote::NotAsked | Remote::Loading) => html! { <p class="mlc-status" role="status">{ "Listing collections…" }</p> },
        (Some(c), Remote::Ready(())) => {
            let rows: Rc<Vec<_>> = Rc::new(state.visible_rows().into_iter().cloned().collect());
            let databases = match &state.databases {
                Remote::Ready(list) => list.clone(),
                _ => vec![state.database.clone()],
            };
            let dispatch = state.dispatcher();
            let (running, _) = c.requests();
            let controller = c.clone();
            let on_refresh = {
                let (c, generation, database) = (c.clone(), state.generation, state.database.clone());
                Callback::from(move |_| c.refresh(generation, &database))
            };
            html! {
                <>
                    <Toolbar databases={databases} database={state.database.clone()}
                        filter={state.filter.clone()} state_filter={state.state_filter}
                        counts={state.counts()} shown={rows.len()} refreshed_at={state.refreshed_at}
                        in_flight={running}
                        on_database={dispatch.to_callback().reform(Action::SelectDatabase)}
                        on_filter={dispatch.to_callback().reform(Action::SetFilter)}
                        on_state_filter={dispatch.to_callback().reform(Action::SetStateFilter)}
                        {on_refresh} />
                    if let Some(e) = &state.stale {
                        <div class="mlc-stale"><ErrorView error={e.clone()} context="Refresh failed; showing the last good data" /></div>
                    }
                    <Outcomes outcomes={state.outcomes.clone()} on_dismiss={dispatch.to_callback().reform(|_| Action::DismissOutcomes)} />
                    <CollectionsTable rows={rows} read_only={options.read_only} on_operate={ask.clone()}
                        on_visible={Callback::from(move |(a, b)| controller.set_visible(a, b))} />
                </>
            }
        }
    };
    let databases_error = match &state.databases {
        Remote::Failed(e) if controller.is_some() => html! { <ErrorView error={e.clone()} context="Listing databases" /> },
        _ => html! {},
    };
    let dialog = match &*pending {
        Some(p) => {
            let verb = p.operation.verb();
            let title = if p.names.len() == 1 {
                format!("{verb} collection?")
            } else {
                format!("{verb} {} collections?", p.names.len())
            };
            let consequence = match p.operation {
                Operation::Release => "its data leaves query-node memory; searches fail until it is loaded again",
                Operation::Load => "its data is loaded into query-node memory",
            };
            let items: Vec<String> = p.names.iter().map(|n| format!("{n}: {consequence}")).collect();
            html! { <ConfirmDialog title={title} items={items} confirm_label={verb}
                        on_confirm={confirm} on_cancel={cancel} /> }
        }
        None => html! {},
    };
    html! {
        <div class={classes!("mlc-root", options.theme.class())}>
            <style>{ STYLE }</style>
            <header class="mlc-header">
                <h1>{ "Milvus Load Console" }</h1>
                <ConnectForm endpoint={initial.0.clone()} token={initial.1.clone().map(AttrValue::from)}
                    remember_token={initial.2} on_connect={connect} />
            </header>
            if let Some(e) = &*connect_error { <ErrorView error={e.clone()} context="Connect" /> }
            { databases_error }
            <main>{ body }</main>
            { dialog }
        </div>
    }
}
