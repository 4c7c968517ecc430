//! The simulated server's data: databases, collections, partitions and their load state.
//! Pure state and transitions.

mod collection;
mod load;
#[cfg(test)]
mod tests;
mod world;

pub use collection::{property, Collection, LoadConfig, Partition, Properties};
pub use load::{Hold, LoadTiming, PartitionLoad};
pub use world::{Database, World};
