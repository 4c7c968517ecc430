//! The root component: a composition of hooks and the layout. Connection, then the
//! collections of the selected database, or the partitions of one collection.

use std::rc::Rc;

use yew::prelude::*;

use crate::effect::use_effect_on;
use crate::lifetime::Lifetime;

use crate::components::collections_view::{main_view, ViewCallbacks};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::connect_form::ConnectForm;
use crate::components::error_view::{error_view, ErrorViewProps};
use crate::components::load_choice::load_choice_fields;
use crate::components::loaded_set_controls::{loaded_set_controls, LoadedSetControlsProps};
use crate::components::plan_dialog::PlanDialog;
use crate::components::window::ScrollMemory;
use crate::credentials;
use crate::hooks::{
    link_of_page, use_host_options, use_host_reports, use_intents, use_loaded_set, use_perf_marks,
    use_session, use_shortcuts, use_view, use_view_link,
};
use crate::host::EventSink;
use crate::host_link::{self, HostChange};
use crate::options::ConsoleOptions;
use crate::state::{
    confirm_blocked, Action, ConsoleState, Intent, Listing, Operation, Remote, Row, StateCounts,
};
use crate::storage;

/// Below this width (the console's, in CSS pixels) the connected form folds; the style
/// sheet's narrow layout starts there too.
const NARROW_PX: i32 = 560;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub options: ConsoleOptions,
    /// Where an embedded console reports to its host.
    #[prop_or_default]
    pub events: Option<EventSink>,
    /// Bumped by the host to ask for a refresh.
    #[prop_or_default]
    pub refresh_nonce: u32,
    /// Ended by the host's unmount, before Yew tears the component down.
    #[prop_or_default]
    pub lifetime: Lifetime,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let options = &props.options;
    let standalone = options.standalone;
    let link = use_memo((), |_| link_of_page(standalone));
    let handle = {
        let (link, options) = (link.clone(), options.clone());
        use_session(
            move || {
                let database = link.database.clone().or(options.database.clone());
                let mut state = ConsoleState::new(database.as_deref().unwrap_or("default"));
                state.filter = link.filter.clone();
                state.state_filter = link.state_filter;
                state.sort = link.sort;
                state.read_only = options.read_only;
                state.apply(Action::SetRefreshInterval(options.refresh_interval));
                state
            },
            options.concurrency,
            standalone,
            props.lifetime.clone(),
        )
    };
    let (state, store, session) = (&handle.state, &handle.store, &handle.session);
    // Only the standalone page remembers anything in the browser.
    let start = use_memo((), |_| {
        let (stored_endpoint, remembered) = if standalone {
            (storage::endpoint(), storage::token())
        } else {
            (None, None)
        };
        credentials::start(
            options.endpoint.as_deref(),
            stored_endpoint,
            remembered,
            standalone,
        )
    });
    // Connect at once when the host gave an endpoint, or the address gave the one last
    // connected to (any other waits for the user's Connect: `credentials::start`), and follow
    // the host's changes of the endpoint or the token (`host_link` says how).
    {
        let (steer, live, start) = (handle.steer.clone(), handle.live.clone(), start.clone());
        let before = use_mut_ref(|| None::<String>);
        let target = (options.endpoint.clone(), options.token.clone());
        use_effect_on(target, move |(endpoint, token)| {
            let change = HostChange {
                before: before.replace(endpoint.clone()),
                endpoint: endpoint.clone(),
                token: token.clone(),
            };
            steer.emit(host_link::host_step(
                &change,
                &start,
                live.endpoint().as_deref(),
            ));
        });
    }
    let on_connect = {
        let (host_endpoint, host_token) = (options.endpoint.clone(), options.token.clone());
        handle.connect.reform(move |typed| {
            host_link::form_request(typed, host_endpoint.as_deref(), host_token.as_deref())
        })
    };
    use_host_options(options, props.refresh_nonce, store, session);
    // Walks every row: once per change of the rows, not once per render and reader.
    let counts = *use_memo(state.listing.shared_rows(), |rows| StateCounts::of(rows));
    use_perf_marks(state, counts);
    use_host_reports(
        props.events.clone(),
        store,
        state,
        counts,
        &handle.connect_error,
    );
    use_view(state, session);
    use_view_link(link, standalone, store, state);
    let root = use_node_ref();
    use_shortcuts(root.clone());
    let restore = use_loaded_set(&state.restore, state.read_only, session, store, &root);

    let intents = use_intents(store, session.as_ref());
    let dispatch = intents.on_intent.reform(Intent::State);
    // The rows the filters keep, computed again only when the rows or the filters change.
    let shown: Rc<Vec<Rc<Row>>> = {
        let key = (
            state.listing.shared_rows(),
            state.filter.clone(),
            state.state_filter,
            state.sort,
        );
        let state = state.clone();
        (*use_memo(key, move |_| state.shown_rows())).clone()
    };
    let list_scroll = use_memo((), |_| ScrollMemory::default());
    let loaded_set = loaded_set_controls(
        &state.restore,
        &LoadedSetControlsProps {
            read_only: state.read_only,
            on_save: restore.on_save,
            on_file: restore.on_file,
            on_cancel: restore.on_close.clone(),
        },
    );
    let body = match session {
        None => html! {},
        Some(s) => main_view(
            state,
            &shown,
            counts,
            s.in_flight(),
            &ViewCallbacks {
                on_intent: intents.on_intent.clone(),
                on_export: intents.on_export.clone(),
                list_scroll: (*list_scroll).clone(),
                loaded_set: loaded_set.clone(),
            },
        ),
    };
    // When the collections cannot be listed either, that error says it all.
    let databases_error = match (&state.databases, &state.listing) {
        (_, Listing::Failed(_)) => html! {},
        (Remote::Failed(e), _) if session.is_some() => error_view(&ErrorViewProps {
            error: e.clone(),
            context: "Listing databases".into(),
            on_retry: None,
        }),
        _ => html! {},
    };
    let dialog = match (&state.confirm, session) {
        (Some(confirmation), Some(_)) => {
            let text = confirmation.text();
            let primary =
                confirmation.targets.first().map(|t| t.operation) == Some(Operation::Load);
            let on_confirm = intents.on_intent.reform(|_| Intent::Confirm);
            let on_cancel = dispatch.reform(|_| Action::CloseConfirmation);
            let choice = state.load_choice();
            let blocked = confirm_blocked(confirmation, choice.as_ref());
            let fields = match choice {
                Some(view) => load_choice_fields(&view, &dispatch.reform(Action::ChooseLoad)),
                None if confirmation.reconfigures => html! {
                    <p class="mlc-status" role="status">{ "Needs the resource groups, read with each refresh." }</p>
                },
                None => html! {},
            };
            html! {
                <ConfirmDialog title={text.title} summary={text.summary} groups={text.groups}
                    items={text.items} confirm_label={text.verb}
                    require_typed={text.require_typed} {on_confirm} {on_cancel} {primary} {blocked}>
                    { fields }
                </ConfirmDialog>
            }
        }
        _ => html! {},
    };
    let plan = state.restore.planned().map(|planned| {
        html! {
            <PlanDialog planned={planned.clone()} on_toggle={restore.on_tick}
                on_tick_all={restore.on_tick_all} on_run={restore.on_run} on_cancel={restore.on_close} />
        }
    });
    let ask_token = handle
        .connect_error
        .as_ref()
        .is_some_and(|e| e.is_not_authenticated());
    // Once connected, a narrow console folds the form to one line: the list starts on the
    // first screen.
    let narrow = root
        .cast::<web_sys::Element>()
        .is_some_and(|e| e.client_width() < NARROW_PX);
    let folded = session.is_some() && !ask_token && narrow;
    html! {
        <div class={classes!("mlc-root", options.theme.class())} ref={root}>
            <header class="mlc-header">
                <h1>{ "Milvus Load Console" }</h1>
                <details class="mlc-connection" open={!folded}>
                    <summary>{ "Connection" }</summary>
                    <ConnectForm endpoint={start.endpoint.clone()}
                        token={host_link::form_token(&start).map(AttrValue::from)}
                        remember_token={start.remember} {on_connect} {ask_token} />
                </details>
            </header>
            if let (Some(notice), None) = (&start.notice, session) {
                <p class="mlc-notice" role="status">{ notice.clone() }</p>
            }
            if let Some(e) = &handle.connect_error {
                { error_view(&ErrorViewProps { error: e.clone(), context: "Connect".into(), on_retry: None }) }
            }
            { databases_error }
            <main>{ body }</main>
            { dialog }
            { for plan }
        </div>
    }
}
