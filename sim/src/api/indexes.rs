//! `indexes/describe` (contract section 10.2): the user's index type and params (AUTOINDEX
//! stays AUTOINDEX), build progress, and from 2.5 the mmap, offset-cache and version keys.

use serde_json::{json, Map, Value};

use super::context::{data, Ctx, Reply};
use super::lookup::find_collection;
use crate::request::{Body, Refusal};

pub fn describe(ctx: &mut Ctx, body: &Body) -> Reply {
    let index_name = body.req_str("indexName")?;
    let compat = ctx.compat;
    let c = find_collection(ctx, body, false)?;
    let index = &c.index;
    if !c.has_index || index.name != index_name {
        return Err(Refusal::new(
            700,
            format!("index not found[indexName={index_name}]"),
        ));
    }
    let rows = c.rows();
    let mut out = Map::new();
    out.insert("indexName".into(), json!(index.name));
    out.insert("fieldName".into(), json!(index.field));
    out.insert("indexType".into(), json!(index.index_type.name()));
    out.insert("metricType".into(), json!(index.metric));
    out.insert("totalRows".into(), json!(rows));
    out.insert("indexedRows".into(), json!(rows));
    out.insert("pendingRows".into(), json!(0));
    out.insert("indexState".into(), json!("Finished"));
    out.insert("failReason".into(), json!(""));
    if compat.describes_2_5_keys() {
        let params: Map<String, Value> = index
            .params
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        out.insert("indexParams".into(), Value::Object(params));
        out.insert("mmap.enabled".into(), json!("false"));
        out.insert("indexoffsetcache.enabled".into(), json!("false"));
        out.insert("minIndexVersion".into(), json!(5));
        out.insert("maxIndexVersion".into(), json!(6));
    }
    data(json!([out]))
}
