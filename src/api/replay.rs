//! A transport that replays recorded replies and records what was sent: every decoding path
//! of the client runs under plain `cargo test`, byte for byte. Held replies let a test decide
//! when, and in which order, each request is answered (late and crossing replies).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use futures::channel::oneshot;

use super::transport::{HttpReply, HttpRequest, Transport, TransportError};

type Reply = Result<HttpReply, TransportError>;

/// Replays queued replies in order; answers a network error when none are left. Clones share
/// the recording, so a test keeps one while the client holds another.
#[derive(Clone, Debug, Default)]
pub struct ReplayTransport {
    inner: Rc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    replies: RefCell<VecDeque<Reply>>,
    sent: RefCell<Vec<HttpRequest>>,
    /// Requests wait for `answer` instead of taking the queued replies.
    held: Cell<bool>,
    waiting: RefCell<Vec<(HttpRequest, oneshot::Sender<Reply>)>>,
}

impl ReplayTransport {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every request waits until the test answers it with `answer`.
    pub fn held() -> Self {
        let transport = Self::default();
        transport.inner.held.set(true);
        transport
    }

    /// Queues a reply with this status and body.
    pub fn reply(self, status: u16, body: impl AsRef<[u8]>) -> Self {
        self.inner.replies.borrow_mut().push_back(Ok(HttpReply {
            status,
            body: body.as_ref().to_vec(),
        }));
        self
    }

    /// Queues a transport failure.
    pub fn fail(self, error: TransportError) -> Self {
        self.inner.replies.borrow_mut().push_back(Err(error));
        self
    }

    /// Every request sent so far.
    pub fn sent(&self) -> Vec<HttpRequest> {
        self.inner.sent.borrow().clone()
    }

    /// Held requests not answered yet, oldest first (those whose sender gave up excluded).
    pub fn waiting(&self) -> Vec<HttpRequest> {
        let mut waiting = self.inner.waiting.borrow_mut();
        waiting.retain(|(_, reply)| !reply.is_canceled());
        waiting.iter().map(|(request, _)| request.clone()).collect()
    }

    /// Answers the oldest held request that `matches`; false when none does.
    pub fn answer(
        &self,
        matches: impl Fn(&HttpRequest) -> bool,
        reply: Result<HttpReply, TransportError>,
    ) -> bool {
        let found = {
            let mut waiting = self.inner.waiting.borrow_mut();
            waiting.retain(|(_, reply)| !reply.is_canceled());
            let position = waiting.iter().position(|(request, _)| matches(request));
            position.map(|p| waiting.remove(p))
        };
        match found {
            Some((_, sender)) => sender.send(reply).is_ok(),
            None => false,
        }
    }
}

impl Transport for ReplayTransport {
    async fn post(&self, request: HttpRequest) -> Result<HttpReply, TransportError> {
        self.inner.sent.borrow_mut().push(request.clone());
        if self.inner.held.get() {
            let (sender, receiver) = oneshot::channel();
            self.inner.waiting.borrow_mut().push((request, sender));
            return receiver
                .await
                .unwrap_or_else(|_| Err(TransportError::Network("never answered".into())));
        }
        self.inner
            .replies
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::Network("no reply recorded".into())))
    }
}
