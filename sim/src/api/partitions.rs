//! `partitions/list|has|get_stats|create|drop|release`, with the refusals of contract
//! section 6 per version. `partitions/load` lives with the other loads in `loading`.

use serde_json::json;

use super::context::{data, Ctx, Reply};
use super::lookup::{check_partition_name, find_collection, partition_not_found, with_collection};
use crate::model::PartitionLoad;
use crate::request::{Body, Refusal};

pub fn list(ctx: &mut Ctx, body: &Body) -> Reply {
    with_collection(ctx, body, |c, _| Ok(json!(c.all_partition_names())))
}

pub fn get_stats(ctx: &mut Ctx, body: &Body) -> Reply {
    with_collection(ctx, body, |c, b| {
        let name = b.req_str("partitionName")?;
        c.partition(&name)
            .map(|p| json!({"rowCount": p.rows}))
            .ok_or_else(|| partition_not_found(&name))
    })
}

pub fn has(ctx: &mut Ctx, body: &Body) -> Reply {
    let name = body.req_str("partitionName")?;
    check_partition_name(ctx, &name)?;
    with_collection(ctx, body, |c, _| {
        Ok(json!({"has": c.partition(&name).is_some()}))
    })
}

pub fn create(ctx: &mut Ctx, body: &Body) -> Reply {
    let name = body.req_str("partitionName")?;
    check_partition_name(ctx, &name)?;
    let fresh = ctx.world.new_partition(&name, 0);
    let compat = ctx.compat;
    let c = find_collection(ctx, body, false)?;
    if c.partition_key {
        return Err(compat.refusal("disable create partition if partition key mode is used"));
    }
    if c.partition(&name).is_none() {
        let mut partition = fresh;
        // A collection loaded whole loads its new partitions at once (on 2.6 any loaded one).
        if c.loaded_whole || (compat.loads_new_partitions() && c.any_loaded()) {
            partition.load = PartitionLoad::Loaded;
        }
        c.partitions.push(partition);
    }
    data(json!({}))
}

pub fn drop(ctx: &mut Ctx, body: &Body) -> Reply {
    let name = body.req_str("partitionName")?;
    check_partition_name(ctx, &name)?;
    let compat = ctx.compat;
    let c = find_collection(ctx, body, false)?;
    if c.partition_key {
        return Err(compat.refusal("disable drop partition if partition key mode is used"));
    }
    if name == "_default" {
        return Err(Refusal::new(65535, "default partition cannot be deleted"));
    }
    if c.partition(&name)
        .is_some_and(|p| p.load != PartitionLoad::Released)
    {
        return Err(compat
            .refusal("partition cannot be dropped, partition is loaded, please release it first"));
    }
    c.partitions.retain(|p| p.name != name);
    data(json!({}))
}

pub fn release(ctx: &mut Ctx, body: &Body) -> Reply {
    let names = body.req_str_list("partitionNames")?;
    let compat = ctx.compat;
    let c = find_collection(ctx, body, false)?;
    if c.partition_key {
        return Err(compat.refusal("disable release partitions if partition key mode is used"));
    }
    if names.is_empty() {
        return Err(Refusal::new(
            1100,
            "invalid parameter[expected=any partition][actual=empty partition list]",
        ));
    }
    if let Some(unknown) = names.iter().find(|n| c.partition(n).is_none()) {
        return Err(partition_not_found(unknown));
    }
    c.release(&names);
    data(json!({}))
}
