//! A transport chosen at run time. The console's components hold one session type; which
//! transport it sends through is picked when it connects: gloo-net by default, the web-sys
//! loop when the page asks for it (to measure the two side by side), or one a test provides
//! through Yew's context.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::transport::{HttpReply, HttpRequest, Transport, TransportError};

type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// `Transport` with its futures boxed, so that it can live behind `dyn`.
trait ErasedTransport {
    fn post(&self, request: HttpRequest) -> Boxed<'_, Result<HttpReply, TransportError>>;
    fn name(&self) -> &'static str;
}

struct Named<T> {
    transport: T,
    name: &'static str,
}

impl<T: Transport + 'static> ErasedTransport for Named<T> {
    fn post(&self, request: HttpRequest) -> Boxed<'_, Result<HttpReply, TransportError>> {
        Box::pin(self.transport.post(request))
    }

    fn name(&self) -> &'static str {
        self.name
    }
}

/// Any transport, shared. Two are equal when they are the same instance (what Yew's context
/// needs to know whether consumers must re-render).
#[derive(Clone)]
pub struct AnyTransport(Rc<dyn ErasedTransport>);

impl AnyTransport {
    /// `name` says which transport this is (in the benchmark's figures and in `Debug`).
    pub fn new(transport: impl Transport + 'static, name: &'static str) -> Self {
        AnyTransport(Rc::new(Named { transport, name }))
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

impl PartialEq for AnyTransport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for AnyTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AnyTransport({})", self.name())
    }
}

impl Transport for AnyTransport {
    fn post(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpReply, TransportError>> {
        self.0.post(request)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::api::ReplayTransport;

    #[test]
    fn sends_through_the_transport_it_wraps() {
        let replay = ReplayTransport::new().reply(200, "{}");
        let any = AnyTransport::new(replay.clone(), "replay");
        let reply = futures::executor::block_on(any.post(HttpRequest {
            url: "http://db/v2/x".into(),
            body: "{}".into(),
            headers: vec![],
            timeout_ms: 1_000,
        }));
        assert_eq!(reply.map(|r| r.status), Ok(200));
        assert_eq!(replay.sent().len(), 1);
        assert_eq!(any, any.clone());
        assert_ne!(any, AnyTransport::new(replay, "replay"));
        assert_eq!(format!("{any:?}"), "AnyTransport(replay)");
    }
}
