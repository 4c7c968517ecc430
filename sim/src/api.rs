//! The REST v2 endpoints: what each one does to the world and what it answers.
//! Transport concerns (CORS, auth, faults, envelopes) live in `http`.

use std::time::Instant;

use serde_json::{json, Value};

use crate::model::{Collection, LoadTiming, Partition, PartitionLoad, World};
use crate::names;
use crate::request::{Body, Refusal};

/// Server generations that answer differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compat {
    /// 2.4.0–2.4.2: success is code 200, no `databases/*`.
    V2_4_0,
    /// Later 2.4: no `databases/*`, no `refresh_load`.
    V2_4,
    V2_5,
    V2_6,
}

impl Compat {
    pub fn parse(text: &str) -> Option<Compat> {
        match text {
            "2.4.0" => Some(Compat::V2_4_0),
            "2.4" => Some(Compat::V2_4),
            "2.5" => Some(Compat::V2_5),
            "2.6" => Some(Compat::V2_6),
            _ => None,
        }
    }

    pub fn success_code(self) -> i64 {
        if self == Compat::V2_4_0 {
            200
        } else {
            0
        }
    }

    fn has_databases(self) -> bool {
        matches!(self, Compat::V2_5 | Compat::V2_6)
    }
}

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
}

/// Runs one endpoint (`category/action`) on a parsed body.
pub fn handle(ctx: &mut Ctx, endpoint: &str, body: &Body) -> Answer {
    let result = match endpoint {
        "databases/list" if ctx.compat.has_databases() => databases_list(ctx),
        "collections/list" => collections_list(ctx, body),
        "collections/describe" => describe(ctx, body),
        "collections/get_stats" => {
            with_collection(ctx, body, |c, _| Ok(json!({"rowCount": c.rows()})))
        }
        "collections/get_load_state" => get_load_state(ctx, body),
        "collections/load" => collections_load(ctx, body),
        "collections/release" => with_collection(ctx, body, |c, _| {
            c.release(&c.all_partition_names());
            Ok(json!({}))
        }),
        "collections/refresh_load" if ctx.compat.has_databases() => {
            with_collection(ctx, body, |c, _| {
                if c.any_loaded() {
                    Ok(json!({}))
                } else {
                    Err(Refusal::new(
                        101,
                        format!("collection not loaded[collection={}]", c.name),
                    ))
                }
            })
        }
        "collections/create" => create_collection(ctx, body),
        "collections/drop" => drop_collection(ctx, body),
        "partitions/list" => with_collection(ctx, body, |c, _| Ok(json!(c.all_partition_names()))),
        "partitions/has" => with_collection(ctx, body, |c, b| {
            let name = b.req_str("partitionName")?;
            Ok(json!({"has": c.partition(&name).is_some()}))
        }),
        "partitions/get_stats" => with_collection(ctx, body, |c, b| {
            let name = b.req_str("partitionName")?;
            c.partition(&name)
                .map(|p| json!({"rowCount": p.rows}))
                .ok_or_else(|| partition_not_found(&name))
        }),
        "partitions/create" => partitions_create(ctx, body),
        "partitions/drop" => partitions_drop(ctx, body),
        "partitions/load" => partitions_load(ctx, body),
        "partitions/release" => partitions_release(ctx, body),
        _ => return Answer::NoRoute,
    };
    match result {
        Ok(answer) => answer,
        Err(refusal) => Answer::Refused(refusal),
    }
}

type Reply = Result<Answer, Refusal>;

fn data(value: Value) -> Reply {
    Ok(Answer::Data(value, None))
}

