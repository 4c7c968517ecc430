//! The standalone page keeps the view in the address's fragment, for reloads and shared
//! links (never the token); a link's `open` opens that collection once it is listed. Opening
//! a collection is a history entry: Back returns to the list, Forward reopens it. Embedded
//! instances leave the host's address and history alone.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::deep_link::{AddressWrite, ViewLink};
use crate::effect::use_effect_on;
use crate::session::Store;
use crate::state::{Action, ConsoleState};

/// The history state of an entry pushed by opening a collection from the list.
const OPENED_FROM_LIST: &str = "milvus-load-console:opened-from-list";

/// The view the address names (the standalone page only).
pub fn link_of_page(standalone: bool) -> ViewLink {
    if standalone {
        ViewLink::parse(&current_fragment())
    } else {
        ViewLink::default()
    }
}

#[hook]
pub fn use_view_link(link: Rc<ViewLink>, enabled: bool, store: &Store, state: &ConsoleState) {
    // A collection the address names, opened once the list shows it.
    let wanted = use_mut_ref(|| link.open.clone());
    let written = use_mut_ref(|| None::<ViewLink>);
    {
        let (store, wanted) = (store.clone(), wanted.clone());
        let ready = state.listing.is_ready();
        use_effect_on((state.generation, ready), move |(_, ready)| {
            if *ready {
                open_wanted(&store, &wanted);
            }
        });
    }
    {
        // Back and Forward (and an edited fragment) bring the view the address names.
        let wanted = wanted.clone();
        use_effect_on((enabled, store.clone()), move |(enabled, store)| {
            let (enabled, store) = (*enabled, store.clone());
            let listener = web_sys::window().filter(|_| enabled).map(|window| {
                EventListener::new(&window, "popstate", move |_| {
                    follow(&store, &wanted, ViewLink::parse(&current_fragment()));
                })
            });
            move || drop(listener)
        });
    }
    let view = ViewLink {
        database: Some(state.database.clone()).filter(|d| d != "default"),
        // A collection still to be opened stays in the address meanwhile.
        open: state
            .open
            .as_ref()
            .map(|v| v.collection.to_string())
            .or_else(|| wanted.borrow().clone()),
        filter: state.filter.clone(),
        state_filter: state.state_filter,
        sort: state.sort,
    };
    use_effect_on(view, move |view| {
        if enabled {
            let previous = written.replace(Some(view.clone()));
            write(
                AddressWrite::of(
                    previous.as_ref(),
                    view,
                    &current_fragment(),
                    opened_from_list(),
                ),
                view,
            );
        }
    });
}

/// Opens the collection the address names, once it is listed; forgets it if it is not.
fn open_wanted(store: &Store, wanted: &RefCell<Option<String>>) {
    let name = wanted.borrow_mut().take();
    let state = store.state();
    let listed = name.and_then(|n| state.row(&n).map(|r| r.name.clone()));
    match (listed, &state.open) {
        (Some(name), Some(open)) if open.collection == name => {}
        (Some(name), _) => store.intent(Action::OpenCollection(name)),
        (None, _) => {}
    }
}

/// Brings the state to the view an address names.
fn follow(store: &Store, wanted: &RefCell<Option<String>>, link: ViewLink) {
    let state = store.state();
    let database = link.database.unwrap_or_else(|| "default".into());
    if database != state.database {
        store.intent(Action::SelectDatabase(database));
    }
    let state = store.state();
    if link.filter != state.filter {
        store.intent(Action::SetFilter(link.filter));
    }
    if link.state_filter != state.state_filter {
        store.intent(Action::SetStateFilter(link.state_filter));
    }
    if link.sort != state.sort {
        store.intent(Action::SetSort(link.sort));
    }
    match link.open {
        Some(name) => {
            *wanted.borrow_mut() = Some(name);
            if store.state().listing.is_ready() {
                open_wanted(store, wanted);
            }
        }
        None => {
            *wanted.borrow_mut() = None;
            if state.open.is_some() {
                store.intent(Action::CloseCollection);
            }
        }
    }
}

fn write(how: AddressWrite, view: &ViewLink) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let url = || {
        let location = web_sys::window().map(|w| w.location());
        let part = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
            location
                .as_ref()
                .and_then(|l| f(l).ok())
                .unwrap_or_default()
        };
        format!(
            "{}{}#{}",
            part(web_sys::Location::pathname),
            part(web_sys::Location::search),
            view.format()
        )
    };
    // The history API fails only for other origins or a throttled page: the view stays.
    let _ = match how {
        AddressWrite::Nothing => Ok(()),
        AddressWrite::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url())),
        AddressWrite::Push => {
            history.push_state_with_url(&JsValue::from_str(OPENED_FROM_LIST), "", Some(&url()))
        }
        AddressWrite::Back => history.back(),
    };
}

/// Whether the current history entry was pushed by opening a collection from the list.
fn opened_from_list() -> bool {
    web_sys::window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.state().ok())
        .and_then(|s| s.as_string())
        .is_some_and(|s| s == OPENED_FROM_LIST)
}

fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}
