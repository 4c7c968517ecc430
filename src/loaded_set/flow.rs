//! Where a save or restore stands, and the steps between: reading a file, reading what is
//! loaded now and the replica settings of the loads, then the plan. A restore's reads run one
//! at a time (`Reading`): a newer file or Cancel stops them and drops what they would show.

use std::rc::Rc;

use yew::UseStateHandle;

use crate::hooks::BrowserSession;

use super::browser::{download, read};
use super::limits::shortened;
use super::{plan, replica_lines, source_text, LoadedSet, Plan, Reading, Ticked};

/// Where a save or restore stands.
#[derive(Clone, PartialEq)]
pub(super) enum Flow {
    Idle,
    /// A save's read.
    Busy(&'static str),
    /// A restore's read, which Cancel stops.
    Reading(String),
    Done(String),
    Failed(String),
    Planned {
        plan: Rc<Plan>,
        source: String,
        /// The replica setting its loads apply.
        replicas: Rc<Vec<String>>,
        ticked: Ticked,
        /// The connection the plan was read on: it runs on that one only.
        read_on: BrowserSession,
    },
}

/// Why a plan shown is not run (its targets belong to the connection it was read on).
pub(super) const PLAN_CLOSED: &str =
    "Restore: the connection or read-only mode changed, so the plan was closed. Nothing was changed.";
/// Why a restore being read stopped.
pub(super) const READ_STOPPED: &str =
    "Restore: the connection or read-only mode changed, so reading was stopped. Nothing was changed.";
/// What Cancel during a restore's read leaves.
pub(super) const READ_CANCELLED: &str = "Restore cancelled. Nothing was changed.";

fn failed(flow: &UseStateHandle<Flow>, why: impl std::fmt::Display) {
    flow.set(Flow::Failed(format!("Restore: {why} Nothing was changed.")));
}

/// Reads a picked or dropped file, then plans its restore; a restore under way is replaced.
pub(super) fn restore_file(
    session: BrowserSession,
    file: web_sys::File,
    flow: UseStateHandle<Flow>,
    reading: Reading,
) {
    let ticket = reading.start();
    flow.set(Flow::Reading(format!(
        "Restore: reading {}…",
        shortened(&file.name())
    )));
    wasm_bindgen_futures::spawn_local(async move {
        let bytes = read(file).await;
        if !reading.current(ticket) {
            return;
        }
        match bytes {
            Ok(bytes) => plan_restore(&session, &bytes, flow, reading, ticket),
            Err(e) => failed(&flow, e),
        }
    });
}

/// Reads what is loaded now and the replica settings of the loads, and shows the plan (or why
/// the file is refused).
fn plan_restore(
    session: &BrowserSession,
    bytes: &[u8],
    flow: UseStateHandle<Flow>,
    reading: Reading,
    ticket: u64,
) {
    let file = match LoadedSet::parse(bytes) {
        Ok(file) => file,
        Err(e) => return failed(&flow, e),
    };
    flow.set(Flow::Reading("Restore: reading what is loaded now…".into()));
    let databases = file.databases.iter().map(|d| d.name.clone()).collect();
    // Partly loaded ones need their partitions listed even when nothing of them is loaded.
    let partly = file
        .databases
        .iter()
        .flat_map(|d| {
            d.collections
                .iter()
                .filter(|c| c.partitions.is_some())
                .map(|c| (d.name.clone(), c.name.clone()))
        })
        .collect();
    let read_on = session.clone();
    let source = source_text(&file, &session.endpoint_host());
    let held = reading.clone();
    let cancel = session.read_loaded(databases, partly, move |now| {
        if !reading.current(ticket) {
            return;
        }
        let plan = match now {
            Ok(now) => Rc::new(plan(&file, &now)),
            Err(e) => return failed(&flow, format!("{e}.")),
        };
        flow.set(Flow::Reading(
            "Restore: reading the replica settings of the loads…".into(),
        ));
        let session = read_on.clone();
        let cancel = session.read_plan_settings(&plan.clone(), {
            let reading = reading.clone();
            move |read| {
                if reading.current(ticket) {
                    flow.set(Flow::Planned {
                        replicas: Rc::new(replica_lines(&plan, &read)),
                        plan,
                        source,
                        ticked: Ticked::default(),
                        read_on,
                    });
                }
            }
        });
        reading.hold(ticket, cancel);
    });
    held.hold(ticket, cancel);
}

/// Reads what is loaded in every database and downloads it.
pub(super) fn save(session: &BrowserSession, flow: UseStateHandle<Flow>) {
    flow.set(Flow::Busy("Reading what is loaded…"));
    let this = session.clone();
    session.read_all_loaded(move |now| {
        let set = match now {
            Ok(now) => now.saved(this.now_iso(), this.endpoint_host()),
            Err(e) => return flow.set(Flow::Failed(format!("Save loaded set: {e}"))),
        };
        let stamp: String = set.saved_at.chars().filter(char::is_ascii_digit).collect();
        let host: String = set
            .endpoint
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let name = format!("loaded-set-{host}-{stamp}.json");
        let count: usize = set.databases.iter().map(|d| d.collections.len()).sum();
        flow.set(match download(&name, &set.to_json()) {
            Ok(()) => Flow::Done(format!(
                "Saved {count} loaded collections of {} databases to {name}.",
                set.databases.len()
            )),
            Err(e) => Flow::Failed(format!("Save loaded set: {e}")),
        });
    });
}
