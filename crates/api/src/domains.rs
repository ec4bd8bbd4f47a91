//! `GET /api/domains`: the Studio domains a person may see, with what the panel needs to
//! know about each.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
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
    /// `DefaultUserSettings`: what profiles inherit, as JSON text (see [`DefaultSettings`]).
    #[serde(
        rename = "DefaultUserSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub default_user_settings: Option<DefaultSettings>,
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
                .and_then(DefaultSettings::new),
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
            default_security_groups: self.default_members().security_groups.unwrap_or_default(),
        }
    }

    /// The domain's default execution role (`DefaultUserSettings.ExecutionRole`).
    pub fn default_execution_role(&self) -> Option<String> {
        self.default_members().execution_role
    }

    /// The members of `DefaultUserSettings` read outside the forms.
    fn default_members(&self) -> DefaultMembers {
        self.default_user_settings
            .as_ref()
            .and_then(|settings| serde_json::from_str(settings.0.get()).ok())
            .unwrap_or_default()
    }
}

/// A domain's `DefaultUserSettings` as the JSON text the proxy wrote. The domain list is
/// read on the panel's first page, which needs only the execution role: reading the
/// whole tree (into a typed `UserSettings`, or even a `serde_json::Value`) there would put
/// that parser into the first download. The forms, loaded later, read the whole tree with
/// [`DefaultSettings::to_value`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DefaultSettings(Box<RawValue>);

impl DefaultSettings {
    /// `settings` as JSON text (`None` if it cannot be written as JSON).
    pub fn new(settings: &impl Serialize) -> Option<Self> {
        serde_json::value::to_raw_value(settings).ok().map(Self)
    }

    /// The whole tree (`Null` if the text is not JSON, which the proxy never sends).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or_default()
    }
}

impl PartialEq for DefaultSettings {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

/// The members of `DefaultUserSettings` the panel reads without the forms.
#[derive(Debug, Default, Deserialize)]
struct DefaultMembers {
    /// `ExecutionRole`.
    #[serde(rename = "ExecutionRole")]
    execution_role: Option<String>,
    /// `SecurityGroups`.
    #[serde(rename = "SecurityGroups")]
    security_groups: Option<Vec<String>>,
}
