//! Who is asking and what they may do: roles, domain scope, and the checks handlers make.
//!
//! Roles are hierarchical (each includes the one before): viewer < requester < lead <
//! admin. Every role but admin is limited to its domains. Checks answer with
//! [`AppError::Forbidden`] naming what is missing, so a person knows whom to ask.

use std::fmt;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::AppError;

/// What a principal may do, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads lists and details of their domains.
    Viewer,
    /// A viewer who may also ask for their own profile and get their own Studio URL.
    Requester,
    /// A requester who may also create, edit and delete profiles and decide requests in
    /// their domains.
    Lead,
    /// Everything in every domain, and the audit log.
    Admin,
}

impl Role {
    /// The role's name as written in the accounts file and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Requester => "requester",
            Self::Lead => "lead",
            Self::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The domains a principal's role applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Domains {
    /// Every domain (`["*"]`).
    All,
    /// Only these domain ids.
    Only(Vec<String>),
}

impl Domains {
    /// From the accounts file's list: `"*"` anywhere means every domain.
    pub fn from_list(list: &[String]) -> Self {
        if list.iter().any(|d| d == "*") {
            Self::All
        } else {
            Self::Only(list.to_vec())
        }
    }

    /// Whether `domain_id` is one of them.
    pub fn contains(&self, domain_id: &str) -> bool {
        match self {
            Self::All => true,
            Self::Only(ids) => ids.iter().any(|d| d == domain_id),
        }
    }

    /// Both lists together (every domain if either is).
    pub fn union(self, other: Self) -> Self {
        match (self, other) {
            (Self::All, _) | (_, Self::All) => Self::All,
            (Self::Only(mut a), Self::Only(b)) => {
                for id in b {
                    if !a.contains(&id) {
                        a.push(id);
                    }
                }
                Self::Only(a)
            }
        }
    }
}

impl Serialize for Domains {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::All => ["*"].serialize(serializer),
            Self::Only(ids) => ids.serialize(serializer),
        }
    }
}

/// How a principal was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A built-in account signed in with its password (a session cookie).
    Password,
    /// The identity headers of a trusted reverse proxy.
    Header,
    /// `--no-auth`: the single local user.
    Open,
}

/// The person behind a request, resolved by the auth layer. Handlers take it as an
/// extractor: a request without one is refused with 401 before the handler runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    /// Account name (or the reverse proxy's user name).
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Where they may do it.
    pub domains: Domains,
    /// Their own SageMaker UserProfileName.
    pub profile: String,
    /// How they were recognized.
    pub source: Source,
}

impl Principal {
    /// The single user of `--no-auth`: an admin named `local`.
    pub fn open() -> Self {
        Self {
            name: "local".to_owned(),
            role: Role::Admin,
            domains: Domains::All,
            profile: "local".to_owned(),
            source: Source::Open,
        }
    }

    /// Whether the principal may see `domain_id` at all (admins see every domain).
    pub fn sees(&self, domain_id: &str) -> bool {
        self.role == Role::Admin || self.domains.contains(domain_id)
    }

    /// Whether the principal sees every domain.
    pub fn sees_all(&self) -> bool {
        self.role == Role::Admin || self.domains == Domains::All
    }

    /// Whether `profile_name` is the principal's own profile (SageMaker names compare
    /// case-insensitively).
    pub fn owns_profile(&self, profile_name: &str) -> bool {
        self.profile.eq_ignore_ascii_case(profile_name)
    }

    /// Refuses unless the principal has at least `role` (anywhere).
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        if self.role >= role {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "requires the {role} role (you are {} {})",
                article(self.role),
                self.role
            )))
        }
    }

    /// Refuses unless the principal has at least `role` in `domain_id`.
    pub fn require_in(&self, role: Role, domain_id: &str) -> Result<(), AppError> {
        if self.role >= role && self.sees(domain_id) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "requires the {role} role in domain {domain_id}"
            )))
        }
    }
}

/// "a" or "an" before a role's name.
fn article(role: Role) -> &'static str {
    if role == Role::Admin { "an" } else { "a" }
}

impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Self>()
            .cloned()
            .ok_or(AppError::SignInRequired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead_of(domains: &[&str]) -> Principal {
        Principal {
            name: "lee".to_owned(),
            role: Role::Lead,
            domains: Domains::Only(domains.iter().map(|d| (*d).to_owned()).collect()),
            profile: "Lee".to_owned(),
            source: Source::Password,
        }
    }

    #[test]
    fn a_lead_may_act_in_their_domains_only_and_the_refusal_names_the_domain() {
        let lead = lead_of(&["d-aaaaaaaaaaaa"]);
        assert!(lead.require_in(Role::Lead, "d-aaaaaaaaaaaa").is_ok());
        let refused = lead.require_in(Role::Lead, "d-bbbbbbbbbbbb").unwrap_err();
        assert_eq!(
            refused.to_string(),
            "requires the lead role in domain d-bbbbbbbbbbbb"
        );
        assert!(lead.require(Role::Admin).is_err());
    }

    #[test]
    fn roles_include_the_ones_below_them() {
        assert!(Role::Admin > Role::Lead && Role::Lead > Role::Requester);
        assert!(Role::Requester > Role::Viewer);
        assert!(lead_of(&[]).require(Role::Viewer).is_ok());
    }

    #[test]
    fn own_profiles_compare_without_case_and_every_domain_serializes_as_a_star() {
        assert!(lead_of(&[]).owns_profile("lee"));
        assert_eq!(
            serde_json::to_value(Domains::All).unwrap(),
            serde_json::json!(["*"])
        );
        assert_eq!(
            Domains::from_list(&["d-1".to_owned()]).union(Domains::from_list(&["*".to_owned()])),
            Domains::All
        );
    }
}
