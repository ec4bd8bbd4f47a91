//! The person behind a request as handlers see it, and the checks they make. Roles, scopes
//! and what each role may do are the API contract's ([`studio_admin_api::access`]); this
//! module turns a missing permission into the API's refusal.

use std::ops::Deref;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use studio_admin_api::{DomainScope, Permission, Role, Source, User};

use crate::error::AppError;

/// The person behind a request, resolved by the auth layer. Handlers take it as an
/// extractor: a request without one is refused with 401 before the handler runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal(pub User);

impl Deref for Principal {
    type Target = User;

    fn deref(&self) -> &User {
        &self.0
    }
}

impl Principal {
    /// The single user of `--no-auth`: an admin named `local`.
    pub fn open() -> Self {
        Self(User {
            name: "local".to_owned(),
            role: Role::Admin,
            domains: DomainScope::All,
            profile: "local".to_owned(),
            source: Source::Open,
        })
    }

    /// Refuses unless the principal holds `permission` somewhere.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.may(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "{} (you are {})",
                permission.requirement(None),
                self.role_phrase()
            )))
        }
    }

    /// Refuses unless the principal holds `permission` in `domain_id`.
    pub fn require_in(&self, permission: Permission, domain_id: &str) -> Result<(), AppError> {
        if self.may_in(permission, domain_id) {
            Ok(())
        } else {
            Err(AppError::Forbidden(permission.requirement(Some(domain_id))))
        }
    }
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
        Principal(User {
            name: "lee".to_owned(),
            role: Role::Lead,
            domains: DomainScope::Only(domains.iter().map(|d| (*d).to_owned()).collect()),
            profile: "Lee".to_owned(),
            source: Source::Password,
        })
    }

    #[test]
    fn a_lead_may_act_in_their_domains_only_and_the_refusal_names_the_domain() {
        let lead = lead_of(&["d-aaaaaaaaaaaa"]);
        assert!(
            lead.require_in(Permission::ChangeProfiles, "d-aaaaaaaaaaaa")
                .is_ok()
        );
        let refused = lead
            .require_in(Permission::ChangeProfiles, "d-bbbbbbbbbbbb")
            .unwrap_err();
        assert_eq!(
            refused.to_string(),
            "requires the lead role in domain d-bbbbbbbbbbbb"
        );
        assert_eq!(
            lead.require(Permission::ReadAudit).unwrap_err().to_string(),
            "requires the admin role (you are a lead)"
        );
    }

    #[test]
    fn roles_include_the_ones_below_them() {
        assert!(Role::Admin > Role::Lead && Role::Lead > Role::Requester);
        assert!(Role::Requester > Role::Viewer);
        assert!(lead_of(&[]).require(Permission::Read).is_ok());
    }

    #[test]
    fn own_profiles_compare_without_case_and_every_domain_serializes_as_a_star() {
        assert!(lead_of(&[]).owns("lee"));
        assert_eq!(
            serde_json::to_value(DomainScope::All).unwrap(),
            serde_json::json!(["*"])
        );
        assert_eq!(
            DomainScope::from_list(&["d-1".to_owned()])
                .union(DomainScope::from_list(&["*".to_owned()])),
            DomainScope::All
        );
    }
}
