//! A hostile file is refused before it costs a request: its size, its counts, its names.

use super::fixtures::*;
use super::format::{self, FormatError};
use super::*;

fn db_of(n: usize, collections: impl Fn(usize) -> SavedCollection) -> Vec<SavedCollection> {
    (0..n).map(collections).collect()
}

#[test]
fn a_saved_set_of_ten_thousand_collections_is_well_under_the_cap() {
    let named = |i| full(&format!("customer_embeddings_{i:05}"));
    let text = set(vec![("default", db_of(10_000, named))]).to_json();
    // Pretty-printed as the console saves it.
    assert_eq!(text.len(), 670_220);
    let over = 4 * 1024 * 1024 + 1;
    assert_eq!(
        LoadedSet::read(&vec![b' '; over]),
        Err(FormatError::TooLarge(over))
    );
    assert!(LoadedSet::read(text.as_bytes()).is_ok());
    // The longest names Milvus allows still fit.
    let longest = |i| full(&format!("{}{i:05}", "a".repeat(250)));
    let text = set(vec![("default", db_of(10_000, longest))]).to_json();
    assert!(text.len() < format::MAX_BYTES, "{} bytes", text.len());
    assert!(LoadedSet::read(text.as_bytes()).is_ok());
}

#[test]
fn too_many_databases_collections_or_partitions_are_refused() {
    let dbs: Vec<(String, Vec<SavedCollection>)> = (0..=format::MAX_DATABASES)
        .map(|i| (format!("db{i}"), Vec::new()))
        .collect();
    let many = set(dbs.iter().map(|(n, c)| (n.as_str(), c.clone())).collect());
    assert_eq!(
        LoadedSet::read(many.to_json().as_bytes())
            .unwrap_err()
            .to_string(),
        format!(
            "The file names {} databases; a restore takes at most {}.",
            format::MAX_DATABASES + 1,
            format::MAX_DATABASES
        )
    );
    // Collections are counted over every database.
    let half = format::MAX_COLLECTIONS / 2 + 1;
    let many = set(vec![
        ("a", db_of(half, |i| full(&format!("c{i}")))),
        ("b", db_of(half, |i| full(&format!("c{i}")))),
    ]);
    assert!(matches!(
        LoadedSet::read(many.to_json().as_bytes()),
        Err(FormatError::TooMany {
            what: "collections",
            ..
        })
    ));
    let parts: Vec<String> = (0..=format::MAX_PARTITIONS)
        .map(|i| format!("p{i}"))
        .collect();
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    let many = set(vec![("a", vec![partly("c", &refs)])]);
    assert!(matches!(
        LoadedSet::read(many.to_json().as_bytes()),
        Err(FormatError::TooMany {
            what: "partitions of one collection",
            ..
        })
    ));
}

#[test]
fn names_milvus_cannot_have_are_refused() {
    let refused = |file: LoadedSet| LoadedSet::read(file.to_json().as_bytes()).unwrap_err();
    let long = "a".repeat(256);
    for bad in ["bad name", "1abc", "a/b", "é", "$a", "-a", long.as_str()] {
        let e = refused(set(vec![(bad, vec![])])).to_string();
        assert!(e.contains("is not a database name Milvus allows"), "{e}");
        let e = refused(set(vec![("default", vec![full(bad)])])).to_string();
        assert!(e.contains("is not a collection name Milvus allows"), "{e}");
        if bad == "1abc" {
            continue;
        }
        let e = refused(set(vec![("default", vec![partly("c", &[bad])])])).to_string();
        assert!(e.contains("is not a partition name Milvus allows"), "{e}");
    }
    // A refused name is shown shortened, never whole.
    let e = refused(set(vec![("default", vec![full(&"x ".repeat(5_000))])])).to_string();
    assert!(e.len() < 200, "{e}");
    let fine = "a".repeat(255);
    let ok = set(vec![
        (
            "_db1",
            vec![full("A_b$9"), partly("c", &["_default", "p-1", "2024_q1"])],
        ),
        ("db", vec![full(&fine)]),
    ]);
    assert_eq!(LoadedSet::read(ok.to_json().as_bytes()), Ok(ok));
}

#[test]
fn a_file_saved_from_another_endpoint_says_so() {
    let file = set(vec![("default", vec![])]);
    assert_eq!(
        source_text(&file, "milvus:19530"),
        "Saved from milvus:19530 at 2026-12-02T17:00:00Z."
    );
    assert_eq!(
        source_text(&file, "other:19530"),
        "Saved from milvus:19530 at 2026-12-02T17:00:00Z: another endpoint than this one \
         (other:19530), so the same names may be other collections here."
    );
    // What the file says is shown shortened, never whole.
    let mut odd = file.clone();
    odd.endpoint = "h".repeat(10_000);
    assert!(source_text(&odd, "other").len() < 400);
}
