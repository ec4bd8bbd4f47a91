//! IAM Identity Center: the people of an SSO domain's directory
//! (`GET /api/domains/{domain}/directory/users?search=`), and how a person reaches Studio
//! ([`StudioAccess`]: on the profile page, in the answer of a create, and
//! `POST /api/domains/{domain}/profiles/{name}/access`).

use serde::{Deserialize, Serialize};

use crate::query::query_string;

/// The most people one directory search answers with.
pub const MAX_DIRECTORY_USERS: usize = 50;

/// A person of the domain's IAM Identity Center directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryUser {
    /// The directory's id of the person (what assignments name).
    #[serde(rename = "UserId")]
    pub user_id: String,
    /// The user name: what a profile's `SingleSignOnUserValue` must be.
    #[serde(rename = "UserName")]
    pub user_name: String,
    /// The name people know them by.
    #[serde(
        rename = "DisplayName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    /// Their email addresses, the primary one first.
    #[serde(rename = "Emails", default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
}

/// The answer of a directory search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryUsers {
    /// The people found, at most [`MAX_DIRECTORY_USERS`].
    pub users: Vec<DirectoryUser>,
    /// More people matched than are listed: the search should be narrower.
    #[serde(default)]
    pub truncated: bool,
}

/// A group of an SSO domain's directory, to onboard its members as a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryGroup {
    /// The directory's id of the group.
    #[serde(rename = "GroupId")]
    pub group_id: String,
    /// The group's name.
    #[serde(rename = "DisplayName")]
    pub display_name: String,
    /// What the group is for, when the directory says.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
}

/// The groups of a directory, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryGroups {
    /// Every group, sorted by display name.
    pub groups: Vec<DirectoryGroup>,
}

/// A group's members as a team file: one row per member, the profile name derived from
/// the user name ([`profile_name_for`]), the person as the profile's SSO user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFile {
    /// The group.
    pub group: DirectoryGroup,
    /// The members, by user name.
    pub members: Vec<DirectoryUser>,
    /// The team file (CSV): plan it as any other.
    pub file: String,
}

/// The query of a directory search; unknown parameters are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DirectoryQuery {
    /// Part of a user name, display name or email (case-insensitive); empty: everyone.
    pub search: String,
}

impl DirectoryQuery {
    /// The query string (`?search=...`), empty when there is no search.
    pub fn to_query_string(&self) -> String {
        query_string(&[("search", &self.search)])
    }
}

/// The longest user profile name SageMaker takes (shape `UserProfileName`).
const PROFILE_NAME_MAX: usize = 63;

/// A user profile name for the directory user `user_name` that passes the model's
/// pattern (letters, digits and hyphens, starting and ending with a letter or digit, at
/// most 63): the part before an `@`, lowercase, every other character a hyphen, runs of
/// hyphens as one. Empty when nothing of the name can be used (the lead then names the
/// profile).
pub fn profile_name_for(user_name: &str) -> String {
    let local = user_name.split('@').next().unwrap_or_default();
    let mut name = String::new();
    // ASCII folding: only ASCII letters and digits are kept, and Unicode's full case
    // table would weigh on the browser bundle.
    for c in local.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    name.truncate(PROFILE_NAME_MAX);
    while name.ends_with('-') {
        name.pop();
    }
    name
}

/// How a person is let into Studio by IAM Identity Center.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessKind {
    /// Assigned to the domain's application themselves.
    Direct,
    /// A member of a group assigned to the application.
    Group,
    /// The application lets in everyone of the directory.
    NotRequired,
    /// Not let in: the person sees "Access Denied" when opening Studio.
    None,
}

/// Whether and how a person of an SSO domain gets into Studio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioAccess {
    /// How.
    pub kind: AccessKind,
    /// The assigned groups the person belongs to (for [`AccessKind::Group`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// Whether this very call assigned the person (a new direct assignment).
    #[serde(default)]
    pub granted: bool,
    /// Why access could not be checked or granted (the directory could not be reached,
    /// or refused); the profile exists regardless, and granting can be tried again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl StudioAccess {
    /// Access of `kind`, found rather than granted.
    pub fn found(kind: AccessKind) -> Self {
        Self {
            kind,
            groups: Vec::new(),
            granted: false,
            error: None,
        }
    }

    /// No access, because checking or granting failed with `error`.
    pub fn failed(error: impl Into<String>) -> Self {
        Self {
            error: Some(error.into()),
            ..Self::found(AccessKind::None)
        }
    }

    /// In a few words, as the audit log records it: `direct`, `group: NAME`,
    /// `not required`, `none`, or the error.
    pub fn describe(&self) -> String {
        if let Some(error) = &self.error {
            return format!("not granted: {error}");
        }
        match self.kind {
            AccessKind::Direct => "direct".to_owned(),
            AccessKind::Group => format!("group: {}", self.groups.join(", ")),
            AccessKind::NotRequired => "not required".to_owned(),
            AccessKind::None => "none".to_owned(),
        }
    }
}

/// What a delete does about a person's Studio access (SSO domains).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAccess {
    /// The person's user name in the directory.
    pub user_name: String,
    /// Whether the person is assigned to the application directly: that assignment is
    /// removed after the profile, unless the delete keeps it.
    pub direct: bool,
    /// The assigned groups the person belongs to: never changed by a delete.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// Why the person's access could not be read now (IAM Identity Center could not be
    /// asked); the delete still removes a direct assignment if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_reads_in_the_audit_logs_words() {
        assert_eq!(StudioAccess::found(AccessKind::Direct).describe(), "direct");
        let group = StudioAccess {
            groups: vec!["ml-researchers".to_owned()],
            ..StudioAccess::found(AccessKind::Group)
        };
        assert_eq!(group.describe(), "group: ml-researchers");
        assert_eq!(
            StudioAccess::found(AccessKind::NotRequired).describe(),
            "not required"
        );
        assert_eq!(
            StudioAccess::failed("AccessDeniedException: no").describe(),
            "not granted: AccessDeniedException: no"
        );
    }

    #[test]
    fn proposed_profile_names_pass_the_models_pattern() {
        use studio_admin_model::{CreateUserProfileRequest, validate};
        let long = format!("{}.x", "a".repeat(70));
        for (user_name, expected) in [
            ("maria.garcia", "maria-garcia"),
            ("Kenji.Watanabe@example.com", "kenji-watanabe"),
            ("  o'brien__pat ", "o-brien-pat"),
            ("josé.núñez", "jos-n-ez"),
            (long.as_str(), &"a".repeat(63)[..]),
            ("...", ""),
        ] {
            let name = profile_name_for(user_name);
            assert_eq!(name, expected, "{user_name}");
            if name.is_empty() {
                continue;
            }
            let request = CreateUserProfileRequest {
                domain_id: Some("d-aaaaaaaaaaaa".to_owned()),
                user_profile_name: Some(name.clone()),
                ..CreateUserProfileRequest::default()
            };
            let report = validate(&request, None);
            assert_eq!(
                report.at("UserProfileName").count(),
                0,
                "{name}: {report:?}"
            );
        }
    }

    #[test]
    fn a_directory_user_travels_with_awss_member_names() {
        let user = DirectoryUser {
            user_id: "u-1".to_owned(),
            user_name: "maria.garcia".to_owned(),
            display_name: Some("María García".to_owned()),
            emails: vec!["maria@example.com".to_owned()],
        };
        assert_eq!(
            serde_json::to_value(&user).unwrap(),
            serde_json::json!({"UserId": "u-1", "UserName": "maria.garcia",
                               "DisplayName": "María García", "Emails": ["maria@example.com"]})
        );
    }
}
