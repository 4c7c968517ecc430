//! The restore plan: to load, already loaded, gone, loaded now but not in the file.

use super::fixtures::*;
use super::*;

fn cur(name: &str, extent: Extent, parts: &[&str]) -> CurrentCollection {
    CurrentCollection {
        name: name.into(),
        extent,
        partitions: (!parts.is_empty()).then(|| parts.iter().map(|p| p.to_string()).collect()),
    }
}

fn names(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

fn now(dbs: Vec<(&str, bool, Vec<CurrentCollection>)>) -> Current {
    Current {
        databases: dbs
            .into_iter()
            .map(|(name, exists, collections)| CurrentDatabase {
                name: name.into(),
                exists,
                collections,
            })
            .collect(),
    }
}

fn item(db: &str, c: &str, parts: &[&str], step: Step) -> PlanItem {
    PlanItem {
        database: db.into(),
        collection: c.into(),
        partitions: names(parts),
        step,
    }
}

#[test]
fn saving_names_full_collections_and_loaded_partitions() {
    let current = now(vec![
        (
            "default",
            true,
            vec![
                cur("books", Extent::Full, &["_default"]),
                cur(
                    "films",
                    Extent::Partly(names(&["p2"])),
                    &["_default", "p2", "p3"],
                ),
                cur("songs", Extent::NotLoaded, &[]),
            ],
        ),
        (
            "analytics",
            true,
            vec![cur("events", Extent::NotLoaded, &[])],
        ),
    ]);
    assert_eq!(
        current.saved("2026-12-02T17:00:00Z".into(), "milvus:19530".into()),
        set(vec![
            ("default", vec![full("books"), partly("films", &["p2"])]),
            ("analytics", vec![]),
        ])
    );
}

#[test]
fn the_plan_loads_what_is_missing_and_only_that() {
    let file = set(vec![
        (
            "default",
            vec![
                full("released"),
                full("loaded"),
                full("half"),
                partly("parts", &["p1", "p2", "dropped"]),
                partly("whole_now", &["p1"]),
                full("gone"),
            ],
        ),
        ("old_db", vec![full("x")]),
    ]);
    let current = now(vec![
        (
            "default",
            true,
            vec![
                cur("released", Extent::NotLoaded, &["_default"]),
                cur("loaded", Extent::Full, &["_default"]),
                cur("half", Extent::Partly(names(&["a"])), &["a", "b", "c"]),
                cur(
                    "parts",
                    Extent::Partly(names(&["p1", "p3"])),
                    &["p1", "p2", "p3"],
                ),
                cur("whole_now", Extent::Full, &["p1", "p2"]),
                cur("extra", Extent::Full, &["_default"]),
                cur("idle", Extent::NotLoaded, &[]),
            ],
        ),
        ("old_db", false, vec![]),
        // A database the file does not name is left alone.
        ("other", true, vec![cur("y", Extent::Full, &[])]),
    ]);
    let p = plan(&file, &current);
    assert_eq!(
        p.items,
        vec![
            item("default", "released", &[], Step::Load),
            item("default", "loaded", &[], Step::Already),
            item("default", "half", &["a"], Step::Already),
            item("default", "half", &["b", "c"], Step::Load),
            item("default", "parts", &["dropped"], Step::Gone),
            item("default", "parts", &["p1"], Step::Already),
            item("default", "parts", &["p2"], Step::Load),
            item("default", "parts", &["p3"], Step::Release),
            item("default", "whole_now", &["p1"], Step::Already),
            item("default", "whole_now", &["p2"], Step::Release),
            item("default", "gone", &[], Step::Gone),
            item("default", "extra", &[], Step::Release),
            item("old_db", "x", &[], Step::Gone),
        ]
    );
    assert_eq!(p.count(Step::Load), 3);

    // A run sends the loads, and a release only when ticked.
    let verbs = |ts: Vec<crate::state::Target>| -> Vec<String> {
        ts.iter()
            .map(|t| {
                let parts: Vec<&str> = t.partitions.iter().map(|p| &**p).collect();
                format!(
                    "{} {}/{} {:?}",
                    t.operation.wire(),
                    t.database,
                    t.collection,
                    parts
                )
            })
            .collect()
    };
    assert_eq!(
        verbs(p.targets(7, &|_| false)),
        vec![
            "Load default/released []",
            "Load default/half [\"b\", \"c\"]",
            "Load default/parts [\"p2\"]",
        ]
    );
    let extra = p
        .items
        .iter()
        .position(|i| i.collection == "extra")
        .unwrap();
    let ts = p.targets(7, &|i| i == extra);
    assert!(ts.iter().all(|t| t.connection == 7));
    assert_eq!(verbs(ts).last().unwrap(), "Release default/extra []");
}

#[test]
fn a_restore_of_what_is_loaded_plans_nothing_to_send() {
    let file = set(vec![(
        "default",
        vec![full("books"), partly("films", &["p1"])],
    )]);
    let current = now(vec![(
        "default",
        true,
        vec![
            cur("books", Extent::Full, &["_default"]),
            cur("films", Extent::Partly(names(&["p1"])), &["p1", "p2"]),
        ],
    )]);
    let p = plan(&file, &current);
    assert_eq!(p.count(Step::Already), 2);
    assert!(p.targets(1, &|_| true).is_empty());
}

#[test]
fn a_plan_of_many_collections_and_partitions_takes_linear_time() {
    let n = 20_000;
    let saved: Vec<SavedCollection> = (0..n).map(|i| full(&format!("c{i:06}"))).collect();
    let parts: Vec<String> = (0..n).map(|i| format!("p{i:06}")).collect();
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    let mut saved = saved;
    saved.push(partly("wide", &refs[..n / 2]));
    let file = set(vec![("default", saved)]);
    // Loaded now: other collections of the same count, and the wide one's other half.
    let mut loaded: Vec<CurrentCollection> = (0..n)
        .map(|i| cur(&format!("d{i:06}"), Extent::Full, &["_default"]))
        .collect();
    loaded.push(cur("wide", Extent::Partly(names(&refs[n / 2..])), &refs));
    let current = now(vec![("default", true, loaded)]);
    let start = std::time::Instant::now();
    let p = plan(&file, &current);
    let took = start.elapsed();
    assert_eq!(p.count(Step::Gone), n);
    assert_eq!(p.count(Step::Release), n + 1);
    assert!(took < std::time::Duration::from_secs(1), "{took:?}");
}
