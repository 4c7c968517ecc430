//! A Load of a partly loaded collection loads only its missing partitions. `collections/load`
//! would re-apply the default replica setting to the loaded part without a word on 2.4.13 and
//! later, while `partitions/load` is refused (1100) when the settings differ (contract,
//! section 6).

use std::rc::Rc;

use crate::api::{ApiError, Client, LoadState, Transport};
use crate::state::Target;

/// The partitions of `collection` the server reads as not loaded, asked one by one (section
/// 5). A partition whose state cannot be told is left out: only what is known to be missing
/// is loaded.
pub(super) async fn missing_partitions<T: Transport>(
    client: &Client<T>,
    collection: &str,
) -> Result<Vec<Rc<str>>, ApiError> {
    let mut missing = Vec::new();
    for name in client.list_partitions(collection).await? {
        if client.partition_load_state(collection, &name).await? == LoadState::NotLoad {
            missing.push(Rc::from(name.as_str()));
        }
    }
    Ok(missing)
}

/// What completes a partly loaded collection's load: its missing partitions, or nothing when
/// none is missing any more.
pub(super) async fn completing<T: Transport>(
    client: &Client<T>,
    target: &Target,
) -> Result<Option<Target>, ApiError> {
    let missing = missing_partitions(client, &target.collection).await?;
    Ok((!missing.is_empty()).then(|| Target {
        partitions: missing,
        ..target.clone()
    }))
}
