//! The REST v2 endpoints: one route table, read by the server and by the dispatcher, and the
//! handlers by resource. Transport concerns (CORS, auth, faults, envelopes) live in `server`.

pub mod collections;
pub mod context;
pub mod create_schema;
pub mod databases;
pub mod describe;
pub mod indexes;
pub mod load_settings;
pub mod loading;
pub mod lookup;
pub mod partitions;
pub mod placement;
pub mod properties;
pub mod quotacenter;
pub mod resource_groups;

pub use context::{Answer, Ctx, Reply};

use crate::compat::Compat;
use crate::request::Body;

/// An endpoint's handler.
pub type Handler = fn(&mut Ctx, &Body) -> Reply;

/// One route of a real server's REST v2 API.
pub struct Route {
    /// `category/action`, after `/v2/vectordb/`.
    pub path: &'static str,
    /// For endpoints that change state (DDL): the privilege a read-only user lacks. The DDL
    /// rate limit and the write counters apply to these.
    pub privilege: Option<&'static str>,
    /// Whether a server of that version has the route (404 otherwise).
    pub exists: fn(Compat) -> bool,
    pub handler: Handler,
}

fn always(_: Compat) -> bool {
    true
}

const LOAD: Option<&str> = Some("PrivilegeLoad");
const RELEASE: Option<&str> = Some("PrivilegeRelease");
const CREATE: Option<&str> = Some("PrivilegeCreateCollection");
const DROP: Option<&str> = Some("PrivilegeDropCollection");
const ALTER: Option<&str> = Some("PrivilegeAlterCollection");

const fn route(path: &'static str, privilege: Option<&'static str>, handler: Handler) -> Route {
    Route {
        path,
        privilege,
        exists: always,
        handler,
    }
}

const fn since(
    exists: fn(Compat) -> bool,
    path: &'static str,
    privilege: Option<&'static str>,
    handler: Handler,
) -> Route {
    Route {
        path,
        privilege,
        exists,
        handler,
    }
}

/// Every route this simulator knows.
pub const ROUTES: &[Route] = &[
    since(
        Compat::has_databases,
        "databases/list",
        None,
        databases::list,
    ),
    since(
        Compat::has_databases,
        "databases/describe",
        None,
        databases::describe,
    ),
    route("collections/list", None, collections::list),
    route("collections/has", None, collections::has),
    route("collections/describe", None, describe::describe),
    route("collections/get_stats", None, collections::get_stats),
    route("collections/get_load_state", None, loading::get_load_state),
    route("collections/load", LOAD, loading::collections_load),
    route("collections/release", RELEASE, collections::release),
    since(
        Compat::has_refresh_load,
        "collections/refresh_load",
        LOAD,
        loading::refresh_load,
    ),
    route("collections/create", CREATE, collections::create),
    route("collections/drop", DROP, collections::drop),
    route("partitions/list", None, partitions::list),
    route("partitions/has", None, partitions::has),
    route("partitions/get_stats", None, partitions::get_stats),
    route("partitions/create", CREATE, partitions::create),
    route("partitions/drop", DROP, partitions::drop),
    route("partitions/load", LOAD, loading::partitions_load),
    route("partitions/release", RELEASE, partitions::release),
    route("indexes/describe", None, indexes::describe),
    since(
        Compat::has_alter_properties,
        "collections/alter_properties",
        ALTER,
        properties::alter,
    ),
    since(
        Compat::has_alter_properties,
        "collections/drop_properties",
        ALTER,
        properties::drop,
    ),
    since(
        Compat::has_resource_groups,
        "resource_groups/list",
        None,
        resource_groups::list,
    ),
    since(
        Compat::has_resource_groups,
        "resource_groups/describe",
        None,
        resource_groups::describe,
    ),
    since(
        Compat::has_quotacenter,
        "quotacenter/describe",
        None,
        quotacenter::describe,
    ),
];

/// The route at `path` (`category/action`), whatever the version.
pub fn find(path: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| r.path == path)
}

/// Runs one endpoint on a parsed body.
pub fn handle(ctx: &mut Ctx, endpoint: &str, body: &Body) -> Answer {
    let Some(route) = find(endpoint).filter(|r| (r.exists)(ctx.compat)) else {
        return Answer::NoRoute;
    };
    match (route.handler)(ctx, body) {
        Ok(answer) => answer,
        Err(refusal) => Answer::Refused(refusal),
    }
}
