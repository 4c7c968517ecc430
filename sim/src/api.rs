//! The REST v2 endpoints: what each one does to the world and what it answers.
//! Transport concerns (CORS, auth, faults, envelopes) live in `server`; loads in `loading`,
//! partitions in `partitions`.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub use crate::compat::Compat;
use crate::loading;
use crate::model::{Collection, Database, LoadTiming, Properties, World};
use crate::names;
use crate::partitions;
use crate::request::{Body, Refusal};

/// What an endpoint answers.
#[derive(Debug, PartialEq)]
pub enum Answer {
    /// Success: `data`, and a top-level `message` when the server sends one.
    Data(Value, Option<String>),
    Refused(Refusal),
    /// No such route on this server generation (text 404).
    NoRoute,
}

impl From<Refusal> for Answer {
    fn from(r: Refusal) -> Self {
        Answer::Refused(r)
    }
}

/// Everything an endpoint may look at.
pub struct Ctx<'a> {
    pub world: &'a mut World,
    pub now: Instant,
    pub timing: LoadTiming,
    pub compat: Compat,
    /// Skip name validation, as a compromised proxy would.
    pub hostile: bool,
    /// Loads without progress for this long are dropped (`queryCoord.loadTimeoutSeconds`).
    pub load_timeout: Option<Duration>,
}

/// Runs one endpoint (`category/action`) on a parsed body.
pub fn handle(ctx: &mut Ctx, endpoint: &str, body: &Body) -> Answer {
    let databases = ctx.compat.has_databases();
    let result = match endpoint {
        "databases/list" if databases => databases_list(ctx),
        "databases/describe" if databases => databases_describe(ctx, body),
        "collections/list" => collections_list(ctx, body),
        "collections/has" => collections_has(ctx, body),
        "collections/describe" => describe(ctx, body),
        "collections/get_stats" => {
            with_collection(ctx, body, |c, _| Ok(json!({"rowCount": c.rows()})))
        }
        "collections/get_load_state" => loading::get_load_state(ctx, body),
        "collections/load" => loading::collections_load(ctx, body),
        "collections/release" => with_collection(ctx, body, |c, _| {
            c.release(&c.all_partition_names());
            Ok(json!({}))
        }),
        "collections/refresh_load" if ctx.compat.has_refresh_load() => {
            loading::refresh_load(ctx, body)
        }
        "collections/create" => create_collection(ctx, body),
        "collections/drop" => drop_collection(ctx, body),
        "partitions/list" => with_collection(ctx, body, |c, _| Ok(json!(c.all_partition_names()))),
        "partitions/has" => partitions::has(ctx, body),
        "partitions/get_stats" => with_collection(ctx, body, |c, b| {
            let name = b.req_str("partitionName")?;
            c.partition(&name)
                .map(|p| json!({"rowCount": p.rows}))
                .ok_or_else(|| partition_not_found(&name))
        }),
        "partitions/create" => partitions::create(ctx, body),
        "partitions/drop" => partitions::drop(ctx, body),
        "partitions/load" => loading::partitions_load(ctx, body),
        "partitions/release" => partitions::release(ctx, body),
        _ => return Answer::NoRoute,
    };
    match result {
        Ok(answer) => answer,
        Err(refusal) => Answer::Refused(refusal),
    }
}

pub(crate) type Reply = Result<Answer, Refusal>;

pub(crate) fn data(value: Value) -> Reply {
    Ok(Answer::Data(value, None))
}

fn database_not_found(db: &str) -> Refusal {
    Refusal::new(800, format!("database not found[database={db}]"))
}

fn collection_not_found(db: &str, name: &str) -> Refusal {
    Refusal::new(
        100,
        format!("collection not found[database={db}][collection={name}]"),
    )
}

pub(crate) fn partition_not_found(name: &str) -> Refusal {
    Refusal::new(200, format!("partition not found[partition={name}]"))
}

/// `[{"key","value"}]`, as describe replies carry properties.
fn properties_json(properties: &Properties) -> Value {
    json!(properties
        .iter()
        .map(|(k, v)| json!({"key": k, "value": v}))
        .collect::<Vec<_>>())
}

fn check_collection_name(ctx: &Ctx, name: &str) -> Result<(), Refusal> {
    if ctx.hostile {
        return Ok(());
    }
    names::validate_collection(name).map_err(|m| Refusal::new(1100, m))
}

/// Partition names: 65535 up to 2.6.18, 1100 with `: invalid parameter` from 2.6.19.
pub(crate) fn check_partition_name(ctx: &Ctx, name: &str) -> Result<(), Refusal> {
    if ctx.hostile {
        return Ok(());
    }
    names::validate_partition(name, ctx.compat.partition_dash()).map_err(|m| ctx.compat.refusal(&m))
}

fn databases_list(ctx: &Ctx) -> Reply {
    data(json!(ctx.world.databases.keys().collect::<Vec<_>>()))
}

fn databases_describe(ctx: &Ctx, body: &Body) -> Reply {
    let name = body.req_str("dbName")?;
    let db = ctx
        .world
        .databases
        .get(&name)
        .ok_or_else(|| database_not_found(&name))?;
    data(json!({"dbName": name, "dbID": db.id, "properties": properties_json(&db.properties)}))
}

fn collections_list(ctx: &Ctx, body: &Body) -> Reply {
    let db = body.database()?;
    let database = ctx
        .world
        .databases
        .get(&db)
        .ok_or_else(|| database_not_found(&db))?;
    data(json!(database.collections.keys().collect::<Vec<_>>()))
}

