//! The replica settings a REST load uses and the query coordinator's refusals of a load
//! (contract section 6).

use super::context::Ctx;
use crate::compat::Compat;
use crate::model::{property, Collection, LoadConfig};
use crate::request::Refusal;

/// The settings a REST load uses: collection properties, else database properties, else one
/// replica in the default resource group.
pub fn wanted_config(ctx: &Ctx, db: &str, name: &str) -> LoadConfig {
    let mut config = LoadConfig::cluster_default();
    if !ctx.compat.reads_database_load_properties() {
        return config;
    }
    let Some(database) = ctx.world.databases.get(db) else {
        return config;
    };
    // Database properties from 2.4.6, collection properties from 2.4.7.
    let collection = database
        .collections
        .get(name)
        .map(|c| &c.properties)
        .filter(|_| ctx.compat.reads_load_properties());
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
pub fn coordinator_refusal(compat: Compat, inner_code: i64, text: &str) -> Refusal {
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
pub fn check_indexes(compat: Compat, c: &Collection) -> Result<(), Refusal> {
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
pub fn check_reload(compat: Compat, have: &LoadConfig, want: &LoadConfig) -> Result<(), Refusal> {
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
