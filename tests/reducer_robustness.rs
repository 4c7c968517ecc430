//! The reducer against what a misbehaving server, or an unlucky order of replies and
//! operation reports, can make of the state.
#![cfg(not(target_arch = "wasm32"))]

use milvus_load_console::api::LoadState;
use milvus_load_console::state::{
    Action, ConsoleState, Operation, Outcome, Progress, Reply, RowState, StateRead, Target,
};

/// A partition listed twice (a proxy or a hostile server can send anything) is one partition:
/// shown once, counted once, and its state read lands on it.
#[test]
fn a_partition_listed_twice_is_one_partition() {
    let mut s = ConsoleState::new("default");
    let reply = |s: &mut ConsoleState, reply| {
        s.apply(Action::Reply {
            generation: s.generation,
            reply,
        })
    };
    reply(
        &mut s,
        Reply::ListLoaded {
            result: Ok(vec!["c".into()]),
            at: 1.0,
        },
    );
    s.apply(Action::OpenCollection("c".into()));
    reply(
        &mut s,
        Reply::PartitionsListed {
            collection: "c".into(),
            result: Ok(vec!["p".into(), "_default".into(), "p".into()]),
        },
    );
    let view = s.open.as_ref().expect("the view is open");
    let names: Vec<&str> = view.partitions.iter().map(|p| &*p.name).collect();
    assert_eq!(names, ["p", "_default"]);
    assert_eq!(s.row("c").and_then(|r| r.partitions), Some(2));
    reply(
        &mut s,
        Reply::PartitionStates {
            collection: "c".into(),
            states: ["p", "_default"]
                .into_iter()
                .map(|name| StateRead {
                    name: name.into(),
                    sent: 1,
                    result: Ok(LoadState::Loaded),
                })
                .collect(),
        },
    );
    let view = s.open.as_ref().expect("the view is open");
    assert!(view
        .partitions
        .iter()
        .all(|p| p.state == RowState::Known(LoadState::Loaded)));
    let coverage = view.coverage().expect("every state is known");
    assert_eq!((coverage.loaded, coverage.total), (2, 2));
}

/// An operation queued behind another on the same collection keeps the row busy when the
/// first one ends: its button stays disabled until it ends too.
#[test]
fn a_row_stays_busy_while_a_queued_operation_runs() {
    let mut s = ConsoleState::new("default");
    s.apply(Action::Reply {
        generation: 0,
        reply: Reply::ListLoaded {
            result: Ok(vec!["a".into()]),
            at: 1.0,
        },
    });
    let start = |s: &mut ConsoleState, id, operation, progress| {
        let target = Target {
            connection: s.connection,
            database: s.database.as_str().into(),
            collection: "a".into(),
            partitions: Vec::new(),
            operation,
        };
        s.apply(Action::OperationStarted(Outcome {
            id,
            target,
            progress,
            rechecked: false,
        }));
    };
    let report = |s: &mut ConsoleState, id, progress, read_at| {
        s.apply(Action::OperationProgress {
            id,
            progress,
            read_at,
        })
    };
    let busy = |s: &ConsoleState| s.row("a").and_then(|r| r.in_flight);
    start(&mut s, 1, Operation::Release, Progress::Working);
    start(&mut s, 2, Operation::Load, Progress::Waiting);
    assert_eq!(busy(&s), Some(Operation::Load));
    // As the session reports it: the next one starts, then the first one's answer.
    report(&mut s, 2, Progress::Working, 0);
    report(&mut s, 1, Progress::Done, 5);
    assert_eq!(busy(&s), Some(Operation::Load));
    report(&mut s, 2, Progress::Done, 6);
    assert_eq!(busy(&s), None);
}
