//! The list of databases of the connection.

use super::{is_cancelled, Runtime, Session, VISIBLE};
use crate::api::Transport;
use crate::state::Action;

impl<T: Transport + 'static, R: Runtime> Session<T, R> {
    /// Fetches the list of databases.
    pub fn load_databases(&self) {
        let this = self.clone();
        self.spawn(async move {
            let client = this.inner.client.clone();
            let scope = this.inner.connection_scope.clone();
            let result = this
                .inner
                .reads
                .run(VISIBLE, &scope, client.list_databases())
                .await;
            if !is_cancelled(&result) {
                this.inner.store.reply(Action::DatabasesLoaded {
                    connection: this.inner.connection,
                    result,
                });
            }
        });
    }
}