fn databases_list(ctx: &Ctx) -> Reply {
    data(json!(ctx.world.databases.keys().collect::<Vec<_>>()))
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

fn partition_not_found(name: &str) -> Refusal {
    Refusal::new(200, format!("partition not found[partition={name}]"))
}

fn check_name(ctx: &Ctx, kind: &str, name: &str) -> Result<(), Refusal> {
    if ctx.hostile {
        return Ok(());
    }
    names::validate(kind, name).map_err(|m| Refusal::new(1100, m))
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

/// Finds the collection named in the body (settled to `ctx.now`) and runs `f` on it.
fn with_collection(
    ctx: &mut Ctx,
    body: &Body,
    f: impl FnOnce(&mut Collection, &Body) -> Result<Value, Refusal>,
) -> Reply {
    let collection = find_collection(ctx, body, false)?;
    f(collection, body).map(|v| Answer::Data(v, None))
}

fn find_collection<'w>(
    ctx: &'w mut Ctx,
    body: &Body,
    missing_db_is_100: bool,
) -> Result<&'w mut Collection, Refusal> {
    let db = body.database()?;
    let name = body.req_str("collectionName")?;
    check_name(ctx, "collection", &name)?;
    let now = ctx.now;
    let database = match ctx.world.databases.get_mut(&db) {
        Some(d) => d,
        None if missing_db_is_100 => return Err(collection_not_found(&db, &name)),
        None => return Err(database_not_found(&db)),
    };
    let collection = database
        .collections
        .get_mut(&name)
        .ok_or_else(|| collection_not_found(&db, &name))?;
    collection.settle(now);
    Ok(collection)
}

fn state_name(progress: Option<u8>) -> &'static str {
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
    let value = json!({
        "collectionName": c.name,
        "collectionID": c.id,
        "description": c.description,
        "autoId": false,
        "fields": [
            {"name": "id", "type": "Int64", "primaryKey": true, "autoId": false,
             "partitionKey": false, "description": ""},
            {"name": "tenant", "type": "VarChar", "primaryKey": false, "autoId": false,
             "partitionKey": c.partition_key, "description": "",
             "params": [{"key": "max_length", "value": "64"}]},
            {"name": "vector", "type": "FloatVector", "primaryKey": false, "autoId": false,
             "partitionKey": false, "description": "",
             "params": [{"key": "dim", "value": c.dimension.to_string()}]}
        ],
        "indexes": indexes,
        "load": state_name(c.progress(now)),
        "shardsNum": 1,
        "partitionsNum": c.partitions.len(),
        "consistencyLevel": "Bounded",
        "enableDynamicField": true,
        "aliases": [],
        "properties": [],
    });
    Ok(Answer::Data(value, message))
}

fn get_load_state(ctx: &mut Ctx, body: &Body) -> Reply {
    let now = ctx.now;
    let names = body.opt_str_list("partitionNames")?.unwrap_or_default();
    let c = find_collection(ctx, body, true)?;
    let Some(collection_progress) = c.progress(now) else {
        return data(json!({"loadState": "LoadStateNotLoad"}));
    };
    let (progress, message) = if names.is_empty() {
        (i64::from(collection_progress), String::new())
    } else {
        partitions_progress(c, &names, now)
    };
    let state = if progress >= 100 {
        "LoadStateLoaded"
    } else {
        "LoadStateLoading"
    };
    Ok(Answer::Data(
        json!({"loadState": state, "loadProgress": progress}),
        Some(message),
    ))
}

/// Average progress of the listed partitions; -1 with the error text plus "." when one of them
/// is missing or not loaded.
fn partitions_progress(c: &Collection, names: &[String], now: Instant) -> (i64, String) {
    let mut total = 0i64;
    for name in names {
        match c.partition(name).map(|p| p.load.progress(now)) {
            None => return (-1, format!("partition not found[partition={name}].")),
            Some(None) => return (-1, format!("partition not loaded[partition={name}].")),
            Some(Some(p)) => total += i64::from(p),
        }
    }
    (total / names.len() as i64, String::new())
}

fn collections_load(ctx: &mut Ctx, body: &Body) -> Reply {
    let (timing, now) = (ctx.timing, ctx.now);
    let c = find_collection(ctx, body, false)?;
    if !c.has_index {
        return Err(Refusal::new(
            700,
            format!("index not found[collection={}]", c.name),
        ));
    }
    c.loaded_whole = true;
    c.start_load(&c.all_partition_names(), timing, now);
    data(json!({}))
}

