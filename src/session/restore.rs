//! A restore from its file to its plan, a save from its read to its file, and running a
//! plan. The session reports each step as an action with the read's ticket and keeps the
//! read under way, which a newer one or `cancel_restore` stops. A plan is read some time
//! before it runs, so each of its loads is read again just before being sent: what another
//! client loaded meanwhile is skipped (a Load of a loaded collection can reset its replicas,
//! contract section 8), and only the partitions still missing are loaded.

use std::future::Future;
use std::rc::Rc;

use crate::api::{ApiError, ApiErrorKind, Client, LoadSettings, LoadState, Transport};
use crate::loaded_set::{plan, replica_lines, shortened, source_text, LoadedSet, Plan, Step};
use crate::state::restore::{Planned, ReadStep, RestoreAction, RestoreError, Saved};
use crate::state::{Action, Progress, Target, SETTINGS_READ};

use super::{Runtime, Session, VISIBLE};

/// Why a load is not sent: its target was loaded (or started loading) since the plan's read.
pub const LOADED_MEANWHILE: &str =
    "loaded or loading meanwhile (read just before its load), so nothing was sent";
/// Why a load is not sent: just before it, the server did not find its collection.
const GONE_MEANWHILE: &str = "not found just before its load, so nothing was sent";

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    pub(super) fn report(&self, action: RestoreAction) {
        self.inner.store.awaited(Action::Restore(action));
    }

    /// Starts the loaded set's read `task` as `first`, stopping the one under way; the task
    /// gets its ticket (its place in read order) and reports its end.
    fn start_read<F: Future<Output = ()> + 'static>(
        &self,
        first: ReadStep,
        task: impl FnOnce(u64) -> F,
    ) {
        self.cancel_restore();
        let ticket = self.inner.store.next_read();
        self.report(RestoreAction::Progress {
            ticket,
            step: first,
        });
        // Its own scope below the connection's: cancelling it sends no request more and
        // reports nothing of it.
        let scope = self.inner.connection_scope.child();
        self.spawn_in(&scope, Box::pin(task(ticket)));
        self.inner.loaded_set_read.replace(Some(scope));
    }

    /// Stops the loaded set's read under way, if any: nothing more of it is reported.
    pub fn cancel_restore(&self) {
        if let Some(cancel) = self.inner.loaded_set_read.take() {
            cancel.cancel();
        }
    }

    /// Reads what is loaded in every database and offers it as a file through `offer` (the
    /// file's name and text; why it was refused).
    pub fn save(&self, offer: impl FnOnce(&str, &str) -> Result<(), String> + 'static) {
        let this = self.clone();
        self.start_read(ReadStep::Save, move |ticket| async move {
            let action = match this.read_all_loaded(ticket).await {
                Ok(now) => {
                    let set = now.saved(this.now_iso(), this.endpoint_host());
                    let name = file_name(&set);
                    match offer(&name, &set.to_json()) {
                        Ok(()) => RestoreAction::Saved {
                            ticket,
                            saved: Saved {
                                collections: set
                                    .databases
                                    .iter()
                                    .map(|d| d.collections.len())
                                    .sum(),
                                databases: set.databases.len(),
                                name,
                            },
                        },
                        Err(reason) => RestoreAction::Failed {
                            ticket,
                            error: RestoreError::NotSaved(reason),
                        },
                    }
                }
                Err(e) => RestoreAction::Failed {
                    ticket,
                    error: RestoreError::Save(e),
                },
            };
            this.report(action);
        });
    }

    /// Reads the file `name` (its `bytes`), what is loaded now and the replica settings of
    /// the loads, and reports the plan, or why the file is refused. Refused in read-only mode.
    pub fn read_restore(
        &self,
        name: &str,
        bytes: impl Future<Output = Result<Vec<u8>, RestoreError>> + 'static,
    ) {
        if self.state().read_only {
            return;
        }
        let this = self.clone();
        self.start_read(ReadStep::File(shortened(name)), move |ticket| async move {
            let action = match this.plan_restore(ticket, bytes).await {
                Ok(planned) => RestoreAction::Planned {
                    ticket,
                    planned: Rc::new(planned),
                },
                Err(error) => RestoreAction::Failed { ticket, error },
            };
            this.report(action);
        });
    }

    async fn plan_restore(
        &self,
        ticket: u64,
        bytes: impl Future<Output = Result<Vec<u8>, RestoreError>>,
    ) -> Result<Planned, RestoreError> {
        let file = LoadedSet::read(&bytes.await?).map_err(RestoreError::Format)?;
        self.report(RestoreAction::Progress {
            ticket,
            step: ReadStep::Loaded,
        });
        let databases = file.databases.iter().map(|d| d.name.clone()).collect();
        // Partly loaded ones need their partitions listed even when nothing of them is loaded.
        let partly: Vec<(String, String)> = file
            .databases
            .iter()
            .flat_map(|d| {
                d.collections
                    .iter()
                    .filter(|c| c.partitions.is_some())
                    .map(|c| (d.name.clone(), c.name.clone()))
            })
            .collect();
        let now = self
            .read_loaded(ticket, databases, &partly)
            .await
            .map_err(RestoreError::Read)?;
        let plan = plan(&file, &now);
        self.report(RestoreAction::Progress {
            ticket,
            step: ReadStep::Replicas,
        });
        let settings = self.plan_settings(&plan).await;
        Ok(Planned {
            replicas: replica_lines(&plan, &settings),
            plan,
            source: source_text(&file, &self.endpoint_host()),
            ticked: Default::default(),
            connection: self.inner.connection,
        })
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
    async fn plan_settings(&self, plan: &Plan) -> Vec<(String, Option<LoadSettings>)> {
        let mut seen = std::collections::HashSet::new();
        let loads = plan
            .items
            .iter()
            .filter(|i| i.step == Step::Load && seen.insert(i.key()))
            .take(SETTINGS_READ);
        let scope = self.inner.connection_scope.clone();
        // One after another: at most `SETTINGS_READ`, each a small read.
        let mut read = Vec::new();
        for item in loads {
            let client = self.inner.client.with_database(Some(item.database.clone()));
            let request = client.load_settings(&item.collection);
            let settings = self.inner.reads.run(VISIBLE, &scope, request).await;
            read.push((
                format!("{} / {}", item.database, item.collection),
                settings.ok(),
            ));
        }
        read
    }
}

