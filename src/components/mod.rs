//! Pieces of the interface that pages share: the frame, states of loaded data, badges,
//! copying, the form's inputs and its error summary, readable settings, and tables of
//! onboarding requests.

mod app_footer;
mod app_header;
mod copy_button;
mod error_summary;
pub mod fields;
mod load_state;
mod request_table;
mod settings_view;
mod status_badge;

pub use app_footer::AppFooter;
pub use app_header::AppHeader;
pub use copy_button::{CopyButton, copy_text};
pub use error_summary::{ERROR_SUMMARY_ID, ErrorSummary, place_of};
pub use load_state::{Empty, LoadError, Loading, NotAllowed};
pub use request_table::{outcome_view, request_table};
pub use settings_view::SettingsView;
pub use status_badge::{StatusBadge, is_transitional, status_badge, status_words};
