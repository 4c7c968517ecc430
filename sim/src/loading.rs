//! Loads: `get_load_state` (contract section 5), `collections/load`, `partitions/load`,
//! `refresh_load`, and the replica settings a REST load uses (section 6).

use std::time::Instant;

use serde_json::json;

use crate::api::{data, find_collection, partition_not_found, Answer, Compat, Ctx, Reply};
use crate::model::{property, Collection, LoadConfig};
use crate::request::{Body, Refusal};

pub fn get_load_state(ctx: &mut Ctx, body: &Body) -> Reply {
    let now = ctx.now;
    let names = body.opt_str_list("partitionNames")?.unwrap_or_default();
    // Any lookup failure reads as code 100 without the database in the text.
    let c = find_collection(ctx, body, true).map_err(|r| match r.code {
        100 => Refusal::new(
            100,
            format!(
                "collection not found[collection={}]",
                body.opt_str("collectionName")
                    .ok()
                    .flatten()
                    .unwrap_or_default()
            ),
        ),
        _ => r,
    })?;
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
/// is missing or not loaded. "Not loaded" names the partition by numeric ID, after the reason
/// of a load that failed in the last 24 hours.
fn partitions_progress(c: &Collection, names: &[String], now: Instant) -> (i64, String) {
    let mut total = 0i64;
    for name in names {
        let Some(partition) = c.partition(name) else {
            return (-1, format!("partition not found[partition={name}]."));
        };
        match partition.load.progress(now) {
            Some(p) => total += i64::from(p),
            None => {
                let not_loaded = format!("partition not loaded[partition={}].", partition.id);
                return match c.recent_failure(now) {
                    Some(reason) => (-1, format!("{reason}: {not_loaded}")),
                    None => (-1, not_loaded),
                };
            }
        }
    }
    (total / names.len().max(1) as i64, String::new())
}

/// The settings a REST load uses: collection properties, else database properties, else one
/// replica in the default resource group (2.4.0–2.4.6: always the latter).
fn wanted_config(ctx: &Ctx, db: &str, name: &str) -> LoadConfig {
    let mut config = LoadConfig::cluster_default();
    if !ctx.compat.reads_load_properties() {
        return config;
    }
    let Some(database) = ctx.world.databases.get(db) else {
        return config;
    };
    let collection = database.collections.get(name).map(|c| &c.properties);
    let pick = |collection_key: &str, database_key: &str| {
        collection
            .and_then(|p| property(p, collection_key))
            .or_else(|| property(&database.properties, database_key))
    };
    if let Some(replicas) = pick("collection.replica.number", "database.replica.number")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
    {
        config.replicas = replicas;
    }
    if let Some(groups) = pick("collection.resource_groups", "database.resource_groups") {
        let groups: Vec<String> = groups
            .split(',')
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_string)
            .collect();
        if !groups.is_empty() {
            config.resource_groups = groups;
        }
    }
    config
}

/// A query-coordinator refusal of `collections/load`: 65535 up to 2.6.18, the inner code from
/// 2.6.19, with the proxy's prefix.
fn coordinator_refusal(compat: Compat, inner_code: i64, text: &str) -> Refusal {
    let code = if compat.merr_codes() {
        inner_code
    } else {
        65535
    };
    Refusal::new(
        code,
        format!("call query coordinator LoadCollection: {text}"),
    )
}

/// No vector index at all: 700; some vector fields without one: the proxy's refusal.
fn check_indexes(compat: Compat, c: &Collection) -> Result<(), Refusal> {
    if !c.has_index {
        return Err(Refusal::new(
            700,
            format!("index not found[collection={}]", c.name),
        ));
    }
    if !c.unindexed_vector_fields.is_empty() {
        return Err(compat.refusal(&format!(
            "there is no vector index on field: {}, please create index firstly",
            go_list(&c.unindexed_vector_fields)
        )));
    }
    Ok(())
}

/// Go's `%v` of a string slice.
fn go_list(items: &[String]) -> String {
    format!("[{}]", items.join(" "))
}

/// The query coordinator's refusal to change a setting of a loaded collection.
fn cannot_change(compat: Compat, setting: &str, expected: &str, actual: &str) -> Refusal {
    coordinator_refusal(
        compat,
        1100,
        &format!(
            "can't change the {setting} for loaded collection: invalid parameter[expected={expected}][actual={actual}]"
        ),
    )
}

