//! Structured mutations through the reducer and the components: sequences of actions built
//! from mutated server results (states decoded from mutated replies, errors of every kind,
//! hostile and duplicate names, replies of other views, reads and operation reports out of
//! order). After every step the state keeps its promises; the final state renders, through
//! Yew's server renderer, with every name as escaped text and the counts the state holds.
//! The branches of the reducer that matter are counted, so the run cannot pass vacuously.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/reducer_fuzz/mod.rs"]
mod reducer_fuzz;

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

use milvus_load_console::api::LoadState;
use milvus_load_console::state::{
    Action, ConsoleState, Operation, Outcome, Progress, Reply, RowState, StateRead, Target,
};
use reducer_fuzz::{render_and_check, Driver, RawStep};

/// Sequences run; each is up to `STEPS` actions long.
const CASES: u32 = 4_000;
const STEPS: usize = 48;

fn raw_step() -> impl Strategy<Value = RawStep> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        any::<u16>(),
        prop::collection::vec((any::<u8>(), any::<u8>(), any::<u16>()), 0..7),
    )
        .prop_map(|(kind, a, b, c, items)| RawStep {
            kind,
            a,
            b,
            c,
            items,
        })
}

/// Runs the sequences with a fixed seed (`PROPTEST_RNG_SEED` picks another), counting the
/// branches reached; a failing sequence is shrunk and reported with the property it broke.
#[test]
fn mutated_replies_keep_every_promise_of_the_state_and_its_rendering() {
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_f022);
    let config = Config {
        cases: CASES,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    };
    let reached = std::cell::RefCell::new(BTreeMap::<&'static str, u64>::new());
    let mut runner = TestRunner::new(config);
    let result = runner.run(&prop::collection::vec(raw_step(), 1..STEPS), |steps| {
        let mut driver = Driver::new();
        for (i, step) in steps.iter().enumerate() {
            driver
                .step(step)
                .map_err(|e| TestCaseError::fail(format!("step {i} ({step:?}): {e}")))?;
        }
        render_and_check(&driver.state, &mut driver.reached)
            .map_err(|e| TestCaseError::fail(format!("rendering: {e}")))?;
        let mut total = reached.borrow_mut();
        for (branch, n) in driver.reached {
            *total.entry(branch).or_default() += n;
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let reached = reached.into_inner();
    let report: Vec<String> = reached
        .iter()
        .map(|(b, n)| format!("{n:>7}  {b}"))
        .collect();
    println!("branches reached:\n{}", report.join("\n"));
    let missing: Vec<&&str> = reducer_fuzz::BRANCHES
        .iter()
        .filter(|b| reached.get(**b).copied().unwrap_or(0) == 0)
        .collect();
    assert!(missing.is_empty(), "never reached: {missing:?}");
    // Every branch counted is one the list names (no typo hides a branch).
    for branch in reached.keys() {
        assert!(
            reducer_fuzz::BRANCHES.contains(branch),
            "unlisted branch {branch}"
        );
    }
}

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
                    at: 0.0,
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
            at: 0.0,
        }));
    };
    let report = |s: &mut ConsoleState, id, progress, read_at| {
        s.apply(Action::OperationProgress {
            id,
            progress,
            read_at,
            at: 0.0,
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
