//! The client: runtime options, request assembly, and retries. Endpoint methods live in one
//! module per category (`collections`, `partitions`, `databases`, ...); all of them go through
//! `Client::call`, or `Client::call_decoded` for a reply outside the usual envelope.

use std::fmt;
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use serde::Serialize;

use super::envelope::{decode, Success};
use super::error::{ApiError, ApiErrorKind};
pub use super::retry::RetryPolicy;
use super::token::{check_token, TokenCell};
use super::transport::{Clock, HttpReply, HttpRequest, NoPause, Transport, TransportError};

pub use super::client_options::{
    normalize_endpoint, ClientOptions, Effect, DEFAULT_TIMEOUT_MS, WRITE_SENDS_ON_NETWORK_ERRORS,
    WRITE_TIMEOUT_MS,
};

/// Turns one reply of `path` into data or an error.
pub(crate) type DecodeReply = fn(&str, &HttpReply) -> Result<Success, ApiError>;

/// A Milvus REST v2 client. Cloning is cheap; clones share the transport.
pub struct Client<T> {
    options: Rc<ClientOptions>,
    /// Read per request (not `options.token`), so that a rotation reaches queued requests.
    token: TokenCell,
    transport: Rc<T>,
    /// The pauses between attempts: the session's runtime, or none.
    clock: Rc<dyn Clock>,
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            options: self.options.clone(),
            token: self.token.clone(),
            transport: self.transport.clone(),
            clock: self.clock.clone(),
        }
    }
}

impl<T> PartialEq for Client<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.options, &other.options) && Rc::ptr_eq(&self.transport, &other.transport)
    }
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("options", &self.options)
            .finish()
    }
}

impl<T: Transport> Client<T> {
    /// A client for these options; fails on an unusable endpoint URL.
    pub fn new(mut options: ClientOptions, transport: T) -> Result<Self, ApiError> {
        options.endpoint = normalize_endpoint(&options.endpoint)?;
        options.token = options.token.filter(|t| !t.trim().is_empty());
        options.token.as_deref().map_or(Ok(()), check_token)?;
        options.database = options.database.filter(|d| !d.is_empty());
        Ok(Client {
            token: TokenCell::new(options.token.clone()),
            options: Rc::new(options),
            transport: Rc::new(transport),
            clock: Rc::new(NoPause),
        })
    }

    /// This client pausing between attempts on `clock`.
    pub fn with_clock(mut self, clock: Rc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// This client reading its token from `cell` from now on (the options' token is dropped).
    pub fn sharing_token(self, cell: TokenCell) -> Self {
        let mut options = (*self.options).clone();
        options.token = None;
        Client {
            options: Rc::new(options),
            token: cell,
            transport: self.transport,
            clock: self.clock,
        }
    }

    /// The same connection on another database.
    pub fn with_database(&self, database: Option<String>) -> Self {
        let mut options = (*self.options).clone();
        options.database = database.filter(|d| !d.is_empty());
        Client {
            options: Rc::new(options),
            token: self.token.clone(),
            transport: self.transport.clone(),
            clock: self.clock.clone(),
        }
    }

    /// The same connection, retrying as `retry` says.
    pub fn with_retry(&self, retry: RetryPolicy) -> Self {
        let mut options = (*self.options).clone();
        options.retry = retry;
        Client {
            options: Rc::new(options),
            token: self.token.clone(),
            transport: self.transport.clone(),
            clock: self.clock.clone(),
        }
    }

    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    pub(crate) fn database(&self) -> Option<&str> {
        self.options.database.as_deref()
    }

    /// The request, or the refusal of a token that must not be sent.
    fn request(&self, path: &str, body: String, effect: Effect) -> Result<HttpRequest, ApiError> {
        let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        if let Some(token) = self.token.get() {
            check_token(&token)?;
            // Only ever Bearer: Basic credentials make the server add WWW-Authenticate and the
            // browser open its own login dialog. A pasted "Bearer " prefix is not doubled.
            let token = token.trim();
            let token = token.strip_prefix("Bearer ").unwrap_or(token).trim_start();
            headers.push(("Authorization".to_string(), format!("Bearer {token}")));
        }
        Ok(HttpRequest {
            url: format!("{}{path}", self.options.endpoint),
            headers,
            body,
            timeout_ms: match effect {
                Effect::Read => self.options.timeout_ms,
                Effect::Write => self.options.timeout_ms.max(WRITE_TIMEOUT_MS),
            },
        })
    }

    /// Sends `body` to `/v2/vectordb/{endpoint}` and decodes the envelope, retrying what is
    /// safe to retry. The error says how many attempts were made.
    pub(crate) async fn call<B: Serialize>(
        &self,
        endpoint: &str,
        body: &B,
        effect: Effect,
    ) -> Result<Success, ApiError> {
        self.call_decoded(endpoint, body, effect, decode).await
    }

    /// `call` for an endpoint whose success reply is not the usual envelope: `decode_reply`
    /// turns each reply into data or an error, and the retries are those of `call`.
    pub(crate) fn call_decoded<B: Serialize>(
        &self,
        endpoint: &str,
        body: &B,
        effect: Effect,
        decode_reply: DecodeReply,
    ) -> LocalBoxFuture<'_, Result<Success, ApiError>> {
        let path = format!("/v2/vectordb/{endpoint}");
        let json = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_string());
        Box::pin(self.call_json(path, json, effect, decode_reply))
    }

    /// The sending and retrying of every call: one boxed future whatever the body or the
    /// decoder, so that each endpoint's method does not carry its own copy of the loop.
    async fn call_json(
        &self,
        path: String,
        json: String,
        effect: Effect,
        decode_reply: DecodeReply,
    ) -> Result<Success, ApiError> {
        let policy = self.options.retry;
        let mut attempt = 1;
        loop {
            // A refusal counts only against the token it refused.
            let sent_token = self.token.get();
            let outcome = self
                .send_once(&path, json.clone(), effect, decode_reply)
                .await;
            let error = match outcome {
                Ok(success) => return Ok(success),
                Err(error) => error,
            };
            let retry = match (effect, error.kind()) {
                (Effect::Read, _) => error.is_transient(),
                // A dropped connection may come after the server applied the write.
                (Effect::Write, ApiErrorKind::Network { .. }) => {
                    attempt < WRITE_SENDS_ON_NETWORK_ERRORS
                }
                (Effect::Write, _) => error.was_refused_before_processing(),
            };
            if !retry || attempt >= policy.max_attempts {
                if error.is_not_authenticated() {
                    self.token.reject(sent_token.as_deref(), &error);
                }
                return Err(error.after_attempts(attempt));
            }
            let pause = policy.delay_ms(attempt, self.clock.random());
            self.clock.pause(u64::from(pause)).await;
            attempt += 1;
        }
    }

    async fn send_once(
        &self,
        path: &str,
        body: String,
        effect: Effect,
        decode_reply: DecodeReply,
    ) -> Result<Success, ApiError> {
        let request = self.request(path, body, effect)?;
        let timeout_ms = request.timeout_ms;
        match self.transport.post(request).await {
            Ok(reply) => decode_reply(path, &reply),
            Err(TransportError::Timeout) => Err(ApiErrorKind::Timeout {
                after_ms: timeout_ms,
            }
            .into()),
            Err(TransportError::Network(detail)) => Err(ApiErrorKind::Network {
                endpoint: self.options.endpoint.clone(),
                detail,
            }
            .into()),
        }
    }
}
