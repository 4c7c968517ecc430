//! Where to connect: endpoint URL and an optional token (masked). The token stays in memory
//! unless the user ticks "remember for this browser session".

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::effect::use_effect_on;

pub use crate::options::ConnectRequest;

#[derive(Properties, PartialEq)]
pub struct ConnectFormProps {
    pub endpoint: AttrValue,
    pub token: Option<AttrValue>,
    pub remember_token: bool,
    pub on_connect: Callback<ConnectRequest>,
    /// True while a connection is being made: the button shows it.
    #[prop_or_default]
    pub connecting: bool,
    /// The server refused the token: the token field is focused (not emptied: the user may
    /// already be typing the next one).
    #[prop_or_default]
    pub ask_token: bool,
}

#[component]
pub fn ConnectForm(props: &ConnectFormProps) -> Html {
    let endpoint_ref = use_node_ref();
    let token_ref = use_node_ref();
    let remember_ref = use_node_ref();
    {
        // The fields are the user's once shown: filled from the props when they change, never
        // reset by a re-render (a controlled value would wipe what the user is typing).
        let (endpoint_ref, token_ref, remember_ref) = (
            endpoint_ref.clone(),
            token_ref.clone(),
            remember_ref.clone(),
        );
        let initial = (
            props.endpoint.clone(),
            props.token.clone(),
            props.remember_token,
        );
        use_effect_on(initial, move |(endpoint, token, remember)| {
            if let Some(input) = endpoint_ref.cast::<HtmlInputElement>() {
                input.set_value(endpoint);
            }
            if let Some(input) = token_ref.cast::<HtmlInputElement>() {
                input.set_value(token.as_deref().unwrap_or_default());
            }
            if let Some(input) = remember_ref.cast::<HtmlInputElement>() {
                input.set_checked(*remember);
            }
        });
    }
    {
        let token_ref = token_ref.clone();
        use_effect_on(props.ask_token, move |ask| {
            if let (true, Some(input)) = (*ask, token_ref.cast::<HtmlInputElement>()) {
                let _ = input.focus();
            }
        });
    }
    let onsubmit = {
        let (endpoint_ref, token_ref, remember_ref) = (
            endpoint_ref.clone(),
            token_ref.clone(),
            remember_ref.clone(),
        );
        let on_connect = props.on_connect.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let token = value(&token_ref);
            on_connect.emit(ConnectRequest {
                endpoint: value(&endpoint_ref).trim().to_string(),
                token: (!token.is_empty()).then_some(token),
                remember_token: remember_ref
                    .cast::<HtmlInputElement>()
                    .is_some_and(|i| i.checked()),
            });
        })
    };
    html! {
        <form class="mlc-connect" {onsubmit} aria-label="Connection">
            <label>
                <span>{ "Milvus endpoint" }</span>
                <input ref={endpoint_ref} name="endpoint" type="url" required=true
                    placeholder="http://127.0.0.1:19530" autocomplete="url" spellcheck="false" />
            </label>
            <label>
                <span>{ "Token (optional)" }</span>
                <input ref={token_ref} name="token" type="password"
                    aria-invalid={props.ask_token.then_some("true")}
                    placeholder="user:password or API key" autocomplete="off" />
            </label>
            <label class="mlc-check">
                <input ref={remember_ref} name="remember" type="checkbox" />
                <span>{ "Remember token for this browser session" }</span>
            </label>
            <button type="submit" class="mlc-primary" disabled={props.connecting}>
                { if props.connecting { "Connecting…" } else { "Connect" } }
            </button>
        </form>
    }
}
