//! `GET /api/domains/{domain}/profiles` (one page, with its query) and
//! `GET /api/domains/{domain}/profiles/{name}` (a profile with its apps and spaces).

use serde::{Deserialize, Serialize};
use studio_admin_model::{
    AppDetails, DescribeUserProfileResponse, SpaceDetails, UserProfileDetails,
};

use crate::directory::StudioAccess;

use crate::idle::ProfileIdle;
use crate::query::{empty_as_none, query_string};

/// Sort, filter and page of `GET /api/domains/{domain}/profiles`. Empty members mean
/// AWS's default; unknown parameters are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProfileQuery {
    /// Part of the profile name (`UserProfileNameContains`).
    pub search: String,
    /// `CreationTime` or `LastModifiedTime` (`SortBy`).
    pub sort: String,
    /// `Ascending` or `Descending` (`SortOrder`).
    pub order: String,
    /// The `next` of the previous page (`NextToken`, passed through untouched).
    pub next: String,
    /// Profiles per page, 1 to 100 (`MaxResults`).
    #[serde(deserialize_with = "empty_as_none")]
    pub limit: Option<i32>,
}

impl ProfileQuery {
    /// The query string (`?search=...`), without the empty members.
    pub fn to_query_string(&self) -> String {
        let limit = self.limit.map(|l| l.to_string()).unwrap_or_default();
        query_string(&[
            ("search", &self.search),
            ("sort", &self.sort),
            ("order", &self.order),
            ("next", &self.next),
            ("limit", &limit),
        ])
    }
}

/// One page of `GET /api/domains/{domain}/profiles`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfilePage {
    /// The profiles, as ListUserProfiles returns them.
    pub profiles: Vec<UserProfileDetails>,
    /// Pass as `next` to get the following page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// `GET /api/domains/{domain}/profiles/{name}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileDetail {
    /// DescribeUserProfile.
    pub profile: DescribeUserProfileResponse,
    /// Every app of the profile (ListApps with UserProfileNameEquals, all pages), Deleted
    /// ones included as AWS still lists them.
    #[serde(default)]
    pub apps: Vec<AppDetails>,
    /// The spaces the profile owns (ListSpaces of the domain, all pages, whose
    /// `OwnershipSettingsSummary.OwnerUserProfileName` is this profile).
    #[serde(default)]
    pub spaces: Vec<SpaceDetails>,
    /// The idle shutdown of the profile's JupyterLab and Code Editor apps: its own
    /// setting, or the domain's default.
    #[serde(default)]
    pub idle: ProfileIdle,
    /// How the person gets into Studio through IAM Identity Center (profiles of SSO
    /// domains only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<StudioAccess>,
}

/// The answer of `POST /api/domains/{domain}/profiles`: CreateUserProfile's answer, and
/// in SSO domains what was done about the person's Studio access.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedProfile {
    /// The new profile's ARN, as CreateUserProfile answered.
    #[serde(
        rename = "UserProfileArn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_profile_arn: Option<String>,
    /// How the person gets into Studio now (SSO domains only): found, granted, or why
    /// not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<StudioAccess>,
}
