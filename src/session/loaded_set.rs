//! Reading the loaded set, for saving it or planning a restore, and running a restore's plan.
//! What is read is never guessed: a collection's state comes from `get_load_state`, or from
//! `collections/describe` (its `load` and `partitionsNum`) for one the view shows loaded; one
//! of a single partition that reads loaded is loaded in full. Otherwise, per the contract,
//! one `get_load_state` listing every partition tells full from partial, and only then
//! per-partition reads tell which. A state the server cannot tell (-1 with another text, an
//! unconfirmed code 100) fails the read.

use std::cell::Cell;

use super::join::join_in_order;

use crate::api::{ApiError, Client, LoadExtent, LoadState, Transport};
use crate::loaded_set::{Current, CurrentCollection, CurrentDatabase, Extent};
use crate::state::restore::{ReadError, RestoreAction, Untold};
use crate::state::RowState;

use super::{Runtime, Session, VISIBLE};

/// The collections read so far shows every this many (and as each database is listed).
const COUNT_EVERY: usize = 25;

/// What `collections/describe` tells of a collection's extent: a collection of one partition
/// that reads loaded is fully loaded (releasing its last partition releases it).
struct Described {
    loaded: bool,
    one_partition: bool,
}

/// Collections read, of those listed so far, for the read of `ticket`.
struct Counted {
    ticket: u64,
    read: Cell<usize>,
    of: Cell<usize>,
}

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Reads what is loaded in `databases`, listing the partitions of every loaded collection
    /// of more than one partition and of those `list_partitions_of` names (database,
    /// collection).
    pub async fn read_loaded(
        &self,
        ticket: u64,
        databases: Vec<String>,
        list_partitions_of: &[(String, String)],
    ) -> Result<Current, ReadError> {
        let mut current = Current::default();
        let count = Counted {
            ticket,
            read: Cell::new(0),
            of: Cell::new(0),
        };
        for name in databases {
            current.databases.push(
                self.read_database(&name, list_partitions_of, &count)
                    .await?,
            );
        }
        Ok(current)
    }

    /// Reads what is loaded in every database of the server, listed now: a save covers them
    /// all, whether or not the view could list them.
    pub(super) async fn read_all_loaded(&self, ticket: u64) -> Result<Current, ReadError> {
        let databases = self
            .read(self.inner.client.list_databases())
            .await
            .map_err(ReadError::Databases)?;
        self.read_loaded(ticket, databases, &[]).await
    }

    /// The endpoint's host and port, for the saved file.
    pub fn endpoint_host(&self) -> String {
        crate::loaded_set::endpoint_host(&self.inner.client.options().endpoint)
    }

    /// Now, as the saved file writes it.
    pub fn now_iso(&self) -> String {
        crate::loaded_set::iso_time(self.inner.runtime.now())
    }

    async fn read<V>(
        &self,
        request: impl std::future::Future<Output = Result<V, ApiError>>,
    ) -> Result<V, ApiError> {
        let scope = self.inner.connection_scope.clone();
        self.inner.reads.run(VISIBLE, &scope, request).await
    }

    async fn read_database(
        &self,
        database: &str,
        list_partitions_of: &[(String, String)],
        count: &Counted,
    ) -> Result<CurrentDatabase, ReadError> {
        let client = self.inner.client.with_database(Some(database.to_string()));
        let names = match self.read(client.list_collections()).await {
            Ok(names) => names,
            Err(e) if e.milvus_code() == Some(800) => {
                return Ok(CurrentDatabase {
                    name: database.to_string(),
                    exists: false,
                    collections: Vec::new(),
                })
            }
            Err(error) => {
                return Err(ReadError::Collections {
                    database: database.to_string(),
                    error,
                })
            }
        };
        let listed: crate::name_set::NameSet = list_partitions_of
            .iter()
            .filter(|(d, _)| d == database)
            .map(|(_, c)| c.as_str())
            .collect();
        count.of.set(count.of.get().saturating_add(names.len()));
        self.report_count(count);
        // Described first: what the view shows loaded with one partition or an unknown count
        // (a describe costs the server more than a state read, and tells no more of a
        // collection of several partitions).
        let view = self.state();
        let describe_first = |name: &str| {
            view.database == database
                && view.row(name).is_some_and(|row| {
                    matches!(&row.state, RowState::Known(s) if s.is_loaded_or_loading())
                        && row.partitions.is_none_or(|n| n == 1)
                })
        };
        let reads = names.iter().map(|name| async {
            let read = self
                .read_collection(
                    &client,
                    name,
                    listed.contains(name.as_str()),
                    describe_first(name),
                )
                .await;
            count.read.set(count.read.get() + 1);
            if count.read.get() % COUNT_EVERY == 0 {
                self.report_count(count);
            }
            read
        });
        let mut collections = Vec::new();
        for (name, read) in names.iter().zip(join_in_order(reads).await) {
            match read {
                Ok(Some(c)) => collections.push(c),
                Ok(None) => {}
                Err(why) => {
                    return Err(ReadError::Untold {
                        database: database.to_string(),
                        collection: name.clone(),
                        why,
                    })
                }
            }
        }
        Ok(CurrentDatabase {
            name: database.to_string(),
            exists: true,
            collections,
        })
    }

    fn report_count(&self, count: &Counted) {
        self.report(RestoreAction::Counted {
            ticket: count.ticket,
            read: count.read.get(),
            of: count.of.get(),
        });
    }

    /// One collection's extent; `None` when it turned out to be gone.
    async fn read_collection(
        &self,
        client: &Client<T>,
        name: &str,
        list_partitions: bool,
        describe_first: bool,
    ) -> Result<Option<CurrentCollection>, Untold> {
        match self
            .extent_now(client, name, list_partitions, describe_first)
            .await?
        {
            Some((extent, partitions)) => Ok(Some(CurrentCollection {
                name: name.to_string(),
                extent,
                partitions,
            })),
            None => self.gone(client, name).await,
        }
    }

    /// One collection's extent and, when listed, its partitions; `None` on a code 100. When
    /// `describe_first`, for a collection of one partition one describe tells what a state
    /// read and a partition list would. Others start with the state read, which costs the
    /// server less than a describe and is all a collection not loaded needs.
    async fn extent_now(
        &self,
        client: &Client<T>,
        name: &str,
        list_partitions: bool,
        describe_first: bool,
    ) -> Result<Option<(Extent, Option<Vec<String>>)>, Untold> {
        let described = match describe_first {
            true => self.described(client, name).await,
            false => None,
        };
        let loaded = match described {
            Some(Described {
                loaded: true,
                one_partition: true,
            }) if !list_partitions => return Ok(Some((Extent::Full, None))),
            Some(described) => described.loaded,
            None => match self
                .read(client.collection_load_state(name))
                .await
                .map_err(Untold::Api)?
            {
                LoadState::Loaded | LoadState::Loading { .. } => true,
                LoadState::NotLoad => false,
                LoadState::Missing => return Ok(None),
                LoadState::Unknown(why) => return Err(Untold::Server(why)),
            },
        };
        let partitions = if loaded || list_partitions {
            Some(
                self.read(client.list_partitions(name))
                    .await
                    .map_err(Untold::Api)?,
            )
        } else {
            None
        };
        let extent = match (&partitions, loaded) {
            // One partition: the collection's state is that partition's (releasing the last
            // loaded partition releases the collection), so no read of the extent.
            (Some(all), true) if all.len() == 1 => Extent::Full,
            (Some(all), true) => match self
                .read(client.load_extent(name, all))
                .await
                .map_err(Untold::Api)?
            {
                LoadExtent::NotLoad => Extent::NotLoaded,
                LoadExtent::Full | LoadExtent::Loading { .. } => Extent::Full,
                LoadExtent::Partial { .. } => {
                    Extent::Partly(self.loaded_partitions(client, name, all).await?)
                }
                LoadExtent::PartitionsChanged => return Err(Untold::PartitionsChanged),
                LoadExtent::Missing => return Ok(None),
                LoadExtent::Unknown(why) => return Err(Untold::Server(why)),
            },
            _ => Extent::NotLoaded,
        };
        Ok(Some((extent, partitions)))
    }

    /// A collection's state and whether it has one partition, from `collections/describe`.
    /// `None` when the describe failed or its `load` does not tell (it is "" when the server's
    /// own state read failed): the state is then read on its own.
    async fn described(&self, client: &Client<T>, name: &str) -> Option<Described> {
        let description = self.read(client.describe_collection(name)).await.ok()?;
        let loaded = match description.load.as_str() {
            "LoadStateLoaded" | "LoadStateLoading" => true,
            "LoadStateNotLoad" => false,
            _ => return None,
        };
        Some(Described {
            loaded,
            one_partition: description.partitions_num == Some(1),
        })
    }

    /// The loaded (or loading) partitions of a partly loaded collection, one read each.
    async fn loaded_partitions(
        &self,
        client: &Client<T>,
        name: &str,
        all: &[String],
    ) -> Result<Vec<String>, Untold> {
        let reads = all
            .iter()
            .map(|p| self.read(client.partition_load_state(name, p)));
        let mut loaded = Vec::new();
        for (p, state) in all.iter().zip(join_in_order(reads).await) {
            match state.map_err(Untold::Api)? {
                LoadState::Loaded | LoadState::Loading { .. } => loaded.push(p.clone()),
                // Released, or dropped while being read.
                LoadState::NotLoad | LoadState::Missing => {}
                LoadState::Unknown(why) => {
                    return Err(Untold::Partition {
                        partition: p.clone(),
                        why,
                    })
                }
            }
        }
        Ok(loaded)
    }

    /// A code 100 is gone only once `collections/has` confirms it.
    async fn gone(
        &self,
        client: &Client<T>,
        name: &str,
    ) -> Result<Option<CurrentCollection>, Untold> {
        match self.read(client.collection_gone(name)).await {
            Ok(true) => Ok(None),
            Ok(false) => Err(Untold::FoundYetExists),
            Err(e) => Err(Untold::Api(e)),
        }
    }
}
