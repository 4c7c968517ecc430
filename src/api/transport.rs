//! The one seam between the client and the network: a POST that yields status and bytes.
//! The browser uses `FetchTransport`; native tests replay recorded bytes through `ReplayTransport`.

use std::fmt;
use std::future::Future;

use super::redact::REDACTED;

/// One HTTP request exactly as it goes on the wire.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    pub url: String,
    /// Header names and values, in order. Only `Content-Type` and `Authorization` ever appear:
    /// a real server's CORS allow-list refuses the preflight of anything else.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The client aborts the request after this long.
    pub timeout_ms: u32,
}

/// Never prints the `Authorization` header's value.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name.eq_ignore_ascii_case("authorization") {
                    REDACTED
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// What came back: the status and the raw body bytes (not necessarily UTF-8 or JSON).
#[derive(Clone, Debug, PartialEq)]
pub struct HttpReply {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Why no reply came.
#[derive(Clone, Debug, PartialEq)]
pub enum TransportError {
    /// Refused connection, DNS failure, reset, or a CORS refusal (browsers do not tell which).
    Network(String),
    /// Aborted by the client after `timeout_ms`.
    Timeout,
}

/// A way to send requests, sleep between retries, and draw jitter.
///
/// Futures are not `Send`: the console runs on the browser's single thread.
#[allow(async_fn_in_trait)]
pub trait Transport {
    fn post(&self, request: HttpRequest)
        -> impl Future<Output = Result<HttpReply, TransportError>>;
}

/// Time as the client needs it: the pause between attempts of a request, and its jitter. The
/// session's runtime provides it, so that time has one source.
pub trait Clock {
    fn pause(&self, millis: u64) -> futures::future::LocalBoxFuture<'static, ()>;
    /// A number in [0, 1) for backoff jitter.
    fn random(&self) -> f64;
}

/// No pause and a fixed jitter of one half: a client used alone, as in its tests.
pub struct NoPause;

impl Clock for NoPause {
    fn pause(&self, _millis: u64) -> futures::future::LocalBoxFuture<'static, ()> {
        Box::pin(async {})
    }

    fn random(&self) -> f64 {
        0.5
    }
}
