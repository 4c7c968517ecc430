//! `partitions/*` endpoints.

use super::client::{Client, Effect};
use super::decode::{has, names, row_count};
use super::error::ApiError;
use super::transport::Transport;
use super::types::RequestBody;

impl<T: Transport> Client<T> {
    fn partition_body<'a>(&'a self, collection: &'a str, partition: &'a str) -> RequestBody<'a> {
        RequestBody {
            db_name: self.database(),
            collection_name: Some(collection),
            partition_name: Some(partition),
            ..RequestBody::default()
        }
    }

    fn partitions_body<'a>(
        &'a self,
        collection: &'a str,
        partitions: &'a [String],
    ) -> RequestBody<'a> {
        RequestBody {
            db_name: self.database(),
            collection_name: Some(collection),
            partition_names: Some(partitions),
            ..RequestBody::default()
        }
    }

    /// `partitions/list`: the collection's partition names.
    pub async fn list_partitions(&self, collection: &str) -> Result<Vec<String>, ApiError> {
        let body = RequestBody {
            db_name: self.database(),
            collection_name: Some(collection),
            ..RequestBody::default()
        };
        let reply = self.call("partitions/list", &body, Effect::Read).await?;
        names("partitions/list", &reply.data)
    }

    /// `partitions/has`.
    pub async fn has_partition(&self, collection: &str, partition: &str) -> Result<bool, ApiError> {
        let reply = self
            .call(
                "partitions/has",
                &self.partition_body(collection, partition),
                Effect::Read,
            )
            .await?;
        has("partitions/has", &reply.data)
    }

    /// `partitions/get_stats`: the partition's row count.
    pub async fn partition_row_count(
        &self,
        collection: &str,
        partition: &str,
    ) -> Result<u64, ApiError> {
        let reply = self
            .call(
                "partitions/get_stats",
                &self.partition_body(collection, partition),
                Effect::Read,
            )
            .await?;
        row_count("partitions/get_stats", &reply.data)
    }

    /// `partitions/create`.
    pub async fn create_partition(
        &self,
        collection: &str,
        partition: &str,
    ) -> Result<(), ApiError> {
        self.call(
            "partitions/create",
            &self.partition_body(collection, partition),
            Effect::Write,
        )
        .await
        .map(drop)
    }

    /// `partitions/drop` (refused while the partition is loaded).
    pub async fn drop_partition(&self, collection: &str, partition: &str) -> Result<(), ApiError> {
        self.call(
            "partitions/drop",
            &self.partition_body(collection, partition),
            Effect::Write,
        )
        .await
        .map(drop)
    }

    /// `partitions/load`: one request for any number of partitions.
    pub async fn load_partitions(
        &self,
        collection: &str,
        partitions: &[String],
    ) -> Result<(), ApiError> {
        self.call(
            "partitions/load",
            &self.partitions_body(collection, partitions),
            Effect::Write,
        )
        .await
        .map(drop)
    }

    /// `partitions/release`: one request for any number of partitions; releasing the last
    /// loaded ones releases the collection.
    pub async fn release_partitions(
        &self,
        collection: &str,
        partitions: &[String],
    ) -> Result<(), ApiError> {
        self.call(
            "partitions/release",
            &self.partitions_body(collection, partitions),
            Effect::Write,
        )
        .await
        .map(drop)
    }
}
