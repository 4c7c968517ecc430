//! When the state is drawn: a lone reply at once, many in batches of `BATCH_MS`, the last
//! batch when the sweep ends, the list and what an operation changed at once.

use std::cell::Cell;
use std::rc::Rc;

use milvus_load_console::api::LoadState;
use milvus_load_console::state::{Action, Confirmation, Operation, RowState};

use crate::support::bodies::{LOADED, NOT_LOAD, OK};
use crate::support::coll;
use crate::support::reported::{harness, Harness};

/// A lone reply is drawn at once; replies arriving in numbers are drawn once per batch period,
/// and the last batch is drawn as soon as the sweep ends, not a batch period later.
#[test]
fn replies_render_at_once_alone_and_in_batches_when_many() {
    let h = harness(64);
    // What the screen shows: the loaded rows as of the last render.
    let drawn = Rc::new(Cell::new(0));
    let (shown, store) = (drawn.clone(), h.store.clone());
    h.store.set_listener(Some(Rc::new(move || {
        shown.set(store.state().counts().loaded)
    })));
    let names: Vec<String> = (0..500).map(|i| format!("c{i:03}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    h.show(&refs);
    h.rt.advance(1_000);
    let before = h.store.renders();
    h.state_is("c000", LOADED);
    assert_eq!(
        h.store.renders(),
        before + 1,
        "a lone reply is drawn at once"
    );
    assert_eq!(drawn.get(), 1);
    // 498 replies over a second: a render per batch period.
    for name in &names[1..499] {
        h.state_is(name, LOADED);
        h.rt.advance(2);
    }
    let burst = h.store.renders() - before;
    assert!(burst <= 6, "{burst} renders for 499 replies in a second");
    // The last reply ends the sweep: drawn without waiting for the batch timer.
    h.state_is(&names[499], LOADED);
    assert_eq!(drawn.get(), 500, "the last batch is on screen");
    assert_eq!(h.state().counts().pending, 0);
}

/// A state reply changes its row in place: a copy of the list of rows per reply costs 10% of
/// a sweep's main thread with 10,000 rows.
#[test]
fn a_state_reply_changes_its_row_without_copying_the_list() {
    let h = harness(6);
    h.show(&["a", "b", "c"]);
    let list = |h: &Harness| h.state().rows().as_ptr() as usize;
    let before = list(&h);
    h.state_is("b", LOADED);
    assert_eq!(h.row("b"), Some(RowState::Known(LoadState::Loaded)));
    assert_eq!(list(&h), before, "the list of rows was copied");
}

/// The listed rows are drawn at once, even when another reply was drawn just before (the
/// databases, a state), not when the batch timer fires.
#[test]
fn the_list_is_drawn_at_once_after_another_reply() {
    let h = harness(6);
    h.session.show();
    h.rt.settle();
    // Another reply has just been drawn: a batch period is open.
    h.store.reply(Action::SetFilter(String::new()));
    let before = h.store.renders();
    h.answer("collections/list", "", r#"{"code":0,"data":["a","b"]}"#);
    assert!(h.store.renders() > before, "the rows wait for a timer");
    assert_eq!(h.state().rows().len(), 2);
}

/// An operation's reply and the re-read that shows its effect are drawn at once, also right
/// after the Confirm click was drawn (the user is waiting for them); a bulk operation's
/// replies are still batched.
#[test]
fn an_operations_replies_are_drawn_at_once_and_a_bulks_in_batches() {
    let h = harness(6);
    let names: Vec<String> = (0..200).map(|i| format!("c{i:03}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    h.show(&refs);
    for name in &names {
        h.state_is(name, LOADED);
    }
    h.rt.advance(1_000);
    let release = |c: &str| h.target("default", c, &[], Operation::Release);
    h.store.intent(Action::Ask(Confirmation {
        targets: vec![release("c000")],
        releases_everything: false,
        ..Default::default()
    }));
    h.confirm();
    h.rt.settle();
    let before = h.store.renders();
    h.answer("collections/release", &coll("c000"), OK);
    assert!(h.store.renders() > before, "the outcome waits for a timer");
    let before = h.store.renders();
    h.state_is("c000", NOT_LOAD);
    assert!(h.store.renders() > before, "the re-read waits for a timer");
    assert_eq!(h.row("c000"), Some(RowState::Known(LoadState::NotLoad)));

    h.rt.advance(1_000);
    h.session
        .operate(names[1..].iter().map(|n| release(n)).collect());
    h.rt.settle();
    let before = h.store.renders();
    while h.waiting("collections/release", "") > 0 || h.waiting("get_load_state", "") > 0 {
        if h.waiting("collections/release", "") > 0 {
            h.answer("collections/release", "", OK);
        }
        if h.waiting("get_load_state", "") > 0 {
            h.answer("get_load_state", "", NOT_LOAD);
        }
    }
    let renders = h.store.renders() - before;
    assert!(renders <= 12, "{renders} renders for 199 releases");
}
