//! Finding what a request body names, with the refusals a real server gives when it is not
//! there or its name is invalid.

use serde_json::{json, Value};

use super::context::{Answer, Ctx, Reply};
use crate::model::{Collection, Database, Properties};
use crate::names;
use crate::request::{Body, Refusal};

pub fn database_not_found(db: &str) -> Refusal {
    Refusal::new(800, format!("database not found[database={db}]"))
}

pub fn collection_not_found(db: &str, name: &str) -> Refusal {
    Refusal::new(
        100,
        format!("collection not found[database={db}][collection={name}]"),
    )
}

pub fn partition_not_found(name: &str) -> Refusal {
    Refusal::new(200, format!("partition not found[partition={name}]"))
}

/// `[{"key","value"}]`, as describe replies carry properties.
pub fn properties_json(properties: &Properties) -> Value {
    json!(properties
        .iter()
        .map(|(k, v)| json!({"key": k, "value": v}))
        .collect::<Vec<_>>())
}

pub fn check_collection_name(ctx: &Ctx, name: &str) -> Result<(), Refusal> {
    if ctx.hostile {
        return Ok(());
    }
    names::validate_collection(name).map_err(|m| Refusal::new(1100, m))
}

/// Partition names: 65535 up to 2.6.18, 1100 with `: invalid parameter` from 2.6.19.
pub fn check_partition_name(ctx: &Ctx, name: &str) -> Result<(), Refusal> {
    if ctx.hostile {
        return Ok(());
    }
    names::validate_partition(name, ctx.compat.partition_dash()).map_err(|m| ctx.compat.refusal(&m))
}

/// The existing database and the valid collection name a body names.
pub fn database_of<'w>(
    ctx: &'w mut Ctx,
    body: &Body,
) -> Result<(&'w mut Database, String), Refusal> {
    let db = body.database()?;
    let name = body.req_str("collectionName")?;
    check_collection_name(ctx, &name)?;
    let database = ctx
        .world
        .databases
        .get_mut(&db)
        .ok_or_else(|| database_not_found(&db))?;
    Ok((database, name))
}

/// Finds the collection named in the body (settled to `ctx.now`) and runs `f` on it.
pub fn with_collection(
    ctx: &mut Ctx,
    body: &Body,
    f: impl FnOnce(&mut Collection, &Body) -> Result<Value, Refusal>,
) -> Reply {
    let collection = find_collection(ctx, body, false)?;
    f(collection, body).map(|v| Answer::Data(v, None))
}

/// The collection named in the body, settled to `ctx.now`. `missing_db_is_100`: the
/// get_load_state reading, where a missing database is a missing collection.
pub fn find_collection<'w>(
    ctx: &'w mut Ctx,
    body: &Body,
    missing_db_is_100: bool,
) -> Result<&'w mut Collection, Refusal> {
    let db = body.database()?;
    let name = body.req_str("collectionName")?;
    check_collection_name(ctx, &name)?;
    let (now, load_timeout) = (ctx.now, ctx.load_timeout);
    let database = match ctx.world.databases.get_mut(&db) {
        Some(d) => d,
        None if missing_db_is_100 => return Err(collection_not_found(&db, &name)),
        None => return Err(database_not_found(&db)),
    };
    let collection = database
        .collections
        .get_mut(&name)
        .ok_or_else(|| collection_not_found(&db, &name))?;
    collection.settle(now, load_timeout);
    Ok(collection)
}

/// The `load` value of describe and the state names of `get_load_state`.
pub fn state_name(progress: Option<u8>) -> &'static str {
    match progress {
        None => "LoadStateNotLoad",
        Some(100) => "LoadStateLoaded",
        Some(_) => "LoadStateLoading",
    }
}
