//! Request bodies and response data of the endpoints, in the server's field names.

use serde::Serialize;
use serde_json::Value;

/// `{"dbName"?, "collectionName"}` and friends. Absent fields are not sent.
#[derive(Serialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RequestBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partition_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partition_names: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<u32>,
}

/// What `collections/describe` tells about a collection (the fields the console uses).
#[derive(Clone, Debug, PartialEq)]
pub struct CollectionDescription {
    pub name: String,
    /// Kept as text: IDs exceed JavaScript's safe integers.
    pub id: String,
    /// `load` as the server sent it (`LoadStateLoaded`, ..., or "").
    pub load: String,
    pub partitions_num: Option<u64>,
    pub has_partition_key: bool,
    /// `properties` as `(key, value)`, e.g. `collection.replica.number`.
    pub properties: Vec<(String, String)>,
    /// Errors of the server's side calls (e.g. a missing index) while `code` was 0.
    pub message: Option<String>,
}

/// What `databases/describe` tells about a database.
#[derive(Clone, Debug, PartialEq)]
pub struct DatabaseDescription {
    pub name: String,
    /// Kept as text, as collection IDs are.
    pub id: String,
    /// `properties` as `(key, value)`, e.g. `database.replica.number`.
    pub properties: Vec<(String, String)>,
}

impl DatabaseDescription {
    pub(crate) fn from_data(data: &Value) -> Option<Self> {
        Some(DatabaseDescription {
            name: data.get("dbName")?.as_str()?.to_string(),
            id: text(data, "dbID"),
            properties: properties(data),
        })
    }
}

/// `[{"key","value"}]`; entries of another shape are skipped, values kept as text.
fn properties(data: &Value) -> Vec<(String, String)> {
    data.get("properties")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    Some((item.get("key")?.as_str()?.to_string(), text(item, "value")))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The text of `key`: a string as is, a number in decimal, anything else empty.
pub(crate) fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => super::number_text(n),
        _ => String::new(),
    }
}

impl CollectionDescription {
    pub(crate) fn from_data(data: &Value, message: Option<String>) -> Option<Self> {
        let name = data.get("collectionName")?.as_str()?.to_string();
        let fields = data.get("fields").and_then(Value::as_array);
        Some(CollectionDescription {
            name,
            id: text(data, "collectionID"),
            load: text(data, "load"),
            partitions_num: data.get("partitionsNum").and_then(Value::as_u64),
            has_partition_key: fields.is_some_and(|fields| {
                fields
                    .iter()
                    .any(|f| f.get("partitionKey").and_then(Value::as_bool) == Some(true))
            }),
            properties: properties(data),
            message: message.filter(|m| !m.is_empty()),
        })
    }
}
