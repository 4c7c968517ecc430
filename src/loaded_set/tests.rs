//! The file format: round trip, every refusal with its text, host and time.

use super::fixtures::*;
use super::format::FormatError;
use super::*;

fn err(text: &str) -> String {
    LoadedSet::read(text.as_bytes()).unwrap_err().to_string()
}

#[test]
fn a_saved_set_reads_back_equal() {
    let saved = set(vec![
        (
            "default",
            vec![full("books"), partly("films", &["p1", "p2"])],
        ),
        ("analytics", vec![]),
    ]);
    let text = saved.to_json();
    assert!(
        text.contains(r#""format": "milvus-load-console/loaded-set""#),
        "{text}"
    );
    assert!(text.contains(r#""version": 1"#), "{text}");
    assert!(
        text.contains(r#""savedAt": "2026-12-02T17:00:00Z""#),
        "{text}"
    );
    // A fully loaded collection carries no partition list.
    assert!(!text.contains(r#""partitions": null"#), "{text}");
    assert_eq!(LoadedSet::read(text.as_bytes()), Ok(saved));
}

#[test]
fn the_shapes_serde_took_are_still_read() {
    let head =
        r#""format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"h""#;
    let read = |databases: &str| {
        LoadedSet::read(format!(r#"{{{head},"databases":{databases}}}"#).as_bytes())
            .map(|s| s.databases)
    };
    let expected =
        read(r#"[{"name":"a","collections":[{"name":"c"},{"name":"d","partitions":["p"]}]}]"#);
    assert_eq!(
        expected
            .as_ref()
            .map(|d| d[0].collections[1].partitions.clone()),
        Ok(Some(vec!["p".to_string()]))
    );
    // A null partition list is a fully loaded collection; an array lists the fields in order.
    assert_eq!(
        read(r#"[{"name":"a","collections":[{"name":"c","partitions":null},["d",["p"]]]}]"#),
        expected
    );
    assert_eq!(
        read(r#"[["a",[["c"],{"name":"d","partitions":["p"]}]]]"#),
        expected
    );
}

#[test]
fn the_endpoint_keeps_only_host_and_port() {
    assert_eq!(
        endpoint_host("https://root:Milvus@milvus.internal:19530/x?t=1"),
        "milvus.internal:19530"
    );
    assert_eq!(endpoint_host("http://127.0.0.1:19530"), "127.0.0.1:19530");
    assert_eq!(endpoint_host("milvus:19530"), "milvus:19530");
}

#[test]
fn times_are_iso_utc() {
    assert_eq!(iso_time(0.0), "1970-01-01T00:00:00Z");
    assert_eq!(iso_time(1_796_230_245_000.0), "2026-12-02T16:50:45Z");
    assert_eq!(iso_time(951_782_400_000.0), "2000-02-29T00:00:00Z");
}

#[test]
fn malformed_and_foreign_files_are_refused_with_their_reason() {
    assert_eq!(err(""), "The file is empty.");
    assert_eq!(err("  \n"), "The file is empty.");
    assert!(
        err("{not json").starts_with("The file is not JSON (key must be a string at line 1"),
        "{}",
        err("{not json")
    );
    let foreign = "The file is JSON but not a saved loaded set: it has no \"format\": \"milvus-load-console/loaded-set\".";
    assert_eq!(err(r#"{"name":"package.json"}"#), foreign);
    assert_eq!(err(r#"[1,2]"#), foreign);
    assert_eq!(err(r#"{"format":"something-else","version":1}"#), foreign);
    assert_eq!(
        err(r#"{"format":"milvus-load-console/loaded-set","version":2}"#),
        "The file is a saved loaded set of version 2; this console reads version 1."
    );
    assert_eq!(
        err(r#"{"format":"milvus-load-console/loaded-set","version":"1"}"#),
        "The file is a saved loaded set of version \"1\"; this console reads version 1."
    );
    assert_eq!(
        err(r#"{"format":"milvus-load-console/loaded-set"}"#),
        "The saved loaded set is damaged: it has no \"version\"."
    );
    let head =
        r#""format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"h""#;
    assert_eq!(
        err(&format!("{{{head}}}")),
        "The saved loaded set is damaged: the file has no \"databases\"."
    );
    assert_eq!(
        err(&format!(r#"{{{head},"databases":[],"token":"secret"}}"#)),
        "The saved loaded set is damaged: the file has a field \"token\" that a saved loaded set has not (its fields: format, version, savedAt, endpoint, databases)."
    );
    assert_eq!(
        err(&format!(
            r#"{{{head},"databases":[{{"name":"default","collections":[{{"name":1}}]}}]}}"#
        )),
        "The saved loaded set is damaged: databases[0].collections[0].name is a number, not a string."
    );
    assert_eq!(
        err(&format!(
            r#"{{{head},"databases":[{{"name":"a","collections":[{{"name":"c","partitions":["p",2]}}]}}]}}"#
        )),
        "The saved loaded set is damaged: databases[0].collections[0].partitions[1] is a number, not a string."
    );
    assert_eq!(
        err(&format!(
            r#"{{{head},"databases":[{{"name":"a","collections":{{}}}}]}}"#
        )),
        "The saved loaded set is damaged: databases[0].collections is an object, not a list."
    );
    assert_eq!(
        err(&format!(r#"{{{head},"databases":["a"]}}"#)),
        "The saved loaded set is damaged: databases[0] is a string, not an object."
    );
    assert_eq!(
        err(&format!(r#"{{{head},"databases":[["a"]]}}"#)),
        "The saved loaded set is damaged: databases[0] has no \"collections\"."
    );
    assert_eq!(
        err(&format!(r#"{{{head},"databases":[["a",[],3]]}}"#)),
        "The saved loaded set is damaged: databases[0] lists 3 values for 2 fields."
    );
    assert_eq!(
        err(&format!(
            r#"{{{head},"databases":[{{"name":"a","collections":[]}},{{"name":"a","collections":[]}}]}}"#
        )),
        "The saved loaded set is damaged: database a is listed twice."
    );
    assert_eq!(
        err(&format!(
            r#"{{{head},"databases":[{{"name":"a","collections":[{{"name":"c"}},{{"name":"c"}}]}}]}}"#
        )),
        "The saved loaded set is damaged: collection c of database a is listed twice."
    );
    assert_eq!(
        err(&format!(
            r#"{{{head},"databases":[{{"name":"a","collections":[{{"name":"c","partitions":[]}}]}}]}}"#
        )),
        "The saved loaded set is damaged: collection c lists no loaded partition."
    );
    assert_eq!(
        err(&format!(
            r#"{{{head},"databases":[{{"name":"a","collections":[{{"name":""}}]}}]}}"#
        )),
        "The saved loaded set is damaged: a collection of database a has an empty name."
    );
    let big = vec![b' '; format::MAX_BYTES + 1];
    assert_eq!(
        LoadedSet::read(&big),
        Err(FormatError::TooLarge(format::MAX_BYTES + 1))
    );
}
