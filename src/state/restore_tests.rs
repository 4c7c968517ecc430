//! The restore's closing rule: what closes a plan or stops a read, and that a closed or
//! replaced read's late results change nothing.
use super::restore::*;
use super::*;

fn item(collection: &str, step: Step) -> PlanItem {
    PlanItem {
        database: "default".into(),
        collection: collection.into(),
        partitions: Vec::new(),
        step,
    }
}

fn planned(connection: u64) -> Rc<Planned> {
    Rc::new(Planned {
        plan: Plan {
            items: vec![item("books", Step::Load), item("films", Step::Release)],
        },
        source: "Saved from milvus:19530 at t.".into(),
        replicas: Vec::new(),
        ticked: Ticked::default(),
        connection,
    })
}

fn restore(s: &mut ConsoleState, action: RestoreAction) {
    s.apply(Action::Restore(action));
}

/// A console on connection 1 whose restore read `ticket` and shows its plan.
fn showing_plan(ticket: u64) -> ConsoleState {
    let mut s = ConsoleState::new("default");
    s.apply(Action::Connect {
        connection: 1,
        database: "default".into(),
    });
    let step = ReadStep::File("set.json".into());
    restore(&mut s, RestoreAction::Progress { ticket, step });
    let planned = planned(1);
    restore(&mut s, RestoreAction::Planned { ticket, planned });
    assert!(s.restore.planned().is_some());
    s
}

/// Each change of what is on screen, as the reducer gets it.
fn changes() -> [(&'static str, Action); 3] {
    [
        (
            "connection",
            Action::Connect {
                connection: 2,
                database: "default".into(),
            },
        ),
        ("database", Action::SelectDatabase("analytics".into())),
        ("read-only mode", Action::SetReadOnly(true)),
    ]
}

#[test]
fn a_plan_closes_on_a_change_of_connection_database_or_read_only_mode() {
    for (what, change) in changes() {
        let mut s = showing_plan(7);
        s.apply(change);
        assert_eq!(
            s.restore.stage,
            Stage::Failed(RestoreError::PlanClosed),
            "a {what} change"
        );
        assert!(s.restore.status().is_some_and(|status| status.alert));
    }
}

#[test]
fn a_read_stops_on_a_change_and_its_late_results_change_nothing() {
    for (what, change) in changes() {
        let mut s = ConsoleState::new("default");
        let step = ReadStep::Loaded;
        restore(&mut s, RestoreAction::Progress { ticket: 3, step });
        assert_eq!(s.restore.reading(), Some(3));
        s.apply(change);
        assert_eq!(s.restore.stage, Stage::Failed(RestoreError::ReadStopped));
        assert_eq!(s.restore.reading(), None, "a {what} change");
        let closed = s.clone();
        for late in [
            RestoreAction::Progress {
                ticket: 3,
                step: ReadStep::Replicas,
            },
            RestoreAction::Planned {
                ticket: 3,
                planned: planned(1),
            },
            RestoreAction::Failed {
                ticket: 3,
                error: RestoreError::Unreadable("set.json".into()),
            },
        ] {
            restore(&mut s, late);
            assert_eq!(s, closed, "a late result after a {what} change");
        }
    }
}

#[test]
fn a_replaced_or_cancelled_read_shows_nothing_more() {
    let mut s = ConsoleState::new("default");
    let file = |name: &str| ReadStep::File(name.into());
    restore(
        &mut s,
        RestoreAction::Progress {
            ticket: 1,
            step: file("first.json"),
        },
    );
    // A newer file replaces the read under way.
    restore(
        &mut s,
        RestoreAction::Progress {
            ticket: 2,
            step: file("second.json"),
        },
    );
    let replaced = s.clone();
    restore(
        &mut s,
        RestoreAction::Progress {
            ticket: 1,
            step: ReadStep::Loaded,
        },
    );
    restore(
        &mut s,
        RestoreAction::Planned {
            ticket: 1,
            planned: planned(0),
        },
    );
    assert_eq!(s, replaced);
    restore(&mut s, RestoreAction::Close);
    assert_eq!(s.restore.stage, Stage::Cancelled);
    let cancelled = s.clone();
    restore(
        &mut s,
        RestoreAction::Planned {
            ticket: 2,
            planned: planned(0),
        },
    );
    assert_eq!(s, cancelled);
}

#[test]
fn a_save_stops_with_its_connection_only_and_a_restore_starts_not_in_read_only_mode() {
    let mut s = ConsoleState::new("default");
    restore(
        &mut s,
        RestoreAction::Progress {
            ticket: 1,
            step: ReadStep::Save,
        },
    );
    s.apply(Action::SelectDatabase("analytics".into()));
    s.apply(Action::SetReadOnly(true));
    assert_eq!(
        s.restore.reading(),
        Some(1),
        "a save only reads, every database"
    );
    restore(&mut s, RestoreAction::Close);
    assert_eq!(s.restore.reading(), Some(1), "a save has no Cancel");
    let step = ReadStep::File("set.json".into());
    restore(&mut s, RestoreAction::Progress { ticket: 2, step });
    assert_eq!(s.restore.ticket, 1, "no restore in read-only mode");
    s.apply(Action::Connect {
        connection: 1,
        database: "default".into(),
    });
    assert_eq!(s.restore.stage, Stage::Failed(RestoreError::SaveStopped));
}

#[test]
fn only_releases_are_ticked_and_tick_all_ticks_every_one() {
    let mut s = showing_plan(1);
    let ticked = |s: &ConsoleState| s.restore.planned().map(|p| p.ticked.len());
    restore(&mut s, RestoreAction::Tick(0));
    restore(&mut s, RestoreAction::Tick(5));
    assert_eq!(ticked(&s), Some(0), "only an item offered for release");
    restore(&mut s, RestoreAction::Tick(1));
    assert_eq!(ticked(&s), Some(1));
    restore(&mut s, RestoreAction::TickAll(false));
    assert_eq!(ticked(&s), Some(0));
    restore(&mut s, RestoreAction::TickAll(true));
    assert_eq!(ticked(&s), Some(1));
    restore(&mut s, RestoreAction::Close);
    assert_eq!(s.restore.stage, Stage::Idle);
}

#[test]
fn a_read_counts_the_collections_read_and_a_new_read_starts_from_nothing() {
    let mut s = ConsoleState::default();
    let text = |s: &ConsoleState| s.restore.status().map(|status| status.text);
    restore(
        &mut s,
        RestoreAction::Progress {
            ticket: 1,
            step: ReadStep::Loaded,
        },
    );
    assert_eq!(
        text(&s).as_deref(),
        Some("Restore: reading what is loaded now…")
    );
    restore(
        &mut s,
        RestoreAction::Counted {
            ticket: 1,
            read: 340,
            of: 1_000,
        },
    );
    assert_eq!(
        text(&s).as_deref(),
        Some("Restore: reading what is loaded now… read 340 of 1,000 collections")
    );
    // An older read's count changes nothing.
    restore(
        &mut s,
        RestoreAction::Counted {
            ticket: 0,
            read: 1,
            of: 2,
        },
    );
    assert!(text(&s).is_some_and(|t| t.ends_with("read 340 of 1,000 collections")));
    restore(
        &mut s,
        RestoreAction::Progress {
            ticket: 2,
            step: ReadStep::Save,
        },
    );
    assert_eq!(text(&s).as_deref(), Some("Reading what is loaded…"));
}