/// "loaded-set-<host>-<digits of the time>.json".
fn file_name(set: &LoadedSet) -> String {
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
    format!("loaded-set-{host}-{stamp}.json")
}

/// What a restore's load sends, read just before it is: the target itself while nothing of
/// its collection is loaded, else only its partitions still not loaded; `Err` ends the
/// operation unsent, saying why.
pub(super) async fn still_missing<T: Transport>(
    client: &Client<T>,
    target: &Target,
) -> Result<Target, Progress> {
    let name = &target.collection;
    let state = client.collection_load_state(name).await;
    match super::missing::confirm_missing(client, name, state).await {
        Ok(LoadState::NotLoad) => return Ok(target.clone()),
        Ok(LoadState::Loaded | LoadState::Loading { .. }) => {}
        Ok(LoadState::Missing) => return Err(Progress::Skipped(GONE_MEANWHILE)),
        Ok(LoadState::Unknown(text)) => return Err(untold(&text)),
        Err(e) => return Err(unread(e)),
    }
    // Some of it is loaded: a collection Load would reset the loaded part's replicas.
    if target.partitions.is_empty() {
        return Err(Progress::Skipped(LOADED_MEANWHILE));
    }
    let mut missing: Vec<Rc<str>> = Vec::new();
    let mut unclear = None;
    let mut gone = 0;
    for p in &target.partitions {
        match client.partition_load_state(name, p).await {
            Ok(LoadState::NotLoad) => missing.push(p.clone()),
            Ok(LoadState::Loaded | LoadState::Loading { .. }) => {}
            Ok(LoadState::Missing) => gone += 1,
            Ok(LoadState::Unknown(text)) => {
                unclear.get_or_insert(text);
            }
            Err(e) => return Err(unread(e)),
        }
    }
    if !missing.is_empty() {
        return Ok(Target {
            partitions: missing,
            ..target.clone()
        });
    }
    match unclear {
        Some(text) => Err(untold(&text)),
        None if gone == target.partitions.len() => Err(Progress::Skipped(GONE_MEANWHILE)),
        None => Err(Progress::Skipped(LOADED_MEANWHILE)),
    }
}

/// A load whose state could not be told just before it (the server's text): failed, with
/// nothing sent.
fn untold(text: &str) -> Progress {
    Progress::Failed(
        ApiErrorKind::NotSent {
            reason: format!("its state could not be told just before its load ({text})"),
        }
        .into(),
    )
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
