//! `indexes/describe` (memory doc 10.2): the type, metric and params of one index. These are
//! the user's params, so an AUTOINDEX reads `AUTOINDEX`, never the type the server built.

use serde::Serialize;
use serde_json::Value;

use super::client::{Client, Effect};
use super::decode::wrong_shape;
use super::error::ApiError;
use super::schema::parse_bool;
use super::transport::Transport;
use super::types::text;

/// An index type as the user asked for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexType {
    Flat,
    IvfFlat,
    IvfSq8,
    IvfPq,
    Hnsw,
    HnswSq,
    HnswPq,
    HnswPrq,
    DiskAnn,
    BinFlat,
    BinIvfFlat,
    SparseInvertedIndex,
    SparseWand,
    AutoIndex,
    /// Any other type (scalar indexes, GPU indexes, SCANN, ...), as sent.
    Unknown(String),
}

impl IndexType {
    /// The type of an `indexType` text, in any case.
    pub fn parse(name: &str) -> Self {
        use IndexType::*;
        match name.trim().to_ascii_uppercase().as_str() {
            "FLAT" => Flat,
            "IVF_FLAT" => IvfFlat,
            "IVF_SQ8" => IvfSq8,
            "IVF_PQ" => IvfPq,
            "HNSW" => Hnsw,
            "HNSW_SQ" => HnswSq,
            "HNSW_PQ" => HnswPq,
            "HNSW_PRQ" => HnswPrq,
            "DISKANN" => DiskAnn,
            "BIN_FLAT" => BinFlat,
            "BIN_IVF_FLAT" => BinIvfFlat,
            "SPARSE_INVERTED_INDEX" => SparseInvertedIndex,
            "SPARSE_WAND" => SparseWand,
            "AUTOINDEX" => AutoIndex,
            _ => Unknown(name.to_string()),
        }
    }

    /// The name Milvus uses for this type.
    pub fn name(&self) -> &str {
        use IndexType::*;
        match self {
            Flat => "FLAT",
            IvfFlat => "IVF_FLAT",
            IvfSq8 => "IVF_SQ8",
            IvfPq => "IVF_PQ",
            Hnsw => "HNSW",
            HnswSq => "HNSW_SQ",
            HnswPq => "HNSW_PQ",
            HnswPrq => "HNSW_PRQ",
            DiskAnn => "DISKANN",
            BinFlat => "BIN_FLAT",
            BinIvfFlat => "BIN_IVF_FLAT",
            SparseInvertedIndex => "SPARSE_INVERTED_INDEX",
            SparseWand => "SPARSE_WAND",
            AutoIndex => "AUTOINDEX",
            Unknown(name) => name,
        }
    }
}

/// One index as `indexes/describe` tells it. Keys a version does not send are `None`/empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexDescription {
    pub index_name: String,
    pub field_name: String,
    pub index_type: IndexType,
    pub metric_type: String,
    /// The user's build params (`M`, `nlist`, `sq_type`, ...), values as text.
    pub params: Vec<(String, String)>,
    /// Key `"mmap.enabled"` (2.5+).
    pub mmap: Option<bool>,
    pub total_rows: Option<u64>,
    pub indexed_rows: Option<u64>,
    pub pending_rows: Option<u64>,
    /// `indexState` as sent, e.g. `Finished`.
    pub state: String,
    pub fail_reason: String,
}

impl IndexDescription {
    /// An index of this type on `field`, without params (what a caller knows before asking).
    pub fn new(field: impl Into<String>, index_type: IndexType) -> Self {
        let field = field.into();
        IndexDescription {
            index_name: field.clone(),
            field_name: field,
            index_type,
            metric_type: String::new(),
            params: Vec::new(),
            mmap: None,
            total_rows: None,
            indexed_rows: None,
            pending_rows: None,
            state: String::new(),
            fail_reason: String::new(),
        }
    }

    /// This index with `metric_type`.
    pub fn with_metric(mut self, metric_type: &str) -> Self {
        self.metric_type = metric_type.to_string();
        self
    }

    /// This index with one more build param.
    pub fn with_param(mut self, key: &str, value: &str) -> Self {
        self.params.push((key.to_string(), value.to_string()));
        self
    }

    /// The value of build param `key`, if set.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// One entry of the reply; `None` when it is not an object.
    fn from_value(value: &Value) -> Option<Self> {
        let object = value.as_object()?;
        let count = |key: &str| object.get(key).and_then(Value::as_u64);
        Some(IndexDescription {
            index_name: text(value, "indexName"),
            field_name: text(value, "fieldName"),
            index_type: IndexType::parse(&text(value, "indexType")),
            metric_type: text(value, "metricType"),
            params: object.get("indexParams").map(params).unwrap_or_default(),
            mmap: object
                .get("mmap.enabled")
                .and_then(|v| parse_bool(&text_of(v))),
            total_rows: count("totalRows"),
            indexed_rows: count("indexedRows"),
            pending_rows: count("pendingRows"),
            state: text(value, "indexState"),
            fail_reason: text(value, "failReason"),
        })
    }
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => super::json_text(other),
    }
}

/// JSON text read as bytes: every JSON text goes through the one reader
/// (`from_slice::<Value>`) in the wasm.
fn json_text(text: &str) -> Option<Value> {
    serde_json::from_slice(text.as_bytes()).ok()
}

/// Params as `{k: v}`, `[{"key","value"}]` or JSON text of either; a `params` entry holding
/// JSON text (the server's internal form) is opened into its own pairs.
fn params(value: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut push = |key: &str, value: &Value| match (key, value) {
        ("params", Value::String(inner)) => match json_text(inner) {
            Some(Value::Object(map)) => {
                pairs.extend(map.iter().map(|(k, v)| (k.clone(), text_of(v))))
            }
            _ => pairs.push((key.to_string(), inner.clone())),
        },
        _ => pairs.push((key.to_string(), text_of(value))),
    };
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| push(k, v)),
        Value::Array(items) => items.iter().for_each(|item| {
            if let Some(key) = item.get("key").and_then(Value::as_str) {
                push(key, item.get("value").unwrap_or(&Value::Null));
            }
        }),
        Value::String(inner) => {
            if let Some(parsed) = json_text(inner) {
                if !parsed.is_string() {
                    return params(&parsed);
                }
            }
        }
        _ => {}
    }
    pairs
}

/// `{"dbName"?, "collectionName", "indexName"}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DescribeIndexBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    db_name: Option<&'a str>,
    collection_name: &'a str,
    index_name: &'a str,
}

impl<T: Transport> Client<T> {
    /// `indexes/describe` of one index, named as describe's `indexes` names it (the server
    /// refuses a missing `indexName` with 1802, an unknown one with 700).
    pub async fn describe_index(
        &self,
        collection: &str,
        index_name: &str,
    ) -> Result<Vec<IndexDescription>, ApiError> {
        const ENDPOINT: &str = "indexes/describe";
        let body = DescribeIndexBody {
            db_name: self.database(),
            collection_name: collection,
            index_name,
        };
        let reply = self.call(ENDPOINT, &body, Effect::Read).await?;
        let expected = "a list of index descriptions";
        match &reply.data {
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    IndexDescription::from_value(item)
                        .ok_or_else(|| wrong_shape(ENDPOINT, expected, &reply.data))
                })
                .collect(),
            other => Err(wrong_shape(ENDPOINT, expected, other)),
        }
    }
}
