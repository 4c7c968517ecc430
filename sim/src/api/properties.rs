//! `collections/alter_properties` and `collections/drop_properties` (2.5.4+, contract section
//! 10.6). Values are stored as Go's `%v` prints them; altering the load keys of a loaded
//! collection reconfigures it at once from 2.6.3, and is only stored before.

use serde_json::{json, Value};

use super::context::{data, Ctx, Reply};
use super::load_settings::wanted_config;
use super::lookup::find_collection;
use super::placement::{place, Placement};
use crate::request::{Body, Refusal};

/// Go's `%v` of a decoded JSON value.
fn go_text(value: &Value) -> String {
    match value {
        Value::Null => "<nil>".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(go_text).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(map) => format!(
            "map[{}]",
            map.iter()
                .map(|(k, v)| format!("{k}:{}", go_text(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        other => other.to_string(),
    }
}

fn missing(field: &str) -> Refusal {
    Refusal::new(
        1802,
        format!("missing required parameters, error: Key: '{field}' Error:Field validation for '{field}' failed on the 'required' tag"),
    )
}

pub fn alter(ctx: &mut Ctx, body: &Body) -> Reply {
    let Some(Value::Object(properties)) = body.get("properties") else {
        return Err(missing("Properties"));
    };
    let (db, compat) = (body.database()?, ctx.compat);
    let c = find_collection(ctx, body, false)?;
    for (key, value) in properties {
        c.properties.retain(|(k, _)| k != key);
        c.properties.push((key.clone(), go_text(value)));
    }
    let touches_load = properties
        .keys()
        .any(|k| k == "collection.replica.number" || k == "collection.resource_groups");
    if touches_load && c.any_loaded() && compat.alter_reconfigures_loaded() {
        let name = c.name.clone();
        let want = wanted_config(ctx, &db, &name);
        place(
            ctx,
            (&db, &name),
            &want,
            &[],
            Placement::Reconfigure,
            "UpdateLoadConfig",
        )?;
        find_collection(ctx, body, false)?.loaded_with = Some(want);
    }
    data(json!({}))
}

pub fn drop(ctx: &mut Ctx, body: &Body) -> Reply {
    let keys = body
        .opt_str_list("propertyKeys")?
        .ok_or_else(|| missing("PropertyKeys"))?;
    let c = find_collection(ctx, body, false)?;
    c.properties.retain(|(k, _)| !keys.contains(k));
    data(json!({}))
}
