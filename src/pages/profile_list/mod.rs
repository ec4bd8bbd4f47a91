//! `/domains/{domain}/profiles`: the domain's user profiles, a page at a time.
//!
//! - Search as you type: each keystroke narrows the rows already shown at once, and after
//!   a pause the server is asked (ListUserProfiles' `NameContains`), so the answer
//!   covers every profile, not only this page.
//! - Sort by creation or last change (the keys ListUserProfiles has), either way.
//! - Paging follows AWS's NextToken; earlier pages are remembered for "Previous". "All"
//!   follows every NextToken and keeps the whole domain in the page; then search is
//!   instant and local, and at most [`MAX_ROWS`] rows are drawn; they are drawn
//!   [`ROWS_PER_FRAME`] a frame, so a keystroke's frame stays short.
//! - The page size is remembered on this browser.
//! - While any row is Pending, Updating or Deleting the page refreshes by itself.
//! - A Tags column the person switches on, and search by tag (`key=value`); tags are read
//!   per profile only then (`tags.rs`).
//!
//! `state.rs` holds what the list knows and decides (signals, paging tokens, the loaded
//! profiles, the rows drawn frame by frame); `view.rs` draws it (the table and the
//! controls).

mod state;
mod tags;
mod view;

pub use state::{
    ALL, MAX_ROWS, PAGE_SIZES, REFRESH_EVERY, ROWS_PER_FRAME, SEARCH_DEBOUNCE, SortKey,
    server_search,
};
pub use tags::{TAG_SEARCH_HINT, TagFilter};
pub use view::{ProfileList, ProfileListPage};
