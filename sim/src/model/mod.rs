//! The simulated server's data: databases, collections, partitions and their load state.
//! Pure state and transitions.

mod cluster;
mod collection;
mod estimate;
mod index;
mod load;
mod schema;
#[cfg(test)]
mod tests;
mod world;

pub use cluster::{Cluster, PlacementError, QueryNode, Replica, ResourceGroup, DEFAULT_GROUP};
pub use collection::{property, Collection, LoadConfig, LoadFailure, Partition, Properties};
pub use estimate::{estimate, Estimate};
pub use index::{IndexType, VectorIndex};
pub use load::{Hold, LoadTiming, PartitionLoad};
pub use schema::{default_fields, DataType, Field};
pub use world::{Database, World};
