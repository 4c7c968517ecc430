//! Reducer tests: what the rows must not hide (partial loads).
use super::tests::{listed, reads};
use super::*;
use crate::api::{LoadExtent, LoadSettings, LoadState, Setting, SettingSource};

fn extent(s: &mut ConsoleState, name: &str, sent: u64, extent: LoadExtent) {
    let generation = s.generation;
    s.apply(Action::Reply {
        generation,
        reply: Reply::Extent {
            collection: name.into(),
            sent,
            extent,
        },
    });
}

fn states(s: &mut ConsoleState, name: &str, sent: u64, state: LoadState) {
    let generation = s.generation;
    let mut states = reads(vec![(name.into(), Ok(state))]);
    for read in &mut states {
        read.sent = sent;
    }
    s.apply(Action::Reply {
        generation,
        reply: Reply::States(states),
    });
}

fn partly(s: &ConsoleState, name: &str) -> bool {
    s.row(name).is_some_and(|r| r.partly_loaded)
}

#[test]
fn a_partial_extent_marks_a_loaded_row_until_it_changes() {
    let mut s = listed(&["a", "b"]);
    states(&mut s, "a", 1, LoadState::Loaded);
    states(&mut s, "b", 1, LoadState::NotLoad);
    extent(&mut s, "a", 2, LoadExtent::Partial { failure: None });
    extent(&mut s, "b", 2, LoadExtent::Partial { failure: None });
    assert!(partly(&s, "a"));
    assert!(!partly(&s, "b"), "only a row reading Loaded");
    // An extent older than the row's state changes nothing.
    states(&mut s, "a", 5, LoadState::Loading { progress: 40 });
    assert!(!partly(&s, "a"));
    states(&mut s, "a", 6, LoadState::Loaded);
    extent(&mut s, "a", 4, LoadExtent::Partial { failure: None });
    assert!(!partly(&s, "a"), "stale extent dropped");
    extent(&mut s, "a", 7, LoadExtent::Partial { failure: None });
    extent(&mut s, "a", 8, LoadExtent::Full);
    assert!(!partly(&s, "a"));
}

#[test]
fn a_skipped_operation_is_final_and_counted() {
    let skipped = Progress::Skipped("already loaded");
    assert!(skipped.is_final());
    let mut s = listed(&["a"]);
    let target = super::tests::target(&s, "a", &[], Operation::Load);
    super::tests::start(&mut s, 1, target);
    super::tests::progress(&mut s, 1, skipped, 1);
    assert_eq!(s.row("a").and_then(|r| r.in_flight), None);
    let counts = OutcomeCounts::of(&s.outcomes);
    assert_eq!(counts.summary(), "0 done, 0 failed, 1 skipped");
    assert_eq!(
        s.outcomes[0].text("default"),
        "Load a: skipped — already loaded"
    );
}

fn setting(value: Option<u32>, source: SettingSource) -> LoadSettings {
    LoadSettings {
        replicas: Setting { value, source },
        resource_groups: Setting {
            value: None,
            source: SettingSource::ClusterDefault,
        },
    }
}

#[test]
fn a_load_confirmation_names_the_replica_setting_and_warns_on_partial() {
    let mut s = listed(&["a", "b"]);
    states(&mut s, "a", 1, LoadState::Loaded);
    extent(&mut s, "a", 2, LoadExtent::Partial { failure: None });
    let confirmation = s.collection_confirmation(&["a".into(), "b".into()], Operation::Load);
    s.apply(Action::Ask(confirmation));
    let generation = s.generation;
    for (name, settings) in [
        ("a", setting(Some(2), SettingSource::Collection)),
        ("b", setting(None, SettingSource::ClusterDefault)),
    ] {
        s.apply(Action::Reply {
            generation,
            reply: Reply::LoadSettings {
                collection: name.into(),
                settings: Ok(settings),
            },
        });
    }
    let items = s
        .confirm
        .as_ref()
        .map(|c| c.text().items)
        .unwrap_or_default();
    assert_eq!(
        items,
        [
            "2 replicas (collection property collection.replica.number): a",
            "cluster default, usually 1 replica: b",
            "Partly loaded (a): completing the load may conflict with replicas set by another \
             client, and the server then refuses it."
        ]
    );
    let db = setting(Some(3), SettingSource::Database);
    assert_eq!(
        super::confirm::replicas_text(&db),
        "3 replicas (database property database.replica.number)"
    );
}

#[test]
fn a_1100_refusal_of_a_load_is_explained_with_the_server_text() {
    let mut s = listed(&["a"]);
    let target = super::tests::target(&s, "a", &[], Operation::Load);
    super::tests::start(&mut s, 1, target);
    let refusal = crate::api::ApiError::new(crate::api::ApiErrorKind::Milvus {
        code: 1100,
        message: "can't change the replica number for loaded collection".into(),
    });
    super::tests::progress(&mut s, 1, Progress::Failed(refusal), 1);
    let text = s.outcomes[0].text("default");
    assert!(text.contains("already loaded with other replica"), "{text}");
    assert!(text.contains("can't change the replica number"), "{text}");
}
