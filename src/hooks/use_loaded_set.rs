//! The loaded set's save and restore: turns the view's intents into the session's reads and
//! the store's actions, restores a saved file dropped anywhere on the console, and stops the
//! read under way once the state no longer shows it (Cancel, or a change of connection,
//! database or read-only mode).

use gloo_events::{EventListener, EventListenerOptions};
use yew::prelude::*;

use crate::effect::use_effect_on;
use crate::hooks::BrowserSession;
use crate::loaded_set::browser::{download, drags_files, dropped_file, read};
use crate::session::Store;
use crate::state::restore::{Restore, RestoreAction};
use crate::state::Action;

/// What the loaded set's controls and plan dialog call.
pub struct LoadedSetCallbacks {
    pub on_save: Callback<()>,
    /// Restores a picked file, replacing a restore under way.
    pub on_file: Callback<web_sys::File>,
    /// Runs the plan shown, on the connection it was read on, and closes it.
    pub on_run: Callback<()>,
    /// Stops a restore's read, or closes its plan.
    pub on_close: Callback<()>,
    pub on_tick: Callback<usize>,
    pub on_tick_all: Callback<bool>,
}

#[hook]
pub fn use_loaded_set(
    restore: &Restore,
    read_only: bool,
    session: &Option<BrowserSession>,
    store: &Store,
    root: &NodeRef,
) -> LoadedSetCallbacks {
    let on_file = use_callback(session.clone(), |file: web_sys::File, session| {
        if let Some(s) = session {
            s.read_restore(&file.name(), read(file));
        }
    });
    {
        let (root, on_file) = (root.clone(), on_file.clone());
        use_effect_on((read_only, on_file.clone()), move |(read_only, _)| {
            let options = EventListenerOptions::enable_prevent_default();
            let root = root.cast::<web_sys::Element>().filter(|_| !*read_only);
            let listeners = root.map(|root| {
                let over = EventListener::new_with_options(&root, "dragover", options, |e| {
                    if drags_files(e) {
                        e.prevent_default();
                    }
                });
                let drop = EventListener::new_with_options(&root, "drop", options, move |e| {
                    if let Some(file) = dropped_file(e) {
                        e.prevent_default();
                        on_file.emit(file);
                    }
                });
                (over, drop)
            });
            move || drop(listeners)
        });
    }
    use_effect_on(
        (session.clone(), restore.reading()),
        |(session, reading)| {
            if let (Some(s), None) = (session, reading) {
                s.cancel_restore();
            }
        },
    );
    let on_save = use_callback(session.clone(), |_, session| {
        if let Some(s) = session {
            s.save(download);
        }
    });
    let planned = restore.planned().cloned();
    let on_run = use_callback(
        (session.clone(), planned, store.clone()),
        |_, (session, planned, store)| {
            if let (Some(s), Some(p)) = (session, planned) {
                if p.connection == s.connection() {
                    s.restore(&p.plan, &|i| p.ticked.contains(i));
                }
            }
            store.intent(Action::Restore(RestoreAction::Close));
        },
    );
    let dispatch = |store: &Store, action: RestoreAction| store.intent(Action::Restore(action));
    LoadedSetCallbacks {
        on_save,
        on_file,
        on_run,
        on_close: use_callback(store.clone(), move |_, s| dispatch(s, RestoreAction::Close)),
        on_tick: use_callback(store.clone(), move |i, s| {
            dispatch(s, RestoreAction::Tick(i))
        }),
        on_tick_all: use_callback(store.clone(), move |all, s| {
            dispatch(s, RestoreAction::TickAll(all))
        }),
    }
}
