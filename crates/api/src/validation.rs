//! `POST /api/validate`: a CreateUserProfile body checked without creating anything.

use serde::{Deserialize, Serialize};
use studio_admin_model::Problem;

/// The answer of `POST /api/validate` (200 whenever the body could be read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationResult {
    /// Whether AWS would accept the request (warnings allowed).
    pub valid: bool,
    /// Whether the domain's context (auth mode, network, default security groups) was
    /// applied: only when `DomainId` names a domain the caller may see.
    pub domain_checked: bool,
    /// Every error and warning with its path, in document order.
    pub problems: Vec<Problem>,
}
