//! Reading control bodies and finding the collection they name.

use serde::Deserialize;

use crate::model::{Collection, World};

/// A control body as `T`, or the reason it is not one.
pub fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("bad control body: {e}"))
}

/// The collection `name` of database `db` (`default` when absent).
pub fn find<'w>(
    world: &'w mut World,
    db: Option<&str>,
    name: &str,
) -> Result<&'w mut Collection, String> {
    let db = db.unwrap_or("default");
    world
        .databases
        .get_mut(db)
        .and_then(|d| d.collections.get_mut(name))
        .ok_or_else(|| format!("no collection {name} in {db}"))
}
