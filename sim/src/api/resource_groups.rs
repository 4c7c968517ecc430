//! `resource_groups/list` and `resource_groups/describe` (2.5.3+, contract section 10.4).
//! Describe answers `{"resource_group":{...}}` without `code`, zero values and empty maps
//! left out; collection names from every database share one map, so same names collide.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::context::{data, Answer, Ctx, Reply};
use crate::request::{Body, Refusal};

pub fn list(ctx: &mut Ctx, _body: &Body) -> Reply {
    let names: Vec<&str> = ctx
        .world
        .cluster
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    data(json!(names))
}

pub fn describe(ctx: &mut Ctx, body: &Body) -> Reply {
    let name = body.req_str("name")?;
    let cluster = &ctx.world.cluster;
    let group = cluster
        .group(&name)
        .ok_or_else(|| Refusal::new(300, format!("resource group not found[rg={name}]")))?;
    let mut loaded: BTreeMap<String, usize> = BTreeMap::new();
    for c in ctx
        .world
        .databases
        .values()
        .flat_map(|d| d.collections.values())
    {
        let here = c.replicas.iter().filter(|r| r.group == name).count();
        if here > 0 {
            loaded.insert(c.name.clone(), here);
        }
    }
    let nodes: Vec<Value> = cluster
        .nodes_of(&name)
        .map(|n| json!({"node_id": n.id, "address": n.address, "hostname": n.hostname}))
        .collect();
    let config = match group.node_num {
        None => json!({"requests": {}, "limits": {"node_num": group.capacity()}}),
        Some(n) => json!({"requests": {"node_num": n}, "limits": {"node_num": n}}),
    };
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    out.insert("capacity".into(), json!(group.capacity()));
    if !nodes.is_empty() {
        out.insert("num_available_node".into(), json!(nodes.len()));
        out.insert("nodes".into(), json!(nodes));
    }
    if !loaded.is_empty() {
        out.insert("num_loaded_replica".into(), json!(loaded));
    }
    out.insert("config".into(), config);
    Ok(Answer::Bare(json!({"resource_group": out})))
}
