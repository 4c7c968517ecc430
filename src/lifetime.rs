//! The life of one mounted console, shared by its host handle and its hooks. Unmounting ends it
//! at once, whatever Yew has still scheduled: a console unmounted before its effects ran (React's
//! StrictMode mounts, unmounts and mounts again synchronously) would otherwise connect after
//! its cleanup, and leave a session running that nobody shuts down.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Default)]
struct Inner {
    ended: Cell<bool>,
    on_end: RefCell<Vec<Box<dyn FnOnce()>>>,
}

/// Cheap to clone; clones share one life. Equal only to its own clones.
#[derive(Clone, Default)]
pub struct Lifetime(Rc<Inner>);

impl PartialEq for Lifetime {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Lifetime {
    pub fn new() -> Self {
        Self::default()
    }

    /// True once `end` was called.
    pub fn ended(&self) -> bool {
        self.0.ended.get()
    }

    /// Runs `f` when the console ends (at once if it already has).
    pub fn on_end(&self, f: impl FnOnce() + 'static) {
        if self.ended() {
            f();
        } else {
            self.0.on_end.borrow_mut().push(Box::new(f));
        }
    }

    /// Ends the console: every `on_end` runs once, in order.
    pub fn end(&self) {
        if self.0.ended.replace(true) {
            return;
        }
        let pending = std::mem::take(&mut *self.0.on_end.borrow_mut());
        for f in pending {
            f();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ending_runs_each_callback_once_and_later_ones_at_once() {
        let life = Lifetime::new();
        let runs = Rc::new(Cell::new(0));
        let r = runs.clone();
        life.on_end(move || r.set(r.get() + 1));
        life.end();
        life.end();
        assert_eq!(runs.get(), 1);
        let r = runs.clone();
        life.on_end(move || r.set(r.get() + 10));
        assert_eq!(runs.get(), 11);
        assert!(life.ended());
    }
}
