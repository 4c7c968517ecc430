//! `databases/*` endpoints.

use super::client::{Client, Effect};
use super::decode::names;
use super::error::{ApiError, ApiErrorKind};
use super::transport::Transport;
use super::types::RequestBody;

impl<T: Transport> Client<T> {
    /// `databases/list`. Servers before 2.5 answer 404 there; they have only `default`.
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
}
