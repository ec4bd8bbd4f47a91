//! Pieces of the interface that pages share: the frame, states of loaded data, badges,
//! copying, the form's inputs and its error summary, and readable settings.

mod app_footer;
mod app_header;
mod copy_button;
mod error_summary;
pub mod fields;
mod load_state;
mod settings_view;
mod status_badge;

pub use app_footer::AppFooter;
pub use app_header::AppHeader;
pub use copy_button::{CopyButton, copy_text};
pub use error_summary::{ERROR_SUMMARY_ID, ErrorSummary, place_of};
pub use load_state::{Empty, LoadError, Loading};
pub use settings_view::SettingsView;
pub use status_badge::{StatusBadge, is_transitional, status_badge, status_words};
