//! `collections/list|has|get_stats|release|create|drop`. Describe and loads have their own
//! modules.

use serde_json::json;

use super::context::{data, Ctx, Reply};
use super::create_schema::created;
use super::loading;
use super::lookup::{check_collection_name, database_not_found, database_of, with_collection};
use crate::request::{Body, Refusal};

pub fn list(ctx: &mut Ctx, body: &Body) -> Reply {
    let db = body.database()?;
    let database = ctx
        .world
        .databases
        .get(&db)
        .ok_or_else(|| database_not_found(&db))?;
    data(json!(database.collections.keys().collect::<Vec<_>>()))
}

pub fn has(ctx: &mut Ctx, body: &Body) -> Reply {
    let (database, name) = database_of(ctx, body)?;
    data(json!({"has": database.collections.contains_key(&name)}))
}

pub fn get_stats(ctx: &mut Ctx, body: &Body) -> Reply {
    with_collection(ctx, body, |c, _| Ok(json!({"rowCount": c.rows()})))
}

/// Release is synchronous and releasing what is released is a no-op.
pub fn release(ctx: &mut Ctx, body: &Body) -> Reply {
    with_collection(ctx, body, |c, _| {
        c.release(&c.all_partition_names());
        Ok(json!({}))
    })
}

pub fn create(ctx: &mut Ctx, body: &Body) -> Reply {
    let db = body.database()?;
    let name = body.req_str("collectionName")?;
    check_collection_name(ctx, &name)?;
    let dimension = match body.get("dimension") {
        Some(v) => Some(v.as_u64().filter(|d| *d > 0).ok_or_else(|| {
            Refusal::new(
                1100,
                "dimension should be a positive integer: invalid parameter",
            )
        })?),
        None => None,
    };
    if dimension.is_none() && body.get("schema").is_none() {
        return Err(Refusal::new(
            1100,
            "dimension is required for quickly create collection(default metric type: COSINE): invalid parameter",
        ));
    }
    let database = ctx
        .world
        .databases
        .get(&db)
        .ok_or_else(|| database_not_found(&db))?;
    if database.collections.contains_key(&name) {
        return Err(Refusal::new(
            65535,
            format!("collection already exists[collection={name}]"),
        ));
    }
    let dimension = dimension.map(|d| d.min(u64::from(u32::MAX)) as u32);
    let created = created(body, dimension);
    let partitions: Vec<String> = if created.partition_key {
        (0..16).map(|i| format!("_default_{i}")).collect()
    } else {
        vec!["_default".to_string()]
    };
    let spec: Vec<(&str, u64)> = partitions.iter().map(|p| (p.as_str(), 0)).collect();
    let collection = ctx.world.add_collection(&db, &name, &spec);
    // Quick setup builds an index; a custom schema has one only when indexParams name it.
    let has_index = created.index.is_some();
    collection.has_index = has_index;
    collection.partition_key = created.partition_key;
    collection.fields = created.fields;
    if let Some(index) = created.index {
        collection.index = index;
    }
    collection.description = body
        .opt_str("description")
        .ok()
        .flatten()
        .unwrap_or_default();
    if has_index {
        loading::start_whole_load(ctx, &db, &name);
    }
    data(json!({}))
}

pub fn drop(ctx: &mut Ctx, body: &Body) -> Reply {
    let (database, name) = database_of(ctx, body)?;
    // Dropping what is not there succeeds, as on a real server.
    database.collections.remove(&name);
    data(json!({}))
}
