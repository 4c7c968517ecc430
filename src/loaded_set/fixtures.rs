//! Saved sets built in a line, for the format's and the plan's tests.

use super::*;

pub(super) fn full(name: &str) -> SavedCollection {
    SavedCollection {
        name: name.into(),
        partitions: None,
    }
}

pub(super) fn partly(name: &str, parts: &[&str]) -> SavedCollection {
    SavedCollection {
        name: name.into(),
        partitions: Some(parts.iter().map(|p| p.to_string()).collect()),
    }
}

pub(super) fn set(dbs: Vec<(&str, Vec<SavedCollection>)>) -> LoadedSet {
    LoadedSet::new(
        "2026-12-02T17:00:00Z".into(),
        "milvus:19530".into(),
        dbs.into_iter()
            .map(|(name, collections)| SavedDatabase {
                name: name.into(),
                collections,
            })
            .collect(),
    )
}
