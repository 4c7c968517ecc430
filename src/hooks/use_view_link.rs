//! The standalone page keeps the view in the address's fragment, for reloads and shared
//! links (never the token); a link's `open` opens that collection once it is listed.

use std::rc::Rc;

use yew::prelude::*;

use crate::deep_link::ViewLink;
use crate::session::Store;
use crate::state::{Action, ConsoleState, Remote};

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
    let open_from_link = use_mut_ref(|| link.open.clone());
    {
        let store = store.clone();
        let ready = matches!(state.list, Remote::Ready(()));
        use_effect_with((state.generation, ready), move |(_, ready)| {
            if *ready {
                let wanted = open_from_link.borrow_mut().take();
                let state = store.state();
                if let Some(name) = wanted.and_then(|n| state.row(&n).map(|r| r.name.clone())) {
                    store.intent(Action::OpenCollection(name));
                }
            }
        });
    }
    let view = ViewLink {
        database: Some(state.database.clone()).filter(|d| d != "default"),
        open: state.open.as_ref().map(|v| v.collection.to_string()),
        filter: state.filter.clone(),
        state_filter: state.state_filter,
        sort: state.sort,
    };
    use_effect_with(view, move |view| {
        if enabled {
            replace_fragment(&view.format());
        }
    });
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
