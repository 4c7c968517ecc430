//! Saving and restoring the loaded set through the session, under held replies and a manual
//! clock: what a save reads and offers, and that a restore follows its own read (`fresh`: and
//! the state read again just before each load, its reads stopped by Cancel or a newer file).
#![cfg(not(target_arch = "wasm32"))]

#[path = "loaded_set_session/fresh.rs"]
mod fresh;
mod support;

use std::cell::RefCell;
use std::rc::Rc;

use milvus_load_console::loaded_set::{plan, Current, Extent, LoadedSet, Step};
use milvus_load_console::session::Runtime;
use milvus_load_console::state::restore::{ReadError, RestoreError, Stage};
use milvus_load_console::state::Action;
use support::SessionHarness;

const LOADED: &str =
    r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100},"message":""}"#;
const NOT_LOAD: &str = r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#;
const PARTITION_NOT_LOADED: &str = r#"{"code":0,"data":{"loadState":"LoadStateLoading","loadProgress":-1},"message":"partition not loaded[partition=449364538561349412]."}"#;
const OK: &str = r#"{"code":0,"data":{}}"#;

type Harness = SessionHarness;

fn harness() -> Harness {
    SessionHarness::connect(4, &["default"], |_| {})
}

impl SessionHarness {
    /// The bodies of the requests sent to `path`.
    fn bodies_sent(&self, path: &str) -> Vec<String> {
        self.http
            .sent()
            .iter()
            .filter(|r| r.url.ends_with(path))
            .map(|r| r.body.clone())
            .collect()
    }

    /// Starts reading what is loaded in `databases`; the slot gets the result.
    fn start_read(&self, databases: &[&str], list_partitions_of: Vec<(String, String)>) -> Slot {
        let got: Slot = Rc::default();
        let (sink, session) = (got.clone(), self.session.clone());
        let databases = databases.iter().map(|d| d.to_string()).collect();
        self.rt.spawn(Box::pin(async move {
            let read = session.read_loaded(1, databases, &list_partitions_of).await;
            *sink.borrow_mut() = Some(read);
        }));
        self.rt.settle();
        got
    }

    /// Reads the loaded set of `default` (`answer_loaded`), listing the partitions of songs
    /// when asked.
    fn read(&self, extra: bool, list_partitions_of: Vec<(String, String)>) -> Current {
        let list_songs = !list_partitions_of.is_empty();
        let got = self.start_read(&["default"], list_partitions_of);
        self.answer_loaded(extra, list_songs);
        assert!(self.http.waiting().is_empty(), "{:#?}", self.http.waiting());
        let result = got.borrow_mut().take();
        result.expect("the read ended").expect("the read succeeded")
    }

