//! What validation needs to know about the target domain, taken from DescribeDomain.

use crate::{AppNetworkAccessType, AuthMode, DescribeDomainResponse};

/// The facts about a Studio domain that change which user profiles AWS accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainContext {
    /// SSO domains need the single-sign-on fields; IAM domains refuse them.
    pub auth_mode: AuthMode,
    /// VpcOnly domains need security groups on every profile (or in the defaults).
    pub app_network_access_type: AppNetworkAccessType,
    /// `DefaultUserSettings.SecurityGroups` of the domain, inherited by new profiles.
    pub default_security_groups: Vec<String>,
}

impl DomainContext {
    /// Takes the context from a DescribeDomain response. Missing members fall back to what
    /// AWS assumes when they are absent (IAM auth, public internet access).
    pub fn from_describe(domain: &DescribeDomainResponse) -> Self {
        Self {
            auth_mode: domain.auth_mode.clone().unwrap_or(AuthMode::Iam),
            app_network_access_type: domain
                .app_network_access_type
                .clone()
                .unwrap_or(AppNetworkAccessType::PublicInternetOnly),
            default_security_groups: domain
                .default_user_settings
                .as_ref()
                .and_then(|s| s.security_groups.clone())
                .unwrap_or_default(),
        }
    }
}
