//! How the host's endpoint and token steer the console's connection, and which token the
//! connect form starts with and sends. Pure: the root component carries out the steps.

use crate::credentials::Start;
use crate::options::ConnectRequest;

/// The host's endpoint and token after one of them changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostChange {
    /// The host's endpoint before the change (`None` at the start).
    pub before: Option<String>,
    pub endpoint: Option<String>,
    pub token: Option<String>,
}

/// What the console does about a change of the host's endpoint or token.
#[derive(Debug, PartialEq)]
pub enum HostStep {
    /// A new session.
    Connect(ConnectRequest),
    /// The running session's token is replaced for every request not yet sent (`None` revokes).
    Rotate(Option<String>),
    /// The running session stops and its token is emptied; the connect form shows.
    Disconnect,
    Keep,
}

/// The step for `change`, given the start and the endpoint of the running session (`live`).
pub fn host_step(change: &HostChange, start: &Start, live: Option<&str>) -> HostStep {
    let _ = live;
    match (&change.endpoint, &start.notice) {
        (Some(endpoint), None) => HostStep::Connect(ConnectRequest {
            endpoint: endpoint.clone(),
            token: change.token.clone().or_else(|| start.token.clone()),
            remember_token: start.remember,
        }),
        _ => HostStep::Keep,
    }
}

/// What the connect form's token field starts with.
pub fn form_token(start: &Start, host_token: Option<&str>) -> Option<String> {
    host_token
        .map(str::to_string)
        .or_else(|| start.token.clone())
}

/// The request a submission of the connect form makes.
pub fn form_request(
    typed: ConnectRequest,
    host_endpoint: Option<&str>,
    host_token: Option<&str>,
) -> ConnectRequest {
    let _ = (host_endpoint, host_token);
    typed
}
