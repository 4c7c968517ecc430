//! `resource_groups/list` and `resource_groups/describe` (Milvus 2.5.3+; memory doc 10.4).
//! Describe answers `{"resource_group": {...}}` without `code`; its errors use the envelope.
//! Every key is left out when zero or empty, so an absent key reads as 0 or empty, while a
//! key of the wrong type is an error naming it.

use serde::Serialize;
use serde_json::{Map, Value};

use super::client::{Client, Effect};
use super::decode::{names, wrong_shape};
use super::envelope::{decode, Success};
use super::error::ApiError;
use super::transport::{HttpReply, Transport};
use super::types::{text, RequestBody};

const DESCRIBE: &str = "resource_groups/describe";

/// A query node of a resource group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupNode {
    /// Kept as text: IDs can exceed JavaScript's safe integers.
    pub node_id: String,
    pub hostname: String,
}

/// What `resource_groups/describe` tells about one group.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ResourceGroup {
    pub name: String,
    /// Query nodes of the group with a live session.
    pub available_nodes: u64,
    /// `num_loaded_replica`: replicas in this group per collection **name**. Names carry no
    /// database: same-named collections of two databases share one entry (one of their
    /// values, not their sum), and the console cannot tell which.
    pub loaded_replicas: Vec<(String, u64)>,
    /// `num_outgoing_node`: nodes of this group serving other groups' collections, per name.
    pub outgoing_nodes: Vec<(String, u64)>,
    /// `num_incoming_node`: nodes borrowed from other groups, per collection name.
    pub incoming_nodes: Vec<(String, u64)>,
    /// `config.requests.node_num`.
    pub requested_nodes: u64,
    /// `config.limits.node_num`.
    pub node_limit: u64,
    /// `config.transfer_from[].resource_group`.
    pub transfer_from: Vec<String>,
    /// `config.transfer_to[].resource_group`.
    pub transfer_to: Vec<String>,
    pub nodes: Vec<GroupNode>,
}

/// Replicas of the collection named `collection` over every group (a collection's replicas
/// in several groups appear in each). Same-named collections of other databases may be
/// counted instead: see `ResourceGroup::loaded_replicas`.
pub fn loaded_replicas(groups: &[ResourceGroup], collection: &str) -> u64 {
    groups
        .iter()
        .flat_map(|g| &g.loaded_replicas)
        .filter(|(name, _)| name == collection)
        .fold(0u64, |sum, (_, n)| sum.saturating_add(*n))
}

type Decoded<T> = Result<T, ApiError>;

fn bad(data: &Value, expected: &str) -> ApiError {
    wrong_shape(DESCRIBE, expected, data)
}

/// A count: absent or null (or in an absent object) is 0.
fn count(object: Option<&Map<String, Value>>, key: &str, data: &Value) -> Decoded<u64> {
    match object.and_then(|o| o.get(key)) {
        None | Some(Value::Null) => Ok(0),
        Some(value) => value
            .as_u64()
            .ok_or_else(|| bad(data, &format!("`{key}` as a count"))),
    }
}

/// An object, absent or null as `None`. Borrowed: cloning a JSON map is a large function.
fn object<'a>(
    parent: Option<&'a Map<String, Value>>,
    key: &str,
    data: &Value,
) -> Decoded<Option<&'a Map<String, Value>>> {
    match parent.and_then(|p| p.get(key)) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(bad(data, &format!("`{key}` as an object"))),
    }
}

/// A list, absent or null as empty.
fn list<'a>(
    parent: Option<&'a Map<String, Value>>,
    key: &str,
    data: &Value,
) -> Decoded<&'a [Value]> {
    match parent.and_then(|p| p.get(key)) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(bad(data, &format!("`{key}` as a list"))),
    }
}

