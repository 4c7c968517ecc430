//! The journal of what was done: the session's outcomes as CSV and JSON, one line each, with
//! columns time (ISO 8601 UTC), database, collection, partitions, operation, result, detail.

use crate::iso_time::iso_utc;
use crate::state::{Outcome, Progress};
use crate::substring::Joined;

/// A file format of the journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// As the export buttons name it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
        }
    }

    /// The file's name, stamped with `at` ("milvus-journal-2023-11-14T22-13-20Z.csv"), its
    /// type and its content.
    pub fn file(
        self,
        outcomes: &[Outcome],
        dropped: usize,
        at: f64,
    ) -> (String, &'static str, String) {
        let stamp: String = iso_utc(at)
            .chars()
            .take(19)
            .map(|c| if c == ':' { '-' } else { c })
            .collect();
        match self {
            Format::Csv => (
                format!("milvus-journal-{stamp}Z.csv"),
                "text/csv;charset=utf-8",
                csv(outcomes),
            ),
            Format::Json => (
                format!("milvus-journal-{stamp}Z.json"),
                "application/json",
                json(outcomes, dropped),
            ),
        }
    }
}

/// One outcome as written in the journal.
#[derive(serde::Serialize)]
pub struct Entry {
    pub time: String,
    pub database: String,
    pub collection: String,
    pub partitions: Vec<String>,
    pub operation: &'static str,
    pub result: &'static str,
    pub detail: String,
}

impl Entry {
    pub fn of(outcome: &Outcome) -> Entry {
        let t = &outcome.target;
        let (result, detail) = match &outcome.progress {
            Progress::Waiting => ("waiting", String::new()),
            Progress::Working => ("working", String::new()),
            Progress::Unknown(e) => ("unknown", e.to_string()),
            Progress::NotSeenApplied { lost, after_s } => (
                "unknown",
                format!("not seen applied after {after_s} s: {lost}"),
            ),
            Progress::Done if outcome.rechecked => ("done", "confirmed by re-reading".into()),
            Progress::Done => ("done", String::new()),
            Progress::Failed(e) => ("failed", e.to_string()),
            Progress::Skipped(why) => ("skipped", why.to_string()),
            Progress::Cancelled(why) => ("cancelled", why.clone()),
            Progress::Abandoned(a) => ("abandoned", a.text()),
        };
        Entry {
            time: iso_utc(outcome.at),
            database: t.database.to_string(),
            collection: t.collection.to_string(),
            partitions: t.partitions.iter().map(|p| p.to_string()).collect(),
            operation: t.operation.wire(),
            result,
            detail,
        }
    }
}

/// A byte order mark first: without it, spreadsheets read UTF-8 names as their legacy code page.
const HEADER: &str = "\u{FEFF}time,database,collection,partitions,operation,result,detail\r\n";

/// What a spreadsheet may take as the start of a formula: the signs, their full-width forms,
/// and a blank or line break (no-break and ideographic spaces too), which it may skip before
/// the sign.
const FORMULA_STARTS: [char; 14] = [
    '=', '+', '-', '@', '＝', '＋', '－', '＠', ' ', '\t', '\r', '\n', '\u{a0}', '\u{3000}',
];

/// The outcomes as CSV (RFC 4180: CRLF, quoted where needed), with a byte order mark and a
/// header line.
pub fn csv(outcomes: &[Outcome]) -> String {
    let mut text = String::from(HEADER);
    for outcome in outcomes {
        let e = Entry::of(outcome);
        let cells = [
            e.time.as_str(),
            &e.database,
            &e.collection,
            &e.partitions.joined(";"),
            e.operation,
            e.result,
            &e.detail,
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        text.push_str(&line.joined(","));
        text.push_str("\r\n");
    }
    text
}

/// One CSV cell. Text a spreadsheet could run as a formula gets a leading `'`; a cell with a comma, quote or line break is quoted, its quotes doubled.
fn cell(text: &str) -> String {
    let text = if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The outcomes as JSON: `{"dropped": n, "outcomes": [{time, database, …}]}`.
pub fn json(outcomes: &[Outcome], dropped: usize) -> String {
    /// Written straight from the entries: going through a `serde_json::Value` would bring
    /// serde_json's float printer into the wasm.
    #[derive(serde::Serialize)]
    struct Journal {
        dropped: usize,
        outcomes: Vec<Entry>,
    }
    let journal = Journal {
        dropped,
        outcomes: outcomes.iter().map(Entry::of).collect(),
    };
    serde_json::to_string_pretty(&journal).unwrap_or_default()
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
