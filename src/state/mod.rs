//! What several pages share: who is signed in, the account's domains and the one the
//! person works in.

mod domains;
mod remembered;
mod session;

pub use domains::{Domains, auth_mode_label, domain_label, network_label};
pub use remembered::{forget, recall, remember};
pub use session::{
    Gate, Session, SessionState, asks_for_profiles, current_role, may_audit, may_change_profiles,
    may_decide, may_in, may_open_studio, may_request, refusal,
};
