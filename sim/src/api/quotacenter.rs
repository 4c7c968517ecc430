//! `quotacenter/describe` (2.6.0+, contract section 10.5): `data` is JSON *text*: per query
//! node its memory and use (bytes), disk (GB), loaded binlog size and collections served, and
//! DataCoord's binlog size per collection. Go field names, int64 keys as strings.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::context::{data, Ctx, Reply};
use crate::model::estimate;
use crate::request::Body;

pub fn describe(ctx: &mut Ctx, _body: &Body) -> Reply {
    let (compat, now) = (ctx.compat, ctx.now);
    let world = &*ctx.world;
    let used = world.node_usage(compat, now, None);
    let mut binlog_on: BTreeMap<i64, u64> = BTreeMap::new();
    let mut served: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut per_collection = Map::new();
    let mut total = 0u64;
    for c in world
        .databases
        .values()
        .flat_map(|d| d.collections.values())
    {
        let index = c.has_index.then_some(&c.index);
        let binlog = estimate(&c.fields, index, c.rows(), compat).binlog;
        total += binlog;
        per_collection.insert(c.id.to_string(), json!(binlog));
        let resident = estimate(&c.fields, index, c.resident_rows(now), compat).binlog;
        for replica in &c.replicas {
            for node in &replica.nodes {
                *binlog_on.entry(*node).or_default() +=
                    resident / replica.nodes.len().max(1) as u64;
                served.entry(*node).or_default().push(c.id);
            }
        }
    }
    let mut query_nodes = Map::new();
    for n in &world.cluster.nodes {
        query_nodes.insert(n.id.to_string(), json!({
            "Hms": {"ip": n.address.split(':').next().unwrap_or(""), "cpu_core_count": 16,
                    "cpu_core_usage": 12.5, "memory": n.memory,
                    "memory_usage": used.get(&n.id).copied().unwrap_or(n.base_used),
                    "disk": n.disk as f64 / 1e9, "disk_usage": 0.0, "io_wait_percentage": 0.0},
            "Rms": [],
            "Fgm": {"MinFlowGraphChannel": "", "MinFlowGraphTt": 0, "NumFlowGraph": 0},
            "Effect": {"NodeID": n.id, "CollectionIDs": served.get(&n.id).cloned().unwrap_or_default()},
            "LoadedBinlogSize": binlog_on.get(&n.id).copied().unwrap_or(0),
            "GrowingSegmentsSize": 0,
        }));
    }
    let metrics = json!({
        "QueryNodeMetrics": query_nodes,
        "DataNodeMetrics": {},
        "ProxyMetrics": {},
        "DataCoordMetrics": {"TotalBinlogSize": total, "CollectionBinlogSize": per_collection,
                             "PartitionsBinlogSize": {}, "CollectionL0RowCount": {}},
    });
    data(Value::String(metrics.to_string()))
}
