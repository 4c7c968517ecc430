//! The Milvus REST v2 client: one typed async method per endpoint, the envelope, errors,
//! retries, the transport seam, load-state interpretation and a request scheduler. The reads
//! of memory, replicas and resource groups follow the memory doc (section 10).
//! It never touches the DOM.

mod any_transport;
mod client;
mod client_options;
mod collections;
mod databases;
mod decode;
mod envelope;
mod error;
mod fetch;
mod fetch_shared;
mod indexes;
mod json_text;
mod load_extent;
mod load_settings;
mod load_state;
mod memory_refusal;
mod multiplex;
mod outcome;
mod partitions;
mod properties;
mod quota;
pub mod redact;
mod replay;
mod resource_groups;
mod retry;
mod scheduler;
mod schema;
mod scope;
mod token;
mod transport;
mod types;

pub use any_transport::AnyTransport;
pub use client::{
    normalize_endpoint, Client, ClientOptions, Effect, RetryPolicy, DEFAULT_TIMEOUT_MS,
};
pub use envelope::{decode, Success};
pub use error::{summary, ApiError, ApiErrorKind};
pub use fetch::FetchTransport;
pub use indexes::{IndexDescription, IndexType};
pub use json_text::{json_text, number_text};
pub use load_extent::{load_extent, LoadExtent};
pub use load_settings::{LoadSettings, Setting, SettingSource};
pub use load_state::{
    collection_state, partition_state, LoadState, LoadStateReply, PartitionCoverage,
};
pub use memory_refusal::MemoryRefusal;
pub use multiplex::MULTIPLEXED_LIMIT;
pub use quota::{QueryNodeMemory, QuotaMetrics, LOAD_THRESHOLD_TENTHS};
pub use replay::ReplayTransport;
pub use resource_groups::{loaded_replicas, GroupNode, ResourceGroup};
pub use scheduler::{Priority, Scheduler, DEFAULT_CONCURRENCY};
pub use schema::{CollectionDetails, DataType, FieldSchema, IndexSummary};
pub use scope::Scope;
pub use token::{OnRejected, TokenCell};
pub use transport::{Clock, HttpReply, HttpRequest, NoPause, Transport, TransportError};
pub use types::{CollectionDescription, DatabaseDescription};

/// The client the console uses in the browser.
pub type BrowserClient = Client<FetchTransport>;
