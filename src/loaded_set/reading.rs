//! The one restore being read at a time: a new file, Cancel, or another connection stops the
//! read under way, and what it would have shown is dropped, so a stale read never replaces
//! what the user sees.

use std::cell::RefCell;
use std::rc::Rc;

use crate::session::ReadCancel;

/// The read under way, shared by the component's callbacks.
#[derive(Clone, Default)]
pub struct Reading(Rc<RefCell<State>>);

#[derive(Default)]
struct State {
    ticket: u64,
    cancel: Option<ReadCancel>,
}

impl Reading {
    /// Starts a read, stopping the one under way; its ticket.
    pub fn start(&self) -> u64 {
        self.cancel();
        self.0.borrow().ticket
    }

    /// Whether `ticket` is still the read under way.
    pub fn current(&self, ticket: u64) -> bool {
        self.0.borrow().ticket == ticket
    }

    /// The session's read for `ticket`: stopped at once when `ticket` is no longer current.
    pub fn hold(&self, ticket: u64, cancel: ReadCancel) {
        if self.current(ticket) {
            self.0.borrow_mut().cancel = Some(cancel);
        } else {
            cancel.cancel();
        }
    }

    /// Stops the read under way; whatever it would show is dropped.
    pub fn cancel(&self) {
        let held = {
            let mut state = self.0.borrow_mut();
            state.ticket += 1;
            state.cancel.take()
        };
        if let Some(cancel) = held {
            cancel.cancel();
        }
    }
}