/// The existing database and the valid collection name a body names.
fn database_of<'w>(ctx: &'w mut Ctx, body: &Body) -> Result<(&'w mut Database, String), Refusal> {
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

fn collections_has(ctx: &mut Ctx, body: &Body) -> Reply {
    let (database, name) = database_of(ctx, body)?;
    data(json!({"has": database.collections.contains_key(&name)}))
}

/// Finds the collection named in the body (settled to `ctx.now`) and runs `f` on it.
pub(crate) fn with_collection(
    ctx: &mut Ctx,
    body: &Body,
    f: impl FnOnce(&mut Collection, &Body) -> Result<Value, Refusal>,
) -> Reply {
    let collection = find_collection(ctx, body, false)?;
    f(collection, body).map(|v| Answer::Data(v, None))
}

/// The collection named in the body, settled to `ctx.now`. `missing_db_is_100`: the
/// get_load_state reading, where a missing database is a missing collection.
pub(crate) fn find_collection<'w>(
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

pub(crate) fn state_name(progress: Option<u8>) -> &'static str {
    match progress {
        None => "LoadStateNotLoad",
        Some(100) => "LoadStateLoaded",
        Some(_) => "LoadStateLoading",
    }
}

fn describe(ctx: &mut Ctx, body: &Body) -> Reply {
    let now = ctx.now;
    let db = body.database()?;
    let c = find_collection(ctx, body, false).map_err(|r| {
        if r.code == 100 {
            Refusal::new(
                100,
                format!(
                    "can't find collection[database={db}][collection={}]",
                    body.opt_str("collectionName")
                        .ok()
                        .flatten()
                        .unwrap_or_default()
                ),
            )
        } else {
            r
        }
    })?;
    let indexes = if c.has_index {
        json!([{"indexName": "vector", "fieldName": "vector", "metricType": "COSINE"}])
    } else {
        json!([])
    };
    let message = (!c.has_index).then(|| format!("index not found[collection={}]", c.name));
    let mut fields = vec![
        json!({"name": "id", "type": "Int64", "id": 100, "primaryKey": true, "autoId": false,
               "partitionKey": false, "description": ""}),
        json!({"name": "tenant", "type": "VarChar", "id": 101, "primaryKey": false,
               "autoId": false, "partitionKey": c.partition_key, "description": "",
               "params": [{"key": "max_length", "value": "64"}]}),
    ];
    // The first vector field carries the index describe shows; others never show theirs.
    let vectors = std::iter::once(&"vector".to_string())
        .chain(&c.unindexed_vector_fields)
        .cloned()
        .collect::<Vec<_>>();
    for (i, name) in vectors.iter().enumerate() {
        fields.push(json!({"name": name, "type": "FloatVector", "id": 102 + i,
            "primaryKey": false, "autoId": false, "partitionKey": false, "description": "",
            "params": [{"key": "dim", "value": c.dimension.to_string()}]}));
    }
    let value = json!({
        "collectionName": c.name,
        "collectionID": c.id,
        "description": c.description,
        "autoId": false,
        "fields": fields,
        "indexes": indexes,
        "load": state_name(c.progress(now)),
        "shardsNum": 1,
        "partitionsNum": c.partitions.len(),
        "consistencyLevel": "Bounded",
        "enableDynamicField": true,
        "aliases": [],
        "properties": properties_json(&c.properties),
    });
    Ok(Answer::Data(value, message))
}

fn create_collection(ctx: &mut Ctx, body: &Body) -> Reply {
    let db = body.database()?;
    let name = body.req_str("collectionName")?;
    check_collection_name(ctx, &name)?;
    let schema = body.get("schema");
    let dimension = match body.get("dimension") {
        Some(v) => Some(v.as_u64().filter(|d| *d > 0).ok_or_else(|| {
            Refusal::new(
                1100,
                "dimension should be a positive integer: invalid parameter",
            )
        })?),
        None => None,
    };
    if dimension.is_none() && schema.is_none() {
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
    // The create schema spells it `isPartitionKey`; accept describe's `partitionKey` too.
    let partition_key = schema
        .and_then(|s| s.get("fields"))
        .and_then(Value::as_array)
        .is_some_and(|fields| {
            fields.iter().any(|f| {
                ["isPartitionKey", "partitionKey"]
                    .iter()
                    .any(|key| f.get(key).and_then(Value::as_bool) == Some(true))
            })
        });
    // Quick setup builds an index; a custom schema has one only when indexParams are given.
    let has_index = dimension.is_some()
        || body
            .get("indexParams")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
    let partitions: Vec<String> = if partition_key {
        (0..16).map(|i| format!("_default_{i}")).collect()
    } else {
        vec!["_default".to_string()]
    };
    let spec: Vec<(&str, u64)> = partitions.iter().map(|p| (p.as_str(), 0)).collect();
    let collection = ctx.world.add_collection(&db, &name, &spec);
    collection.has_index = has_index;
    collection.partition_key = partition_key;
    collection.dimension = dimension.map_or(128, |d| d.min(u64::from(u32::MAX)) as u32);
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

fn drop_collection(ctx: &mut Ctx, body: &Body) -> Reply {
    let (database, name) = database_of(ctx, body)?;
    // Dropping what is not there succeeds, as on a real server.
    database.collections.remove(&name);
    data(json!({}))
}
