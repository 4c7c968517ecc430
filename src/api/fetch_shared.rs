//! The browser transport's request plumbing: one `AbortController` per request, aborted on timeout
//! and when the request's future is dropped before the reply was read; the mapping of a
//! rejected promise to `Network` or `Timeout`; the `fetch` options; sleeping and jitter.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, AbortSignal, Headers, RequestInit};

use super::transport::{HttpRequest, TransportError};

/// Aborts the fetch when dropped unfinished; aborts it after the request's timeout.
pub(crate) struct AbortGuard {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    timer: Option<Timeout>,
    finished: bool,
}

impl AbortGuard {
    /// Starts the request's timeout.
    pub(crate) fn start(timeout_ms: u32) -> Result<Self, TransportError> {
        let controller = AbortController::new()
            .map_err(|_| TransportError::Network("the browser has no AbortController".into()))?;
        let timed_out = Rc::new(Cell::new(false));
        let (flag, on_timeout) = (timed_out.clone(), controller.clone());
        let timer = Timeout::new(timeout_ms, move || {
            flag.set(true);
            on_timeout.abort();
        });
        Ok(AbortGuard {
            controller,
            timed_out,
            timer: Some(timer),
            finished: false,
        })
    }

    pub(crate) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// A rejection: `Timeout` when our timer aborted the request, else `Network` with the
    /// browser's words (`TypeError: Failed to fetch`, …).
    pub(crate) fn failure(&self, error: &JsValue) -> TransportError {
        self.failure_text(describe(error))
    }

    /// The same, for an error already turned into text.
    pub(crate) fn failure_text(&self, text: String) -> TransportError {
        if self.timed_out.get() {
            TransportError::Timeout
        } else {
            TransportError::Network(text)
        }
    }

    /// The reply was read: nothing left to abort.
    pub(crate) fn finish(mut self) {
        self.finished = true;
        self.timer.take();
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if !self.finished {
            self.controller.abort();
        }
    }
}

/// The text of a rejected promise or a thrown value.
fn describe(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.to_string());
    }
    error
        .as_string()
        .unwrap_or_else(|| "the browser refused the request".into())
}

/// The `fetch` options of a request: POST, its headers and body, the abort signal. Never sets
/// `credentials`: a wildcard-origin server would be refused by the browser if it did.
pub(crate) fn request_init(
    request: &HttpRequest,
    signal: &AbortSignal,
) -> Result<RequestInit, JsValue> {
    // web-sys' `Headers::set` reports an invalid value (a newline in a typed token) as an
    // error; gloo-net's `Headers::set` would throw through the wasm instead.
    let headers = Headers::new()?;
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&request.body));
    init.set_signal(Some(signal));
    Ok(init)
}
