//! What the console remembers in the browser: the endpoint (localStorage) and, only when the
//! user opts in, the token (sessionStorage: gone when the tab closes). Storage failures (private
//! mode, quotas) are ignored: remembering is a convenience.

use web_sys::Storage;

use crate::credentials::Remembered;

const ENDPOINT_KEY: &str = "milvus-load-console.endpoint";
const TOKEN_KEY: &str = "milvus-load-console.token";

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn endpoint() -> Option<String> {
    local()?.get_item(ENDPOINT_KEY).ok().flatten()
}

pub fn remember_endpoint(endpoint: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(ENDPOINT_KEY, endpoint);
    }
}

/// The remembered token with the endpoint it belongs to.
pub fn token() -> Option<Remembered> {
    Remembered::decode(&session()?.get_item(TOKEN_KEY).ok().flatten()?)
}

/// Keeps the token (with its endpoint) for this browser session, or forgets it.
pub fn remember_token(token: Option<&Remembered>) {
    if let Some(storage) = session() {
        let _ = match token {
            Some(token) => storage.set_item(TOKEN_KEY, &token.encode()),
            None => storage.remove_item(TOKEN_KEY),
        };
    }
}
