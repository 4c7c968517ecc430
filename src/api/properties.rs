//! `collections/alter_properties` (Milvus 2.5.4+; memory doc 10.6) for the two load settings
//! a REST load cannot carry: `collection.replica.number` and `collection.resource_groups`.
//! The server stores each value as `fmt.Sprintf("%v")`: the replica count goes as a JSON
//! number, the groups as one comma-separated text (a JSON list would be stored `[rg1 rg2]`).

use crate::substring::Joined;
use serde::Serialize;

use super::client::{Client, Effect};
use super::error::{ApiError, ApiErrorKind};
use super::transport::Transport;

/// The properties a load reads, as the server stores them. Absent ones are not sent.
#[derive(Serialize, Debug, PartialEq)]
struct LoadProperties {
    #[serde(
        rename = "collection.replica.number",
        skip_serializing_if = "Option::is_none"
    )]
    replicas: Option<u32>,
    #[serde(
        rename = "collection.resource_groups",
        skip_serializing_if = "Option::is_none"
    )]
    resource_groups: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AlterBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    db_name: Option<&'a str>,
    collection_name: &'a str,
    properties: LoadProperties,
}

/// The properties for `replicas` and `groups`, or why they cannot be sent: the server
/// validates nothing on alter and skips an unusable value at load, so it is refused here.
fn load_properties(
    replicas: Option<u32>,
    groups: Option<&[String]>,
) -> Result<LoadProperties, String> {
    if replicas == Some(0) {
        return Err("a collection needs at least 1 replica".to_string());
    }
    let resource_groups = match groups {
        None => None,
        Some(groups) => {
            let names: Vec<&str> = groups.iter().map(|g| g.trim()).collect();
            if names.is_empty() || names.iter().any(|g| g.is_empty()) {
                return Err("a resource group name is empty".to_string());
            }
            if let Some(bad) = names.iter().find(|g| g.contains(',')) {
                return Err(format!(
                    "the resource group name \"{bad}\" contains a comma"
                ));
            }
            if let (Some(n), count) = (replicas, names.len()) {
                if count > 1 && count != n as usize {
                    return Err(format!(
                        "{count} resource groups for {n} replicas: the server accepts 1 group, or one per replica"
                    ));
                }
            }
            Some(names.joined(","))
        }
    };
    if replicas.is_none() && resource_groups.is_none() {
        return Err("no load setting to change".to_string());
    }
    Ok(LoadProperties {
        replicas,
        resource_groups,
    })
}

impl<T: Transport> Client<T> {
    /// Sets the replica count and/or resource groups the next load of `collection` uses
    /// (`None` leaves a setting as it is). On 2.6.3+ a loaded collection is reconfigured at
    /// once; before, the values are only stored until the next `collections/load`. Servers
    /// before 2.5.4 answer 404 (`ApiErrorKind::NotFound`). Unusable values are not sent.
    pub async fn alter_load_properties(
        &self,
        collection: &str,
        replicas: Option<u32>,
        resource_groups: Option<&[String]>,
    ) -> Result<(), ApiError> {
        let properties = load_properties(replicas, resource_groups)
            .map_err(|reason| ApiError::new(ApiErrorKind::NotSent { reason }))?;
        let body = AlterBody {
            db_name: self.database(),
            collection_name: collection,
            properties,
        };
        self.call("collections/alter_properties", &body, Effect::Write)
            .await
            .map(drop)
    }
}
