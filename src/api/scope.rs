//! A group of tasks cancelled together, in a tree: the session's scope holds each connection's,
//! which holds each view's. The scheduler registers each request it runs with its scope, a
//! timer or loop task is guarded by one, and cancelling a scope aborts its tasks, queued or
//! running, and those of every scope below it.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::{Rc, Weak};

use futures::future::{AbortHandle, Abortable, LocalBoxFuture};

/// A group of tasks cancelled together (the session, a connection, a view).
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
    /// The scopes below this one that are still alive.
    children: RefCell<Vec<Weak<ScopeInner>>>,
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

    /// A scope below this one: cancelled with it (at once, when this one already is).
    pub fn child(&self) -> Scope {
        let child = Scope::new();
        if self.is_cancelled() {
            child.inner.cancelled.set(true);
        } else {
            let mut children = self.inner.children.borrow_mut();
            children.retain(|c| c.strong_count() > 0);
            children.push(Rc::downgrade(&child.inner));
        }
        child
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.get()
    }

    /// Tasks of this scope queued or running.
    pub fn pending(&self) -> usize {
        self.inner.tasks.borrow().len()
    }

    /// Cancels every task of the scope and of the scopes below it, now and later.
    pub fn cancel(&self) {
        cancel(&self.inner);
    }

    /// `task`, ended early (without completing) when the scope is cancelled; nothing at all
    /// when it already is. The task comes boxed: one copy of the guard for every task.
    pub fn guard(&self, task: LocalBoxFuture<'static, ()>) -> impl Future<Output = ()> {
        let (handle, registration) = AbortHandle::new_pair();
        let registered = (!self.is_cancelled()).then(|| self.register(handle));
        async move {
            if let Some(_registered) = registered {
                let _ = Abortable::new(task, registration).await;
            }
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

fn cancel(scope: &ScopeInner) {
    scope.cancelled.set(true);
    let tasks = std::mem::take(&mut *scope.tasks.borrow_mut());
    for (_, handle) in tasks {
        handle.abort();
    }
    let children = std::mem::take(&mut *scope.children.borrow_mut());
    for child in children.iter().filter_map(Weak::upgrade) {
        cancel(&child);
    }
}

#[cfg(test)]
mod tests {
    use super::Scope;

    #[test]
    fn cancelling_a_scope_cancels_those_below_it_and_not_above() {
        let session = Scope::new();
        let connection = session.child();
        let view = connection.child();
        let other = session.child();
        connection.cancel();
        assert!(view.is_cancelled() && connection.is_cancelled());
        assert!(!session.is_cancelled() && !other.is_cancelled());
        assert!(connection.child().is_cancelled(), "born cancelled");
        session.cancel();
        assert!(other.is_cancelled());
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_guarded_task_ends_with_its_scope() {
        use futures::executor::LocalPool;
        use futures::task::LocalSpawnExt;
        use std::cell::Cell;
        use std::rc::Rc;
        let mut pool = LocalPool::new();
        let scope = Scope::new();
        let (ran, ended) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(false)));
        let (sender, receiver) = futures::channel::oneshot::channel::<()>();
        let task = {
            let (ran, ended) = (ran.clone(), ended.clone());
            async move {
                ran.set(1);
                let _ = receiver.await;
                ended.set(true);
            }
        };
        pool.spawner()
            .spawn_local(scope.guard(Box::pin(task)))
            .expect("spawned");
        pool.run_until_stalled();
        assert_eq!((ran.get(), scope.pending()), (1, 1));
        scope.child().child().cancel();
        scope.cancel();
        pool.run_until_stalled();
        let _ = sender.send(());
        pool.run_until_stalled();
        assert!(!ended.get(), "aborted before it could end");
        assert_eq!(scope.pending(), 0);
    }
}
