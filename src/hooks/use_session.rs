//! The console's state and its session: creates the store once, draws whenever it asks,
//! connects (a new session per endpoint, the previous one retired; a new token on the same
//! endpoint rotates in place), stops when the host removes the endpoint, and shuts the session
//! down when the console goes away.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::{AnyTransport, ApiError, Client, ClientOptions, FetchTransport, OnRejected};
use crate::credentials::{Remembered, TokenBinding};
use crate::effect::use_effect_on;
use crate::host_link::HostStep;
use crate::lifetime::Lifetime;
use crate::marks;
use crate::options::ConnectRequest;
use crate::session::{BrowserRuntime, BrowserSession, Session, Store};
use crate::state::ConsoleState;
use crate::storage;

/// What the root component gets: the state to draw, the store to send intents to, the
/// session (once connected), how to connect, and why connecting failed.
pub struct SessionHandle {
    pub state: Rc<ConsoleState>,
    pub store: Store,
    pub session: Option<BrowserSession>,
    pub connect: Callback<ConnectRequest>,
    pub connect_error: Option<ApiError>,
    /// Carries out a step the host's endpoint or token asks for.
    pub steer: Callback<HostStep>,
    /// The endpoint of the running session.
    pub live: Live,
}

/// Reads the endpoint of the running session when asked (none after a refusal or a stop).
#[derive(Clone)]
pub struct Live {
    session: Rc<RefCell<Option<BrowserSession>>>,
    binding: Rc<RefCell<TokenBinding>>,
}

impl Live {
    pub fn endpoint(&self) -> Option<String> {
        self.session.borrow().as_ref()?;
        Some(self.binding.borrow().endpoint().to_string())
    }
}

#[hook]
pub fn use_session(
    initial: impl FnOnce() -> ConsoleState,
    concurrency: usize,
    standalone: bool,
    lifetime: Lifetime,
) -> SessionHandle {
    // A transport provided through context (a test's) wins over the one the options name.
    let provided = use_context::<AnyTransport>();
    let redraw = use_force_update();
    let store = use_memo((), move |_| Store::new(initial(), Rc::new(BrowserRuntime)));
    let store: Store = (*store).clone();
    {
        let store = store.clone();
        use_effect_on((), move |_| {
            store.set_listener(Some(Rc::new(move || redraw.force_update())));
        });
    }
    let session = use_mut_ref(|| None::<BrowserSession>);
    // The token every client of this console reads per request, and the endpoint it is for.
    let token_cell = use_mut_ref(TokenBinding::default);

    // A state handle so that a new session re-renders the component.
    let connected = use_state(|| None::<BrowserSession>);
    let connect_error = use_state(|| None::<ApiError>);
    let connect = {
        let (store, session, token_cell, connected, connect_error, lifetime) = (
            store.clone(),
            session.clone(),
            token_cell.clone(),
            connected.clone(),
            connect_error.clone(),
            lifetime.clone(),
        );
        Callback::from(move |request: ConnectRequest| {
            // A console already unmounted (before its effects ran) starts nothing.
            if lifetime.ended() {
                return;
            }
            let mut options = ClientOptions::new(request.endpoint.clone());
            options.token = request.token.clone();
            let transport = provided
                .clone()
                .unwrap_or_else(|| AnyTransport::new(FetchTransport, "gloo-net"));
            match Client::new(options, transport) {
                Ok(client) => {
                    let endpoint = client.options().endpoint.clone();
                    let cell = token_cell
                        .borrow_mut()
                        .bind(&endpoint, request.token.clone());
                    cell.on_rejected(Some(on_rejected(
                        session.clone(),
                        connected.clone(),
                        connect_error.clone(),
                        standalone,
                    )));
                    let client = client.sharing_token(cell);
                    if standalone {
                        storage::remember_endpoint(&endpoint);
                        let remembered = request
                            .token
                            .clone()
                            .filter(|_| request.remember_token)
                            .map(|token| Remembered { endpoint, token });
                        storage::remember_token(remembered.as_ref());
                    }
                    if let Some(old) = session.borrow_mut().take() {
                        old.retire();
                    }
                    marks::clear_all();
                    marks::mark(marks::CONNECT);
                    let next = Session::connect(
                        client,
                        Rc::new(BrowserRuntime),
                        store.clone(),
                        concurrency,
                    );
                    session.replace(Some(next.clone()));
                    let ended = next.clone();
                    lifetime.on_end(move || ended.shutdown());
                    connected.set(Some(next));
                    connect_error.set(None);
                }
                Err(e) => connect_error.set(Some(e)),
            }
        })
    };
    let steer = {
        let (connect, session, token_cell, connected, connect_error) = (
            connect.clone(),
            session.clone(),
            token_cell.clone(),
            connected.clone(),
            connect_error.clone(),
        );
        Callback::from(move |step: HostStep| match step {
            HostStep::Connect(request) => connect.emit(request),
            HostStep::Rotate(token) => {
                let revoked = token.is_none();
                token_cell.borrow().rotate(token);
                // Without a token, the server's answer comes at once rather than at the next poll.
                if let (true, Some(s)) = (revoked, session.borrow().as_ref()) {
                    s.refresh();
                }
            }
            HostStep::Disconnect => {
                if let Some(old) = session.borrow_mut().take() {
                    old.shutdown();
                }
                token_cell.borrow_mut().unbind();
                connected.set(None);
                connect_error.set(None);
            }
            HostStep::Keep => {}
        })
    };
    let live = Live {
        session: session.clone(),
        binding: token_cell.clone(),
    };
    {
        let (session, store, lifetime) = (session.clone(), store.clone(), lifetime.clone());
        use_effect_on((), move |_| {
            move || {
                lifetime.end();
                store.set_listener(None);
                if let Some(s) = session.borrow_mut().take() {
                    s.shutdown();
                }
            }
        });
    }
    SessionHandle {
        state: store.state(),
        store,
        session: (*connected).clone(),
        connect,
        connect_error: (*connect_error).clone(),
        steer,
        live,
    }
}

/// The server refused the token: polling stops, a remembered token is forgotten and the
/// connect form asks for another (the error says why).
fn on_rejected(
    session: Rc<RefCell<Option<BrowserSession>>>,
    connected: UseStateHandle<Option<BrowserSession>>,
    connect_error: UseStateHandle<Option<ApiError>>,
    standalone: bool,
) -> OnRejected {
    Rc::new(move |error: &ApiError| {
        if let Some(old) = session.borrow_mut().take() {
            old.shutdown();
        }
        if standalone {
            storage::remember_token(None);
        }
        connected.set(None);
        connect_error.set(Some(error.clone()));
    })
}
