//! Presentational pieces: they render state and report the user's intent through callbacks.
//! Every name and message is rendered as text (Yew escapes it), never as markup.

pub mod bulk_bar;
pub mod cluster_panel;
pub mod collections_table;
pub mod collections_view;
pub mod confirm_dialog;
pub mod connect_form;
pub mod error_view;
pub mod load_choice;
pub mod loaded_set_controls;
pub mod outcomes;
pub mod pace_note;
pub mod partitions_panel;
pub mod plan_dialog;
pub mod size_cells;
pub mod state_badge;
pub mod toolbar;
pub mod window;
