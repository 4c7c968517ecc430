//! The browser transport: `fetch` through gloo-net, aborted by an `AbortController` on timeout
//! and when the request's future is dropped (a cancelled view stops its requests on the wire).

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use web_sys::AbortController;

use super::transport::{HttpReply, HttpRequest, Transport, TransportError};

/// Sends requests with the browser's `fetch`. Never sends cookies (`credentials` stays at its
/// default): a wildcard-origin server would be refused by the browser if it did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FetchTransport;

/// Aborts the fetch when dropped before the reply was read.
struct AbortOnDrop {
    controller: AbortController,
    finished: bool,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.finished {
            self.controller.abort();
        }
    }
}

impl Transport for FetchTransport {
    async fn post(&self, request: HttpRequest) -> Result<HttpReply, TransportError> {
        let controller = AbortController::new()
            .map_err(|_| TransportError::Network("the browser has no AbortController".into()))?;
        let signal = controller.signal();
        let mut guard = AbortOnDrop {
            controller: controller.clone(),
            finished: false,
        };
        let timed_out = Rc::new(Cell::new(false));
        let flag = timed_out.clone();
        let timer = Timeout::new(request.timeout_ms, move || {
            flag.set(true);
            controller.abort();
        });
        let failure = |error: gloo_net::Error| {
            if timed_out.get() {
                TransportError::Timeout
            } else {
                TransportError::Network(error.to_string())
            }
        };
        let mut builder = Request::post(&request.url).abort_signal(Some(&signal));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let response = builder
            .body(request.body)
            .map_err(failure)?
            .send()
            .await
            .map_err(failure)?;
        let status = response.status();
        let body = response.binary().await.map_err(failure)?;
        guard.finished = true;
        drop(timer);
        Ok(HttpReply { status, body })
    }

    async fn sleep(&self, millis: u32) {
        gloo_timers::future::TimeoutFuture::new(millis).await;
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}
