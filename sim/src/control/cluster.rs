//! `GET /__sim/cluster`: query nodes with their memory in use, resource groups, and where
//! each loaded collection's replicas are, with its memory estimate per replica.

use std::time::Instant;

use serde_json::{json, Value};

use crate::compat::Compat;
use crate::model::estimate;
use crate::sim::{lock, Sim};

pub fn cluster(sim: &Sim) -> Value {
    let now = Instant::now();
    let compat: Compat = sim.settings.compat;
    let load_timeout = lock(&sim.live).load_timeout;
    let mut world = lock(&sim.world);
    for c in world
        .databases
        .values_mut()
        .flat_map(|d| d.collections.values_mut())
    {
        c.settle(now, load_timeout);
    }
    let used = world.node_usage(compat, now, None);
    let nodes: Vec<Value> = world
        .cluster
        .nodes
        .iter()
        .map(|n| {
            json!({"id": n.id, "hostname": n.hostname, "address": n.address, "group": n.group,
                   "memory": n.memory, "memoryUsed": used.get(&n.id).copied().unwrap_or(n.base_used)})
        })
        .collect();
    let groups: Vec<Value> = world
        .cluster
        .groups
        .iter()
        .map(|g| {
            let members: Vec<i64> = world.cluster.nodes_of(&g.name).map(|n| n.id).collect();
            json!({"name": g.name, "capacity": g.capacity(), "nodes": members})
        })
        .collect();
    let mut replicas = Vec::new();
    for (db, database) in &world.databases {
        for c in database
            .collections
            .values()
            .filter(|c| !c.replicas.is_empty())
        {
            let index = c.has_index.then_some(&c.index);
            let whole = estimate(&c.fields, index, c.rows(), compat);
            replicas.push(json!({
                "database": db,
                "collection": c.name,
                "replicas": c.replicas.iter().map(|r| json!({"group": r.group, "nodes": r.nodes})).collect::<Vec<_>>(),
                "bytesPerReplica": whole.steady,
                "peakExtraBytes": whole.peak_extra,
            }));
        }
    }
    json!({"nodes": nodes, "groups": groups, "loaded": replicas})
}
