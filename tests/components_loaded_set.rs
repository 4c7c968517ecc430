//! The save and restore controls and the restore's plan rendered to HTML strings (Yew's
//! server renderer, natively): where a save or restore stands, the plan's items as escaped
//! text, releases offered unticked.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use futures::executor::block_on;
use yew::{BaseComponent, Callback, LocalServerRenderer};

fn render<C: BaseComponent>(props: C::Properties) -> String {
    block_on(
        LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

const HOSTILE: &str = r#"<img src=x onerror="window.pwned=1">"#;

#[test]
fn the_restore_plan_lists_its_items_as_text_and_offers_releases_unticked() {
    use milvus_load_console::components::plan_dialog::{PlanDialog, PlanDialogProps};
    use milvus_load_console::state::restore::{Plan, PlanItem, Planned, Step};
    let item = |collection: &str, step| PlanItem {
        database: "default".into(),
        collection: collection.into(),
        partitions: Vec::new(),
        step,
    };
    let html = render::<PlanDialog>(PlanDialogProps {
        planned: Rc::new(Planned {
            plan: Plan {
                items: vec![item("books", Step::Load), item(HOSTILE, Step::Release)],
            },
            source: "Saved from other:19530 at t: another endpoint than this one.".into(),
            replicas: vec!["Replicas: 2 replicas".into()],
            ticked: Default::default(),
            connection: 1,
        }),
        on_toggle: Callback::noop(),
        on_tick_all: Callback::noop(),
        on_run: Callback::noop(),
        on_cancel: Callback::noop(),
    });
    assert!(!html.contains("<img"), "{html}");
    for text in [
        "1 to load · 0 already loaded · 0 gone · 1 loaded but not in the file (0 ticked to release)",
        "another endpoint than this one",
        "Replicas: 2 replicas",
        "default / books",
        "Release default / &lt;img",
        "Tick all 1",
        "Load 1, release 0",
    ] {
        assert!(html.contains(text), "{text}: {html}");
    }
    assert!(
        html.contains(r#"type="checkbox""#) && !html.contains("checked"),
        "{html}"
    );
}

#[test]
fn the_loaded_set_controls_say_where_a_save_or_restore_stands() {
    use milvus_load_console::components::loaded_set_controls::{
        loaded_set_controls, LoadedSetControlsProps,
    };
    use milvus_load_console::state::restore::{ReadStep, Restore, RestoreError, Stage};
    #[derive(yew::Properties, PartialEq)]
    struct Props {
        restore: Restore,
        controls: LoadedSetControlsProps,
    }
    /// The controls are a function; this component renders them alone.
    #[yew::component]
    fn LoadedSetControls(props: &Props) -> yew::Html {
        loaded_set_controls(&props.restore, &props.controls)
    }
    let controls = |stage, read_only| {
        render::<LoadedSetControls>(Props {
            restore: Restore {
                ticket: 1,
                stage,
                ..Restore::default()
            },
            controls: LoadedSetControlsProps {
                read_only,
                on_save: Callback::noop(),
                on_file: Callback::noop(),
                on_cancel: Callback::noop(),
            },
        })
    };
    let reading = controls(Stage::Reading(ReadStep::File(HOSTILE.into())), false);
    assert!(reading.contains("Restore: reading &lt;img") && reading.contains("Cancel restore"));
    assert!(
        reading.contains("disabled"),
        "busy while reading: {reading}"
    );
    let saving = controls(Stage::Reading(ReadStep::Save), true);
    assert!(saving.contains("Reading what is loaded…") && !saving.contains("Cancel restore"));
    assert!(
        !saving.contains("Restore loaded set…"),
        "no restore in read-only mode"
    );
    let closed = controls(Stage::Failed(RestoreError::PlanClosed), false);
    assert!(closed.contains(r#"role="alert""#) && closed.contains("so the plan was closed"));
}
