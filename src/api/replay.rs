//! A transport that replays recorded replies and records what was sent: every decoding path
//! of the client runs under plain `cargo test`, byte for byte.

use std::cell::RefCell;
use std::collections::VecDeque;

use super::transport::{HttpReply, HttpRequest, Transport, TransportError};

/// Replays queued replies in order; answers a network error when none are left.
#[derive(Debug, Default)]
pub struct ReplayTransport {
    replies: RefCell<VecDeque<Result<HttpReply, TransportError>>>,
    sent: RefCell<Vec<HttpRequest>>,
    slept: RefCell<Vec<u32>>,
}

impl ReplayTransport {
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues a reply with this status and body.
    pub fn reply(self, status: u16, body: impl AsRef<[u8]>) -> Self {
        self.replies.borrow_mut().push_back(Ok(HttpReply {
            status,
            body: body.as_ref().to_vec(),
        }));
        self
    }

    /// Queues a transport failure.
    pub fn fail(self, error: TransportError) -> Self {
        self.replies.borrow_mut().push_back(Err(error));
        self
    }

    /// Every request sent so far.
    pub fn sent(&self) -> Vec<HttpRequest> {
        self.sent.borrow().clone()
    }

    /// Every backoff pause taken, in milliseconds.
    pub fn slept(&self) -> Vec<u32> {
        self.slept.borrow().clone()
    }
}

impl Transport for ReplayTransport {
    async fn post(&self, request: HttpRequest) -> Result<HttpReply, TransportError> {
        self.sent.borrow_mut().push(request);
        self.replies
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::Network("no reply recorded".into())))
    }

    async fn sleep(&self, millis: u32) {
        self.slept.borrow_mut().push(millis);
    }

    fn random(&self) -> f64 {
        0.5
    }
}
