//! IAM Identity Center in the emulated account, in memory: the instance, its directory
//! (the Identity Store's users, groups and memberships), the applications SSO-mode domains
//! create in it, and who is assigned to them.
//!
//! An account has at most one instance (as an organization's instance on AWS); it appears
//! when the first SSO-mode domain is created or the first directory entry is seeded. The
//! Identity Store API of the model is read-only, so people and groups come from the
//! seeding methods (`Emulator::seed_directory_user`, ...).

use std::time::Duration;

use studio_admin_model::sso_admin::PrincipalType;

use crate::ids::{self, Arns};

/// The Identity Center instance and its identity store.
#[derive(Debug, Clone)]
pub(crate) struct Instance {
    /// `ssoins-` and 16 hex digits.
    pub(crate) id: String,
    pub(crate) arn: String,
    /// `d-` and 10 hex digits.
    pub(crate) identity_store_id: String,
    pub(crate) identity_store_arn: String,
    pub(crate) created: Duration,
}

/// A person in the directory.
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub(crate) id: String,
    /// Unique in the directory, compared ignoring case.
    pub(crate) user_name: String,
    pub(crate) given_name: String,
    pub(crate) family_name: String,
    /// The primary work address.
    pub(crate) email: String,
    pub(crate) created: Duration,
}

impl User {
    /// "Given Family", the display name Identity Center shows.
    pub(crate) fn display_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}

/// A group of the directory.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub(crate) id: String,
    /// Unique in the directory, compared ignoring case.
    pub(crate) display_name: String,
    pub(crate) description: Option<String>,
    pub(crate) created: Duration,
}

/// A user's membership of a group.
#[derive(Debug, Clone)]
pub(crate) struct Membership {
    /// Order of making (lists are in this order).
    pub(crate) seq: u64,
    pub(crate) id: String,
    pub(crate) group_id: String,
    pub(crate) user_id: String,
    pub(crate) created: Duration,
}

/// The application an SSO-mode domain has in the instance.
#[derive(Debug, Clone)]
pub(crate) struct Application {
    pub(crate) arn: String,
    /// The domain it belongs to; it goes when the domain goes.
    pub(crate) domain_id: String,
    pub(crate) name: String,
    /// The domain's Studio URL, where people are sent from the access portal.
    pub(crate) url: String,
    /// Whether only assigned users and groups may use it (true for SageMaker Studio).
    pub(crate) assignment_required: bool,
    pub(crate) created: Duration,
}

/// A user or group assigned to an application.
#[derive(Debug, Clone)]
pub(crate) struct Assignment {
    /// Order of making (lists are in this order).
    pub(crate) seq: u64,
    pub(crate) application_arn: String,
    pub(crate) principal_type: PrincipalType,
    pub(crate) principal_id: String,
}

/// Everything of IAM Identity Center in the account.
#[derive(Debug, Default)]
pub(crate) struct IdentityCenter {
    pub(crate) instance: Option<Instance>,
    pub(crate) users: Vec<User>,
    pub(crate) groups: Vec<Group>,
    pub(crate) memberships: Vec<Membership>,
    pub(crate) applications: Vec<Application>,
    pub(crate) assignments: Vec<Assignment>,
    /// The last sequence number given to a membership or assignment.
    last_seq: u64,
}

impl IdentityCenter {
    /// A new sequence number, greater than every one given before.
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.last_seq += 1;
        self.last_seq
    }

    /// The instance, created at `now` if the account has none yet.
    pub(crate) fn ensure_instance(&mut self, arns: &Arns, now: Duration) -> &Instance {
        self.instance.get_or_insert_with(|| {
            let id = ids::sso_instance_id();
            let identity_store_id = ids::identity_store_id();
            Instance {
                arn: arns.sso_instance(&id),
                identity_store_arn: arns.identity_store(&identity_store_id),
                id,
                identity_store_id,
                created: now,
            }
        })
    }

    /// Creates the IAM Identity Center application of a new SSO-mode domain (and the
    /// instance, if the account has none), as SageMaker does; answers its ARN.
    pub(crate) fn add_studio_application(
        &mut self,
        arns: &Arns,
        domain_id: &str,
        url: &str,
        now: Duration,
    ) -> String {
        let instance_id = self.ensure_instance(arns, now).id.clone();
        let arn = arns.sso_application(&instance_id);
        self.applications.push(Application {
            arn: arn.clone(),
            domain_id: domain_id.to_owned(),
            name: format!("SageMakerStudio-{domain_id}"),
            url: url.to_owned(),
            assignment_required: true,
            created: now,
        });
        arn
    }

    /// Whether `given` names this account's identity store (by id or by ARN).
    pub(crate) fn is_identity_store(&self, given: &str) -> bool {
        self.instance
            .as_ref()
            .is_some_and(|i| given == i.identity_store_id || given == i.identity_store_arn)
    }

    /// The user with this id (or user ARN).
    pub(crate) fn user(&self, id: &str) -> Option<&User> {
        let id = id.rsplit('/').next().unwrap_or(id);
        self.users.iter().find(|u| u.id == id)
    }

    /// The user with this user name (any case).
    pub(crate) fn user_named(&self, name: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.user_name.eq_ignore_ascii_case(name))
    }

    /// The group with this id (or group ARN).
    pub(crate) fn group(&self, id: &str) -> Option<&Group> {
        let id = id.rsplit('/').next().unwrap_or(id);
        self.groups.iter().find(|g| g.id == id)
    }

    /// Whether the user is a member of the group.
    pub(crate) fn is_member(&self, user_id: &str, group_id: &str) -> bool {
        self.memberships
            .iter()
            .any(|m| m.user_id == user_id && m.group_id == group_id)
    }

    /// The application with this ARN.
    pub(crate) fn application(&self, arn: &str) -> Option<&Application> {
        self.applications.iter().find(|a| a.arn == arn)
    }

    /// Whether a principal of this type and id exists in the directory.
    pub(crate) fn principal_exists(&self, principal_type: &PrincipalType, id: &str) -> bool {
        match principal_type {
            PrincipalType::User => self.user(id).is_some(),
            PrincipalType::Group => self.group(id).is_some(),
            PrincipalType::Unknown(_) => false,
        }
    }

    /// Index of the assignment of this principal to this application.
    pub(crate) fn assignment_index(
        &self,
        application_arn: &str,
        principal_type: &PrincipalType,
        principal_id: &str,
    ) -> Option<usize> {
        self.assignments.iter().position(|a| {
            a.application_arn == application_arn
                && &a.principal_type == principal_type
                && a.principal_id == principal_id
        })
    }

    /// Forgets the applications of domains that are gone, with their assignments.
    pub(crate) fn retain_applications(&mut self, domain_exists: impl Fn(&str) -> bool) {
        self.applications.retain(|a| domain_exists(&a.domain_id));
        let applications = &self.applications;
        self.assignments
            .retain(|a| applications.iter().any(|app| app.arn == a.application_arn));
    }
}
