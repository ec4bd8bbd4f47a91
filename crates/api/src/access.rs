//! Who may do what: roles, the signed-in person, and the permission predicates that both
//! the proxy's handlers (to refuse) and the panel (to offer no dead controls) ask.
//!
//! Roles are hierarchical, each including the one before: viewer < requester < lead <
//! admin. Every role but admin is limited to its domains. A [`Permission`] names the least
//! role that holds it and whether it is limited to the person's domains.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a person may do, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads lists and details of their domains.
    Viewer,
    /// A viewer who may also ask for their own profile and open their own Studio.
    Requester,
    /// A requester who may also create, edit and delete profiles and decide requests in
    /// their domains.
    Lead,
    /// Everything in every domain, and the audit log.
    Admin,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Self; 4] = [Self::Viewer, Self::Requester, Self::Lead, Self::Admin];

    /// The role's name as written in the accounts file, on the command line and in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Requester => "requester",
            Self::Lead => "lead",
            Self::Admin => "admin",
        }
    }

    /// "a" or "an", for sentences that name the role.
    fn article(self) -> &'static str {
        if self == Self::Admin { "an" } else { "a" }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that is none of the four.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleParseError(pub String);

impl fmt::Display for RoleParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown role {:?}: choose viewer, requester, lead or admin",
            self.0
        )
    }
}

impl std::error::Error for RoleParseError {}

impl FromStr for Role {
    type Err = RoleParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| RoleParseError(s.to_owned()))
    }
}

/// The domains a person's role applies to. On the wire a list of domain ids, with `"*"`
/// for every domain (as in the accounts file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainScope {
    /// Every domain.
    All,
    /// Only these domain ids.
    Only(Vec<String>),
}

impl DomainScope {
    /// From a list as written in the accounts file: `"*"` anywhere means every domain.
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

    /// Both scopes together (every domain if either is).
    #[must_use]
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

impl Default for DomainScope {
    fn default() -> Self {
        Self::Only(Vec::new())
    }
}

impl From<Vec<String>> for DomainScope {
    fn from(list: Vec<String>) -> Self {
        Self::from_list(&list)
    }
}

impl From<DomainScope> for Vec<String> {
    fn from(scope: DomainScope) -> Self {
        match scope {
            DomainScope::All => vec!["*".to_owned()],
            DomainScope::Only(ids) => ids,
        }
    }
}

impl Serialize for DomainScope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::All => ["*"].serialize(serializer),
            Self::Only(ids) => ids.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for DomainScope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(deserializer).map(Self::from)
    }
}

/// How a person was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// An account of the accounts file (or a demo account) signed in with its password.
    Password,
    /// The identity headers of a trusted reverse proxy.
    Header,
    /// `--no-auth`: the single local user.
    Open,
}

/// The signed-in person: `GET /api/session`'s `user`, and what every permission question
/// is asked of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Sign-in name (or the reverse proxy's user name).
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Where they may do it (admins: everywhere, whatever this says).
    pub domains: DomainScope,
    /// Their own SageMaker UserProfileName (empty: none).
    #[serde(default)]
    pub profile: String,
    /// How they were recognized.
    pub source: Source,
}

/// Something a person may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read domains, profiles, jobs and policies.
    Read,
    /// Ask for one's own profile, follow one's own requests, open one's own Studio.
    RequestOwn,
    /// Create, edit and delete profiles; cancel and retry their delete jobs.
    ChangeProfiles,
    /// Decide onboarding requests and set domain policies.
    DecideRequests,
    /// Read and export the audit log.
    ReadAudit,
}

impl Permission {
    /// Every permission, from the least role's to the greatest's.
    pub const ALL: [Self; 5] = [
        Self::Read,
        Self::RequestOwn,
        Self::ChangeProfiles,
        Self::DecideRequests,
        Self::ReadAudit,
    ];

    /// The least role that holds it.
    pub fn role(self) -> Role {
        match self {
            Self::Read => Role::Viewer,
            Self::RequestOwn => Role::Requester,
            Self::ChangeProfiles | Self::DecideRequests => Role::Lead,
            Self::ReadAudit => Role::Admin,
        }
    }

    /// Why someone who lacks it is refused, naming what is missing so that they know
    /// whom to ask: `requires the lead role in domain d-…`.
    pub fn requirement(self, domain_id: Option<&str>) -> String {
        match domain_id {
            Some(domain) if self.role() != Role::Admin => {
                format!("requires the {} role in domain {domain}", self.role())
            }
            _ => format!("requires the {} role", self.role()),
        }
    }
}

impl User {
    /// Whether the person may see `domain_id` at all (admins see every domain).
    pub fn sees(&self, domain_id: &str) -> bool {
        self.role == Role::Admin || self.domains.contains(domain_id)
    }

    /// Whether the person sees every domain.
    pub fn sees_all(&self) -> bool {
        self.role == Role::Admin || self.domains == DomainScope::All
    }

    /// Whether the person holds `permission` in at least one place (the panel shows a
    /// navigation entry then; each domain is asked with [`User::may_in`]).
    pub fn may(&self, permission: Permission) -> bool {
        self.role >= permission.role()
    }

