//! The replica settings a REST load will use, and where they come from (contract sections 6
//! and 8): collection properties, else database properties, else the cluster default, which
//! REST cannot read. A load sends no settings of its own, so this is what a "Load" applies,
//! also to a target an SDK loaded otherwise.

use super::client::Client;
use super::error::ApiError;
use super::transport::Transport;

/// Where a setting comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingSource {
    /// `collection.replica.number` / `collection.resource_groups`.
    Collection,
    /// `database.replica.number` / `database.resource_groups`.
    Database,
    /// `queryCoord.clusterLevelLoad*`, usually 1 replica in `__default_resource_group`.
    ClusterDefault,
}

/// One setting: its value (`None` for the unreadable cluster default) and its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: Option<T>,
    pub source: SettingSource,
}

/// The settings a `collections/load` or `partitions/load` of a collection will use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadSettings {
    pub replicas: Setting<u32>,
    pub resource_groups: Setting<Vec<String>>,
}

fn property<'p>(properties: &'p [(String, String)], key: &str) -> Option<&'p str> {
    properties
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn replicas(value: &str) -> Option<u32> {
    value.trim().parse().ok().filter(|n| *n > 0)
}

fn groups(value: &str) -> Option<Vec<String>> {
    let list: Vec<String> = value
        .split(',')
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect();
    (!list.is_empty()).then_some(list)
}

/// The first level that sets `key` to a usable value; an unusable value is skipped.
fn pick<T>(
    collection: &[(String, String)],
    database: &[(String, String)],
    key: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Setting<T> {
    let levels = [
        (collection, "collection.", SettingSource::Collection),
        (database, "database.", SettingSource::Database),
    ];
    for (properties, prefix, source) in levels {
        if let Some(value) = property(properties, &format!("{prefix}{key}")).and_then(&parse) {
            return Setting {
                value: Some(value),
                source,
            };
        }
    }
    Setting {
        value: None,
        source: SettingSource::ClusterDefault,
    }
}

impl LoadSettings {
    /// Resolves the settings from collection and database properties.
    pub fn resolve(collection: &[(String, String)], database: &[(String, String)]) -> Self {
        LoadSettings {
            replicas: pick(collection, database, "replica.number", replicas),
            resource_groups: pick(collection, database, "resource_groups", groups),
        }
    }

    /// Both settings come from the collection: the database need not be asked.
    fn complete(&self) -> bool {
        self.replicas.source == SettingSource::Collection
            && self.resource_groups.source == SettingSource::Collection
    }
}

impl<T: Transport> Client<T> {
    /// The settings a load of `collection` will use: `collections/describe` properties, then
    /// (unless both are set there) `databases/describe` properties of the client's database.
    /// Servers without `databases/describe` (before 2.4.18) count as no database properties;
    /// 2.4.0–2.4.6 ignore properties altogether, which REST cannot tell.
    pub async fn load_settings(&self, collection: &str) -> Result<LoadSettings, ApiError> {
        let described = self.describe_collection(collection).await?;
        let settings = LoadSettings::resolve(&described.properties, &[]);
        if settings.complete() {
            return Ok(settings);
        }
        let database = self.database().unwrap_or("default").to_string();
        let database = self.describe_database(&database).await?;
        let properties = database.map(|d| d.properties).unwrap_or_default();
        Ok(LoadSettings::resolve(&described.properties, &properties))
    }
}
