//! The client's reads of load settings against the contract, replayed byte for byte: where a
//! load's replica setting comes from (collection, database, cluster default),
//! `databases/describe` by version, and `refresh_load` refusals by version.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/replayed.rs"]
mod replayed;

use futures::executor::block_on;
use milvus_load_console::api::{
    ApiErrorKind, LoadSettings, ReplayTransport, Setting, SettingSource,
};
use replayed::{plain, replies};

#[test]
fn describe_database_reads_properties_and_is_none_before_2_4_18() {
    let c = replies(&[
        r#"{"code":0,"data":{"dbName":"analytics","dbID":451286731209000100,"properties":[{"key":"database.replica.number","value":"2"},{"bad":1}]}}"#,
    ]);
    let d = block_on(c.describe_database("analytics")).unwrap().unwrap();
    assert_eq!(d.name, "analytics");
    assert_eq!(d.id, "451286731209000100");
    assert_eq!(
        d.properties,
        [("database.replica.number".to_string(), "2".to_string())]
    );
    assert_eq!(c.transport().sent()[0].body, r#"{"dbName":"analytics"}"#);
    let c = plain(ReplayTransport::new().reply(404, "404 page not found"));
    assert_eq!(block_on(c.describe_database("default")).unwrap(), None);
    let c = replies(&[r#"{"code":800,"message":"database not found[database=x]"}"#]);
    assert_eq!(
        block_on(c.describe_database("x"))
            .unwrap_err()
            .milvus_code(),
        Some(800)
    );
}

fn describe_with(properties: &str) -> String {
    format!(
        r#"{{"code":0,"data":{{"collectionName":"c","collectionID":1,"fields":[],"properties":{properties}}},"message":""}}"#
    )
}

#[test]
fn load_settings_come_from_collection_then_database_then_cluster_default() {
    // Both at collection level: the database is not asked.
    let c = replies(&[&describe_with(
        r#"[{"key":"collection.replica.number","value":"3"},{"key":"collection.resource_groups","value":"rg1, rg2"}]"#,
    )]);
    let settings = block_on(c.load_settings("c")).unwrap();
    assert_eq!(
        settings,
        LoadSettings {
            replicas: Setting {
                value: Some(3),
                source: SettingSource::Collection
            },
            resource_groups: Setting {
                value: Some(vec!["rg1".into(), "rg2".into()]),
                source: SettingSource::Collection
            },
        }
    );
    assert_eq!(c.transport().sent().len(), 1);

    // Replicas from the collection, resource groups from the database.
    let c = replies(&[
        &describe_with(r#"[{"key":"collection.replica.number","value":"2"}]"#),
        r#"{"code":0,"data":{"dbName":"default","dbID":1,"properties":[{"key":"database.resource_groups","value":"rg_db"},{"key":"database.replica.number","value":"5"}]}}"#,
    ]);
    let settings = block_on(c.load_settings("c")).unwrap();
    assert_eq!(settings.replicas.value, Some(2));
    assert_eq!(settings.replicas.source, SettingSource::Collection);
    assert_eq!(settings.resource_groups.value, Some(vec!["rg_db".into()]));
    assert_eq!(settings.resource_groups.source, SettingSource::Database);
    assert_eq!(c.transport().sent()[1].body, r#"{"dbName":"default"}"#);

    // An unusable value falls through; nothing set: the cluster default (unreadable).
    let c = plain(
        ReplayTransport::new()
            .reply(
                200,
                describe_with(r#"[{"key":"collection.replica.number","value":"two"}]"#),
            )
            .reply(404, "404 page not found"),
    );
    let settings = block_on(c.load_settings("c")).unwrap();
    assert_eq!(
        settings.replicas,
        Setting {
            value: None,
            source: SettingSource::ClusterDefault
        }
    );
    assert_eq!(
        settings.resource_groups.source,
        SettingSource::ClusterDefault
    );
}

#[test]
fn refresh_load_refusals_per_version() {
    for (body, code) in [
        (
            r#"{"code":65535,"message":"call query coordinator LoadCollection: collection not loaded[collection=451286731209000002]"}"#,
            65535,
        ),
        (
            r#"{"code":101,"message":"call query coordinator LoadCollection: collection not loaded[collection=451286731209000002]"}"#,
            101,
        ),
    ] {
        let error = block_on(replies(&[body]).refresh_load("films")).unwrap_err();
        assert_eq!(error.milvus_code(), Some(code));
        assert!(!error.outcome_unknown());
    }
    let c = plain(ReplayTransport::new().reply(404, "404 page not found"));
    assert!(matches!(
        block_on(c.refresh_load("films")).unwrap_err().kind(),
        ApiErrorKind::NotFound { .. }
    ));
}
