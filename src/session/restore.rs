//! Running a restore's plan, and what its dialog reads besides the plan. A plan is read some
//! time before it runs, so each of its loads is read again just before being sent: what
//! another client loaded meanwhile is skipped (a Load of a loaded collection can reset its
//! replicas, contract section 8), and only the partitions still missing are loaded.

use std::rc::Rc;

use futures::future::{AbortHandle, Abortable};

use crate::api::{ApiError, ApiErrorKind, Client, LoadSettings, LoadState, Transport};
use crate::loaded_set::{Plan, Step};
use crate::state::{Progress, Target};

use super::{Runtime, Session, VISIBLE};

/// Why a load is not sent: its target was loaded (or started loading) since the plan's read.
pub const LOADED_MEANWHILE: &str =
    "loaded or loading meanwhile (read just before its load), so nothing was sent";
/// Why a load is not sent: just before it, the server did not find its collection.
const GONE_MEANWHILE: &str = "not found just before its load, so nothing was sent";
/// Why a load is not sent: just before it, the server could not tell its state.
const UNTOLD: &str = "its state could not be told just before its load, so nothing was sent";

/// Collections whose replica setting a restore's dialog reads, at most.
pub const SETTINGS_READ: usize = 20;

/// Stops a read the console started for a restore: no request more is sent, and its `done`
/// is never called.
#[derive(Clone, Debug)]
pub struct ReadCancel(AbortHandle);

impl ReadCancel {
    pub fn cancel(&self) {
        self.0.abort();
    }
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Runs `task` until it ends or the returned handle cancels it.
    pub(super) fn spawn_cancellable(
        &self,
        task: impl std::future::Future<Output = ()> + 'static,
    ) -> ReadCancel {
        let (handle, registration) = AbortHandle::new_pair();
        // Boxed: one abortable wrapper serves every kind of read.
        let task: futures::future::LocalBoxFuture<'static, ()> = Box::pin(task);
        self.spawn(async move {
            let _ = Abortable::new(task, registration).await;
        });
        ReadCancel(handle)
    }

    /// Runs a restore: every load of the plan and the releases `release` ticks, each an
    /// operation with its own outcome. The plan was made from its own read, fresher than the
    /// rows on screen, which may not have seen another client's load or release yet; each
    /// load is read once more just before it is sent. Refused in read-only mode, as a
    /// confirmation is.
    pub fn restore(&self, plan: &Plan, release: &dyn Fn(usize) -> bool) {
        if self.state().read_only {
            return;
        }
        self.operate_as_read(plan.targets(self.inner.connection, release));
    }

    /// The replica setting each of the plan's loads applies, for its first `SETTINGS_READ`
    /// collections: ("database / collection", the setting, or `None` when it could not be
    /// read).
    pub fn read_plan_settings(
        &self,
        plan: &Plan,
        done: impl FnOnce(Vec<(String, Option<LoadSettings>)>) + 'static,
    ) -> ReadCancel {
        let mut seen = std::collections::HashSet::new();
        let loads: Vec<(String, String)> = plan
            .items
            .iter()
            .filter(|i| i.step == Step::Load && seen.insert(i.key()))
            .map(|i| (i.database.clone(), i.collection.clone()))
            .take(SETTINGS_READ)
            .collect();
        let this = self.clone();
        self.spawn_cancellable(async move {
            let scope = this.inner.connection_scope.clone();
            // One after another: at most `SETTINGS_READ`, each a small read.
            let mut read = Vec::with_capacity(loads.len());
            for (database, collection) in loads {
                let client = this.inner.client.with_database(Some(database.clone()));
                let request = client.load_settings(&collection);
                let settings = this.inner.reads.run(VISIBLE, &scope, request).await;
                read.push((format!("{database} / {collection}"), settings.ok()));
            }
            done(read)
        })
    }
}

/// What a restore's load sends, read just before it is: the target itself while nothing of
/// its collection is loaded, else only its partitions still not loaded; `Err` ends the
/// operation unsent, saying why.
pub(super) async fn still_missing<T: Transport>(
    client: &Client<T>,
    target: &Target,
) -> Result<Target, Progress> {
    let name = &target.collection;
    match client.collection_load_state(name).await {
        Ok(LoadState::NotLoad) => return Ok(target.clone()),
        Ok(LoadState::Loaded | LoadState::Loading { .. }) => {}
        Ok(LoadState::Missing) => return Err(Progress::Skipped(GONE_MEANWHILE)),
        Ok(LoadState::Unknown(_)) => return Err(Progress::Skipped(UNTOLD)),
        Err(e) => return Err(unread(e)),
    }
    // Some of it is loaded: a collection Load would reset the loaded part's replicas.
    if target.partitions.is_empty() {
        return Err(Progress::Skipped(LOADED_MEANWHILE));
    }
    let mut missing: Vec<Rc<str>> = Vec::new();
    let mut untold = false;
    for p in &target.partitions {
        match client.partition_load_state(name, p).await {
            Ok(LoadState::NotLoad) => missing.push(p.clone()),
            // Loaded, loading, or dropped meanwhile.
            Ok(LoadState::Loaded | LoadState::Loading { .. } | LoadState::Missing) => {}
            Ok(LoadState::Unknown(_)) => untold = true,
            Err(e) => return Err(unread(e)),
        }
    }
    match (missing.is_empty(), untold) {
        (false, _) => Ok(Target {
            partitions: missing,
            ..target.clone()
        }),
        (true, true) => Err(Progress::Skipped(UNTOLD)),
        (true, false) => Err(Progress::Skipped(LOADED_MEANWHILE)),
    }
}

/// A load whose state could not be read just before it: failed, with nothing sent.
fn unread(error: ApiError) -> Progress {
    Progress::Failed(
        ApiErrorKind::NotSent {
            reason: format!("its state could not be read first ({error}); nothing was sent"),
        }
        .into(),
    )
}
