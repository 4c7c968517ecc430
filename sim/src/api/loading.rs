//! Loads: `get_load_state` (contract section 5), `collections/load`, `partitions/load` and
//! `refresh_load` (section 6).

use std::time::Instant;

use serde_json::json;

use super::context::{data, Answer, Ctx, Reply};
use super::load_settings::{check_indexes, check_reload, coordinator_refusal, wanted_config};
use super::lookup::{find_collection, partition_not_found};
use super::placement::{place, stall, OutOfMemory, Placement};
use crate::model::{Collection, LoadConfig, LoadTiming, PartitionLoad};
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
    if names.is_empty() {
        if let Some(refusal) = failed_load_state(c, now) {
            return Err(refusal);
        }
    }
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

/// The query coordinator's answer for a collection whose load the loader refused (for
/// memory) in the last 24 hours and that is no longer loading: the failure instead of
/// `LoadStateNotLoad`.
pub fn failed_load_state(c: &Collection, now: Instant) -> Option<Refusal> {
    if c.progress(now).is_some() {
        return None;
    }
    let failure = c.recent_load_failure(now)?;
    let code = failure.code?;
    Some(Refusal::new(
        code,
        format!("show collection failed: {}", failure.reason),
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

/// The settings a load of the collection named in the body will use.
fn wanted_for(ctx: &mut Ctx, body: &Body) -> Result<LoadConfig, Refusal> {
    let db = body.database()?;
    let name = find_collection(ctx, body, false)?.name.clone();
    Ok(wanted_config(ctx, &db, &name))
}

/// The partitions of `c` among `names` that are released: what a load adds.
fn released(c: &Collection, names: &[String]) -> Vec<String> {
    c.partitions
        .iter()
        .filter(|p| names.contains(&p.name) && p.load == PartitionLoad::Released)
        .map(|p| p.name.clone())
        .collect()
}

pub fn collections_load(ctx: &mut Ctx, body: &Body) -> Reply {
    let want = wanted_for(ctx, body)?;
    let (timing, now, compat) = (ctx.timing, ctx.now, ctx.compat);
    let db = body.database()?;
    let c = find_collection(ctx, body, false)?;
    check_indexes(compat, c)?;
    let loaded = c.any_loaded();
    if let (true, Some(have)) = (loaded, &c.loaded_with) {
        check_reload(compat, have, &want)?;
    }
    let name = c.name.clone();
    let adding = released(c, &c.all_partition_names());
    let how = if loaded {
        Placement::Reconfigure
    } else {
        Placement::First
    };
    let refused = place(ctx, (&db, &name), &want, &adding, how, "LoadCollection")?;
    let c = find_collection(ctx, body, false)?;
    if c.loaded_with
        .as_ref()
        .is_some_and(|h| loaded && h.field_subset)
    {
        // 2.6 reloads what was loaded with a field subset, now with every field.
        let loaded: Vec<String> = c
            .partitions
            .iter()
            .filter(|p| p.load.progress(now).is_some())
            .map(|p| p.name.clone())
            .collect();
        let replicas = std::mem::take(&mut c.replicas);
        c.release(&loaded);
        c.start_load(&loaded, timing, now);
        c.replicas = replicas;
    }
    // A first load, or silently reconfigured to the defaults (2.4.13+).
    c.loaded_with = Some(want);
    c.loaded_whole = true;
    start(c, &adding, refused, timing, now);
    data(json!({}))
}

/// Starts loading `adding` (a new load clears the last failure), stalled when the loader
/// refused it.
fn start(
    c: &mut Collection,
    adding: &[String],
    refused: Option<OutOfMemory>,
    timing: LoadTiming,
    now: Instant,
) {
    if adding.is_empty() {
        return;
    }
    c.load_failure = None;
    c.start_load(adding, timing, now);
    if let Some(refused) = refused {
        stall(c, adding, refused, now);
    }
}

/// Starts loading a whole collection with the default settings (quick-setup create).
pub fn start_whole_load(ctx: &mut Ctx, db: &str, name: &str) {
    let want = wanted_config(ctx, db, name);
    let (timing, now) = (ctx.timing, ctx.now);
    let Some(all) = ctx
        .world
        .databases
        .get(db)
        .and_then(|d| d.collections.get(name))
        .map(Collection::all_partition_names)
    else {
        return;
    };
    let refused = place(
        ctx,
        (db, name),
        &want,
        &all,
        Placement::Reconfigure,
        "LoadCollection",
    )
    .ok()
    .flatten();
    if let Some(c) = ctx
        .world
        .databases
        .get_mut(db)
        .and_then(|d| d.collections.get_mut(name))
    {
        c.loaded_with = Some(want);
        c.loaded_whole = true;
        start(c, &all, refused, timing, now);
    }
}

pub fn partitions_load(ctx: &mut Ctx, body: &Body) -> Reply {
    let names = body.req_str_list("partitionNames")?;
    let want = wanted_for(ctx, body)?;
    let (timing, now, compat) = (ctx.timing, ctx.now, ctx.compat);
    let db = body.database()?;
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
    let loaded = c.any_loaded();
    if let (true, Some(have)) = (loaded, &c.loaded_with) {
        if have.replicas != want.replicas {
            return Err(Refusal::new(
                1100,
                format!(
                    "can't change the replica number for loaded partitions: invalid parameter[expected={}][actual={}]",
                    have.replicas, want.replicas
                ),
            ));
        }
    }
    let config = c.loaded_with.clone().filter(|_| loaded).unwrap_or(want);
    let how = match (loaded, c.replicas.is_empty()) {
        (false, _) => Placement::First,
        (true, true) => Placement::Reconfigure,
        (true, false) => Placement::Add,
    };
    let name = c.name.clone();
    let adding = released(c, &names);
    let refused = place(ctx, (&db, &name), &config, &adding, how, "LoadPartitions")?;
    let c = find_collection(ctx, body, false)?;
    c.loaded_with = Some(config);
    start(c, &adding, refused, timing, now);
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