fn create_collection(ctx: &mut Ctx, body: &Body) -> Reply {
    let db = body.database()?;
    let name = body.req_str("collectionName")?;
    check_name(ctx, "collection", &name)?;
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
    let partition_key = schema
        .and_then(|s| s.get("fields"))
        .and_then(Value::as_array)
        .is_some_and(|fields| {
            fields
                .iter()
                .any(|f| f.get("isPartitionKey").and_then(Value::as_bool) == Some(true))
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
    let (timing, now) = (ctx.timing, ctx.now);
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
        collection.loaded_whole = true;
        collection.start_load(&partitions, timing, now);
    }
    data(json!({}))
}

fn drop_collection(ctx: &mut Ctx, body: &Body) -> Reply {
    let db = body.database()?;
    let name = body.req_str("collectionName")?;
    check_name(ctx, "collection", &name)?;
    let database = ctx
        .world
        .databases
        .get_mut(&db)
        .ok_or_else(|| database_not_found(&db))?;
    // Dropping what is not there succeeds, as on a real server.
    database.collections.remove(&name);
    data(json!({}))
}

fn refuse_on_partition_key(c: &Collection, what: &str) -> Result<(), Refusal> {
    if c.partition_key {
        return Err(Refusal::new(
            65535,
            format!("disable {what} partition if partition key mode is used"),
        ));
    }
    Ok(())
}

fn partitions_create(ctx: &mut Ctx, body: &Body) -> Reply {
    let name = body.req_str("partitionName")?;
    check_name(ctx, "partition", &name)?;
    with_collection(ctx, body, |c, _| {
        refuse_on_partition_key(c, "create")?;
        if c.partition(&name).is_none() {
            // A collection loaded whole loads its new partitions at once.
            let load = if c.loaded_whole {
                PartitionLoad::Loaded
            } else {
                PartitionLoad::Released
            };
            c.partitions.push(Partition {
                name,
                rows: 0,
                load,
            });
        }
        Ok(json!({}))
    })
}

fn partitions_drop(ctx: &mut Ctx, body: &Body) -> Reply {
    let name = body.req_str("partitionName")?;
    check_name(ctx, "partition", &name)?;
    with_collection(ctx, body, |c, _| {
        refuse_on_partition_key(c, "drop")?;
        if name == "_default" {
            return Err(Refusal::new(65535, "default partition cannot be deleted"));
        }
        if let Some(p) = c.partition(&name) {
            if p.load != PartitionLoad::Released {
                return Err(Refusal::new(
                    65535,
                    "partition cannot be dropped, partition is loaded, please release it first",
                ));
            }
        }
        c.partitions.retain(|p| p.name != name);
        Ok(json!({}))
    })
}

fn listed_partitions(c: &Collection, body: &Body) -> Result<Vec<String>, Refusal> {
    let names = body.req_str_list("partitionNames")?;
    if let Some(unknown) = names.iter().find(|n| c.partition(n).is_none()) {
        return Err(partition_not_found(unknown));
    }
    Ok(names)
}

fn partitions_load(ctx: &mut Ctx, body: &Body) -> Reply {
    let (timing, now) = (ctx.timing, ctx.now);
    with_collection(ctx, body, |c, b| {
        if b.req_str_list("partitionNames")?.is_empty() {
            return Err(Refusal::new(
                65535,
                "due to no partitions specified, please specify the partitions to load",
            ));
        }
        refuse_on_partition_key(c, "load")?;
        let names = listed_partitions(c, b)?;
        if !c.has_index {
            return Err(Refusal::new(
                700,
                format!("index not found[collection={}]", c.name),
            ));
        }
        c.start_load(&names, timing, now);
        Ok(json!({}))
    })
}

fn partitions_release(ctx: &mut Ctx, body: &Body) -> Reply {
    with_collection(ctx, body, |c, b| {
        if b.req_str_list("partitionNames")?.is_empty() {
            return Err(Refusal::new(
                1100,
                "invalid parameter[expected=any partition][actual=empty partition list]",
            ));
        }
        refuse_on_partition_key(c, "release")?;
        let names = listed_partitions(c, b)?;
        c.release(&names);
        Ok(json!({}))
    })
}
