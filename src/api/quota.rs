//! `quotacenter/describe` (Milvus 2.6.0+; memory doc 10.5): `data` is JSON **text**, parsed
//! again here. It gives each query node's memory (the console reads nothing else of it). An absent
//! key is `None` (quota collection off answers empty maps); a key of the wrong type is an error
//! naming it.

use serde_json::{Map, Value};

use super::client::{Client, Effect};
use super::decode::wrong_shape;
use super::error::ApiError;
use super::transport::Transport;
use super::types::RequestBody;

const ENDPOINT: &str = "quotacenter/describe";

/// The loader refuses a load past this share of a node's memory, in tenths
/// (`queryCoord.overloadedMemoryThresholdPercentage`, 90 by default; memory doc 10.7).
pub const LOAD_THRESHOLD_TENTHS: u64 = 9;

/// One query node's memory, from `QueryNodeMetrics.<nodeID>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryNodeMemory {
    /// The map key: the node ID as text.
    pub node_id: String,
    /// `Hms.memory`: min(host, cgroup limit), bytes.
    pub memory: Option<u64>,
    /// `Hms.memory_usage`: RSS − shared, bytes; what the loader compares.
    pub memory_usage: Option<u64>,
    /// `LoadedBinlogSize` (2.6.4+): binlog memory size of the node's sealed segments, bytes.
    pub loaded_binlog_size: Option<u64>,
}

impl QueryNodeMemory {
    /// Memory a load may still take on this node: 0.9 × `memory` − `memory_usage`, at least 0.
    pub fn free_for_loading(&self) -> Option<u64> {
        let memory = self.memory?;
        // ⌊memory × tenths / 10⌋ without overflow.
        let limit = memory / 10 * LOAD_THRESHOLD_TENTHS + memory % 10 * LOAD_THRESHOLD_TENTHS / 10;
        Some(limit.saturating_sub(self.memory_usage?))
    }
}

/// What the quota center tells about memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaMetrics {
    /// In the order of their IDs.
    pub query_nodes: Vec<QueryNodeMemory>,
}

type Decoded<T> = Result<T, ApiError>;

fn bad(data: &Value, expected: &str) -> ApiError {
    wrong_shape(ENDPOINT, expected, data)
}

fn object<'v>(
    parent: &'v Map<String, Value>,
    key: &str,
    data: &Value,
) -> Decoded<Option<&'v Map<String, Value>>> {
    match parent.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(bad(data, &format!("`{key}` as an object"))),
    }
}

fn bytes(parent: Option<&Map<String, Value>>, key: &str, data: &Value) -> Decoded<Option<u64>> {
    match parent.and_then(|p| p.get(key)) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .map(Some)
            .ok_or_else(|| bad(data, &format!("`{key}` as a byte count"))),
    }
}

fn query_node(node_id: &str, value: &Value, data: &Value) -> Decoded<QueryNodeMemory> {
    let Value::Object(node) = value else {
        return Err(bad(data, "each of `QueryNodeMetrics` as an object"));
    };
    let hms = object(node, "Hms", data)?;
    Ok(QueryNodeMemory {
        node_id: node_id.to_string(),
        memory: bytes(hms, "memory", data)?,
        memory_usage: bytes(hms, "memory_usage", data)?,
        loaded_binlog_size: bytes(Some(node), "LoadedBinlogSize", data)?,
    })
}

impl QuotaMetrics {
    /// The metrics in `data`: JSON text (as the server sends it) or, leniently, an object.
    pub(crate) fn from_data(data: &Value) -> Decoded<Self> {
        let parsed;
        let metrics = match data {
            Value::String(text) => {
                // As bytes: one JSON reader (`from_slice::<Value>`) in the wasm.
                parsed = serde_json::from_slice::<Value>(text.as_bytes())
                    .map_err(|_| bad(data, "`data` as JSON text"))?;
                &parsed
            }
            other => other,
        };
        let Value::Object(root) = metrics else {
            return Err(bad(data, "the metrics as a JSON object"));
        };
        let mut query_nodes: Vec<QueryNodeMemory> = match object(root, "QueryNodeMetrics", data)? {
            Some(nodes) => nodes
                .iter()
                .map(|(id, node)| query_node(id, node, data))
                .collect::<Decoded<_>>()?,
            None => Vec::new(),
        };
        // Decimal IDs: the shorter is the smaller.
        crate::order::sort_by(&mut query_nodes, |a, b| {
            (a.node_id.len(), &a.node_id).cmp(&(b.node_id.len(), &b.node_id))
        });
        Ok(QuotaMetrics { query_nodes })
    }
}

impl<T: Transport> Client<T> {
    /// `quotacenter/describe`: query-node memory and binlog sizes (404 before 2.6.0).
    pub async fn quota_metrics(&self) -> Result<QuotaMetrics, ApiError> {
        let reply = self
            .call(ENDPOINT, &RequestBody::default(), Effect::Read)
            .await?;
        QuotaMetrics::from_data(&reply.data)
    }
}
