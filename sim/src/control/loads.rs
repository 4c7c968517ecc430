//! Steering loads: start (slow, held, with SDK settings), hold, finish, fail.

use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use super::input::{find, parse};
use super::state::load_state_json;
use crate::model::{Hold, LoadConfig, PartitionLoad};
use crate::sim::{lock, Sim};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LoadTarget {
    #[serde(default)]
    db_name: Option<String>,
    collection_name: String,
    #[serde(default)]
    partition_names: Option<Vec<String>>,
    /// For start: how long the load takes.
    #[serde(default)]
    seconds: Option<f64>,
    /// For hold: the percent to stay at; `null` lets the load run on.
    #[serde(default)]
    progress: Option<u8>,
    /// For start: the settings of the load, as an SDK could set them.
    #[serde(default)]
    replicas: Option<u32>,
    #[serde(default)]
    resource_groups: Option<Vec<String>>,
    #[serde(default)]
    field_subset: Option<bool>,
    /// For fail: the failure text that prefixes `partition not loaded` messages.
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Clone, Copy)]
pub enum SteerLoad {
    Start,
    Hold,
    Finish,
    Fail,
}

/// What a failed load reports when the control API names no reason.
const DEFAULT_FAILURE: &str =
    "load collection failed: resource group node not enough[rg=__default_resource_group]";

pub fn steer(sim: &Sim, body: &[u8], how: SteerLoad) -> Result<Value, String> {
    let target: LoadTarget = parse(body)?;
    let now = Instant::now();
    let load_timeout = lock(&sim.live).load_timeout;
    let mut world = lock(&sim.world);
    let cluster = world.cluster.clone();
    let collection = find(
        &mut world,
        target.db_name.as_deref(),
        &target.collection_name,
    )?;
    collection.settle(now, load_timeout);
    let names = target
        .partition_names
        .clone()
        .unwrap_or_else(|| collection.all_partition_names());
    if let SteerLoad::Fail = how {
        let reason = target.reason.as_deref().unwrap_or(DEFAULT_FAILURE);
        collection.fail_load(&names, reason, now);
        return Ok(load_state_json(collection, now));
    }
    let hold = target.progress.map(|p| Hold {
        percent: p.min(99),
        since: now,
    });
    for partition in collection
        .partitions
        .iter_mut()
        .filter(|p| names.contains(&p.name))
    {
        match how {
            SteerLoad::Start => {
                let seconds = target.seconds.unwrap_or(60.0).clamp(0.001, 86_400.0);
                partition.load = PartitionLoad::Loading {
                    started: now,
                    duration: Duration::from_secs_f64(seconds),
                    held: hold,
                };
            }
            SteerLoad::Hold => {
                if let PartitionLoad::Loading { held, .. } = &mut partition.load {
                    *held = hold;
                }
            }
            SteerLoad::Finish => {
                if partition.load != PartitionLoad::Released {
                    partition.load = PartitionLoad::Loaded;
                }
            }
            SteerLoad::Fail => {}
        }
    }
    if let SteerLoad::Start = how {
        if target.partition_names.is_none() {
            collection.loaded_whole = true;
        }
        let default = LoadConfig::cluster_default();
        collection.loaded_with = Some(LoadConfig {
            replicas: target.replicas.unwrap_or(default.replicas),
            resource_groups: target
                .resource_groups
                .clone()
                .unwrap_or(default.resource_groups),
            field_subset: target.field_subset.unwrap_or(false),
        });
        if let Some(config) = &collection.loaded_with {
            collection.replicas = cluster
                .assign(config.replicas, &config.resource_groups, false)
                .unwrap_or_default();
        }
    }
    Ok(load_state_json(collection, now))
}
