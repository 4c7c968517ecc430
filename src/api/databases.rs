//! `databases/*` endpoints.

use super::client::{Client, Effect};
use super::decode::{names, wrong_shape};
use super::error::{ApiError, ApiErrorKind};
use super::transport::Transport;
use super::types::{DatabaseDescription, RequestBody};

impl<T: Transport> Client<T> {
    /// `databases/list`. Servers before 2.4.18 answer 404 there; they have only `default`.
    pub async fn list_databases(&self) -> Result<Vec<String>, ApiError> {
        match self
            .call("databases/list", &RequestBody::default(), Effect::Read)
            .await
        {
            Ok(reply) => names("databases/list", &reply.data),
            Err(e) if matches!(e.kind(), ApiErrorKind::NotFound { .. }) => {
                Ok(vec!["default".to_string()])
            }
            Err(e) => Err(e),
        }
    }

    /// `databases/describe`: the database's ID and properties (`database.replica.number`,
    /// `database.resource_groups`, ...). `None` from servers before 2.4.18, which answer 404.
    pub async fn describe_database(
        &self,
        name: &str,
    ) -> Result<Option<DatabaseDescription>, ApiError> {
        let body = RequestBody {
            db_name: Some(name),
            ..RequestBody::default()
        };
        match self.call("databases/describe", &body, Effect::Read).await {
            Ok(reply) => DatabaseDescription::from_data(&reply.data)
                .map(Some)
                .ok_or_else(|| {
                    wrong_shape("databases/describe", "a database description", &reply.data)
                }),
            Err(e) if matches!(e.kind(), ApiErrorKind::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
