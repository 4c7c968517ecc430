//! Placing a load's replicas on query nodes (contract section 10.6) and the loader's memory
//! check on each node (section 10.7): a first load needs a node per replica in each group; a
//! node whose used memory plus its share and one segment's peak exceeds 90 % of its memory
//! refuses the segments, which the load's reply never shows.

use std::time::Instant;

use super::context::Ctx;
use super::lookup::collection_not_found;
use crate::compat::Compat;
use crate::model::{estimate, Collection, Hold, LoadFailure, PartitionLoad, PlacementError};
use crate::request::Refusal;

/// `queryCoord.overloadedMemoryThresholdPercentage`, as a fraction.
const THRESHOLD: f64 = 0.9;
const MIB: u64 = 1 << 20;

/// Which placement a load makes.
#[derive(Clone, Copy, PartialEq)]
pub enum Placement {
    /// Nothing loaded yet: nodes are checked.
    First,
    /// Loaded already, settings possibly changed: replicas move without a node check.
    Reconfigure,
    /// Loaded already with the same settings: more partitions on the same replicas.
    Add,
}

/// The loader's refusal of a load's segments: the percent the load stays at, and the failure.
pub struct OutOfMemory {
    pub percent: u8,
    pub code: i64,
    pub reason: String,
}

/// The query coordinator's refusal to place replicas; `call` is `LoadCollection` or
/// `LoadPartitions`. 65535 up to 2.6.18, the inner code from 2.6.19.
fn placement_refusal(compat: Compat, call: &str, error: PlacementError) -> Refusal {
    let (inner, text) = match error {
        PlacementError::GroupNotFound(group) => (300, format!("resource group not found[rg={group}]")),
        PlacementError::GroupCount { replicas, groups } => (
            1100,
            format!(
                "replica=[{replicas}] resource group=[{}], resource group num can only be 0, 1 or same as replica number",
                groups.join(",")
            ),
        ),
        PlacementError::NodesNotEnough { group, current, expected } => (
            304,
            format!("resource group node not enough[rg={group}][currentNodeNum={current}][expectedNodeNum={expected}]"),
        ),
    };
    let spawn = if compat.spawn_prefix() {
        "failed to spawn replica for collection: "
    } else {
        ""
    };
    let code = if compat.merr_codes() { inner } else { 65535 };
    Refusal::new(
        code,
        format!("call query coordinator {call}: {spawn}{text}"),
    )
}

/// Places the replicas of collection `name` for a load that adds the partitions `adding`,
/// and runs the loader's memory check; `Ok(Some(..))` when the nodes refuse the segments.
pub fn place(
    ctx: &mut Ctx,
    (db, name): (&str, &str),
    want: &crate::model::LoadConfig,
    adding: &[String],
    how: Placement,
    call: &str,
) -> Result<Option<OutOfMemory>, Refusal> {
    let (compat, now) = (ctx.compat, ctx.now);
    let world = &*ctx.world;
    let c = world
        .databases
        .get(db)
        .and_then(|d| d.collections.get(name))
        .ok_or_else(|| collection_not_found(db, name))?;
    let replicas = match how {
        Placement::Add => c.replicas.clone(),
        _ => world
            .cluster
            .assign(
                want.replicas,
                &want.resource_groups,
                how == Placement::First,
            )
            .map_err(|e| placement_refusal(compat, call, e))?,
    };
    let rows: u64 = c
        .partitions
        .iter()
        .filter(|p| adding.contains(&p.name) || p.load != PartitionLoad::Released)
        .map(|p| p.rows)
        .sum();
    let index = c.has_index.then_some(&c.index);
    let need = estimate(&c.fields, index, rows, compat);
    let used = world.node_usage(compat, now, Some(c.id));
    let mut refused = None;
    if !adding.is_empty() {
        for replica in &replicas {
            let share = need.steady / replica.nodes.len().max(1) as u64;
            for id in &replica.nodes {
                let (Some(node), Some(in_use)) = (world.cluster.node(*id), used.get(id)) else {
                    continue;
                };
                let limit = (node.memory as f64 * THRESHOLD) as u64;
                let predict = in_use + share + need.peak_extra;
                if predict > limit && refused.is_none() {
                    let room = limit.saturating_sub(*in_use);
                    let percent = (room.saturating_mul(100) / share.max(1)).min(99) as u8;
                    refused = Some(out_of_memory(
                        compat,
                        percent,
                        need.peak_extra,
                        *in_use,
                        predict,
                        node.memory,
                    ));
                }
            }
        }
    }
    if let Some(c) = ctx
        .world
        .databases
        .get_mut(db)
        .and_then(|d| d.collections.get_mut(name))
    {
        c.replicas = replicas;
    }
    Ok(refused)
}

fn out_of_memory(
    compat: Compat,
    percent: u8,
    segment: u64,
    used: u64,
    predict: u64,
    total: u64,
) -> OutOfMemory {
    if compat.memory_refusal_is_605() {
        return OutOfMemory {
            percent,
            code: 605,
            reason: "segment request resource failed[resourceType=Memory]".to_string(),
        };
    }
    OutOfMemory {
        percent,
        code: 65535,
        reason: format!(
            "load segment failed, OOM if load, maxSegmentSize = {} MB,  memUsage = {} MB, predictMemUsage = {} MB, totalMem = {} MB thresholdFactor = {THRESHOLD:.6}",
            segment / MIB,
            used / MIB,
            predict / MIB,
            total / MIB
        ),
    }
}

/// A load the loader refused: its partitions stay at a flat percent (dropped after the load
/// timeout), and the failure is kept for `get_load_state`.
pub fn stall(c: &mut Collection, names: &[String], refused: OutOfMemory, now: Instant) {
    for p in c.partitions.iter_mut().filter(|p| names.contains(&p.name)) {
        if let PartitionLoad::Loading { held, .. } = &mut p.load {
            *held = Some(Hold {
                percent: refused.percent,
                since: now,
            });
        }
    }
    c.load_failure = Some(LoadFailure {
        reason: refused.reason,
        at: now,
        code: Some(refused.code),
    });
}
