//! The cost view's pure foundations: what a loaded collection costs in query-node memory,
//! estimated from its schema, row count, indexes and the server version as the memory doc's
//! section 10.7 describes, and byte sizes formatted for people. No I/O: the reads live in
//! `api`, the caller passes their results in.

mod bytes;
mod estimate;
mod fields;
mod index;
mod notes;
mod version;

#[cfg(test)]
mod tests;

pub use bytes::format_bytes;
pub use estimate::{
    estimate, Breakdown, CostInput, Estimate, INTERIM_PERCENT, LOADING_BUFFER_BYTES,
    SEGMENT_MAX_BYTES,
};
pub use fields::{JSON_GUESS, SPARSE_GUESS, SYSTEM_BYTES_PER_ROW, VARCHAR_GUESS_CAP};
pub use notes::Note;
pub use version::ServerVersion;
