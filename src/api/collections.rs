//! `collections/*` endpoints.

use super::client::{Client, Effect};
use super::decode::{has, names, row_count, wrong_shape};
use super::error::ApiError;
use super::load_extent::{load_extent, LoadExtent};
use super::load_state::{collection_state, partition_state, LoadState, LoadStateReply};
use super::transport::Transport;
use super::types::{CollectionDescription, RequestBody};

/// Code of a missing collection (or, through `get_load_state`, a missing database, or a
/// transient lookup failure).
const COLLECTION_NOT_FOUND: i64 = 100;
/// Code of a missing database.
const DATABASE_NOT_FOUND: i64 = 800;

impl<T: Transport> Client<T> {
    fn collection_body<'a>(&'a self, name: &'a str) -> RequestBody<'a> {
        RequestBody {
            db_name: self.database(),
            collection_name: Some(name),
            ..RequestBody::default()
        }
    }

    /// `collections/list`: the names of the database's collections.
    pub async fn list_collections(&self) -> Result<Vec<String>, ApiError> {
        let body = RequestBody {
            db_name: self.database(),
            ..RequestBody::default()
        };
        let reply = self.call("collections/list", &body, Effect::Read).await?;
        names("collections/list", &reply.data)
    }

    /// `collections/has`.
    pub async fn has_collection(&self, name: &str) -> Result<bool, ApiError> {
        let reply = self
            .call("collections/has", &self.collection_body(name), Effect::Read)
            .await?;
        has("collections/has", &reply.data)
    }

    /// Whether a collection named in a code 100 is really gone: `collections/has` says no,
    /// or its database is missing (800). Code 100 from `get_load_state` can be transient
    /// (section 5): confirm with this before showing a collection as gone.
    pub async fn collection_gone(&self, name: &str) -> Result<bool, ApiError> {
        match self.has_collection(name).await {
            Ok(has) => Ok(!has),
            Err(e) if e.milvus_code() == Some(DATABASE_NOT_FOUND) => Ok(true),
            Err(e) => Err(e),
        }
    }

    /// `get_load_state` read by `read`; code 100 becomes `missing`, unconfirmed.
    async fn read_load_state<S>(
        &self,
        collection: &str,
        partitions: Option<&[String]>,
        read: fn(&LoadStateReply) -> S,
        missing: S,
    ) -> Result<S, ApiError> {
        match self.get_load_state(collection, partitions).await {
            Ok(reply) => Ok(read(&reply)),
            Err(e) if e.milvus_code() == Some(COLLECTION_NOT_FOUND) => Ok(missing),
            Err(e) => Err(e),
        }
    }

    /// `collections/describe`: schema summary, load state text, partition count.
    pub async fn describe_collection(&self, name: &str) -> Result<CollectionDescription, ApiError> {
        let reply = self
            .call(
                "collections/describe",
                &self.collection_body(name),
                Effect::Read,
            )
            .await?;
        CollectionDescription::from_data(&reply.data, reply.message).ok_or_else(|| {
            wrong_shape(
                "collections/describe",
                "a collection description",
                &reply.data,
            )
        })
    }

    /// `collections/get_stats`: the row count.
    pub async fn collection_row_count(&self, name: &str) -> Result<u64, ApiError> {
        let reply = self
            .call(
                "collections/get_stats",
                &self.collection_body(name),
                Effect::Read,
            )
            .await?;
        row_count("collections/get_stats", &reply.data)
    }

    /// `collections/get_load_state`, raw: the reply as the server sent it.
    pub async fn get_load_state(
        &self,
        name: &str,
        partitions: Option<&[String]>,
    ) -> Result<LoadStateReply, ApiError> {
        let body = RequestBody {
            partition_names: partitions,
            ..self.collection_body(name)
        };
        let reply = self
            .call("collections/get_load_state", &body, Effect::Read)
            .await?;
        LoadStateReply::from_parts(&reply.data, reply.message.as_deref()).ok_or_else(|| {
            wrong_shape(
                "collections/get_load_state",
                "{\"loadState\": ...}",
                &reply.data,
            )
        })
    }

    /// The load state of a collection. Code 100 (a missing collection or database, or a
    /// transient lookup failure) is `Missing`: confirm with `collection_gone`.
    pub async fn collection_load_state(&self, name: &str) -> Result<LoadState, ApiError> {
        self.read_load_state(name, None, collection_state, LoadState::Missing)
            .await
    }

    /// The load state of one partition, read with the contract's section 5 table.
    pub async fn partition_load_state(
        &self,
        collection: &str,
        partition: &str,
    ) -> Result<LoadState, ApiError> {
        let names = [partition.to_string()];
        // Code 100 is about the collection and can be transient: the partition keeps its last
        // known state and is read again (a gone partition answers "partition not found").
        let collection_not_found = LoadState::Unknown(
            "the server did not find the collection (code 100): gone, or a transient failure"
                .to_string(),
        );
        self.read_load_state(
            collection,
            Some(&names),
            partition_state,
            collection_not_found,
        )
        .await
    }

    /// Full or partial load, in one `get_load_state` listing every partition of the collection
    /// (`partitions`, from `list_partitions`). Code 100 as for a collection.
    pub async fn load_extent(
        &self,
        collection: &str,
        partitions: &[String],
    ) -> Result<LoadExtent, ApiError> {
        self.read_load_state(
            collection,
            Some(partitions),
            load_extent,
            LoadExtent::Missing,
        )
        .await
    }

    /// `collections/load`: starts an asynchronous load (also of the missing partitions of a
    /// partly loaded collection).
    pub async fn load_collection(&self, name: &str) -> Result<(), ApiError> {
        self.call(
            "collections/load",
            &self.collection_body(name),
            Effect::Write,
        )
        .await
        .map(drop)
    }

    /// `collections/release`: frees the collection's memory; cancels a load in progress.
    pub async fn release_collection(&self, name: &str) -> Result<(), ApiError> {
        self.call(
            "collections/release",
            &self.collection_body(name),
            Effect::Write,
        )
        .await
        .map(drop)
    }

    /// `collections/refresh_load` (Milvus 2.5.4+; older servers answer 404): loads newly
    /// added data of a loaded collection. Not loaded: code 65535 (101 from 2.6.19).
    pub async fn refresh_load(&self, name: &str) -> Result<(), ApiError> {
        self.call(
            "collections/refresh_load",
            &self.collection_body(name),
            Effect::Write,
        )
        .await
        .map(drop)
    }

    /// `collections/create` with quick setup (name and dimension): the server builds an index
    /// and starts loading.
    pub async fn create_collection(&self, name: &str, dimension: u32) -> Result<(), ApiError> {
        let body = RequestBody {
            dimension: Some(dimension),
            ..self.collection_body(name)
        };
        self.call("collections/create", &body, Effect::Write)
            .await
            .map(drop)
    }

    /// `collections/drop`.
    pub async fn drop_collection(&self, name: &str) -> Result<(), ApiError> {
        self.call(
            "collections/drop",
            &self.collection_body(name),
            Effect::Write,
        )
        .await
        .map(drop)
    }
}
