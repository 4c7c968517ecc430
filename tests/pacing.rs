//! Releases and loads paced by the server's rate limiter (code 1807): a refused write is sent
//! again later, the pace halves on a refusal and climbs back after successes, reads keep
//! flowing while writes wait, and the state says how fast writes go.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use milvus_load_console::state::{Action, ConsoleState, Operation, Progress, Target};
use support::{coll, SessionHarness};

const LOADED: &str =
    r#"{"code":0,"data":{"loadState":"LoadStateLoaded","loadProgress":100},"message":""}"#;
const NOT_LOAD: &str = r#"{"code":0,"data":{"loadState":"LoadStateNotLoad"}}"#;
const OK: &str = r#"{"code":0,"data":{}}"#;
const LIMITED: &str = r#"{"code":1807,"message":"request is rejected by limiter, error: rate limit exceeded[rate=5]"}"#;

type Harness = SessionHarness;

/// A session showing `count` loaded collections `c00`, `c01`, ….
fn harness(count: usize) -> (Harness, Vec<String>) {
    let h = SessionHarness::connect(6, &["default"], |_| {});
    let names: Vec<String> = (0..count).map(|i| format!("c{i:02}")).collect();
    h.show(&names.iter().map(String::as_str).collect::<Vec<_>>());
    h.answer_all("get_load_state", LOADED);
    h.rt.advance(1_000);
    (h, names)
}

impl SessionHarness {
    fn releases(&self, names: &[String]) -> Vec<Target> {
        names
            .iter()
            .map(|c| Target {
                connection: self.session.connection(),
                database: "default".into(),
                collection: c.as_str().into(),
                partitions: Vec::new(),
                operation: Operation::Release,
            })
            .collect()
    }

    fn paced(&self) -> Option<f64> {
        self.store.flush();
        self.store.state().paced
    }

    /// The name of the oldest release on the wire.
    fn release_waiting(&self) -> Option<String> {
        let request = self
            .http
            .waiting()
            .into_iter()
            .find(|r| r.url.ends_with("collections/release"))?;
        let body: serde_json::Value = serde_json::from_str(&request.body).unwrap();
        Some(body["collectionName"].as_str().unwrap().to_string())
    }
}

#[test]
fn a_bulk_refused_by_the_limiter_is_paced_and_every_release_ends_done() {
    let (h, names) = harness(30);
    h.session.operate(h.releases(&names));
    h.rt.settle();
    // Unpaced at first: the server admits five in a burst.
    for name in &names[..5] {
        h.answer("collections/release", &coll(name), OK);
    }
    assert_eq!(h.paced(), None, "no pace before the server pushes back");
    h.answer("collections/release", &coll("c05"), LIMITED);
    h.answer("collections/release", &coll("c06"), LIMITED);
    assert_eq!(
        h.paced(),
        Some(2.5),
        "halved from the five per second admitted"
    );
    assert_eq!(
        h.waiting("collections/release", ""),
        0,
        "refused writes wait for the pace instead of being sent again at once"
    );

    // Until every write ends: answer each release as it is sent, and note when.
    let mut sends: Vec<(u64, String)> = Vec::new();
    let mut lowest = f64::MAX;
    let mut highest: f64 = 0.0;
    while h
        .store
        .state()
        .outcomes
        .iter()
        .any(|o| !o.progress.is_final())
    {
        assert!(h.rt.elapsed() < 120_000, "the bulk never ended");
        h.rt.advance(10);
        h.answer_all("get_load_state", NOT_LOAD);
        if let Some(name) = h.release_waiting() {
            sends.push((h.rt.elapsed(), name.clone()));
            h.answer("collections/release", &coll(&name), OK);
        }
        if let Some(pace) = h.paced() {
            lowest = lowest.min(pace);
            highest = highest.max(pace);
        }
    }
    let progress: Vec<Progress> = h
        .store
        .state()
        .outcomes
        .iter()
        .map(|o| o.progress.clone())
        .collect();
    assert_eq!(progress.len(), 30);
    assert!(
        progress.iter().all(|p| *p == Progress::Done),
        "{progress:?}"
    );
    assert_eq!(h.sent("collections/release", &coll("c05")), 2);
    assert_eq!(h.sent("collections/release", &coll("c06")), 2);
    let per_name: BTreeMap<&str, usize> = sends.iter().fold(BTreeMap::new(), |mut m, (_, n)| {
        *m.entry(n.as_str()).or_default() += 1;
        m
    });
    assert!(per_name.values().all(|&n| n == 1), "{per_name:?}");
    // The refused ones go first, once the limiter's second has passed, then at 2.5 per second.
    assert_eq!(sends[0].1, "c05");
    assert_eq!(sends[1].1, "c06");
    let gaps: Vec<u64> = sends.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert_eq!(gaps[0], 400, "{gaps:?}");
    // The pace climbs back, never beyond nine tenths of the five per second admitted.
    assert!(gaps.iter().all(|&g| g >= 220), "{gaps:?}");
    assert!(gaps.last().is_some_and(|&g| g < 250), "{gaps:?}");
    assert_eq!(lowest, 2.5);
    assert_eq!(highest, 4.5);
    assert_eq!(h.paced(), None, "no pace shown once no write is under way");

    // The next batch learns the pace again: it starts unpaced.
    let mut load = h.releases(&names[..1]);
    load[0].operation = Operation::Load;
    h.session.operate(load);
    h.rt.settle();
    assert_eq!(h.waiting("collections/load", &coll("c00")), 1);
}

