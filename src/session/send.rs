//! Sending one confirmed release or load: what goes on the wire is decided just before it
//! goes (a partly loaded collection's missing partitions, what a restore's load still misses),
//! nothing is sent once the console is unmounted, and a lost reply is re-read until it tells.

use crate::api::{ApiError, ApiErrorKind, Client, Transport};
use crate::state::{Change, LoadChoice, Operation, Progress, Target};

use super::{Runtime, Session};

/// A confirmed write's end when the console was unmounted before its turn.
const UNMOUNTED_UNSENT: &str = "the console was unmounted before it was sent: nothing was sent";

/// Whether `error` says the write never went on the wire.
pub(super) fn is_unsent(error: &ApiError) -> bool {
    matches!(error.kind(), ApiErrorKind::NotSent { .. })
}

/// Why a confirmed write was not sent.
enum Unsent {
    /// A Load of a partly loaded collection finds no partition missing any more.
    Already,
    /// The console was unmounted before its turn came.
    Unmounted,
    /// Not sent, for this reason.
    Refused(String),
    /// A restore's load, read again before it is sent, ends here (skipped, or its read failed).
    Ended(Progress),
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    pub(super) fn send(&self, id: u64, target: Target) {
        let this = self.clone();
        let completes = self.completes_partial(&target);
        let read_first = {
            let mut ops = self.inner.operations.borrow_mut();
            let before = ops.read_first.len();
            ops.read_first.retain(|i| *i != id);
            ops.read_first.len() != before
        };
        // A choice for a collection loaded when the user confirmed changes its replicas: the
        // collection is checked again just before.
        let (choice, reconfigures) = {
            let mut ops = self.inner.operations.borrow_mut();
            let at = ops.choices.iter().position(|(i, _, _)| *i == id);
            match at.map(|at| ops.choices.swap_remove(at)) {
                Some((_, choice, reconfigures)) => (Some(choice), reconfigures),
                None => (None, false),
            }
        };
        let stores_choice = choice.is_some();
        self.spawn(async move {
            let client = this
                .inner
                .client
                .with_database(Some(target.database.to_string()));
            // What goes on the wire: the target itself, the missing partitions of a partly
            // loaded collection, or what a restore's load still misses (read first; nothing
            // is sent when it cannot be told).
            let request = async {
                if this.unmounted() {
                    return Err(Unsent::Unmounted);
                }
                let sent = if read_first {
                    super::restore::still_missing(&client, &target)
                        .await
                        .map_err(Unsent::Ended)?
                } else if completes || reconfigures {
                    // New replicas of a loaded collection are applied by a load, which loads
                    // every partition: sent only while none is missing (read just before).
                    let missing = super::partial_load::completing(&client, &target).await;
                    match (missing, reconfigures) {
                        (Ok(None), true) => target.clone(),
                        (Ok(Some(_)), true) => {
                            return Err(Unsent::Refused(
                                "the collection is not fully loaded now: a load would load \
                                 every partition"
                                    .into(),
                            ))
                        }
                        (Ok(Some(partitions)), false) => partitions,
                        (Ok(None), false) => return Err(Unsent::Already),
                        (Err(why), _) => {
                            return Err(Unsent::Refused(format!(
                                "which partitions are missing could not be read ({why})"
                            )))
                        }
                    }
                } else {
                    target.clone()
                };
                if this.unmounted() {
                    return Err(Unsent::Unmounted);
                }
                if let Some(choice) = &choice {
                    store_choice(&client, &sent, choice).await?;
                }
                let result = this.paced_write(&client, &sent).await;
                Ok((sent, result))
            };
            // Not sent when the console goes away before its turn; sent, it runs to its end.
            let result = this
                .inner
                .writes
                .run_to_end(0, &this.inner.session_scope, request)
                .await
                .unwrap_or(Err(Unsent::Unmounted));
            let read_at = this.inner.store.next_read();
            this.finished(id, &target);
            let progress = match result {
                Ok((_, Ok(()))) => Progress::Done,
                Ok((_, Err(e))) if is_unsent(&e) && this.unmounted() => {
                    Progress::Cancelled(UNMOUNTED_UNSENT.into())
                }
                Ok((sent, Err(e))) if e.outcome_unknown() => {
                    this.progress(id, Progress::Unknown(e.clone()), read_at);
                    this.recheck_until_settled(id, &target, &sent, &client, e)
                        .await;
                    return;
                }
                Ok((_, Err(e))) => Progress::Failed(e),
                Err(Unsent::Ended(progress)) => progress,
                Err(Unsent::Already) => Progress::Skipped(Change::skip_reason(Operation::Load)),
                Err(Unsent::Unmounted) => Progress::Cancelled(UNMOUNTED_UNSENT.into()),
                Err(Unsent::Refused(reason)) => {
                    Progress::Failed(ApiErrorKind::NotSent { reason }.into())
                }
            };
            let applied = stores_choice && progress == Progress::Done;
            this.settle(id, &target, progress, read_at);
            if let Some(view) = this.current_view().filter(|_| applied) {
                // The replicas the rows show come from the resource groups: read them again.
                this.read_cluster(&view);
            }
        });
    }

    /// A Load of a collection the screen shows partly loaded: completed partition by
    /// partition, never with `collections/load`.
    fn completes_partial(&self, target: &Target) -> bool {
        let state = self.state();
        target.operation == Operation::Load
            && target.partitions.is_empty()
            && state.shows(target)
            && state
                .row(&target.collection)
                .is_some_and(|row| row.is_partly_loaded())
    }
}

/// Stores the chosen replicas and groups on the collection before its load; a failure ends the
/// operation with the load unsent.
async fn store_choice<T: Transport>(
    client: &Client<T>,
    target: &Target,
    choice: &LoadChoice,
) -> Result<(), Unsent> {
    let stored = client
        .alter_load_properties(
            &target.collection,
            Some(choice.replicas),
            Some(&choice.groups),
        )
        .await;
    stored.map_err(|e| {
        let maybe = if e.outcome_unknown() {
            " (they may have been stored)"
        } else {
            ""
        };
        let reason = match e.kind() {
            ApiErrorKind::NotFound { .. } => "this server cannot store them (collections/alter_properties needs Milvus 2.5.4 or later), and the load was not sent".to_string(),
            _ => format!(
                "the replicas and resource groups could not be stored on the collection{maybe}, and the load was not sent: {e}"
            ),
        };
        Unsent::Refused(reason)
    })
}

/// The request of an operation.
pub(super) async fn write<T: Transport>(
    client: &Client<T>,
    target: &Target,
) -> Result<(), ApiError> {
    let names: Vec<String> = target.partitions.iter().map(|p| p.to_string()).collect();
    match (target.operation, names.is_empty()) {
        (Operation::Release, true) => client.release_collection(&target.collection).await,
        (Operation::Load, true) => client.load_collection(&target.collection).await,
        (Operation::Release, false) => client.release_partitions(&target.collection, &names).await,
        (Operation::Load, false) => client.load_partitions(&target.collection, &names).await,
    }
}
