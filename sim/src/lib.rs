//! milvus-sim: a Milvus REST v2 simulator that answers as a real server does, for the console's
//! demo, tests and benchmarks.

pub mod api;
pub mod compat;
pub mod control;
pub mod datasets;
pub mod faults;
pub mod hostile;
pub mod model;
pub mod names;
pub mod reply;
pub mod request;
pub mod server;
pub mod sim;
