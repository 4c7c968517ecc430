use std::rc::Rc;

use super::*;
use crate::api::{ApiError, ApiErrorKind};
use crate::state::{Operation, Target};

fn outcome(collection: &str, partitions: &[&str], progress: Progress) -> Outcome {
    Outcome {
        id: 1,
        target: Target {
            connection: 1,
            database: "default".into(),
            collection: collection.into(),
            partitions: partitions.iter().map(|p| Rc::from(*p)).collect(),
            operation: Operation::Release,
        },
        progress,
        rechecked: false,
        at: 1_700_000_000_000.0,
    }
}

fn failed(message: &str) -> Progress {
    Progress::Failed(ApiError::new(ApiErrorKind::Milvus {
        code: 65535,
        message: message.into(),
    }))
}

#[test]
fn csv_has_a_header_and_one_line_per_outcome() {
    let text = csv(&[
        outcome("books", &[], Progress::Done),
        outcome("films", &["p1", "p2"], Progress::Working),
    ]);
    assert_eq!(
        text,
        "\u{FEFF}time,database,collection,partitions,operation,result,detail\r\n\
         2023-11-14T22:13:20.000Z,default,books,,Release,done,\r\n\
         2023-11-14T22:13:20.000Z,default,films,p1;p2,Release,working,\r\n"
    );
}

#[test]
fn csv_quotes_commas_quotes_and_newlines() {
    let why = Progress::Cancelled("bad \"name\", or\nworse".into());
    let text = csv(&[outcome("books", &[], why)]);
    assert!(
        text.ends_with(",Release,cancelled,\"bad \"\"name\"\", or\nworse\"\r\n"),
        "{text:?}"
    );
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused() {
    for name in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)"] {
        let text = csv(&[outcome(name, &[], Progress::Done)]);
        let line = text.lines().nth(1).unwrap();
        let cell = line.split(",default,").nth(1).unwrap();
        assert!(cell.starts_with("'") || cell.starts_with("\"'"), "{line}");
    }
    let text = csv(&[outcome("books", &[], Progress::Skipped("=1+1"))]);
    assert!(text.ends_with(",skipped,'=1+1\r\n"), "{text:?}");
    // Quoted as well when it also needs quoting.
    let text = csv(&[outcome("books", &[], Progress::Cancelled("@a,b".into()))]);
    assert!(text.ends_with(",cancelled,\"'@a,b\"\r\n"), "{text:?}");
    let text = csv(&[outcome("books", &[], Progress::Cancelled("-x".into()))]);
    assert!(text.ends_with(",cancelled,'-x\r\n"), "{text:?}");
}

#[test]
fn json_lists_every_outcome_and_how_many_were_dropped() {
    let error = failed("no");
    let Progress::Failed(e) = &error else {
        unreachable!()
    };
    let said = e.to_string();
    let text = json(&[outcome("books", &["p1"], error.clone())], 3);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["dropped"], 3);
    let first = &value["outcomes"][0];
    assert_eq!(first["time"], "2023-11-14T22:13:20.000Z");
    assert_eq!(first["database"], "default");
    assert_eq!(first["collection"], "books");
    assert_eq!(first["partitions"], serde_json::json!(["p1"]));
    assert_eq!(first["operation"], "Release");
    assert_eq!(first["result"], "failed");
    assert_eq!(first["detail"], said.as_str());
}

#[test]
fn csv_defuses_full_width_signs_and_leading_blanks() {
    for name in [
        "＝HYPERLINK(\"x\")",
        "＋1",
        "－1",
        "＠SUM(A1)",
        " =1+1",
        "\t=1+1",
        "\u{a0}=1+1",
        "\u{3000}=1+1",
    ] {
        let text = csv(&[outcome(name, &[], Progress::Done)]);
        let line = text.lines().nth(1).unwrap_or_default();
        let cell = line.split(",default,").nth(1).unwrap_or_default();
        assert!(
            cell.starts_with('\'') || cell.starts_with("\"'"),
            "{name:?}: {line:?}"
        );
    }
}

#[test]
fn csv_starts_with_a_byte_order_mark_so_spreadsheets_read_utf8() {
    let text = csv(&[outcome("書籍", &[], Progress::Done)]);
    assert!(text.starts_with("\u{FEFF}time,database,"), "{text:?}");
    assert_eq!(text.matches('\u{FEFF}').count(), 1);
}
