//! What several pages share: the account's domains and the one the person works in.

mod domains;
mod remembered;

pub use domains::{Domains, auth_mode_label, domain_label, network_label};
pub use remembered::{forget, recall, remember};
