//! The root component: connection, then the collections of the selected database, or the
//! partitions of one collection.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::{ApiError, Client, ClientOptions, FetchTransport};
use crate::components::bulk_bar::BulkBar;
use crate::components::collections_table::CollectionsTable;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::connect_form::{ConnectForm, ConnectRequest};
use crate::components::error_view::ErrorView;
use crate::components::outcomes::Outcomes;
use crate::components::partitions_panel::PartitionsPanel;
use crate::components::toolbar::Toolbar;
use crate::controller::Controller;
use crate::deep_link::ViewLink;
use crate::embed::EventSink;
use crate::hooks::{use_host_events, use_host_options};
use crate::keyboard;
use crate::marks;
use crate::options::ConsoleOptions;
use crate::state::{Action, ConsoleState, Operation, Remote, Row, StateCounts};
use crate::storage;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub options: ConsoleOptions,
    /// Where an embedded console reports to its host.
    #[prop_or_default]
    pub events: Option<EventSink>,
    /// Bumped by the host to ask for a refresh.
    #[prop_or_default]
    pub refresh_nonce: u32,
}

/// An operation waiting for the user's confirmation.
#[derive(Clone, PartialEq)]
enum Pending {
    Collections {
        names: Vec<Rc<str>>,
        operation: Operation,
    },
    Partitions {
        collection: Rc<str>,
        names: Vec<Rc<str>>,
        operation: Operation,
    },
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let options = &props.options;
    let link = use_memo((), |_| {
        if options.standalone {
            ViewLink::parse(&current_fragment())
        } else {
            ViewLink::default()
        }
    });
    let state = use_reducer(|| {
        let database = link.database.clone().or_else(|| options.database.clone());
        let mut state = ConsoleState::new(database.as_deref().unwrap_or("default"));
        state.filter = link.filter.clone();
        state.state_filter = link.state_filter;
        state.sort = link.sort;
        state.auto_refresh = options.refresh_interval_seconds;
        state
    });
    // A collection to open once the list arrives (from a link).
    let open_from_link = use_mut_ref(|| link.open.clone());
    let root = use_node_ref();
    let controller = use_state(|| None::<Controller>);
    let connect_error = use_state(|| None::<ApiError>);
    let pending = use_state(|| None::<Pending>);
    // Only the standalone page remembers anything in the browser.
    let standalone = options.standalone;
    let initial = use_memo((), |_| {
        let remembered = |read: fn() -> Option<String>| if standalone { read() } else { None };
        let endpoint = options
            .endpoint
            .clone()
            .or_else(|| remembered(storage::endpoint))
            .unwrap_or_default();
        let stored_token = remembered(storage::token);
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
                    if standalone {
                        storage::remember_endpoint(&client.options().endpoint);
                        storage::remember_token(
                            request.token.as_deref().filter(|_| request.remember_token),
                        );
                    }
                    if let Some(old) = &*controller {
                        old.retire();
                    }
                    marks::clear_all();
                    marks::mark(marks::CONNECT);
                    let next =
                        Controller::new(client, concurrency, state.dispatcher().to_callback());
                    state.dispatch(Action::Connect {
                        database: state.database.clone(),
                    });
                    next.load_databases();
                    controller.set(Some(next));
                    connect_error.set(None);
                }
                Err(e) => connect_error.set(Some(e)),
            }
        })
    };

    // Connect at once when the host or the address gave an endpoint, and again whenever the
    // host changes the endpoint or the token.
    {
        let (connect, initial) = (connect.clone(), initial.clone());
        let target = (options.endpoint.clone(), options.token.clone());
        use_effect_with(target, move |(endpoint, token)| {
            if let Some(endpoint) = endpoint {
                connect.emit(ConnectRequest {
                    endpoint: endpoint.clone(),
                    token: token.clone().or_else(|| initial.1.clone()),
                    remember_token: initial.2,
                });
            }
        });
    }
    use_host_options(props, &state, &controller);
    // Walks every row: once per change of the rows, not once per render and reader.
    let counts = *use_memo(state.rows.clone(), |rows| StateCounts::of(rows));
    {
        // After the render that shows them: the first rows, then every state known.
        let ready = matches!(state.list, Remote::Ready(()));
        let shown = ready && !state.rows.is_empty();
        let known = ready && counts.pending == 0;
        use_effect_with((state.generation, shown), |(_, shown)| {
            if *shown {
                marks::mark(marks::FIRST_ROW);
            }
        });
        use_effect_with((state.generation, known), |(_, known)| {
            if *known {
                marks::mark(marks::STATES_KNOWN);
            }
        });
    }
    use_host_events(props.events.clone(), &state, counts, &connect_error);
    // A new connection or database: list and fetch states.
    {
        let database = state.database.clone();
        use_effect_with(
            (controller.clone(), state.generation),
            move |(controller, generation)| {
                if let Some(c) = &**controller {
                    c.refresh(*generation, &database);
                }
            },
        );
    }
    // Open the collection a link names, once it is listed.
    {
        let (open_from_link, state_handle) = (open_from_link.clone(), state.clone());
        let ready = matches!(state.list, Remote::Ready(()));
        use_effect_with((controller.clone(), ready), move |(controller, ready)| {
            if let (Some(c), true) = (&**controller, *ready) {
                let wanted = open_from_link.borrow_mut().take();
                if let Some(name) =
                    wanted.and_then(|n| state_handle.row(&n).map(|r| r.name.clone()))
                {
                    state_handle.dispatch(Action::OpenCollection(name.clone()));
                    c.open_partitions(state_handle.generation, name);
                }
            }
        });
    }
    // Keep the view in the address, for reloads and shared links (never the token).
    {
        let view = ViewLink {
            database: Some(state.database.clone()).filter(|d| d != "default"),
            open: state.open.as_ref().map(|v| v.collection.to_string()),
            filter: state.filter.clone(),
            state_filter: state.state_filter,
            sort: state.sort,
        };
        let enabled = options.standalone;
        use_effect_with(view, move |view| {
            if enabled {
                replace_fragment(&view.format());
            }
        });
    }
    {
        let auto_refresh = state.auto_refresh;
        use_effect_with(
            (controller.clone(), auto_refresh),
            move |(controller, seconds)| {
                if let Some(c) = &**controller {
                    c.set_auto_refresh(*seconds);
                }
            },
        );
    }
    {
        let root = root.clone();
        use_effect_with((), move |_| {
            let listener = keyboard::listen(root);
            move || drop(listener)
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

    let confirm = {
        let (pending, controller, state) = (pending.clone(), controller.clone(), state.clone());
        Callback::from(move |_| {
            match (&*pending, &*controller) {
                (Some(Pending::Collections { names, operation }), Some(c)) => {
                    c.operate(state.generation, names.clone(), *operation);
                    state.dispatch(Action::SelectMatching(false));
                }
                (
                    Some(Pending::Partitions {
                        collection,
                        names,
                        operation,
                    }),
                    Some(c),
                ) => c.operate_partitions(
                    state.generation,
                    collection.clone(),
                    names.clone(),
                    *operation,
                ),
                _ => {}
            }
            pending.set(None);
        })
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_| pending.set(None))
    };

    // The rows the filters keep, computed again only when the rows or the filters change (not
    // for every keystroke elsewhere, every scroll or every summary update).
    let shown: Rc<Vec<Row>> = {
        let state = state.clone();
        let key = (
            state.rows.clone(),
            state.filter.clone(),
            state.state_filter,
            state.sort,
        );
        use_memo(key, move |_| {
            state
                .visible_rows()
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let body = match &*controller {
        None => html! {},
        Some(c) => main_view(&state, &shown, counts, c, &pending, options.read_only),
    };
    // When the collections cannot be listed either, that error says it all.
    let databases_error = match (&state.databases, &state.list) {
        (_, Remote::Failed(_)) => html! {},
        (Remote::Failed(e), _) if controller.is_some() => {
            html! { <ErrorView error={e.clone()} context="Listing databases" /> }
        }
        _ => html! {},
    };
    let dialog = match &*pending {
        Some(p) => confirmation(p, &state, confirm, cancel),
        None => html! {},
    };
    html! {
        <div class={classes!("mlc-root", options.theme.class())} ref={root}>
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

/// The collections view, or the partitions view of the open collection.
fn main_view(
    state: &UseReducerHandle<ConsoleState>,
    rows: &Rc<Vec<Row>>,
    counts: StateCounts,
    controller: &Controller,
    pending: &UseStateHandle<Option<Pending>>,
    read_only: bool,
) -> Html {
    let dispatch = state.dispatcher();
    if let Some(view) = &state.open {
        let on_close = {
            let (dispatch, controller) = (dispatch.clone(), controller.clone());
            Callback::from(move |_| {
                controller.close_partitions();
                dispatch.dispatch(Action::CloseCollection);
            })
        };
        let on_operate = {
            let (pending, collection) = (pending.clone(), view.collection.clone());
            Callback::from(move |(names, operation)| {
                pending.set(Some(Pending::Partitions {
                    collection: collection.clone(),
                    names,
                    operation,
                }))
            })
        };
        return html! {
            <PartitionsPanel view={view.clone()} {read_only} {on_close} {on_operate}
                on_toggle={dispatch.to_callback().reform(Action::TogglePartition)}
                on_select_all={dispatch.to_callback().reform(Action::SelectAllPartitions)} />
        };
    }
    let on_refresh = {
        let (c, generation, database) =
            (controller.clone(), state.generation, state.database.clone());
        let databases_failed = matches!(state.databases, Remote::Failed(_));
        Callback::from(move |_| {
            if databases_failed {
                c.load_databases();
            }
            c.refresh(generation, &database)
        })
    };
    let rows = rows.clone();
    let databases = match &state.databases {
        Remote::Ready(list) => list.clone(),
        _ => vec![state.database.clone()],
    };
    let running = controller.in_flight();
    let on_open = {
        let (c, generation, dispatch) = (controller.clone(), state.generation, dispatch.clone());
        Callback::from(move |name: Rc<str>| {
            dispatch.dispatch(Action::OpenCollection(name.clone()));
            c.open_partitions(generation, name);
        })
    };
    let ask_one = {
        let pending = pending.clone();
        Callback::from(move |(name, operation): (Rc<str>, Operation)| {
            pending.set(Some(Pending::Collections {
                names: vec![name],
                operation,
            }))
        })
    };
    let ask_bulk = {
        let (pending, selected) = (pending.clone(), state.selected.clone());
        Callback::from(move |operation| {
            pending.set(Some(Pending::Collections {
                names: selected.iter().cloned().collect(),
                operation,
            }))
        })
    };
    let on_visible = {
        let c = controller.clone();
        Callback::from(move |names| c.set_visible(names))
    };
    // The toolbar stays whatever the listing's fate, so another database can be picked.
    let listing = match &state.list {
        Remote::Failed(e) => html! {
            <ErrorView error={e.clone()} context="Listing collections" on_retry={on_refresh.clone()} />
        },
        Remote::NotAsked | Remote::Loading => {
            html! { <p class="mlc-status" role="status">{ "Listing collections…" }</p> }
        }
        Remote::Ready(()) => html! {
            <>
                if !read_only {
                    <BulkBar selected={state.selected.len()} matching={rows.len()}
                        on_select_matching={dispatch.to_callback().reform(Action::SelectMatching)}
                        on_operate={ask_bulk} />
                }
                <CollectionsTable rows={rows.clone()} {read_only} selected={state.selected.clone()}
                    on_toggle={dispatch.to_callback().reform(Action::ToggleSelected)}
                    {on_open} on_operate={ask_one} {on_visible} />
            </>
        },
    };
    html! {
        <>
            <Toolbar databases={databases} database={state.database.clone()}
                filter={state.filter.clone()} state_filter={state.state_filter}
                sort={state.sort} auto_refresh={state.auto_refresh}
                {counts} shown={rows.len()} refreshed_at={state.refreshed_at}
                in_flight={running}
                on_database={dispatch.to_callback().reform(Action::SelectDatabase)}
                on_filter={dispatch.to_callback().reform(Action::SetFilter)}
                on_state_filter={dispatch.to_callback().reform(Action::SetStateFilter)}
                on_sort={dispatch.to_callback().reform(Action::SetSort)}
                on_auto_refresh={dispatch.to_callback().reform(Action::SetAutoRefresh)}
                {on_refresh} />
            if let Some(e) = &state.stale {
                <div class="mlc-stale"><ErrorView error={e.clone()} context="Refresh failed; showing the last good data" /></div>
            }
            <Outcomes outcomes={state.outcomes.clone()} database={state.database.clone()} on_dismiss={dispatch.to_callback().reform(|_| Action::DismissOutcomes)} />
            { listing }
        </>
    }
}

/// The confirmation naming what will change.
fn confirmation(
    pending: &Pending,
    state: &ConsoleState,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> Html {
    let (title, items, require_typed, verb) = match pending {
        Pending::Collections { names, operation } => {
            let verb = operation.verb();
            let consequence = match operation {
                Operation::Release => {
                    "leaves query-node memory; searches on it fail until it is loaded again"
                }
                Operation::Load => "is loaded into query-node memory",
            };
            let title = if names.len() == 1 {
                format!("{verb} collection?")
            } else {
                format!("{verb} {} collections?", names.len())
            };
            let items = names
                .iter()
                .map(|n| format!("{n} {consequence}"))
                .collect::<Vec<_>>();
            let typed = (*operation == Operation::Release && names.len() > 1)
                .then(|| vec![names.len().to_string(), "release".to_string()]);
            (title, items, typed, verb)
        }
        Pending::Partitions {
            collection,
            names,
            operation,
        } => {
            let verb = operation.verb();
            let title = format!("{verb} {} partition(s) of {collection}?", names.len());
            let mut items: Vec<String> = names.iter().map(|n| format!("partition {n}")).collect();
            let everything = state
                .open
                .as_ref()
                .is_some_and(|v| *operation == Operation::Release && v.releases_everything(names));
            if everything {
                items.insert(0, format!("These are its last loaded partitions: the whole collection {collection} will be released."));
            }
            (title, items, None, verb)
        }
    };
    html! {
        <ConfirmDialog title={title} items={items} confirm_label={verb} {require_typed} {on_confirm} {on_cancel} />
    }
}

fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the address's fragment without adding a history entry.
fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if current_fragment().trim_start_matches('#') == fragment {
        return;
    }
    let url = format!(
        "{}{}#{fragment}",
        window.location().pathname().unwrap_or_default(),
        window.location().search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
