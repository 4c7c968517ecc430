//! The request scheduler: bounded concurrency, priority order, cancellation by scope.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;
use milvus_load_console::api::{ApiError, Priority, Scheduler, Scope};

/// A task that records when it starts and finishes when its gate opens.
fn gated(
    log: &Rc<RefCell<Vec<String>>>,
    name: &str,
) -> (
    impl std::future::Future<Output = Result<(), ApiError>>,
    oneshot::Sender<()>,
) {
    let (open, gate) = oneshot::channel::<()>();
    let (log, name) = (log.clone(), name.to_string());
    let task = async move {
        log.borrow_mut().push(format!("start {name}"));
        let _ = gate.await;
        log.borrow_mut().push(format!("end {name}"));
        Ok(())
    };
    (task, open)
}

/// Queues a gated task on `scheduler`; returns its gate.
fn queue(
    pool: &LocalPool,
    scheduler: &Scheduler,
    scope: &Scope,
    log: &Rc<RefCell<Vec<String>>>,
    (name, priority): (&str, Priority),
) -> oneshot::Sender<()> {
    let (task, gate) = gated(log, name);
    let (scheduler, scope) = (scheduler.clone(), scope.clone());
    pool.spawner()
        .spawn_local(async move {
            let _ = scheduler.run(priority, &scope, task).await;
        })
        .expect("the pool accepts tasks");
    gate
}

/// Opens the gates one at a time, letting the scheduler start what comes next; returns the
/// order in which tasks started.
fn open_all(
    pool: &mut LocalPool,
    gates: Vec<oneshot::Sender<()>>,
    log: &Rc<RefCell<Vec<String>>>,
) -> Vec<String> {
    for gate in gates {
        let _ = gate.send(());
        pool.run_until_stalled();
    }
    log.borrow()
        .iter()
        .filter(|l| l.starts_with("start"))
        .cloned()
        .collect()
}

#[test]
fn at_most_limit_run_and_the_lowest_priority_value_goes_first() {
    let mut pool = LocalPool::new();
    let scheduler = Scheduler::new(2);
    let scope = Scope::new();
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut gates: Vec<_> = [("a", 5), ("b", 5), ("c", 9), ("d", 0), ("e", 5)]
        .into_iter()
        .map(|(name, value)| queue(&pool, &scheduler, &scope, &log, (name, value.into())))
        .collect();
    pool.run_until_stalled();
    assert_eq!(scheduler.running(), 2);
    assert_eq!(scheduler.queued(), 3);
    assert_eq!(*log.borrow(), ["start a", "start b"]);
    // Free one slot: "d" (priority 0) jumps the queue; then "e" before "c".
    gates.remove(0).send(()).unwrap();
    pool.run_until_stalled();
    assert_eq!(log.borrow()[2..], ["end a", "start d"]);
    assert_eq!(
        open_all(&mut pool, gates, &log),
        ["start a", "start b", "start d", "start e", "start c"]
    );
    assert_eq!(scheduler.running(), 0);
}

#[test]
fn cancelling_a_scope_drops_its_queued_and_running_tasks_only() {
    let mut pool = LocalPool::new();
    let spawner = pool.spawner();
    let scheduler = Scheduler::new(1);
    let (old_view, new_view) = (Scope::new(), Scope::new());
    let log = Rc::new(RefCell::new(Vec::new()));
    let results = Rc::new(RefCell::new(Vec::new()));
    let mut gates = Vec::new();
    for (name, scope) in [
        ("old1", &old_view),
        ("old2", &old_view),
        ("new1", &new_view),
    ] {
        let (task, gate) = gated(&log, name);
        gates.push(gate);
        let (scheduler, scope, results, name) = (
            scheduler.clone(),
            scope.clone(),
            results.clone(),
            name.to_string(),
        );
        spawner
            .spawn_local(async move {
                let outcome = scheduler.run(0, &scope, task).await;
                results
                    .borrow_mut()
                    .push((name, outcome.map_err(|e| e.is_cancelled())));
            })
            .unwrap();
    }
    pool.run_until_stalled();
    assert_eq!(old_view.pending(), 2);
    old_view.cancel();
    pool.run_until_stalled();
    // The running task was aborted mid-way and the slot went to the other scope.
    assert_eq!(*log.borrow(), ["start old1", "start new1"]);
    assert_eq!(
        results.borrow()[..2],
        [
            ("old1".to_string(), Err(true)),
            ("old2".to_string(), Err(true))
        ]
    );
    let _ = gates.pop().unwrap().send(());
    pool.run_until_stalled();
    assert_eq!(results.borrow()[2], ("new1".to_string(), Ok(())));
    assert_eq!(scheduler.running(), 0);
    assert_eq!(old_view.pending(), 0);
    // A cancelled scope refuses new work at once.
    let refused = pool.run_until(scheduler.run(0, &old_view, async { Ok(()) }));
    assert!(refused.unwrap_err().is_cancelled());
}

#[test]
fn raising_the_limit_starts_waiting_tasks() {
    let mut pool = LocalPool::new();
    let spawner = pool.spawner();
    let scheduler = Scheduler::new(1);
    let scope = Scope::new();
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut gates = Vec::new();
    for name in ["a", "b", "c"] {
        let (task, gate) = gated(&log, name);
        gates.push(gate);
        let (scheduler, scope) = (scheduler.clone(), scope.clone());
        spawner
            .spawn_local(async move {
                let _ = scheduler.run(0, &scope, task).await;
            })
            .unwrap();
    }
    pool.run_until_stalled();
    assert_eq!(scheduler.running(), 1);
    scheduler.set_limit(3);
    pool.run_until_stalled();
    assert_eq!(scheduler.running(), 3);
}

#[test]
fn a_waiting_task_moved_forward_starts_next() {
    let mut pool = LocalPool::new();
    let scheduler = Scheduler::new(1);
    let scope = Scope::new();
    let log = Rc::new(RefCell::new(Vec::new()));
    let priorities: Vec<(&str, Priority)> =
        [("running", 0), ("near", 10), ("far", 20), ("farther", 30)]
            .into_iter()
            .map(|(name, value)| (name, Priority::new(value)))
            .collect();
    let gates: Vec<_> = priorities
        .iter()
        .map(|(name, priority)| queue(&pool, &scheduler, &scope, &log, (name, priority.clone())))
        .collect();
    pool.run_until_stalled();
    // The user scrolls to "farther": it goes before the others still waiting.
    priorities[3].1.set(0);
    scheduler.reorder();
    assert_eq!(
        open_all(&mut pool, gates, &log),
        ["start running", "start farther", "start near", "start far"]
    );
}
