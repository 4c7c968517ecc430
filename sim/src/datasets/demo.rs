//! The demo data set: three databases and every kind of load state.

use std::time::{Duration, Instant};

use super::cluster::{demo_cluster, demo_schemas};
use super::states::{loaded, loaded_with_replicas, pairs, slow_loading};
use crate::model::{LoadConfig, PartitionLoad, World, DEFAULT_GROUP};

/// The demo world at `now`.
pub fn demo(now: Instant) -> World {
    let mut w = World::new();
    w.cluster = demo_cluster();
    let d = "default";
    w.add_collection(d, "books", &[("_default", 120_000)]);
    loaded(&mut w, d, "books");
    w.add_collection(d, "films", &[("_default", 48_000)]);
    w.add_collection(
        d,
        "product_images_clip",
        &[("_default", 900_000), ("2024", 400_000), ("2025", 650_000)],
    );
    loaded(&mut w, d, "product_images_clip");
    // A large collection that keeps loading for ten minutes, so "Loading" is always visible.
    let big = w.add_collection(d, "wiki_passages_e5_large", &[("_default", 8_000_000)]);
    big.loaded_whole = true;
    big.loaded_with = Some(LoadConfig::cluster_default());
    big.partitions[0].load = slow_loading(now, Duration::from_secs(40), Duration::from_secs(600));
    // Partly loaded through partitions/load: two of five partitions.
    let partly = w.add_collection(
        d,
        "user_events",
        &[
            ("_default", 10_000),
            ("region_eu", 220_000),
            ("region_us", 310_000),
            ("region_apac", 150_000),
            ("archive", 2_400_000),
        ],
    );
    partly.partitions[1].load = PartitionLoad::Loaded;
    partly.partitions[2].load = PartitionLoad::Loaded;
    partly.loaded_with = Some(LoadConfig::cluster_default());
    // A partition-key collection has only its internal partitions `_default_0`..`_default_15`.
    let internal: Vec<String> = (0..16).map(|i| format!("_default_{i}")).collect();
    let spec: Vec<(&str, u64)> = internal.iter().map(|n| (n.as_str(), 5_000)).collect();
    let tickets = w.add_collection(d, "support_tickets", &spec);
    tickets.partition_key = true;
    loaded(&mut w, d, "support_tickets");
    let raw = w.add_collection(d, "raw_events_no_index", &[("_default", 3_000)]);
    raw.has_index = false;
    let long = format!("tenant_{}_embeddings", "acme_corporation_eu_west".repeat(9));
    w.add_collection(d, &long, &[("_default", 1_000)]);
    loaded(&mut w, d, &long);
    for (i, name) in [
        "faq_answers",
        "chat_memory",
        "code_snippets",
        "legal_clauses",
    ]
    .iter()
    .enumerate()
    {
        w.add_collection(d, name, &[("_default", 20_000 * (i as u64 + 1))]);
        if i % 2 == 0 {
            loaded(&mut w, d, name);
        }
    }
    loaded_with_replicas(&mut w, d, "faq_answers", 2);
    if let Some(legal) = w
        .databases
        .get_mut(d)
        .and_then(|db| db.collections.get_mut("legal_clauses"))
    {
        legal.properties = pairs(&[
            ("collection.replica.number", "2"),
            ("collection.resource_groups", "rg_legal"),
        ]);
    }

    let a = "analytics";
    let parts: Vec<(String, u64)> = (1..=8).map(|m| (format!("month_{m:02}"), 50_000)).collect();
    let spec: Vec<(&str, u64)> = std::iter::once(("_default", 0))
        .chain(parts.iter().map(|(n, r)| (n.as_str(), *r)))
        .collect();
    w.database_mut(a).properties = pairs(&[("database.replica.number", "2")]);
    w.add_collection(a, "clickstream", &spec);
    loaded_with_replicas(&mut w, a, "clickstream", 2);
    w.add_collection(a, "sessions_2024", &[("_default", 300_000)]);
    let recs = w.add_collection(a, "recommendations", &spec);
    for p in recs.partitions.iter_mut().skip(6) {
        p.load = PartitionLoad::Loaded;
    }
    recs.loaded_with = Some(LoadConfig {
        replicas: 2,
        ..LoadConfig::cluster_default()
    });

    for i in 1..=30 {
        w.add_collection(
            "archive_2023",
            &format!("snapshot_{i:03}"),
            &[("_default", 5_000)],
        );
    }
    cluster_cases(&mut w);
    demo_schemas(&mut w);
    w
}

/// The collections that show the cluster: one far larger than the query nodes' memory (its
/// load is accepted, then stays Loading), one loaded with a replica in each resource group,
/// and binary vectors indexed with BIN_FLAT.
fn cluster_cases(w: &mut World) {
    let d = "default";
    w.add_collection(d, "video_frames_clip", &[("_default", 40_000_000)]);
    let spread = w.add_collection(d, "image_hashes", &[("_default", 250_000)]);
    spread.properties = pairs(&[
        ("collection.replica.number", "2"),
        (
            "collection.resource_groups",
            &format!("{DEFAULT_GROUP},rg_legal"),
        ),
    ]);
    loaded(w, d, "image_hashes");
    if let Some(c) = w
        .databases
        .get_mut(d)
        .and_then(|db| db.collections.get_mut("image_hashes"))
    {
        c.loaded_with = Some(LoadConfig {
            replicas: 2,
            resource_groups: vec![DEFAULT_GROUP.to_string(), "rg_legal".to_string()],
            field_subset: false,
        });
    }
}
