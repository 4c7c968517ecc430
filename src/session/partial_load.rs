//! A Load of a partly loaded collection loads only its missing partitions. `collections/load`
//! would re-apply the default replica setting to the loaded part without a word on 2.4.13 and
//! later, while `partitions/load` is refused (1100) when the settings differ (contract,
//! section 6).

use std::rc::Rc;

use crate::api::{Client, LoadState, Transport};
use crate::state::Target;

/// The partitions of `collection` the server reads as not loaded, asked one by one (section
/// 5). A partition whose state cannot be told is left out: only what is known to be missing
/// is loaded. When none is known missing and some cannot be told, the answer is the server's
/// text for them: whether anything is missing is not known.
async fn missing_partitions<T: Transport>(
    client: &Client<T>,
    collection: &str,
) -> Result<Vec<Rc<str>>, String> {
    let mut missing = Vec::new();
    let mut untold = None;
    let names = client
        .list_partitions(collection)
        .await
        .map_err(|e| e.to_string())?;
    for name in names {
        match client.partition_load_state(collection, &name).await {
            Ok(LoadState::NotLoad) => missing.push(Rc::from(name.as_str())),
            Ok(LoadState::Unknown(text)) => {
                untold.get_or_insert_with(|| format!("partition {name}: {text}"));
            }
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    match untold {
        Some(text) if missing.is_empty() => Err(text),
        _ => Ok(missing),
    }
}

/// What completes a partly loaded collection's load: its missing partitions, or nothing when
/// none is missing any more. The error says why what is missing could not be read.
pub(super) async fn completing<T: Transport>(
    client: &Client<T>,
    target: &Target,
) -> Result<Option<Target>, String> {
    let missing = missing_partitions(client, &target.collection).await?;
    Ok((!missing.is_empty()).then(|| Target {
        partitions: missing,
        ..target.clone()
    }))
}
