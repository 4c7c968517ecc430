//! A connected session (databases `default` and `analytics`) with the action reports the host
//! would receive, and the reads and targets its tests repeat.

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use milvus_load_console::api::{LoadExtent, TransportError};
use milvus_load_console::host::ActionReport;
use milvus_load_console::state::{Action, Operation, Progress, Reply, RowState, Target};

use super::{coll, SessionHarness};

pub struct Harness {
    inner: SessionHarness,
    pub reports: Rc<RefCell<Vec<ActionReport>>>,
}

impl Deref for Harness {
    type Target = SessionHarness;

    fn deref(&self) -> &SessionHarness {
        &self.inner
    }
}

/// A session reading `concurrency` at once; nothing shown yet.
pub fn harness(concurrency: usize) -> Harness {
    let reports = Rc::new(RefCell::new(Vec::new()));
    let sink = reports.clone();
    let inner = SessionHarness::connect(concurrency, &["default", "analytics"], |store| {
        store.set_reporter(Some(Rc::new(move |r: &ActionReport| {
            sink.borrow_mut().push(r.clone())
        })));
    });
    Harness { inner, reports }
}

impl Harness {
    /// Answers every held state read of `name`.
    pub fn state_is(&self, name: &str, body: &str) {
        let needle = coll(name);
        while self.waiting("get_load_state", &needle) > 0 {
            self.answer("get_load_state", &needle, body);
        }
    }

    /// Every held read of `name` fails as an unreachable server does.
    pub fn reads_fail(&self, name: &str) {
        let needle = coll(name);
        while self.waiting("get_load_state", &needle) > 0 {
            self.answer_with(
                "get_load_state",
                &needle,
                Err(TransportError::Network("Failed to fetch".into())),
            );
        }
    }

    pub fn row(&self, name: &str) -> Option<RowState> {
        self.state().row(name).map(|r| r.state.clone())
    }

    pub fn target(
        &self,
        database: &str,
        collection: &str,
        partitions: &[&str],
        operation: Operation,
    ) -> Target {
        Target {
            connection: self.session.connection(),
            database: database.into(),
            collection: collection.into(),
            partitions: partitions.iter().map(|p| Rc::from(*p)).collect(),
            operation,
        }
    }

    pub fn progress(&self) -> Vec<Progress> {
        self.state()
            .outcomes
            .iter()
            .map(|o| o.progress.clone())
            .collect()
    }

    /// Every outcome as the results list says it.
    pub fn texts(&self) -> Vec<String> {
        self.state()
            .outcomes
            .iter()
            .map(|o| o.text("default"))
            .collect()
    }

    /// The last outcome as the results list says it.
    pub fn text(&self) -> String {
        self.texts().pop().unwrap_or_default()
    }

    /// Sweeps again: the list is answered with `names`, the states stay held.
    pub fn resweep(&self, names: &[&str]) {
        self.session.refresh();
        self.rt.settle();
        let list = serde_json::to_string(&names).expect("names serialise");
        self.answer(
            "collections/list",
            "",
            &format!(r#"{{"code":0,"data":{list}}}"#),
        );
    }

    /// Marks `name` partly loaded, as an extent read finds it.
    pub fn mark_partly_loaded(&self, name: &str) {
        self.store.intent(Action::Reply {
            generation: self.state().generation,
            reply: Reply::Extent {
                collection: name.into(),
                sent: u64::MAX,
                extent: LoadExtent::Partial { failure: None },
            },
        });
    }

    /// Loads sent so far, of collections and of partitions.
    pub fn writes_sent(&self) -> usize {
        ["collections/load", "partitions/load"]
            .iter()
            .map(|p| self.sent(p, ""))
            .sum()
    }
}
