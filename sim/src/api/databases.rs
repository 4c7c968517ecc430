//! `databases/list` and `databases/describe` (2.4.18+).

use serde_json::json;

use super::context::{data, Ctx, Reply};
use super::lookup::{database_not_found, properties_json};
use crate::request::Body;

pub fn list(ctx: &mut Ctx, _body: &Body) -> Reply {
    data(json!(ctx.world.databases.keys().collect::<Vec<_>>()))
}

pub fn describe(ctx: &mut Ctx, body: &Body) -> Reply {
    let name = body.req_str("dbName")?;
    let db = ctx
        .world
        .databases
        .get(&name)
        .ok_or_else(|| database_not_found(&name))?;
    data(json!({"dbName": name, "dbID": db.id, "properties": properties_json(&db.properties)}))
}
