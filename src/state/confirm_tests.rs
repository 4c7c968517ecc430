//! What confirmations say: one line of what changes, names grouped by what happens to them.
use super::tests::{listed, reads};
use super::*;
use crate::api::LoadState;
use crate::substring::Joined;

/// A view whose rows read these states.
fn with_states(states: &[(&str, LoadState)]) -> ConsoleState {
    let names: Vec<&str> = states.iter().map(|(n, _)| *n).collect();
    let mut s = listed(&names);
    let generation = s.generation;
    let read = states
        .iter()
        .map(|(n, state)| (Rc::from(*n), Ok(state.clone())))
        .collect();
    s.apply(Action::Reply {
        generation,
        reply: Reply::States(reads(read)),
    });
    s
}

fn names(list: &[&str]) -> Vec<Rc<str>> {
    list.iter().map(|n| Rc::from(*n)).collect()
}

#[test]
fn a_bulk_release_says_what_leaves_memory_and_what_is_skipped() {
    let s = with_states(&[
        ("a", LoadState::Loaded),
        ("b", LoadState::Loading { progress: 30 }),
        ("c", LoadState::NotLoad),
        ("d", LoadState::Missing),
    ]);
    let text = s
        .collection_confirmation(&names(&["a", "b", "c", "d"]), Operation::Release)
        .text();
    assert_eq!(text.title, "Release 3 collections?");
    assert_eq!(
        text.summary,
        "2 loaded or loading will be released; 1 in another state are sent a release too; \
         1 already released are skipped"
    );
    let groups: Vec<(&str, usize)> = text
        .groups
        .iter()
        .map(|g| (g.heading.as_str(), g.names.len()))
        .collect();
    assert_eq!(
        groups,
        [
            ("To release (2)", 2),
            ("Sent a release too (state changing or not known) (1)", 1),
            ("Skipped: already released (1)", 1)
        ]
    );
    // The count to type is what will change, not what was ticked.
    assert_eq!(
        text.require_typed,
        Some(vec!["3".to_string(), "release".to_string()])
    );
}

#[test]
fn a_bulk_load_skips_what_is_loaded_and_completes_what_is_partial() {
    let mut s = with_states(&[
        ("a", LoadState::Loaded),
        ("b", LoadState::NotLoad),
        ("c", LoadState::Loaded),
    ]);
    if let Some(row) = s.row_mut("c") {
        row.partly_loaded = true;
    }
    let text = s
        .collection_confirmation(&names(&["a", "b", "c"]), Operation::Load)
        .text();
    assert_eq!(text.title, "Load 2 collections?");
    assert_eq!(
        text.summary,
        "1 released will be loaded; 1 partly loaded will be loaded in full; \
         1 already loaded are skipped"
    );
    assert_eq!(text.require_typed, None);
    assert_eq!(text.items[0], "Replicas: replica setting: checking…");
    assert!(
        text.items[1].starts_with("Partly loaded (c)"),
        "{:?}",
        text.items
    );
}

/// A bulk Load reads the replica settings of its first `SETTINGS_READ` collections; the
/// others say theirs were not read instead of "checking…" for ever.
#[test]
fn a_bulk_load_says_which_replica_settings_are_not_read() {
    let many: Vec<String> = (0..22).map(|i| format!("c{i:02}")).collect();
    let list: Vec<&str> = many.iter().map(String::as_str).collect();
    let states: Vec<(&str, LoadState)> = list.iter().map(|n| (*n, LoadState::NotLoad)).collect();
    let s = with_states(&states);
    let text = s
        .collection_confirmation(&names(&list), Operation::Load)
        .text();
    assert_eq!(
        &text.items[..2],
        [
            format!("replica setting: checking…: {}", list[..20].joined(", ")),
            "replica setting not read (read for the first 20 collections only): c20, c21"
                .to_string()
        ],
        "{:?}",
        text.items
    );
}

/// The settings read are those of collections a load is sent to: the skipped ones take no
/// place among the first 20.
#[test]
fn the_settings_read_are_those_of_collections_loaded() {
    let many: Vec<String> = (0..22).map(|i| format!("c{i:02}")).collect();
    let list: Vec<&str> = many.iter().map(String::as_str).collect();
    let states: Vec<(&str, LoadState)> = list
        .iter()
        .enumerate()
        .map(|(i, n)| match i {
            0 | 1 => (*n, LoadState::Loaded),
            _ => (*n, LoadState::NotLoad),
        })
        .collect();
    let s = with_states(&states);
    let confirmation = s.collection_confirmation(&names(&list), Operation::Load);
    assert_eq!(confirmation.settings_to_read(), names(&list[2..]));
    let text = confirmation.text();
    assert_eq!(
        text.items[0],
        format!("Replicas: replica setting: checking…"),
        "{:?}",
        text.items
    );
}

#[test]
fn nothing_to_do_is_said_so() {
    let s = with_states(&[("a", LoadState::NotLoad), ("b", LoadState::NotLoad)]);
    let text = s
        .collection_confirmation(&names(&["a", "b"]), Operation::Release)
        .text();
    assert_eq!(text.title, "Nothing to release");
    assert_eq!(text.summary, "2 already released are skipped");
    assert_eq!(text.require_typed, None);
    let one = s
        .collection_confirmation(&names(&["a"]), Operation::Release)
        .text();
    assert_eq!(one.summary, "a is already released: nothing will be sent.");
}

#[test]
fn large_counts_are_grouped() {
    let many: Vec<String> = (0..1_200).map(|i| format!("c{i:04}")).collect();
    let list: Vec<&str> = many.iter().map(String::as_str).collect();
    let states: Vec<(&str, LoadState)> = list.iter().map(|n| (*n, LoadState::Loaded)).collect();
    let s = with_states(&states);
    let text = s
        .collection_confirmation(&names(&list), Operation::Release)
        .text();
    assert_eq!(text.title, "Release 1,200 collections?");
    assert_eq!(text.summary, "1,200 loaded or loading will be released");
    assert_eq!(text.groups[0].heading, "To release (1,200)");
}

#[test]
fn partitions_name_their_collection() {
    let mut s = with_states(&[("books", LoadState::Loaded)]);
    s.apply(Action::OpenCollection("books".into()));
    let text = s
        .partitions_confirmation(names(&["p1", "p2"]), Operation::Release)
        .map(|c| c.text());
    let text = text.as_ref();
    assert_eq!(
        text.map(|t| t.title.as_str()),
        Some("Release 2 partitions of books?")
    );
    assert_eq!(
        text.map(|t| t.summary.as_str()),
        Some("2 partitions of books will be released")
    );
}