#[test]
fn reads_are_sent_while_writes_wait_for_the_pace() {
    let (h, names) = harness(10);
    h.session.operate(h.releases(&names));
    h.rt.settle();
    for name in &names[..5] {
        h.answer("collections/release", &coll(name), OK);
    }
    h.answer_all("get_load_state", NOT_LOAD);
    h.answer("collections/release", &coll("c05"), LIMITED);
    h.answer("collections/release", &coll("c06"), LIMITED);
    assert_eq!(h.waiting("collections/release", ""), 0);
    assert!(h.paced().is_some());

    let lists = h.sent("collections/list", "");
    h.session.refresh();
    h.rt.settle();
    assert_eq!(
        h.sent("collections/list", ""),
        lists + 1,
        "the refresh waits"
    );
    let list = serde_json::to_string(&names).unwrap();
    h.answer(
        "collections/list",
        "",
        &format!(r#"{{"code":0,"data":{list}}}"#),
    );
    assert_eq!(
        h.waiting("get_load_state", ""),
        6,
        "every read the lane allows is on the wire"
    );
    h.answer_all("get_load_state", NOT_LOAD);
    assert_eq!(h.waiting("collections/release", ""), 0, "still paced");
}

#[test]
fn a_write_the_limiter_refuses_for_good_fails_with_the_servers_reason() {
    let (h, names) = harness(1);
    h.session.operate(h.releases(&names));
    h.rt.settle();
    let mut refusals = 0;
    while h
        .store
        .state()
        .outcomes
        .iter()
        .any(|o| !o.progress.is_final())
    {
        assert!(h.rt.elapsed() < 600_000, "refused forever and never ended");
        if h.waiting("collections/release", "") > 0 {
            refusals += 1;
            h.answer("collections/release", "", LIMITED);
        }
        h.rt.advance(100);
    }
    let outcome = h.store.state().outcomes[0].clone();
    let Progress::Failed(error) = &outcome.progress else {
        panic!("{:?}", outcome.progress);
    };
    assert_eq!(error.milvus_code(), Some(1807));
    assert_eq!(error.attempts(), refusals);
    assert!(refusals > 10, "{refusals} refusals");
}

#[test]
fn the_pace_of_a_previous_connection_is_not_shown() {
    let mut state = ConsoleState::new("default");
    let paced = |connection| Action::Paced {
        connection,
        per_second: Some(2.5),
    };
    state.apply(Action::Connect {
        connection: 1,
        database: "default".into(),
    });
    state.apply(paced(1));
    assert_eq!(state.paced, Some(2.5));
    state.apply(Action::Connect {
        connection: 2,
        database: "default".into(),
    });
    assert_eq!(state.paced, None, "forgotten with its connection");
    state.apply(paced(1));
    assert_eq!(
        state.paced, None,
        "a write of the retired connection still going"
    );
}

/// Pacing measures intervals on the monotonic clock: a wall clock set back an hour (a time
/// sync) does not hold paced writes for that hour.
#[test]
fn a_wall_clock_set_back_does_not_stall_paced_writes() {
    let (h, names) = harness(3);
    h.session.operate(h.releases(&names));
    h.rt.settle();
    h.answer("collections/release", &coll("c00"), OK);
    h.answer("collections/release", &coll("c01"), LIMITED);
    h.rt.step_wall_clock(-3_600_000);
    h.rt.advance(5_000);
    assert_eq!(
        h.sent("collections/release", &coll("c01")),
        2,
        "sent again once the pace allows"
    );
}

/// A pace learnt from a refusal that came early (one write admitted: a ceiling of 0.9 a
/// second) is probed upward after a quiet period of admitted writes, instead of holding the
/// whole batch to it.
#[test]
fn a_low_ceiling_learnt_early_is_probed_upward_after_a_quiet_period() {
    let (h, names) = harness(60);
    h.session.operate(h.releases(&names));
    h.rt.settle();
    h.answer("collections/release", &coll("c00"), OK);
    h.answer("collections/release", &coll("c01"), LIMITED);
    let mut highest: f64 = 0.0;
    while h.rt.elapsed() < 60_000 {
        h.rt.advance(10);
        h.answer_all("get_load_state", NOT_LOAD);
        if let Some(name) = h.release_waiting() {
            h.answer("collections/release", &coll(&name), OK);
        }
        if let Some(pace) = h.paced() {
            highest = highest.max(pace);
        }
    }
    assert!(highest > 1.5, "the pace stayed at {highest} per second");
}
