//! The state a sequence left, rendered by Yew's server renderer: every name and message is
//! escaped text, and what is shown (counts, states, selections) is what the state holds.

use std::collections::BTreeMap;
use std::rc::Rc;

use futures::executor::block_on;
use milvus_load_console::api::LoadState;
use milvus_load_console::components::bulk_bar::{bulk_bar, BulkBarProps};
use milvus_load_console::components::collections_table::{CollectionsTable, CollectionsTableProps};
use milvus_load_console::components::error_view::{error_view, ErrorViewProps};
use milvus_load_console::components::outcomes::{Outcomes, OutcomesProps, LISTED};
use milvus_load_console::components::partitions_panel::{PartitionsPanel, PartitionsPanelProps};
use milvus_load_console::components::toolbar::{toolbar, ToolbarProps};
use milvus_load_console::state::{ConsoleState, Listing, OutcomeCounts, Remote, Row, RowState};
use yew::{component, BaseComponent, Callback, Html, LocalServerRenderer};

use super::checks::{ensure, Check};

/// Rows a windowed table renders before it is measured (20 visible and 8 below).
const FIRST_WINDOW: usize = 28;

/// The error view is a function; this component renders it alone.
#[component]
fn ErrorView(props: &ErrorViewProps) -> Html {
    error_view(props)
}

/// The toolbar is a function; this component renders it alone.
#[component]
fn Toolbar(props: &ToolbarProps) -> Html {
    toolbar(props)
}

/// The bulk bar is a function; this component renders it alone.
#[component]
fn BulkBar(props: &BulkBarProps) -> Html {
    bulk_bar(props)
}

