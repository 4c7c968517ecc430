//! How the host's endpoint and token steer the console's connection, and which token the
//! connect form starts with and sends. Pure: the root component carries out the steps.

use crate::api::normalize_endpoint;
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
///
/// The host's token goes only to the host's endpoint; on the running endpoint a new token is
/// rotated in place (the open dialog, the selection and the loads being watched stay), and
/// `null` stops whatever token the running session sends. A `null` endpoint stops the session.
pub fn host_step(change: &HostChange, start: &Start, live: Option<&str>) -> HostStep {
    if start.notice.is_some() {
        return HostStep::Keep;
    }
    let token = change.token.clone().or_else(|| start.token.clone());
    match change.endpoint.as_deref() {
        Some(endpoint) if live == Some(endpoint) => HostStep::Rotate(token),
        Some(endpoint) => HostStep::Connect(ConnectRequest {
            endpoint: endpoint.to_string(),
            token,
            remember_token: start.remember,
        }),
        None if change.before.is_some() => HostStep::Disconnect,
        None if token.is_none() && live.is_some() => HostStep::Rotate(None),
        None => HostStep::Keep,
    }
}

/// What the connect form's token field starts with: a token the user remembered, never the
/// host's (the form lives in an open shadow root).
pub fn form_token(start: &Start) -> Option<String> {
    start.token.clone()
}

/// The request a submission of the connect form makes: with the field left empty, the host's
/// token goes along only to the host's own endpoint.
pub fn form_request(
    mut typed: ConnectRequest,
    host_endpoint: Option<&str>,
    host_token: Option<&str>,
) -> ConnectRequest {
    let hosts =
        normalize_endpoint(&typed.endpoint).is_ok_and(|e| Some(e.as_str()) == host_endpoint);
    if typed.token.is_none() && hosts {
        typed.token = host_token.map(str::to_string);
    }
    typed
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: &str = "http://milvus:19530";

    fn change(before: Option<&str>, endpoint: Option<&str>, token: Option<&str>) -> HostChange {
        HostChange {
            before: before.map(str::to_string),
            endpoint: endpoint.map(str::to_string),
            token: token.map(str::to_string),
        }
    }

    fn typed(endpoint: &str, token: Option<&str>) -> ConnectRequest {
        ConnectRequest {
            endpoint: endpoint.into(),
            token: token.map(str::to_string),
            remember_token: false,
        }
    }

    #[test]
    fn the_hosts_endpoint_connects_at_once_with_its_token() {
        let step = host_step(
            &change(None, Some(HOST), Some("t1")),
            &Start::default(),
            None,
        );
        assert_eq!(step, HostStep::Connect(typed(HOST, Some("t1"))));
    }

    #[test]
    fn a_token_rotated_on_the_running_endpoint_rotates_in_place() {
        let step = host_step(
            &change(Some(HOST), Some(HOST), Some("t2")),
            &Start::default(),
            Some(HOST),
        );
        assert_eq!(step, HostStep::Rotate(Some("t2".into())));
        // After a refusal (no session running) a new token connects again.
        let step = host_step(
            &change(Some(HOST), Some(HOST), Some("t2")),
            &Start::default(),
            None,
        );
        assert_eq!(step, HostStep::Connect(typed(HOST, Some("t2"))));
    }

    #[test]
    fn a_null_token_stops_the_token_of_a_connection_made_through_the_form() {
        let step = host_step(
            &change(None, None, None),
            &Start::default(),
            Some("http://typed:19530"),
        );
        assert_eq!(step, HostStep::Rotate(None));
        // A new token of the host does not go to an endpoint the user typed.
        let step = host_step(
            &change(None, None, Some("t2")),
            &Start::default(),
            Some("http://typed:19530"),
        );
        assert_eq!(step, HostStep::Keep);
    }

    #[test]
    fn a_null_endpoint_disconnects() {
        let step = host_step(
            &change(Some(HOST), None, Some("t1")),
            &Start::default(),
            Some(HOST),
        );
        assert_eq!(step, HostStep::Disconnect);
        // Nothing given and nothing running: nothing to do.
        assert_eq!(
            host_step(&change(None, None, None), &Start::default(), None),
            HostStep::Keep
        );
    }

    #[test]
    fn the_hosts_token_is_not_echoed_into_the_form() {
        assert_eq!(form_token(&Start::default()), None);
        let remembered = Start {
            token: Some("mine".into()),
            ..Start::default()
        };
        assert_eq!(form_token(&remembered).as_deref(), Some("mine"));
    }

    #[test]
    fn the_hosts_token_goes_only_to_the_hosts_endpoint() {
        // The form as the user leaves it: the token field as it started.
        let field = form_token(&Start::default());
        let sent = form_request(
            typed("http://elsewhere:19530", field.as_deref()),
            Some(HOST),
            Some("t1"),
        );
        assert_eq!(sent.token, None);
        let sent = form_request(typed("http://milvus:19530/", None), Some(HOST), Some("t1"));
        assert_eq!(sent.token.as_deref(), Some("t1"), "the host's own endpoint");
        let sent = form_request(typed(HOST, Some("typed")), Some(HOST), Some("t1"));
        assert_eq!(
            sent.token.as_deref(),
            Some("typed"),
            "what the user typed wins"
        );
    }
}
