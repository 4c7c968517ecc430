//! The one polling loop (backoff from 1 s to 8 s while something is due, idle otherwise),
//! the wake-up signal it waits on, and the group of loop tasks a view cancels together.

use std::cell::{Cell, RefCell};
use std::future::Future;

use futures::channel::oneshot;
use futures::future::{select, Either};

use super::Runtime;

/// First pause of a poll, and the longest the backoff reaches.
pub const POLL_FIRST_MS: u64 = 1_000;
pub const POLL_MAX_MS: u64 = 8_000;

/// The pause after `delay`: doubled, up to `POLL_MAX_MS`.
pub fn next_delay(delay: u64) -> u64 {
    delay.saturating_mul(2).min(POLL_MAX_MS)
}

/// A wake-up for a loop: remembered when nobody waits.
#[derive(Default)]
pub struct Notify {
    waiters: RefCell<Vec<oneshot::Sender<()>>>,
    pending: Cell<bool>,
}

impl Notify {
    pub fn notify(&self) {
        let waiters = std::mem::take(&mut *self.waiters.borrow_mut());
        // Waits given up (a timer won the race) do not count as woken.
        let woken = waiters.into_iter().filter_map(|w| w.send(()).ok()).count();
        if woken == 0 {
            self.pending.set(true);
        }
    }

    pub fn wait(&self) -> impl Future<Output = ()> + 'static {
        let receiver = if self.pending.replace(false) {
            None
        } else {
            let (sender, receiver) = oneshot::channel();
            let mut waiters = self.waiters.borrow_mut();
            waiters.retain(|w| !w.is_canceled());
            waiters.push(sender);
            Some(receiver)
        };
        async move {
            if let Some(receiver) = receiver {
                let _ = receiver.await;
            }
        }
    }
}

/// Polls while `due()` says something is: `poll()` after 1 s, then 2, 4, 8, 8… s; a wake-up
/// starts again from 1 s; idle (no timer at all) while nothing is due.
pub async fn backoff_loop<R: Runtime + ?Sized>(
    runtime: &R,
    wake: &Notify,
    due: impl Fn() -> bool,
    poll: impl Fn(),
) {
    let mut delay = POLL_FIRST_MS;
    loop {
        if !due() {
            wake.wait().await;
            delay = POLL_FIRST_MS;
            continue;
        }
        match select(runtime.sleep(delay), Box::pin(wake.wait())).await {
            Either::Left(_) => {
                poll();
                delay = next_delay(delay);
            }
            Either::Right(_) => delay = POLL_FIRST_MS,
        }
    }
}

/// Runs `tick` every `interval()` milliseconds (0 is off), counted from the end of the
/// previous tick so that ticks never overlap; skipped while the page is hidden. A wake-up
/// re-reads the interval.
pub async fn interval_loop<R: Runtime + ?Sized, F: Future<Output = ()>>(
    runtime: &R,
    wake: &Notify,
    interval: impl Fn() -> u64,
    tick: impl Fn() -> F,
) {
    loop {
        let millis = interval();
        if millis == 0 {
            wake.wait().await;
            continue;
        }
        if let Either::Left(_) = select(runtime.sleep(millis), Box::pin(wake.wait())).await {
            if !runtime.page_hidden() {
                tick().await;
            }
        }
    }
}