    /// Answers a read of `default`: books fully loaded, films partly (p1 of _default, p1,
    /// p2), songs released, and `extra` fully loaded when asked.
    fn answer_loaded(&self, extra: bool, list_songs: bool) {
        let mut names = vec!["books", "films", "songs"];
        if extra {
            names.push("extra");
        }
        let list = serde_json::to_string(&names).unwrap();
        self.answer(
            "collections/list",
            "",
            &format!(r#"{{"code":0,"data":{list}}}"#),
        );
        self.answer("get_load_state", r#""collectionName":"books""#, LOADED);
        self.answer("get_load_state", r#""collectionName":"films""#, LOADED);
        self.answer("get_load_state", r#""collectionName":"songs""#, NOT_LOAD);
        if extra {
            self.answer("get_load_state", r#""collectionName":"extra""#, LOADED);
            self.answer(
                "partitions/list",
                r#""collectionName":"extra""#,
                r#"{"code":0,"data":["_default"]}"#,
            );
        }
        self.answer(
            "partitions/list",
            r#""collectionName":"books""#,
            r#"{"code":0,"data":["_default"]}"#,
        );
        self.answer(
            "partitions/list",
            r#""collectionName":"films""#,
            r#"{"code":0,"data":["_default","p1","p2"]}"#,
        );
        // A collection of one partition is loaded in full (books, extra); for more, one read
        // listing every partition tells full from partial...
        self.answer(
            "get_load_state",
            r#""partitionNames":["_default","p1","p2"]"#,
            PARTITION_NOT_LOADED,
        );
        // ...and only a partial one is read partition by partition.
        self.answer(
            "get_load_state",
            r#""partitionNames":["_default"]"#,
            PARTITION_NOT_LOADED,
        );
        self.answer("get_load_state", r#""partitionNames":["p1"]"#, LOADED);
        self.answer(
            "get_load_state",
            r#""partitionNames":["p2"]"#,
            PARTITION_NOT_LOADED,
        );
        if list_songs {
            self.answer(
                "partitions/list",
                r#""collectionName":"songs""#,
                r#"{"code":0,"data":["_default"]}"#,
            );
        }
    }
}

type Slot = Rc<RefCell<Option<Result<Current, ReadError>>>>;

#[test]
fn saving_reads_full_from_partial_and_names_the_loaded_partitions() {
    let h = harness();
    let current = h.read(false, Vec::new());
    // Books has one partition: the collection's state is its extent, so its state is read
    // once (beside its partition list) and never with `partitionNames`.
    let books: Vec<String> = h
        .bodies_sent("get_load_state")
        .into_iter()
        .filter(|b| b.contains(r#""collectionName":"books""#))
        .collect();
    assert_eq!(books.len(), 1, "{books:?}");
    let saved = current.saved(h.session.now_iso(), h.session.endpoint_host());
    assert_eq!(saved.endpoint, "milvus:19530");
    assert_eq!(saved.saved_at, "2023-11-14T22:13:20Z");
    let text = saved.to_json();
    assert!(
        !text.contains("Milvus") && !text.contains("root"),
        "never the token: {text}"
    );
    let back = LoadedSet::read(text.as_bytes()).unwrap();
    let names: Vec<(String, Option<Vec<String>>)> = back.databases[0]
        .collections
        .iter()
        .map(|c| (c.name.clone(), c.partitions.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("books".to_string(), None),
            ("films".to_string(), Some(vec!["p1".to_string()]))
        ]
    );
    assert!(h.bodies_sent("/load").is_empty() && h.bodies_sent("/release").is_empty());
}

#[test]
fn a_restore_follows_its_own_read_not_the_rows_on_screen() {
    let h = harness();
    // On screen, books reads Loaded and films Released...
    h.session.show();
    h.rt.settle();
    h.answer(
        "collections/list",
        "",
        r#"{"code":0,"data":["books","films"]}"#,
    );
    h.answer("get_load_state", r#""collectionName":"books""#, LOADED);
    h.answer("get_load_state", r#""collectionName":"films""#, NOT_LOAD);
    while h.http.waiting().iter().any(|r| r.url.ends_with("describe")) {
        h.answer("describe", "", r#"{"code":0,"data":{"partitionsNum":1}}"#);
    }
    // ...then someone else released books and loaded films: the restore's read sees that.
    let got = h.start_read(&["default"], Vec::new());
    h.answer(
        "collections/list",
        "",
        r#"{"code":0,"data":["books","films"]}"#,
    );
    // Books, shown loaded, is described: its description tells it is released now.
    describe(&h, "books", "LoadStateNotLoad", 1);
    h.answer("get_load_state", r#""collectionName":"films""#, LOADED);
    h.answer(
        "partitions/list",
        "films",
        r#"{"code":0,"data":["_default"]}"#,
    );
    let current = got.borrow_mut().take().unwrap().unwrap();
    let file = LoadedSet::read(
        br#"{"format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"h",
            "databases":[{"name":"default","collections":[{"name":"books"}]}]}"#,
    )
    .unwrap();
    let p = plan(&file, &current);
    h.session.restore(&p, &|_| true);
    h.rt.settle();
    h.answer("get_load_state", r#""collectionName":"books""#, NOT_LOAD);
    assert_eq!(
        h.bodies_sent("collections/load").len(),
        1,
        "books is loaded again"
    );
    assert_eq!(
        h.bodies_sent("collections/release").len(),
        1,
        "films is released"
    );
}

/// Answers the held `collections/describe` of `name` with its `load` and partition count.
fn describe(h: &Harness, name: &str, load: &str, partitions: u32) {
    h.answer(
        "collections/describe",
        &format!(r#""collectionName":"{name}""#),
        &format!(
            r#"{{"code":0,"data":{{"collectionName":"{name}","load":"{load}","partitionsNum":{partitions}}}}}"#
        ),
    );
}

/// Shows books, films and songs on screen: books and films loaded, songs released.
fn show_books_films_songs(h: &Harness) {
    h.session.show();
    h.rt.settle();
    h.answer(
        "collections/list",
        "",
        r#"{"code":0,"data":["books","films","songs"]}"#,
    );
    h.answer("get_load_state", r#""collectionName":"books""#, LOADED);
    h.answer("get_load_state", r#""collectionName":"films""#, LOADED);
    h.answer("get_load_state", r#""collectionName":"songs""#, NOT_LOAD);
    // The view's other reads (descriptions, sizes, the cluster) get nothing they can use.
    for _ in 0..100 {
        if !h
            .http
            .answer(|_| true, support::reply(r#"{"code":0,"data":{}}"#))
        {
            break;
        }
        h.rt.settle();
    }
    assert!(h.http.waiting().is_empty(), "{:#?}", h.http.waiting());
}

/// A collection the view shows loaded is described: one request tells a collection of one
/// partition loaded in full, where a state read and a partition list took two. One of more
/// partitions is listed and read as before; one shown released has its state read alone.
#[test]
fn a_collection_shown_loaded_with_one_partition_is_read_in_one_request() {
    let h = harness();
    show_books_films_songs(&h);
    let before = h.http.sent().len();
    let got = h.start_read(&["default"], Vec::new());
    h.answer(
        "collections/list",
        "",
        r#"{"code":0,"data":["books","films","songs"]}"#,
    );
    describe(&h, "books", "LoadStateLoaded", 1);
    describe(&h, "films", "LoadStateLoaded", 2);
    h.answer("get_load_state", r#""collectionName":"songs""#, NOT_LOAD);
    h.answer(
        "partitions/list",
        r#""collectionName":"films""#,
        r#"{"code":0,"data":["_default","p1"]}"#,
    );
    h.answer(
        "get_load_state",
        r#""partitionNames":["_default","p1"]"#,
        LOADED,
    );
    assert!(h.http.waiting().is_empty(), "{:#?}", h.http.waiting());
    let current = got.borrow_mut().take().unwrap().unwrap();
    let saved = current.saved(String::new(), String::new());
    let names: Vec<(&str, bool)> = saved.databases[0]
        .collections
        .iter()
        .map(|c| (c.name.as_str(), c.partitions.is_none()))
        .collect();
    assert_eq!(names, vec![("books", true), ("films", true)]);
    let sent: Vec<String> = h.http.sent()[before..]
        .iter()
        .map(|r| r.url.clone())
        .collect();
    let to = |path: &str| sent.iter().filter(|u| u.ends_with(path)).count();
    assert_eq!(
        (to("describe"), to("get_load_state"), to("partitions/list")),
        (2, 2, 1),
        "{sent:#?}"
    );
}

/// A collection the file names by partitions has its partitions listed even when a
/// description tells it is fully loaded: the plan compares them by name.
#[test]
fn a_collection_saved_by_partitions_is_listed_even_when_described_in_full() {
    let h = harness();
    show_books_films_songs(&h);
    let got = h.start_read(&["default"], vec![("default".into(), "books".into())]);
    h.answer("collections/list", "", r#"{"code":0,"data":["books"]}"#);
    describe(&h, "books", "LoadStateLoaded", 1);
    h.answer(
        "partitions/list",
        r#""collectionName":"books""#,
        r#"{"code":0,"data":["_default"]}"#,
    );
    assert!(h.http.waiting().is_empty(), "{:#?}", h.http.waiting());
    let current = got.borrow_mut().take().unwrap().unwrap();
    let file = LoadedSet::read(
        br#"{"format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"h",
            "databases":[{"name":"default","collections":[{"name":"books","partitions":["_default"]}]}]}"#,
    )
    .unwrap();
    let p = plan(&file, &current);
    assert_eq!((p.count(Step::Already), p.count(Step::Load)), (1, 0));
}

/// A description that cannot tell the state (its `load` is "" when the server's own state
/// read failed) is not taken for one: the state is read on its own.
#[test]
fn a_description_without_a_load_state_is_followed_by_a_state_read() {
    let h = harness();
    show_books_films_songs(&h);
    let got = h.start_read(&["default"], Vec::new());
    h.answer("collections/list", "", r#"{"code":0,"data":["books"]}"#);
    describe(&h, "books", "", 1);
    h.answer("get_load_state", r#""collectionName":"books""#, LOADED);
    h.answer(
        "partitions/list",
        r#""collectionName":"books""#,
        r#"{"code":0,"data":["_default"]}"#,
    );
    assert!(h.http.waiting().is_empty(), "{:#?}", h.http.waiting());
    let current = got.borrow_mut().take().unwrap().unwrap();
    assert_eq!(current.databases[0].collections.len(), 1);
    assert_eq!(current.databases[0].collections[0].extent, Extent::Full);
}

/// In read-only mode a restore sends nothing, as a confirmation does not.
#[test]
fn a_restore_in_read_only_mode_sends_nothing() {
    let h = harness();
    let file = LoadedSet::read(
        br#"{"format":"milvus-load-console/loaded-set","version":1,"savedAt":"t","endpoint":"milvus:19530",
            "databases":[{"name":"default","collections":[{"name":"songs"}]}]}"#,
    )
    .unwrap();
    let current = h.read(true, vec![("default".into(), "songs".into())]);
    let p = plan(&file, &current);
    assert_eq!(p.count(Step::Load), 1);
    h.store.intent(Action::SetReadOnly(true));
    h.session.restore(&p, &|_| true);
    h.rt.settle();
    assert!(h.bodies_sent("collections/load").is_empty());
    assert!(h.store.state().outcomes.is_empty());
}

/// Starts a save; the slot gets the file offered (its name and text).
fn save(h: &Harness) -> Rc<RefCell<Option<(String, String)>>> {
    let offered: Rc<RefCell<Option<(String, String)>>> = Rc::default();
    let sink = offered.clone();
    h.session.save(move |name, text| {
        *sink.borrow_mut() = Some((name.to_string(), text.to_string()));
        Ok(())
    });
    h.rt.settle();
    offered
}

#[test]
fn a_save_lists_the_databases_itself_reads_each_and_offers_the_file() {
    let h = harness();
    let offered = save(&h);
    assert_eq!(
        h.state().restore.status().map(|s| s.text).as_deref(),
        Some("Reading what is loaded…")
    );
    h.answer(
        "databases/list",
        "",
        r#"{"code":0,"data":["default","analytics"]}"#,
    );
    h.answer(
        "collections/list",
        r#""dbName":"default""#,
        r#"{"code":0,"data":["books"]}"#,
    );
    h.answer("get_load_state", r#""collectionName":"books""#, LOADED);
    h.answer(
        "partitions/list",
        r#""collectionName":"books""#,
        r#"{"code":0,"data":["_default"]}"#,
    );
    h.answer(
        "collections/list",
        r#""dbName":"analytics""#,
        r#"{"code":0,"data":[]}"#,
    );
    let (name, text) = offered.borrow_mut().take().expect("the file was offered");
    assert_eq!(name, "loaded-set-milvus-19530-20231114221320.json");
    let file = LoadedSet::read(text.as_bytes()).unwrap();
    let names: Vec<&str> = file.databases.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["default", "analytics"]);
    let status = h.state().restore.status().expect("a status");
    assert_eq!(
        (status.text.as_str(), status.alert),
        ("Saved 1 loaded collections of 2 databases to loaded-set-milvus-19530-20231114221320.json.", false)
    );
}

#[test]
fn a_save_whose_database_list_fails_says_so() {
    let h = harness();
    let offered = save(&h);
    h.answer(
        "databases/list",
        "",
        r#"{"code":65535,"message":"transient"}"#,
    );
    assert!(offered.borrow().is_none());
    let state = h.state();
    assert!(
        matches!(
            &state.restore.stage,
            Stage::Failed(RestoreError::Save(ReadError::Databases(_)))
        ),
        "{:?}",
        state.restore
    );
    let text = state.restore.status().expect("a status").text;
    assert!(
        text.starts_with("Save loaded set: Listing the databases:") && text.contains("transient"),
        "{text}"
    );
}