/// Refuses or accepts a `collections/load` of a collection loaded with `have`.
fn check_reload(compat: Compat, have: &LoadConfig, want: &LoadConfig) -> Result<(), Refusal> {
    if have.field_subset && !compat.reloads_field_subset() {
        return Err(cannot_change(
            compat,
            "load field list",
            "[subset]",
            "[all]",
        ));
    }
    if compat.reconfigures_loaded() {
        return Ok(());
    }
    if have.replicas != want.replicas {
        return Err(cannot_change(
            compat,
            "replica number",
            &have.replicas.to_string(),
            &want.replicas.to_string(),
        ));
    }
    if have.resource_groups != want.resource_groups {
        return Err(cannot_change(
            compat,
            "resource group",
            &go_list(&have.resource_groups),
            &go_list(&want.resource_groups),
        ));
    }
    Ok(())
}

/// The settings a load of the collection named in the body will use.
fn wanted_for(ctx: &mut Ctx, body: &Body) -> Result<LoadConfig, Refusal> {
    let db = body.database()?;
    let name = find_collection(ctx, body, false)?.name.clone();
    Ok(wanted_config(ctx, &db, &name))
}

pub fn collections_load(ctx: &mut Ctx, body: &Body) -> Reply {
    let want = wanted_for(ctx, body)?;
    let (timing, now, compat) = (ctx.timing, ctx.now, ctx.compat);
    let c = find_collection(ctx, body, false)?;
    check_indexes(compat, c)?;
    if let (true, Some(have)) = (c.any_loaded(), c.loaded_with.clone()) {
        check_reload(compat, &have, &want)?;
        if have.field_subset {
            // 2.6 reloads what was loaded with a field subset, now with every field.
            let loaded: Vec<String> = c
                .partitions
                .iter()
                .filter(|p| p.load.progress(now).is_some())
                .map(|p| p.name.clone())
                .collect();
            c.release(&loaded);
            c.start_load(&loaded, timing, now);
        }
    }
    // A first load, or silently reconfigured to the defaults (2.4.13+).
    c.loaded_with = Some(want);
    c.loaded_whole = true;
    c.start_load(&c.all_partition_names(), timing, now);
    data(json!({}))
}

/// Starts loading a whole collection with the default settings (quick-setup create).
pub fn start_whole_load(ctx: &mut Ctx, db: &str, name: &str) {
    let want = wanted_config(ctx, db, name);
    let (timing, now) = (ctx.timing, ctx.now);
    if let Some(c) = ctx
        .world
        .databases
        .get_mut(db)
        .and_then(|d| d.collections.get_mut(name))
    {
        c.loaded_with = Some(want);
        c.loaded_whole = true;
        c.start_load(&c.all_partition_names(), timing, now);
    }
}

pub fn partitions_load(ctx: &mut Ctx, body: &Body) -> Reply {
    let names = body.req_str_list("partitionNames")?;
    let want = wanted_for(ctx, body)?;
    let (timing, now, compat) = (ctx.timing, ctx.now, ctx.compat);
    let c = find_collection(ctx, body, false)?;
    if c.partition_key {
        return Err(compat.refusal("disable load partitions if partition key mode is used"));
    }
    check_indexes(compat, c)?;
    if let Some(unknown) = names.iter().find(|n| c.partition(n).is_none()) {
        return Err(partition_not_found(unknown));
    }
    if names.is_empty() {
        return Err(compat.refusal("failed to load partition, due to no partition specified"));
    }
    match (c.any_loaded(), &c.loaded_with) {
        (true, Some(have)) if have.replicas != want.replicas => {
            return Err(Refusal::new(
                1100,
                format!(
                    "can't change the replica number for loaded partitions: invalid parameter[expected={}][actual={}]",
                    have.replicas, want.replicas
                ),
            ));
        }
        (true, _) => {}
        (false, _) => c.loaded_with = Some(want),
    }
    c.start_load(&names, timing, now);
    data(json!({}))
}

pub fn refresh_load(ctx: &mut Ctx, body: &Body) -> Reply {
    let (now, compat) = (ctx.now, ctx.compat);
    let c = find_collection(ctx, body, false)?;
    let not_loaded = format!("collection not loaded[collection={}]", c.id);
    match c.progress(now) {
        None => Err(coordinator_refusal(compat, 101, &not_loaded)),
        Some(p) if p < 100 => Err(coordinator_refusal(
            compat,
            101,
            &format!("collection not fully loaded: {not_loaded}"),
        )),
        Some(_) => data(json!({})),
    }
}
