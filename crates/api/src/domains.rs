//! `GET /api/domains`: the Studio domains a person may see, with what the panel needs to
//! know about each.

use serde::{Deserialize, Serialize};
use studio_admin_model::{AppNetworkAccessType, AuthMode, DescribeDomainResponse, DomainContext};

/// The answer of `GET /api/domains`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DomainList {
    /// The domains, in ListDomains order.
    pub domains: Vec<Domain>,
}

/// A Studio domain: the members of DescribeDomain the panel uses, with AWS's names. The
/// proxy sends only these: the domain list is read on the first page a person sees, where
/// the panel's download budget is tightest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    /// `DomainId`.
    #[serde(rename = "DomainId", default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    /// `DomainName`.
    #[serde(
        rename = "DomainName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub domain_name: Option<String>,
    /// `Status` (`InService`, ...).
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `AuthMode`: how people sign in to Studio.
    #[serde(rename = "AuthMode", default, skip_serializing_if = "Option::is_none")]
    pub auth_mode: Option<AuthMode>,
    /// `AppNetworkAccessType`: how apps reach the network.
    #[serde(
        rename = "AppNetworkAccessType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub app_network_access_type: Option<AppNetworkAccessType>,
    /// `DefaultUserSettings`: what profiles inherit, as JSON. Kept untyped: a typed
    /// `UserSettings` would pull the whole settings tree's parser into the panel's first
    /// download. The add-user form reads it as JSON anyway (its placeholders).
    #[serde(
        rename = "DefaultUserSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub default_user_settings: Option<serde_json::Value>,
}

impl Domain {
    /// The members the panel uses of a DescribeDomain answer.
    pub fn from_describe(described: &DescribeDomainResponse) -> Self {
        Self {
            domain_id: described.domain_id.clone(),
            domain_name: described.domain_name.clone(),
            status: described
                .status
                .as_ref()
                .map(|s| studio_admin_model::WireEnum::as_str(s).to_owned()),
            auth_mode: described.auth_mode.clone(),
            app_network_access_type: described.app_network_access_type.clone(),
            default_user_settings: described
                .default_user_settings
                .as_ref()
                .and_then(|s| serde_json::to_value(s).ok()),
        }
    }

    /// What validation needs to know about the domain (what AWS assumes when a member is
    /// absent: IAM sign-in, public internet).
    pub fn context(&self) -> DomainContext {
        DomainContext {
            auth_mode: self.auth_mode.clone().unwrap_or(AuthMode::Iam),
            app_network_access_type: self
                .app_network_access_type
                .clone()
                .unwrap_or(AppNetworkAccessType::PublicInternetOnly),
            default_security_groups: self
                .default_setting("SecurityGroups")
                .and_then(|groups| groups.as_array())
                .map(|groups| {
                    groups
                        .iter()
                        .filter_map(|g| g.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The domain's default execution role (`DefaultUserSettings.ExecutionRole`).
    pub fn default_execution_role(&self) -> Option<&str> {
        self.default_setting("ExecutionRole")?.as_str()
    }

    /// One member of `DefaultUserSettings`.
    pub fn default_setting(&self, member: &str) -> Option<&serde_json::Value> {
        self.default_user_settings.as_ref()?.get(member)
    }
}
