//! One function renders every error kind.

use yew::prelude::*;

use crate::api::{ApiError, ApiErrorKind};

#[derive(Properties, PartialEq)]
pub struct ErrorViewProps {
    pub error: ApiError,
    /// What was being done, e.g. "Listing collections".
    #[prop_or_default]
    pub context: AttrValue,
    /// Offers a "Retry" button when set.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

fn title(kind: &ApiErrorKind) -> &'static str {
    match kind {
        ApiErrorKind::Network { .. } => "Server unreachable",
        ApiErrorKind::Timeout { .. } | ApiErrorKind::ServerTimeout { .. } => "Timed out",
        ApiErrorKind::NotAuthenticated { .. } => "Not authenticated",
        ApiErrorKind::PermissionDenied { .. } => "Permission denied",
        ApiErrorKind::NotFound { .. } => "Not a Milvus REST v2 endpoint",
        ApiErrorKind::Milvus { code: 800, .. } => "Database not found",
        ApiErrorKind::Milvus { .. } => "Milvus refused",
        ApiErrorKind::Http { .. } => "Server error",
        ApiErrorKind::Undecodable { .. } => "Unreadable reply",
        ApiErrorKind::InvalidEndpoint(_) => "Invalid endpoint",
        ApiErrorKind::InvalidToken => "Invalid token",
        ApiErrorKind::Cancelled => "Cancelled",
        ApiErrorKind::NotSent { .. } => "Not sent",
    }
}

/// A function, not a component: it has no state of its own, and one component type fewer is one
/// copy fewer of Yew's per-component code in the wasm. (The props stay `Properties` so that a
/// test can render it inside a component of its own.)
pub fn error_view(props: &ErrorViewProps) -> Html {
    let heading = if props.context.is_empty() {
        title(props.error.kind()).to_string()
    } else {
        format!("{}: {}", props.context, title(props.error.kind()))
    };
    html! {
        <div class="mlc-error" role="alert">
            <strong>{ heading }</strong>
            <p>{ props.error.to_string() }</p>
            if let Some(retry) = &props.on_retry {
                <button type="button" onclick={retry.reform(|_: MouseEvent| ())}>{ "Retry" }</button>
            }
        </div>
    }
}
