//! Components rendered to HTML strings (Yew's server renderer, natively): what each state
//! looks like, that names and messages are escaped text, and that the table is windowed.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use futures::executor::block_on;
use milvus_load_console::api::{ApiError, ApiErrorKind, LoadState, PartitionCoverage};
use milvus_load_console::components::collections_table::{CollectionsTable, CollectionsTableProps};
use milvus_load_console::components::confirm_dialog::{ConfirmDialog, ConfirmDialogProps};
use milvus_load_console::components::error_view::{error_view, ErrorViewProps};
use milvus_load_console::components::outcomes::{Outcomes, OutcomesProps};
use milvus_load_console::components::partitions_panel::{PartitionsPanel, PartitionsPanelProps};
use milvus_load_console::components::state_badge::{state_badge, StateBadgeProps};
use milvus_load_console::state::{
    Abandonment, NameGroup, Names, Operation, Outcome, Pace, PartitionsView, Progress, Replicas,
    Row, RowSize, RowState, StallAfter, Target,
};
use yew::{component, BaseComponent, Callback, Html, LocalServerRenderer};

fn render<C: BaseComponent>(props: C::Properties) -> String {
    block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// The badge is a function; this component renders it alone.
#[component]
fn StateBadge(props: &StateBadgeProps) -> Html {
    state_badge(props)
}

/// The error view is a function; this component renders it alone.
#[component]
fn ErrorView(props: &ErrorViewProps) -> Html {
    error_view(props)
}

const HOSTILE: &str = r#"<img src=x onerror="window.pwned=1">"#;

fn http_error(snippet: &str) -> ApiError {
    ApiErrorKind::Http {
        status: 502,
        snippet: snippet.into(),
    }
    .into()
}

fn badge(state: RowState, coverage: Option<PartitionCoverage>) -> String {
    render::<StateBadge>(StateBadgeProps {
        state,
        coverage,
        partly: false,
        partitions: None,
    })
}

#[test]
fn badges_name_every_state() {
    let loading = badge(RowState::Known(LoadState::Loading { progress: 42 }), None);
    assert!(loading.contains("Loading 42%"), "{loading}");
    assert!(
        loading.contains("<progress")
            && loading.contains(r#"aria-label="Loading progress 42 percent""#),
        "{loading}"
    );
    assert!(badge(RowState::Known(LoadState::Loaded), None).contains(">Loaded<"));
    assert!(badge(RowState::Known(LoadState::NotLoad), None).contains(">Released<"));
    assert!(badge(RowState::Known(LoadState::Missing), None).contains(">Missing<"));
    assert!(badge(RowState::Pending, None).contains("Checking…"));
    let partly = badge(
        RowState::Known(LoadState::Loaded),
        Some(PartitionCoverage {
            loaded: 1,
            total: 3,
        }),
    );
    assert!(
        partly.contains("Partly loaded: 1 of 3 partitions"),
        "{partly}"
    );
    let failed = badge(RowState::Failed(http_error("bad gateway")), None);
    assert!(failed.contains("Error: HTTP 502"), "{failed}");
}

#[test]
fn names_and_server_messages_are_escaped_text() {
    let unknown = badge(RowState::Known(LoadState::Unknown(HOSTILE.into())), None);
    assert!(!unknown.contains("<img"), "{unknown}");
    assert!(unknown.contains("&lt;img"), "{unknown}");
    let error = render::<ErrorView>(ErrorViewProps {
        error: http_error(HOSTILE),
        context: "Listing collections".into(),
        on_retry: Some(Callback::noop()),
    });
    assert!(error.contains(r#"role="alert""#));
    assert!(
        error.contains("Listing collections: Server error"),
        "{error}"
    );
    assert!(error.contains(">Retry<"));
    assert!(!error.contains("<img"), "{error}");
}

fn rows(count: usize) -> Vec<Row> {
    (0..count)
        .map(|i| Row {
            state: RowState::Known(LoadState::Loaded),
            in_flight: (i == 1).then_some(Operation::Release),
            partitions: (i == 0).then_some(8),
            ..Row::pending(format!("collection_{i:05}").into())
        })
        .collect()
}

fn table(rows: Vec<Row>, read_only: bool) -> String {
    table_with(rows, read_only, None)
}

fn table_with(rows: Vec<Row>, read_only: bool, on_replicas: Option<Callback<Rc<str>>>) -> String {
    render::<CollectionsTable>(CollectionsTableProps {
        rows: Rc::new(rows.into_iter().map(Rc::new).collect()),
        read_only,
        selected: Names::new(),
        on_toggle: Callback::noop(),
        on_open: Callback::noop(),
        on_operate: Callback::noop(),
        on_visible: Callback::noop(),
        scroll: Default::default(),
        scroll_key: 0,
        on_replicas,
    })
}

#[test]
fn the_replicas_of_a_fully_loaded_collection_can_be_changed_where_offered() {
    let sized = |name: &str, state: LoadState, partly: bool| Row {
        state: RowState::Known(state),
        partly_loaded: partly,
        size: Some(Rc::new(RowSize {
            rows: 1_000,
            memory: 1 << 30,
            note: "estimate".into(),
            unindexed: None,
            upper_bound: false,
        })),
        replicas: Replicas::Count(2),
        ..Row::pending(name.into())
    };
    let rows = || {
        vec![
            sized("whole", LoadState::Loaded, false),
            sized("partly", LoadState::Loaded, true),
            sized("loading", LoadState::Loading { progress: 40 }, false),
        ]
    };
    let offered = table_with(rows(), false, Some(Callback::noop()));
    assert!(
        offered.contains(r#"aria-label="Change the replicas of whole""#),
        "{offered}"
    );
    assert_eq!(
        offered.matches("Change the replicas of").count(),
        1,
        "{offered}"
    );
    let not_offered = table_with(rows(), false, None);
    assert!(
        !not_offered.contains("Change the replicas"),
        "{not_offered}"
    );
    assert!(
        not_offered.contains(r#"<td class="mlc-replicas">2</td>"#),
        "{not_offered}"
    );
}

#[test]
fn ten_thousand_collections_render_a_window_of_rows() {
    let html = table(rows(10_000), false);
    let rendered = html.matches(r#"class="mlc-row""#).count();
    assert!((1..=40).contains(&rendered), "{rendered} rows rendered");
    assert!(html.contains(r#"aria-rowcount="10001""#));
    // Counts where known, a placeholder where not; an operation in flight disables its button.
    assert!(html.contains(r#"<td class="mlc-count">8</td>"#), "{html}");
    assert!(html.contains(r#"aria-label="not known yet""#));
    assert!(html.contains("Working…"));
    assert!(html.contains(r#"aria-label="Release collection_00000""#));
}

#[test]
fn a_row_says_when_its_state_is_not_confirmed_and_when_its_load_was_abandoned() {
    let mut rows = rows(2);
    rows[0].unconfirmed = Some(format!("service unavailable {HOSTILE}"));
    rows[1].state = RowState::Known(LoadState::NotLoad);
    rows[1].abandoned = Some(Abandonment {
        at: "14:02".into(),
        was: 37,
        elsewhere: false,
    });
    let html = table(rows, false);
    assert!(
        html.contains(">Loaded<"),
        "the last known state stays: {html}"
    );
    assert!(
        html.contains("not confirmed now: service unavailable &lt;img"),
        "{html}"
    );
    assert!(!html.contains("<img"));
    assert!(html.contains("load abandoned by the server at 14:02 — was 37%"));
}

#[test]
fn a_loading_row_says_the_time_left_or_that_it_stalled() {
    const MINUTE: f64 = 60_000.0;
    let mut rows = rows(2);
    rows[0].state = RowState::Known(LoadState::Loading { progress: 30 });
    rows[0].pace = Some(Pace::start(20, 0.0).observe(30, 2.0 * MINUTE, StallAfter(5)));
    rows[1].state = RowState::Known(LoadState::Loading { progress: 37 });
    // 14:02 UTC; SSR has no time zone.
    let at = 14.0 * 60.0 * MINUTE + 2.0 * MINUTE;
    rows[1].pace = Some(Pace::start(37, at).observe(37, at + 5.0 * MINUTE, StallAfter(5)));
    let html = table(rows, false);
    assert!(html.contains(" · about 14 min left"), "{html}");
    assert!(html.contains("stalled at 37% since 14:02"), "{html}");
}

/// Rows in every state, each offering what it can in a writable table.
fn rows_in_every_state() -> Vec<Row> {
    let states = [
        RowState::Pending,
        RowState::Known(LoadState::Loaded),
        RowState::Known(LoadState::Loading { progress: 37 }),
        RowState::Known(LoadState::NotLoad),
        RowState::Known(LoadState::Missing),
        RowState::Known(LoadState::Unknown("LoadStateSomething".into())),
        RowState::Failed(http_error("bad gateway")),
    ];
    let mut rows = rows(states.len());
    for (row, state) in rows.iter_mut().zip(states) {
        row.state = state;
        row.in_flight = None;
    }
    rows
}

#[test]
fn read_only_tables_offer_no_action() {
    let writable = table(rows_in_every_state(), false);
    for label in [">Release<", ">Cancel load<", ">Load<"] {
        assert!(writable.contains(label), "{label}: {writable}");
    }
    let html = table(rows_in_every_state(), true);
    assert_eq!(html.matches(r#"class="mlc-row""#).count(), 7);
    // The only buttons are the names, which open the partitions.
    assert_eq!(
        html.matches("<button").count(),
        html.matches(r#"aria-label="Partitions of "#).count(),
        "{html}"
    );
    assert!(!html.contains(r#"type="checkbox""#));
}

#[test]
fn the_confirmation_says_what_changes_and_asks_for_typing_when_told() {
    let group = |heading: &str, range: std::ops::Range<usize>| NameGroup {
        heading: heading.into(),
        names: range.map(|i| Rc::from(format!("c{i}"))).collect(),
    };
    let html = render::<ConfirmDialog>(ConfirmDialogProps {
        title: "Release 1,200 collections?".into(),
        summary: "1,200 loaded or loading will be released; 4 already released are skipped".into(),
        groups: vec![
            group("Released (1,200)", 0..1_200),
            group("Skipped (4)", 1_200..1_204),
        ],
        items: vec!["Searches on released collections fail until they are loaded again.".into()],
        confirm_label: "Release".into(),
        require_typed: Some(vec!["1200".into(), "release".into()]),
        on_confirm: Callback::noop(),
        on_cancel: Callback::noop(),
        primary: false,
        blocked: false,
        children: Html::default(),
    });
    assert!(html.contains(r#"role="dialog""#), "{html}");
    assert!(html.contains("Release 1,200 collections?"));
    assert!(html.contains(
        r#"<p id="mlc-dialog-summary" class="mlc-dialog-summary">1,200 loaded or loading will be released; 4 already released are skipped</p>"#
    ));
    assert!(html.contains(r#"aria-describedby="mlc-dialog-summary""#));
    // The names, one item each, in a region that scrolls (and can be scrolled by keyboard).
    assert!(
        html.contains(r#"<div tabindex="0" role="group" aria-label="Names and details" class="mlc-dialog-body">"#),
        "{html}"
    );
    assert!(html.contains("<li>c0</li>") && html.contains("<li>c999</li>"));
    assert!(
        !html.contains("<li>c1000</li>"),
        "the rest of a group is counted"
    );
    assert!(html.contains("…and 200 more"));
    assert!(html.contains("<li>c1203</li>"));
    // Title, summary and typing come before the names; the buttons after them.
    let at = |needle: &str| html.find(needle).unwrap_or(usize::MAX);
    assert!(at("mlc-dialog-title") < at("mlc-dialog-body"));
    assert!(at("mlc-dialog-body") < at("mlc-dialog-actions"));
    // Nothing typed yet: the confirm button (the one labelled "Release") is disabled.
    let label = html.find(">Release</button>").expect("a confirm button");
    let button = &html[html[..label].rfind("<button").expect("its tag")..label];
    assert!(button.contains("disabled"), "{button}");
    assert!(button.contains("mlc-danger"), "{button}");
}

/// A load adds to memory and can be released again: its confirm button is a primary one.
#[test]
fn the_confirm_button_of_a_load_is_primary_not_destructive() {
    let html = render::<ConfirmDialog>(ConfirmDialogProps {
        title: "Load collection?".into(),
        summary: "books will be loaded".into(),
        groups: Vec::new(),
        items: Vec::new(),
        confirm_label: "Load".into(),
        require_typed: None,
        on_confirm: Callback::noop(),
        on_cancel: Callback::noop(),
        primary: true,
        blocked: false,
        children: Html::default(),
    });
    let label = html.find(">Load</button>").expect("a confirm button");
    let button = &html[html[..label].rfind("<button").expect("its tag")..label];
    assert!(button.contains(r#"class="mlc-primary""#), "{button}");
    assert!(!html.contains("mlc-danger"), "{html}");
}

#[test]
fn counts_are_grouped_and_the_partitions_summary_sits_on_the_table() {
    let mut counted = rows(1);
    counted[0].partitions = Some(1_200);
    let html = table(counted, false);
    assert!(
        html.contains(r#"<td class="mlc-count">1,200</td>"#),
        "{html}"
    );

    let mut view = PartitionsView::new("c".into());
    view.set_names(vec!["big".into(), "small".into()]);
    view.set_state("big", 1, Ok(LoadState::Loaded));
    view.set_state("small", 1, Ok(LoadState::NotLoad));
    view.set_rows("big", 2_400_000);
    let html = render::<PartitionsPanel>(PartitionsPanelProps {
        view,
        read_only: false,
        busy: false,
        outcome: None,
        on_close: Callback::noop(),
        on_toggle: Callback::noop(),
        on_select_all: Callback::noop(),
        on_operate: Callback::noop(),
        size: None,
    });
    assert!(
        html.contains(r#"<td class="mlc-rows">2,400,000</td>"#),
        "{html}"
    );
    let summary = html
        .find(">1 of 2 partitions loaded or loading<")
        .expect("the summary line");
    let table = html.find(r#"<table class="mlc-table""#).expect("the table");
    assert!(summary < table);
    assert!(
        !html[summary..table].contains("<button"),
        "nothing between the summary and its table: {html}"
    );
}

#[test]
fn outcomes_report_each_action_and_its_reason() {
    let outcome =
        |id, database: &str, collection: &str, partitions: &[&str], operation, progress| Outcome {
            id,
            target: Target {
                connection: 1,
                database: database.into(),
                collection: collection.into(),
                partitions: partitions.iter().map(|p| Rc::from(*p)).collect(),
                operation,
            },
            progress,
            rechecked: false,
            at: 0.0,
        };
    let html = render::<Outcomes>(OutcomesProps {
        outcomes: Rc::new(vec![
            outcome(
                1,
                "default",
                "books",
                &[],
                Operation::Release,
                Progress::Done,
            ),
            outcome(
                2,
                "analytics",
                "films",
                &["p1", "p2"],
                Operation::Load,
                Progress::Failed(http_error("bad gateway")),
            ),
            outcome(
                3,
                "default",
                "wiki",
                &[],
                Operation::Load,
                Progress::Working,
            ),
        ]),
        database: "default".into(),
        paced: None,
        dropped: 0,
        on_dismiss: Callback::noop(),
        on_export: Callback::from(|_| None),
    });
    assert!(html.contains("Release books: done"), "{html}");
    assert!(
        html.contains("Load partitions p1, p2 of films (database analytics): failed"),
        "{html}"
    );
    assert!(html.contains("HTTP 502"), "{html}");
    assert!(html.contains("1 done, 1 failed, 1 in progress"), "{html}");
    assert!(html.contains("Load wiki: working…"), "{html}");
}

/// The 4,096-partition view renders a window of rows, not all of them.
#[test]
fn four_thousand_partitions_render_a_window_of_rows() {
    let mut view = PartitionsView::new("c".into());
    view.set_names((0..4_096).map(|i| format!("p{i:04}")).collect());
    view.set_state("p4095", 1, Ok(LoadState::Loaded));
    let html = render::<PartitionsPanel>(PartitionsPanelProps {
        view,
        read_only: false,
        busy: false,
        outcome: None,
        on_close: Callback::noop(),
        on_toggle: Callback::noop(),
        on_select_all: Callback::noop(),
        on_operate: Callback::noop(),
        size: None,
    });
    let rendered = html.matches(r#"class="mlc-row""#).count();
    assert!((1..=40).contains(&rendered), "{rendered} rows rendered");
    assert!(html.contains("p0000"));
}

/// A partition offers what its state allows, both operations when its state is not known, and
/// nothing to a read-only console.
#[test]
fn a_partition_offers_what_its_state_allows() {
    let mut view = PartitionsView::new("c".into());
    view.set_names(vec!["loaded".into(), "odd".into(), "off".into()]);
    view.set_state("loaded", 1, Ok(LoadState::Loaded));
    view.set_state("odd", 1, Ok(LoadState::Unknown("LoadStateOdd".into())));
    view.set_state("off", 1, Ok(LoadState::NotLoad));
    let panel = |read_only: bool| {
        render::<PartitionsPanel>(PartitionsPanelProps {
            view: view.clone(),
            read_only,
            busy: false,
            outcome: None,
            on_close: Callback::noop(),
            on_toggle: Callback::noop(),
            on_select_all: Callback::noop(),
            on_operate: Callback::noop(),
            size: None,
        })
    };
    let html = panel(false);
    for label in [
        "Release partition loaded",
        "Release partition odd",
        "Load partition odd",
        "Load partition off",
    ] {
        assert!(
            html.contains(&format!(r#"aria-label="{label}""#)),
            "{label}: {html}"
        );
    }
    assert!(!html.contains("Load partition loaded"), "{html}");
    assert!(!html.contains("Release partition off"), "{html}");
    assert!(!panel(true).contains(" partition "), "read-only");
}

/// Thousands of results are summarised, and only the latest listed.
#[test]
fn thousands_of_outcomes_are_summarised_and_windowed() {
    let outcomes = (1..=3_000)
        .map(|id| Outcome {
            id,
            target: Target {
                connection: 1,
                database: "default".into(),
                collection: format!("c{id}").into(),
                partitions: Vec::new(),
                operation: Operation::Load,
            },
            progress: Progress::Done,
            rechecked: false,
            at: 0.0,
        })
        .collect();
    let html = render::<Outcomes>(OutcomesProps {
        outcomes: Rc::new(outcomes),
        database: "default".into(),
        paced: None,
        dropped: 7,
        on_dismiss: Callback::noop(),
        on_export: Callback::from(|_| None),
    });
    assert!(html.contains("3000 done, 0 failed"), "{html}");
    assert!(
        html.matches("<li").count() <= 102,
        "100, the earlier and the dropped"
    );
    assert!(html.contains("2900 earlier results"));
    assert!(html.contains("Load c3000: done"));
    assert!(html.contains("7 older results dropped"), "{html}");
    // Each line says when; SSR has no time zone.
    assert!(
        html.contains(r#"<time datetime="1970-01-01T00:00:00.000Z">00:00</time>"#),
        "{html}"
    );
    assert!(html.contains(">Export CSV<") && html.contains(">Export JSON<"));
}

#[test]
fn results_say_how_fast_writes_are_paced() {
    let done = Outcome {
        id: 1,
        target: Target {
            connection: 1,
            database: "default".into(),
            collection: "books".into(),
            partitions: Vec::new(),
            operation: Operation::Release,
        },
        progress: Progress::Working,
        rechecked: false,
        at: 0.0,
    };
    let props = |paced| OutcomesProps {
        outcomes: Rc::new(vec![done.clone()]),
        database: "default".into(),
        paced,
        dropped: 0,
        on_dismiss: Callback::noop(),
        on_export: Callback::from(|_| None),
    };
    assert!(render::<Outcomes>(props(Some(2.5))).contains("paced: 2.5 per second"));
    assert!(render::<Outcomes>(props(Some(5.0))).contains("paced: 5 per second"));
    assert!(!render::<Outcomes>(props(None)).contains("paced"));
}
