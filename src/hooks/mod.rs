//! Hooks of the root component, one per file.

mod use_host_events;
mod use_host_options;

pub use use_host_events::use_host_events;
pub use use_host_options::use_host_options;