    /// Whether the person holds `permission` in `domain_id`.
    pub fn may_in(&self, permission: Permission, domain_id: &str) -> bool {
        self.may(permission) && self.sees(domain_id)
    }

    /// Whether `profile_name` is the person's own profile (SageMaker names compare without
    /// case; a person without a profile owns none).
    pub fn owns(&self, profile_name: &str) -> bool {
        !self.profile.is_empty() && self.profile.eq_ignore_ascii_case(profile_name)
    }

    /// Whether the person may ask for `profile_name` in `domain_id`: only their own.
    pub fn may_request_profile(&self, domain_id: &str, profile_name: &str) -> bool {
        self.may_in(Permission::RequestOwn, domain_id) && self.owns(profile_name)
    }

    /// Whether the person may get a Studio sign-in link for `profile_name`: admins for
    /// anyone, others only for themselves, in their domains.
    pub fn may_open_studio(&self, domain_id: &str, profile_name: &str) -> bool {
        self.role == Role::Admin || self.may_request_profile(domain_id, profile_name)
    }

    /// Whether the person may see an onboarding request of `requester` for `domain_id`:
    /// their own, or one they may decide.
    pub fn may_see_request(&self, domain_id: &str, requester: &str) -> bool {
        (self.may(Permission::RequestOwn) && self.name.eq_ignore_ascii_case(requester))
            || self.may_in(Permission::DecideRequests, domain_id)
    }

    /// "a lead", "an admin": the person's role in a sentence.
    pub fn role_phrase(&self) -> String {
        format!("{} {}", self.role.article(), self.role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, domains: &[&str], profile: &str) -> User {
        User {
            name: "lee".to_owned(),
            role,
            domains: DomainScope::from_list(
                &domains.iter().map(|d| (*d).to_owned()).collect::<Vec<_>>(),
            ),
            profile: profile.to_owned(),
            source: Source::Password,
        }
    }

    #[test]
    fn a_lead_changes_profiles_in_their_domains_only() {
        let lead = user(Role::Lead, &["d-aaaaaaaaaaaa"], "lee");
        assert!(lead.may_in(Permission::ChangeProfiles, "d-aaaaaaaaaaaa"));
        assert!(!lead.may_in(Permission::ChangeProfiles, "d-bbbbbbbbbbbb"));
        assert!(!lead.may(Permission::ReadAudit));
        assert_eq!(
            Permission::ChangeProfiles.requirement(Some("d-bbbbbbbbbbbb")),
            "requires the lead role in domain d-bbbbbbbbbbbb"
        );
        assert_eq!(
            Permission::ReadAudit.requirement(Some("d-bbbbbbbbbbbb")),
            "requires the admin role"
        );
    }

    #[test]
    fn an_admin_acts_everywhere_whatever_the_list_says() {
        let admin = user(Role::Admin, &[], "");
        assert!(admin.may_in(Permission::ChangeProfiles, "d-anything"));
        assert!(admin.may_open_studio("d-anything", "someone-else"));
        assert!(admin.sees_all());
    }

    #[test]
    fn roles_include_the_ones_below_them() {
        for permission in Permission::ALL {
            for role in Role::ALL {
                let u = user(role, &["*"], "x");
                assert_eq!(u.may(permission), role >= permission.role());
            }
        }
    }

    #[test]
    fn own_profiles_compare_without_case_and_an_empty_profile_owns_nothing() {
        assert!(user(Role::Requester, &["d-1"], "Lee").owns("lee"));
        assert!(!user(Role::Requester, &["d-1"], "").owns(""));
        let requester = user(Role::Requester, &["d-1"], "lee");
        assert!(requester.may_open_studio("d-1", "LEE"));
        assert!(!requester.may_open_studio("d-1", "someone"));
        assert!(!requester.may_open_studio("d-2", "lee"));
        assert!(!user(Role::Viewer, &["d-1"], "lee").may_open_studio("d-1", "lee"));
    }

    #[test]
    fn requests_are_seen_by_their_requester_and_by_who_may_decide_them() {
        let requester = user(Role::Requester, &["d-1"], "lee");
        assert!(requester.may_see_request("d-1", "LEE"));
        assert!(!requester.may_see_request("d-1", "kim"));
        let lead = user(Role::Lead, &["d-1"], "lee");
        assert!(lead.may_see_request("d-1", "kim"));
        assert!(!lead.may_see_request("d-2", "kim"));
    }

    #[test]
    fn scopes_travel_as_lists_with_a_star_for_every_domain() {
        assert_eq!(
            serde_json::to_value(DomainScope::All).unwrap(),
            serde_json::json!(["*"])
        );
        let scope: DomainScope = serde_json::from_value(serde_json::json!(["d-1", "*"])).unwrap();
        assert_eq!(scope, DomainScope::All);
        assert_eq!(
            DomainScope::from_list(&["d-1".to_owned()]).union(DomainScope::Only(vec![])),
            DomainScope::Only(vec!["d-1".to_owned()])
        );
    }

    #[test]
    fn roles_parse_from_their_names_and_refuse_others_with_the_choices() {
        assert_eq!("Lead".parse::<Role>(), Ok(Role::Lead));
        let error = "boss".parse::<Role>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown role \"boss\": choose viewer, requester, lead or admin"
        );
    }
}
