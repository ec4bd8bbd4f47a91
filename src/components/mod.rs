//! Pieces of the interface that pages share: the frame, states of loaded data, badges,
//! filters,
//! copying, readable settings, idle shutdown in words, tables of onboarding requests,
//! the heads of tables, and the tag editor.

mod app_footer;
mod app_header;
mod copy_button;
mod crumbs;
mod filter_field;
mod idle_shutdown;
mod load_state;
mod page;
mod request_table;
mod settings_view;
mod status_badge;
mod table;
mod tag_editor;

pub use app_footer::AppFooter;
pub use app_header::AppHeader;
pub use copy_button::{CopyButton, copy_text};
pub use crumbs::{Crumb, trail};
pub use filter_field::filter_field;
pub use idle_shutdown::{IdleSummary, idle_words, minutes_words};
pub use load_state::{Empty, LoadError, LoadWords, Loading, empty_state, load_view, loaded};
pub use page::{Needs, Page, Refused};
pub use request_table::{outcome_view, refresh_button, request_table, requests_or_empty};
pub use settings_view::SettingsView;
pub use status_badge::{StatusBadge, is_transitional, status_badge, status_words};
pub use table::column_heads;
pub use tag_editor::{TAG_ERRORS_ID, TagEditor};
