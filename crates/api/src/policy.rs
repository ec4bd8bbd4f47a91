//! A domain's policy: the members of CreateUserProfile a lead fixes for requesters
//! (`GET/PUT /api/domains/{domain}/policy`).

use serde::{Deserialize, Serialize};

use crate::time::EpochMillis;

/// A domain's policy, as `GET /api/domains/{domain}/policy` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainPolicy {
    /// A partial CreateUserProfile request; each value in it is fixed (`{}`: nothing).
    pub fixed: serde_json::Value,
    /// Who set it last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<EpochMillis>,
}

impl DomainPolicy {
    /// The policy of a domain that fixes nothing.
    pub fn none() -> Self {
        Self {
            fixed: serde_json::json!({}),
            updated_by: None,
            updated_at: None,
        }
    }
}

/// The body of `PUT /api/domains/{domain}/policy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyUpdate {
    /// The members to fix, as a partial CreateUserProfile request.
    pub fixed: serde_json::Value,
}
