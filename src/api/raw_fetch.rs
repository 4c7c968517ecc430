//! The same transport on web-sys alone (`fetch(url, init)`), kept so that the benchmark can
//! measure it side by side with the gloo-net one. The console itself uses `FetchTransport`.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

use super::fetch_shared::{request_init, AbortGuard};
use super::transport::{HttpReply, HttpRequest, Transport, TransportError};

/// `fetch(url, init)` through web-sys; same timeout, abort and error mapping as `FetchTransport`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RawFetchTransport;

thread_local! {
    /// Looked up once: `web_sys::window()` checks the global's type on every call.
    static WINDOW: Option<web_sys::Window> = web_sys::window();
}

fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue> {
    WINDOW.with(|window| match window {
        Some(window) => Ok(window.fetch_with_str_and_init(url, init)),
        None => Err(JsValue::from_str("no window to fetch from")),
    })
}

impl Transport for RawFetchTransport {
    async fn post(&self, request: HttpRequest) -> Result<HttpReply, TransportError> {
        let guard = AbortGuard::start(request.timeout_ms)?;
        let init = request_init(&request, &guard.signal()).map_err(|e| guard.failure(&e))?;
        let sent = global_fetch(&request.url, &init).map_err(|e| guard.failure(&e))?;
        let response: Response = JsFuture::from(sent)
            .await
            .map_err(|e| guard.failure(&e))?
            .dyn_into()
            .map_err(|_| TransportError::Network("fetch resolved to something else".into()))?;
        let status = response.status();
        let buffer = JsFuture::from(response.array_buffer().map_err(|e| guard.failure(&e))?)
            .await
            .map_err(|e| guard.failure(&e))?;
        let body = Uint8Array::new(&buffer).to_vec();
        guard.finish();
        Ok(HttpReply { status, body })
    }
}
