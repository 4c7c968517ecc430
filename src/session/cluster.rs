//! The cluster panel's reads, once per refresh of the view and in its scope (closing the view
//! cancels them): `resource_groups/list` and one `describe` per group (2.5.3+), and
//! `quotacenter/describe` (2.6+). An endpoint the state holds as unreported (a 404 on this
//! connection) is not asked again.

use std::cell::Cell;
use std::rc::Rc;

use crate::api::{ApiError, Client, ResourceGroup, Scheduler, Transport};
use crate::state::{ClusterReply, Groups, Remote, Reply};

use super::{is_cancelled, Runtime, Session, ViewCtx};

/// The cluster reads of one view, one at a time, beside the view's read lane.
pub(super) struct Lane {
    reads: Scheduler,
    /// A read is under way.
    busy: Cell<bool>,
}

impl Default for Lane {
    fn default() -> Self {
        Lane {
            reads: Scheduler::new(1),
            busy: Cell::new(false),
        }
    }
}

/// Groups described per refresh; the rest are counted, not read.
pub const MAX_GROUPS: usize = 64;

/// Databases listed to tell which replica names are ambiguous; with more, it is not told.
pub const MAX_DATABASES: usize = 64;

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Reads what the server reports of its cluster, unless a read is under way.
    pub(super) fn read_cluster(&self, view: &Rc<ViewCtx<T>>) {
        let state = self.state();
        let (groups, memory) = (state.cluster.groups.asks(), state.cluster.memory.asks());
        if !(groups || memory) || view.cluster.busy.replace(true) {
            return;
        }
        self.reply(view, Reply::Cluster(ClusterReply::Asked));
        let (this, ctx) = (self.clone(), view.clone());
        // One read after the other: the cluster's lane runs one at a time anyway.
        let task = async move {
            if groups {
                let result = this.read_groups(&ctx).await;
                if !is_cancelled(&result) {
                    this.reply(&ctx, Reply::Cluster(ClusterReply::Groups(result)));
                }
            }
            if memory {
                let client = &this.inner.client;
                let result = this.cluster_read(&ctx, client.quota_metrics()).await;
                if !is_cancelled(&result) {
                    let nodes = result.map(|m| m.query_nodes);
                    this.reply(&ctx, Reply::Cluster(ClusterReply::Memory(nodes)));
                }
            }
            ctx.cluster.busy.set(false);
        };
        self.spawn_in(&view.scope, Box::pin(task));
    }

    async fn cluster_read<V>(
        &self,
        view: &ViewCtx<T>,
        request: impl std::future::Future<Output = Result<V, ApiError>>,
    ) -> Result<V, ApiError> {
        view.cluster.reads.run(0, &view.scope, request).await
    }

    /// Every group (up to `MAX_GROUPS`), described.
    async fn read_groups(&self, view: &ViewCtx<T>) -> Result<Groups, ApiError> {
        let client = &self.inner.client;
        let names = self
            .cluster_read(view, client.list_resource_groups())
            .await?;
        let omitted = names.len().saturating_sub(MAX_GROUPS);
        let mut groups = Vec::new();
        for name in names.iter().take(MAX_GROUPS) {
            groups.push(
                self.cluster_read(view, client.describe_resource_group(name))
                    .await?,
            );
        }
        let ambiguous = self.ambiguous_names(view, &groups).await;
        Ok(Groups {
            groups,
            omitted,
            ambiguous,
        })
    }

    /// The names holding replicas that exist in more than one database; `None` when that
    /// cannot be told (a database could not be listed, or there are too many).
    async fn ambiguous_names(
        &self,
        view: &ViewCtx<T>,
        groups: &[ResourceGroup],
    ) -> Option<Vec<String>> {
        let mut held: Vec<String> = groups
            .iter()
            .flat_map(|g| g.loaded_replicas.iter().map(|(name, _)| name.clone()))
            .collect();
        crate::order::sort_by(&mut held, Ord::cmp);
        held.dedup();
        if held.is_empty() {
            return Some(Vec::new());
        }
        // The view's list of databases, or (not read yet, or failed) one read here.
        let known = match &self.state().databases {
            Remote::Ready(databases) => Some(databases.clone()),
            _ => None,
        };
        let databases = match known {
            Some(databases) => databases,
            None => self
                .cluster_read(view, self.inner.client.list_databases())
                .await
                .ok()?,
        };
        if databases.len() < 2 {
            return Some(Vec::new());
        }
        if databases.len() > MAX_DATABASES {
            return None;
        }
        let mut seen = vec![0usize; held.len()];
        for database in databases {
            let client: Client<T> = self.inner.client.with_database(Some(database));
            let mut names = self
                .cluster_read(view, client.list_collections())
                .await
                .ok()?;
            crate::order::sort_by(&mut names, Ord::cmp);
            names.dedup();
            for name in names {
                if let Ok(i) = held.binary_search(&name) {
                    if let Some(count) = seen.get_mut(i) {
                        *count += 1;
                    }
                }
            }
        }
        Some(
            held.iter()
                .zip(seen)
                .filter(|(_, count)| *count > 1)
                .map(|(name, _)| name.clone())
                .collect(),
        )
    }
}
