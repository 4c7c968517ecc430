//! Hooks of the root component, one per file.

mod use_host_options;
mod use_host_reports;
mod use_intents;
mod use_loaded_set;
mod use_perf_marks;
mod use_session;
mod use_shortcuts;
mod use_view;
mod use_view_link;

pub use crate::session::BrowserSession;
pub use use_host_options::use_host_options;
pub use use_host_reports::use_host_reports;
pub use use_intents::{use_intents, ViewIntents};
pub use use_loaded_set::{use_loaded_set, LoadedSetCallbacks};
pub use use_perf_marks::use_perf_marks;
pub use use_session::{use_session, SessionHandle};
pub use use_shortcuts::use_shortcuts;
pub use use_view::use_view;
pub use use_view_link::{link_of_page, use_view_link};
