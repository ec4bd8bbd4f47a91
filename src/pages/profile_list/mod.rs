//! `/domains/{domain}/profiles`: the domain's user profiles.

mod view;

pub use view::*;
