//! Code 100 from `get_load_state` means a missing collection or database, or a transient
//! lookup failure: a row is shown Missing only once `collections/has` confirms it.

use crate::api::{ApiError, Client, LoadState, Transport};

/// `state` as read, with `Missing` confirmed: a collection that still exists (or could not be
/// checked) is `Unknown` for now, which keeps its last known state and reads it again.
pub(super) async fn confirm_missing<T: Transport>(
    client: &Client<T>,
    name: &str,
    state: Result<LoadState, ApiError>,
) -> Result<LoadState, ApiError> {
    if state != Ok(LoadState::Missing) {
        return state;
    }
    match client.collection_gone(name).await {
        Ok(true) => Ok(LoadState::Missing),
        Ok(false) => Ok(LoadState::Unknown(
            "the server did not find the collection (code 100), yet it exists: a transient \
             failure"
                .to_string(),
        )),
        Err(e) if e.is_cancelled() => Err(e),
        Err(e) => Ok(LoadState::Unknown(format!(
            "the server did not find the collection (code 100), and it could not be \
             confirmed: {e}"
        ))),
    }
}
