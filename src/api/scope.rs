//! A group of tasks cancelled together: the scheduler registers each task it runs with its
//! scope, and cancelling the scope aborts them all, queued or running.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use futures::future::AbortHandle;

/// A group of tasks cancelled together (a view, a database selection, a connection).
#[derive(Clone, Default)]
pub struct Scope {
    inner: Rc<ScopeInner>,
}

#[derive(Default)]
struct ScopeInner {
    cancelled: Cell<bool>,
    next_id: Cell<u64>,
    /// By registration order (ids grow), so that cancellation runs in a predictable order.
    /// Tasks mostly end in the order they started: removing near the front is cheap.
    tasks: RefCell<VecDeque<(u64, AbortHandle)>>,
}

impl PartialEq for Scope {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl std::fmt::Debug for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scope(cancelled: {})", self.is_cancelled())
    }
}

/// Removes a finished task from its scope.
pub(super) struct Registration {
    scope: Rc<ScopeInner>,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut tasks = self.scope.tasks.borrow_mut();
        if let Ok(at) = tasks.binary_search_by_key(&self.id, |(id, _)| *id) {
            tasks.remove(at);
        }
    }
}

impl Scope {
    pub fn new() -> Self {
        Scope::default()
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.get()
    }

    /// Tasks of this scope queued or running.
    pub fn pending(&self) -> usize {
        self.inner.tasks.borrow().len()
    }

    /// Cancels every task of the scope, now and later.
    pub fn cancel(&self) {
        self.inner.cancelled.set(true);
        let tasks = std::mem::take(&mut *self.inner.tasks.borrow_mut());
        for (_, handle) in tasks {
            handle.abort();
        }
    }

    pub(super) fn register(&self, handle: AbortHandle) -> Registration {
        let id = self.inner.next_id.get();
        self.inner.next_id.set(id + 1);
        self.inner.tasks.borrow_mut().push_back((id, handle));
        Registration {
            scope: self.inner.clone(),
            id,
        }
    }
}