/// `{"<collection name>": n}`.
fn per_collection(
    parent: Option<&Map<String, Value>>,
    key: &str,
    data: &Value,
) -> Decoded<Vec<(String, u64)>> {
    // A loop, not a `collect` into a `Result`: no iterator adapter of its own in the wasm.
    let mut counts = Vec::new();
    for (name, n) in object(parent, key, data)?.into_iter().flatten() {
        match n.as_u64() {
            Some(n) => counts.push((name.clone(), n)),
            None => return Err(bad(data, &format!("`{key}` as counts per collection"))),
        }
    }
    Ok(counts)
}

/// `[{"resource_group": name}]`.
fn group_names(
    config: Option<&Map<String, Value>>,
    key: &str,
    data: &Value,
) -> Decoded<Vec<String>> {
    Ok(list(config, key, data)?
        .iter()
        .map(|entry| text(entry, "resource_group"))
        .collect())
}

impl ResourceGroup {
    /// The group of `data`; `requested` names it when the reply does not.
    pub(crate) fn from_data(data: &Value, requested: &str) -> Decoded<Self> {
        let Value::Object(group) = data else {
            return Err(bad(data, "{\"resource_group\": {...}}"));
        };
        let group = Some(group);
        let config = object(group, "config", data)?;
        let node_num = |key: &str| count(object(config, key, data)?, "node_num", data);
        let name = match group.and_then(|g| g.get("name")) {
            Some(Value::String(name)) => name.clone(),
            _ => requested.to_string(),
        };
        Ok(ResourceGroup {
            name,
            available_nodes: count(group, "num_available_node", data)?,
            loaded_replicas: per_collection(group, "num_loaded_replica", data)?,
            outgoing_nodes: per_collection(group, "num_outgoing_node", data)?,
            incoming_nodes: per_collection(group, "num_incoming_node", data)?,
            requested_nodes: node_num("requests")?,
            node_limit: node_num("limits")?,
            transfer_from: group_names(config, "transfer_from", data)?,
            transfer_to: group_names(config, "transfer_to", data)?,
            nodes: list(group, "nodes", data)?
                .iter()
                .map(|node| GroupNode {
                    node_id: text(node, "node_id"),
                    hostname: text(node, "hostname"),
                })
                .collect(),
        })
    }
}

/// A success is `{"resource_group": ...}` without `code`; anything else is read as an
/// envelope (errors, and a server that wraps the group in `data`).
fn decode_group(path: &str, reply: &HttpReply) -> Result<Success, ApiError> {
    if (200..300).contains(&reply.status) {
        if let Ok(Value::Object(mut object)) = serde_json::from_slice::<Value>(&reply.body) {
            if !object.contains_key("code") {
                // Taken, not removed: see `envelope::decode`.
                if let Some(group) = object.get_mut("resource_group").map(Value::take) {
                    return Ok(Success {
                        data: group,
                        message: None,
                    });
                }
            }
        }
    }
    let mut success = decode(path, reply)?;
    if let Some(group) = success.data.get_mut("resource_group") {
        success.data = group.take();
    }
    Ok(success)
}

/// `{"name"}`.
#[derive(Serialize)]
struct GroupBody<'a> {
    name: &'a str,
}

impl<T: Transport> Client<T> {
    /// `resource_groups/list`: every group's name (404 before 2.5.3).
    pub async fn list_resource_groups(&self) -> Result<Vec<String>, ApiError> {
        let reply = self
            .call(
                "resource_groups/list",
                &RequestBody::default(),
                Effect::Read,
            )
            .await?;
        names("resource_groups/list", &reply.data)
    }

    /// `resource_groups/describe` (404 before 2.5.3; an unknown group is code 300).
    pub async fn describe_resource_group(&self, name: &str) -> Result<ResourceGroup, ApiError> {
        let reply = self
            .call_decoded(DESCRIBE, &GroupBody { name }, Effect::Read, decode_group)
            .await?;
        ResourceGroup::from_data(&reply.data, name)
    }
}