fn render<C: BaseComponent>(props: C::Properties) -> String {
    block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// Text as Yew writes it between tags.
fn text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text as Yew writes it in a double-quoted attribute.
fn attribute(s: &str) -> String {
    text(s).replace('"', "&quot;")
}

/// No markup came from the data: the components render neither scripts nor images.
fn no_raw_markup(html: &str) -> Check {
    let lower = html.to_ascii_lowercase();
    ensure!(
        !lower.contains("<script")
            && !lower.contains("<img")
            && !lower.contains("<i>")
            && !lower.contains("<b>"),
        "raw markup in {html}"
    );
    Ok(())
}

/// A count as the console shows it (digits grouped).
fn g(n: impl TryInto<u64>) -> String {
    milvus_load_console::number::grouped(n.try_into().unwrap_or(u64::MAX))
}

/// The badge a collection's row shows.
fn badge(row: &Row) -> String {
    match &row.state {
        RowState::Pending => "Checking…".into(),
        RowState::Known(LoadState::Loaded) => match (row.coverage, row.partly_loaded) {
            (Some(c), _) if c.is_partial() => {
                format!(
                    "Partly loaded: {} of {} partitions",
                    g(c.loaded),
                    g(c.total)
                )
            }
            (_, true) => match row.partitions {
                Some(n) => format!("Partly loaded: some of {} partitions", g(n)),
                None => "Partly loaded".into(),
            },
            _ => "Loaded".into(),
        },
        RowState::Known(LoadState::NotLoad) => "Released".into(),
        RowState::Known(LoadState::Loading { progress }) => format!("Loading {progress}%"),
        RowState::Known(LoadState::Missing) => "Missing".into(),
        RowState::Known(LoadState::Unknown(t)) => format!("Unknown: {t}"),
        RowState::Failed(e) => format!("Error: {e}"),
    }
}

/// Renders the views of `s` and checks what they show.
pub fn render_and_check(s: &ConsoleState, reached: &mut BTreeMap<&'static str, u64>) -> Check {
    let mut count = |branch: &'static str| *reached.entry(branch).or_default() += 1;
    let visible = s.shown_rows();
    let counts = s.counts();
    let databases = match &s.databases {
        Remote::Ready(list) => list.clone(),
        _ => vec![s.database.clone()],
    };
    let toolbar = render::<Toolbar>(ToolbarProps {
        databases: databases.clone(),
        database: s.database.clone().into(),
        filter: s.filter.clone().into(),
        state_filter: s.state_filter,
        sort: s.sort,
        refresh_interval: s.refresh_interval,
        counts,
        shown: visible.len(),
        // The clock is the browser's; natively the summary goes without the time.
        refreshed_at: None,
        in_flight: 0,
        memory: s.loaded_memory_text(),
        on_database: Callback::noop(),
        on_filter: Callback::noop(),
        on_state_filter: Callback::noop(),
        on_sort: Callback::noop(),
        on_refresh_interval: Callback::noop(),
        on_refresh: Callback::noop(),
        children: yew::Html::default(),
    });
    no_raw_markup(&toolbar)?;
    let mut summary = format!(
        "{} loaded · {} loading · {} released · {} missing/error",
        g(counts.loaded),
        g(counts.loading),
        g(counts.released),
        g(counts.problem)
    );
    if counts.pending > 0 {
        summary.push_str(&format!(" · {} checking", g(counts.pending)));
    }
    summary.push_str(&format!(" · {} shown", g(visible.len())));
    ensure!(
        toolbar.contains(&summary),
        "summary {summary:?} not in {toolbar}"
    );
    for db in &databases {
        ensure!(toolbar.contains(&text(db)), "database {db:?} not shown");
    }
    ensure!(
        toolbar.contains(&format!("value=\"{}\"", attribute(&s.filter))),
        "filter {:?} not shown",
        s.filter
    );
    if let Some(e) = s.listing.stale() {
        let html = render::<ErrorView>(ErrorViewProps {
            error: e.clone(),
            context: "Refresh failed; showing the last good data".into(),
            on_retry: None,
        });
        no_raw_markup(&html)?;
        count("render: stale rows");
    }
    if !s.outcomes.is_empty() {
        let html = render::<Outcomes>(OutcomesProps {
            outcomes: s.outcomes.clone(),
            database: s.database.clone().into(),
            paced: s.paced,
            dropped: 0,
            on_dismiss: Callback::noop(),
            on_export: Callback::from(|_| None),
        });
        no_raw_markup(&html)?;
        let summary = OutcomeCounts::of(&s.outcomes).summary();
        ensure!(
            html.contains(&summary),
            "outcomes summary {summary:?} not in {html}"
        );
        let earlier = s.outcomes.len().saturating_sub(LISTED);
        for o in s.outcomes.iter().skip(earlier) {
            let line = text(&o.text(&s.database));
            ensure!(html.contains(&line), "outcome {line:?} not in {html}");
        }
        count("render: outcomes listed");
    }
    match &s.listing {
        Listing::Ready { .. } => collections(s, &visible, &mut count)?,
        Listing::Failed(e) => {
            let html = render::<ErrorView>(ErrorViewProps {
                error: e.clone(),
                context: "Listing collections".into(),
                on_retry: Some(Callback::noop()),
            });
            no_raw_markup(&html)?;
        }
        Listing::NotAsked | Listing::Loading => {}
    }
    if s.open.is_some() {
        partitions(s, &mut count)?;
    }
    Ok(())
}

fn collections(
    s: &ConsoleState,
    visible: &Rc<Vec<Rc<Row>>>,
    count: &mut impl FnMut(&'static str),
) -> Check {
    if !s.read_only {
        let html = render::<BulkBar>(BulkBarProps {
            selected: s.selected.len(),
            matching: visible.len(),
            on_select_matching: Callback::noop(),
            on_operate: Callback::noop(),
        });
        let (release, all) = (
            format!("Release selected ({})", g(s.selected.len())),
            format!("Select all matching ({})", g(visible.len())),
        );
        ensure!(
            html.contains(&release) && html.contains(&all),
            "bulk bar {html} does not say {release:?} and {all:?}"
        );
    }
    let html = render::<CollectionsTable>(CollectionsTableProps {
        rows: visible.clone(),
        read_only: s.read_only,
        selected: s.selected.clone(),
        on_toggle: Callback::noop(),
        on_open: Callback::noop(),
        on_operate: Callback::noop(),
        on_visible: Callback::noop(),
        scroll: Default::default(),
        scroll_key: 0,
        on_replicas: (!s.read_only).then(Callback::noop),
    });
    no_raw_markup(&html)?;
    let window = &visible[..visible.len().min(FIRST_WINDOW)];
    ensure!(
        html.matches(r#"class="mlc-row""#).count() == window.len(),
        "{} rows rendered for a window of {}",
        html.matches(r#"class="mlc-row""#).count(),
        window.len()
    );
    ensure!(
        html.contains(&format!("aria-rowcount=\"{}\"", visible.len() + 1)),
        "the table does not say it has {} rows",
        visible.len()
    );
    for row in window {
        let label = format!("aria-label=\"Partitions of {}\"", attribute(&row.name));
        ensure!(
            html.contains(&label) && html.contains(&text(&row.name)),
            "row {:?} not shown as text in {html}",
            row.name
        );
        let badge = text(&badge(row));
        ensure!(
            html.contains(&badge),
            "row {:?} without its badge {badge:?}",
            row.name
        );
        if row.name.contains('<') {
            count("render: hostile name escaped");
        }
    }
    let checked = window
        .iter()
        .filter(|r| s.selected.contains(&r.name))
        .count();
    let ticked = if s.read_only { 0 } else { checked };
    ensure!(
        html.matches("<input checked").count() == ticked,
        "{} boxes ticked, {ticked} rows selected",
        html.matches("<input checked").count()
    );
    Ok(())
}

fn partitions(s: &ConsoleState, count: &mut impl FnMut(&'static str)) -> Check {
    let Some(view) = &s.open else { return Ok(()) };
    let outcome = s.open_outcome().cloned();
    let busy = outcome.as_ref().is_some_and(|o| !o.progress.is_final());
    let html = render::<PartitionsPanel>(PartitionsPanelProps {
        view: view.clone(),
        read_only: s.read_only,
        busy,
        outcome,
        on_close: Callback::noop(),
        on_toggle: Callback::noop(),
        on_select_all: Callback::noop(),
        on_operate: Callback::noop(),
        size: None,
    });
    no_raw_markup(&html)?;
    let title = text(&format!("Partitions of {}", view.collection));
    ensure!(html.contains(&title), "{title:?} not in {html}");
    if !s.read_only && !view.partition_key {
        let release = format!("Release selected ({})", g(view.selected.len()));
        ensure!(html.contains(&release), "{release:?} not in {html}");
    }
    if let Some(c) = view.coverage() {
        let line = format!(
            "{} of {} partitions loaded or loading",
            g(c.loaded),
            g(c.total)
        );
        ensure!(html.contains(&line), "{line:?} not in {html}");
    }
    if view.list == Remote::Ready(()) {
        let window = &view.partitions[..view.partitions.len().min(FIRST_WINDOW)];
        ensure!(
            html.matches(r#"class="mlc-row""#).count() == window.len(),
            "{} partition rows rendered for a window of {}",
            html.matches(r#"class="mlc-row""#).count(),
            window.len()
        );
        for p in window {
            ensure!(
                html.contains(&format!("title=\"{}\"", attribute(&p.name))),
                "partition {:?} not shown in {html}",
                p.name
            );
        }
    }
    count("render: partitions panel");
    Ok(())
}
