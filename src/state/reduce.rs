//! The reducer: one exhaustive match, no catch-all arm. Replies of another view are dropped
//! in one place; a state older than what a row knows never overwrites it.

use std::rc::Rc;

use super::{
    Action, ClusterReply, ConsoleState, Listing, Names, PartitionsView, Remote, Reply, StallAfter,
    MAX_REFRESH_INTERVAL,
};

impl ConsoleState {
    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Connect {
                connection,
                database,
            } => {
                self.reset_view(true);
                self.cluster = Default::default();
                self.connection = connection;
                self.paced = None;
                self.databases = Remote::Loading;
                self.database = database;
            }
            Action::SelectDatabase(database) => {
                if database != self.database {
                    self.reset_view(false);
                    self.database = database;
                }
            }
            Action::SetReadOnly(read_only) => {
                if read_only {
                    self.close_asked(false);
                    self.selected.clear();
                }
                self.read_only = read_only;
            }
            Action::SetFilter(filter) => self.filter = filter,
            Action::SetStateFilter(filter) => self.state_filter = filter,
            Action::SetSort(sort) => self.sort = sort,
            Action::SetRefreshInterval(seconds) => {
                self.refresh_interval = seconds.min(MAX_REFRESH_INTERVAL)
            }
            Action::SetStallMinutes(minutes) => self.stall_after = StallAfter(minutes),
            Action::ToggleSelected(name) => {
                let was_selected = self.selected.remove(&name);
                if !was_selected && self.index.contains_key(&name) {
                    self.selected.insert(name);
                }
            }
            Action::SelectMatching(all) => {
                if all {
                    let names: Vec<Rc<str>> =
                        self.visible_rows().iter().map(|r| r.name.clone()).collect();
                    self.selected.extend(names);
                } else {
                    self.selected.clear();
                }
            }
            Action::OpenCollection(name) => self.open = Some(PartitionsView::new(name)),
            Action::CloseCollection => self.open = None,
            Action::TogglePartition(name) => {
                if let Some(view) = &mut self.open {
                    if !view.selected.remove(&name) {
                        view.selected.insert(name);
                    }
                }
            }
            Action::SelectAllPartitions(all) => {
                if let Some(view) = &mut self.open {
                    view.selected = if all {
                        view.partitions.iter().map(|p| p.name.clone()).collect()
                    } else {
                        Names::new()
                    };
                }
            }
            Action::Ask(confirmation) => {
                if !self.read_only {
                    self.confirm = Some(confirmation);
                }
            }
            Action::ChooseLoad(choice) => {
                if let Some(confirmation) = &mut self.confirm {
                    confirmation.choice = Some(choice);
                }
            }
            Action::CloseConfirmation => self.confirm = None,
            Action::DismissOutcomes => {
                Rc::make_mut(&mut self.outcomes).retain(|o| !o.progress.is_final());
                self.outcomes_dropped = 0;
            }
            Action::DatabasesLoaded { connection, result } => {
                if connection == self.connection {
                    self.databases = match result {
                        Ok(names) => Remote::Ready(names),
                        Err(e) => Remote::Failed(e),
                    };
                }
            }
            Action::Reply { generation, reply } => {
                // The one generation check: a reply of another view changes nothing.
                if generation == self.generation {
                    self.apply_reply(reply);
                }
            }
            Action::OperationStarted(outcome) => self.operation_started(outcome),
            Action::OperationProgress {
                id,
                progress,
                read_at,
                at,
            } => self.operation_progress(id, progress, read_at, at),
            Action::Paced {
                connection,
                per_second,
            } => {
                if connection == self.connection {
                    self.paced = per_second;
                }
            }
            Action::Restore(action) => self.restore.apply(action, self.read_only),
        }
    }

    fn apply_reply(&mut self, reply: Reply) {
        match reply {
            // A refresh keeps the rows on screen; only a first listing shows "Listing…".
            Reply::ListRequested => {
                if !self.listing.is_ready() {
                    self.listing = Listing::Loading;
                }
            }
            Reply::ListLoaded { result, at } => match (result, &mut self.listing) {
                (Ok(names), _) => {
                    self.set_rows(names, at);
                    self.apply_replicas();
                }
                // Keep the last good rows, marked stale; never blank the view.
                (Err(e), Listing::Ready { stale, .. }) => *stale = Some(e),
                (Err(e), _) => self.listing = Listing::Failed(e),
            },
            Reply::States(states) => {
                for read in states {
                    self.set_row_state(read);
                }
            }
            Reply::PartitionKeyKnown {
                collection,
                partition_key,
            } => {
                if let Some(view) = self.open_view(&collection) {
                    view.partition_key = partition_key;
                }
            }
            Reply::PartitionsListed { collection, result } => {
                // A partition listed twice (by a proxy, say) is one partition, shown once.
                let result = result.map(super::listing::unique_in_order);
                if let (Some(row), Ok(names)) = (self.row_mut(&collection), &result) {
                    row.partitions = Some(names.len().try_into().unwrap_or(u32::MAX));
                }
                if let Some(view) = self.open_view(&collection) {
                    match result {
                        Ok(names) => view.set_names(names),
                        Err(e) if e.is_cancelled() => {}
                        Err(e) => view.list = Remote::Failed(e),
                    }
                }
            }
            Reply::PartitionCounts(counts) => {
                for (name, count) in counts {
                    if let Some(row) = self.row_mut(&name) {
                        row.partitions = Some(count);
                    }
                }
            }
            Reply::PartitionStates { collection, states } => {
                if let Some(view) = self.open_view(&collection) {
                    for read in states {
                        view.set_state(&read.name, read.sent, read.result);
                    }
                    self.sync_coverage();
                }
            }
            Reply::LoadSettings {
                collection,
                settings,
            } => {
                if let Some(confirm) = &mut self.confirm {
                    if confirm.targets.iter().any(|t| t.collection == collection) {
                        confirm.settings.insert(collection, settings);
                    }
                }
            }
            Reply::Extent {
                collection,
                sent,
                extent,
            } => self.set_extent(&collection, sent, extent),
            Reply::LoadDropped {
                collection,
                abandonment,
            } => {
                if let Some(row) = self.row_mut(&collection) {
                    row.abandoned = Some(abandonment);
                }
            }
            Reply::Cluster(reply) => {
                let groups = matches!(reply, ClusterReply::Groups(_));
                self.cluster.apply(reply);
                if groups {
                    self.apply_replicas();
                }
            }
            Reply::Sizes(reply) => self.apply_sizes(reply),
            Reply::PartitionRows { collection, rows } => {
                if let Some(view) = self.open_view(&collection) {
                    for (name, count) in rows {
                        view.set_rows(&name, count);
                    }
                }
            }
        }
    }

    /// The open partitions view, if it shows `collection`.
    pub(super) fn open_view(&mut self, collection: &str) -> Option<&mut PartitionsView> {
        self.open.as_mut().filter(|v| &*v.collection == collection)
    }

    /// Copies the open view's partition coverage to its collection's row.
    fn sync_coverage(&mut self) {
        let Some((name, coverage)) = self
            .open
            .as_ref()
            .map(|v| (v.collection.clone(), v.coverage()))
        else {
            return;
        };
        if let Some(row) = self.row_mut(&name) {
            row.coverage = coverage;
        }
    }

    /// A new database, or a new `connection`.
    fn reset_view(&mut self, connection: bool) {
        self.generation += 1;
        self.listing = Listing::NotAsked;
        self.index = Rc::default();
        // Outcomes stay: what the user asked for is reported even after a switch. What the user
        // was asked does not: it was about what was on screen.
        self.close_asked(connection);
        self.selected.clear();
        self.open = None;
    }
}
