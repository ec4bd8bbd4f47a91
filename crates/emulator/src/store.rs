//! The emulated account's resources, in memory.
//!
//! Records keep what was asked for (the create request's settings) and their status
//! [`Timeline`]; the wire views are built from them by the operations. Resources that
//! are gone stay in the vectors until the next write purges them, so reads only need a
//! read lock and simply skip them.

use std::time::Duration;

use studio_admin_model::{
    AppStatus, AppType, CreateDomainRequest, DomainStatus, OwnershipSettings, ResourceSpec,
    SpaceSettings, SpaceSharingSettings, SpaceStatus, Tag, UserProfileStatus, UserSettings,
};

use crate::directory::IdentityCenter;
use crate::error::ApiError;
use crate::lifecycle::Timeline;

/// A Studio domain.
#[derive(Debug, Clone)]
pub(crate) struct Domain {
    pub(crate) id: String,
    pub(crate) arn: String,
    /// The create request, as given (name, auth mode, network, default settings...).
    pub(crate) request: CreateDomainRequest,
    pub(crate) home_efs_id: String,
    pub(crate) url: String,
    /// IAM Identity Center application (SSO-mode domains only).
    pub(crate) sso_application_arn: Option<String>,
    /// The security group SageMaker creates for traffic between the domain's apps.
    pub(crate) boundary_security_group: String,
    /// Its tags, in the order they were added (ListTags).
    pub(crate) tags: Vec<Tag>,
    pub(crate) created: Duration,
    pub(crate) timeline: Timeline<DomainStatus>,
}

/// A user profile.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub(crate) domain_id: String,
    /// The name as created (lookups ignore case, as AWS does).
    pub(crate) name: String,
    pub(crate) arn: String,
    pub(crate) settings: Option<UserSettings>,
    pub(crate) sso_identifier: Option<String>,
    pub(crate) sso_value: Option<String>,
    pub(crate) home_uid: String,
    pub(crate) failure_reason: Option<String>,
    /// Its tags, in the order they were added (given at CreateUserProfile, then AddTags).
    pub(crate) tags: Vec<Tag>,
    pub(crate) created: Duration,
    pub(crate) timeline: Timeline<UserProfileStatus>,
}

/// Who an app belongs to: a user profile or a space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Owner {
    /// A user profile's app (`UserProfileName`).
    User(String),
    /// A space's app (`SpaceName`).
    Space(String),
}

impl Owner {
    pub(crate) fn name(&self) -> &str {
        match self {
            Self::User(n) | Self::Space(n) => n,
        }
    }

    /// Same owner, names compared as AWS compares them (ignoring case).
    pub(crate) fn is(&self, other: &Owner) -> bool {
        match (self, other) {
            (Self::User(a), Self::User(b)) | (Self::Space(a), Self::Space(b)) => {
                a.eq_ignore_ascii_case(b)
            }
            _ => false,
        }
    }
}

/// An app (JupyterServer, KernelGateway, JupyterLab...).
#[derive(Debug, Clone)]
pub(crate) struct App {
    pub(crate) domain_id: String,
    pub(crate) owner: Owner,
    pub(crate) app_type: AppType,
    pub(crate) name: String,
    pub(crate) arn: String,
    pub(crate) resource_spec: Option<ResourceSpec>,
    pub(crate) recovery_mode: Option<bool>,
    pub(crate) failure_reason: Option<String>,
    /// Its tags, in the order they were added.
    pub(crate) tags: Vec<Tag>,
    /// When its user last did something in it, if that is known apart from its start
    /// (seeded idle apps); otherwise the moment it came into service.
    pub(crate) last_activity: Option<Duration>,
    pub(crate) created: Duration,
    pub(crate) timeline: Timeline<AppStatus>,
}

impl App {
    /// Whether the app still holds on to its owner: AWS refuses to delete a profile or
    /// space while any of its apps is neither `Deleted` nor `Failed`.
    pub(crate) fn is_live(&self, now: Duration) -> bool {
        matches!(
            self.timeline.status(now),
            Some(s) if !matches!(s, AppStatus::Deleted | AppStatus::Failed)
        )
    }
}

/// A space (private or shared).
#[derive(Debug, Clone)]
pub(crate) struct Space {
    pub(crate) domain_id: String,
    pub(crate) name: String,
    pub(crate) arn: String,
    pub(crate) settings: Option<SpaceSettings>,
    pub(crate) ownership: Option<OwnershipSettings>,
    pub(crate) sharing: Option<SpaceSharingSettings>,
    pub(crate) display_name: Option<String>,
    pub(crate) home_uid: String,
    pub(crate) url: String,
    pub(crate) failure_reason: Option<String>,
    /// Its tags, in the order they were added.
    pub(crate) tags: Vec<Tag>,
    pub(crate) created: Duration,
    pub(crate) timeline: Timeline<SpaceStatus>,
}

impl Space {
    /// The owning profile's name, if the space has one.
    pub(crate) fn owner(&self) -> Option<&str> {
        self.ownership
            .as_ref()
            .and_then(|o| o.owner_user_profile_name.as_deref())
    }
}

/// A resource named within its domain: user profiles and spaces, whose names AWS
/// compares ignoring case and whose not-found errors it words alike.
pub(crate) trait InDomain: Sized {
    /// The kind in AWS's not-found message (`User profile`, `Space`).
    const KIND: &'static str;
    fn domain_id(&self) -> &str;
    fn name(&self) -> &str;
    fn is_gone(&self, now: Duration) -> bool;
    /// Every record of the kind in the store.
    fn all(store: &Store) -> &[Self];
    /// Its statuses (`UserProfileStatus`, `SpaceStatus`).
    type Status: Clone;
    fn timeline(&self) -> &Timeline<Self::Status>;
    fn created(&self) -> Duration;
    fn arn(&self) -> &str;
}

/// Implements [`InDomain`] for records with `domain_id`, `name`, `arn`, `created` and a
/// `timeline` of `$status`, kept in the store's list `$list`.
macro_rules! in_domain {
    ($($record:ty = $kind:literal in $list:ident, $status:ty);+ $(;)?) => {$(
        impl InDomain for $record {
            const KIND: &'static str = $kind;
            fn domain_id(&self) -> &str {
                &self.domain_id
            }
            fn name(&self) -> &str {
                &self.name
            }
            fn is_gone(&self, now: Duration) -> bool {
                self.timeline.is_gone(now)
            }
            fn all(store: &Store) -> &[Self] {
                &store.$list
            }
            type Status = $status;
            fn timeline(&self) -> &Timeline<$status> {
                &self.timeline
            }
            fn created(&self) -> Duration {
                self.created
            }
            fn arn(&self) -> &str {
                &self.arn
            }
        }
    )+};
}

in_domain!(
    Profile = "User profile" in profiles, UserProfileStatus;
    Space = "Space" in spaces, SpaceStatus;
);

/// Every resource of the emulated account.
#[derive(Debug, Default)]
pub(crate) struct Store {
    pub(crate) domains: Vec<Domain>,
    pub(crate) profiles: Vec<Profile>,
    pub(crate) apps: Vec<App>,
    pub(crate) spaces: Vec<Space>,
    /// IAM Identity Center: the directory and the SSO-mode domains' applications.
    pub(crate) identity: IdentityCenter,
}

impl Store {
    /// Forgets resources that are gone at `now` (and the applications of gone domains).
    pub(crate) fn purge(&mut self, now: Duration) {
        self.domains.retain(|d| !d.timeline.is_gone(now));
        self.profiles.retain(|p| !p.timeline.is_gone(now));
        self.apps.retain(|a| !a.timeline.is_gone(now));
        self.spaces.retain(|s| !s.timeline.is_gone(now));
        let domains = &self.domains;
        self.identity
            .retain_applications(|id| domains.iter().any(|d| d.id == id));
    }

    /// The domain with this id, unless gone.
    pub(crate) fn domain(&self, id: &str, now: Duration) -> Option<&Domain> {
        self.domains
            .iter()
            .find(|d| d.id == id && !d.timeline.is_gone(now))
    }

    /// Where the profile or space `name` (any case) of the domain is, unless gone;
    /// `ResourceNotFound` in AWS's words otherwise (for the domain when it is gone).
    pub(crate) fn the_index<T: InDomain>(
        &self,
        domain_id: &str,
        name: &str,
        now: Duration,
    ) -> Result<usize, ApiError> {
        self.the_domain(domain_id, now)?;
        T::all(self)
            .iter()
            .position(|r| {
                r.domain_id() == domain_id && r.name().eq_ignore_ascii_case(name) && !r.is_gone(now)
            })
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "{} {name} does not exist in domain {domain_id}.",
                    T::KIND
                ))
            })
    }

    /// The profile or space at [`Self::the_index`].
    pub(crate) fn the<T: InDomain>(
        &self,
        domain_id: &str,
        name: &str,
        now: Duration,
    ) -> Result<&T, ApiError> {
        Ok(&T::all(self)[self.the_index::<T>(domain_id, name, now)?])
    }

    /// Index of the app with this identity; a live app is preferred over deleted ones of
    /// the same name (AWS lists both after a re-create).
    pub(crate) fn app_index(
        &self,
        domain_id: &str,
        owner: &Owner,
        app_type: &AppType,
        name: &str,
        now: Duration,
    ) -> Option<usize> {
        let matching = |a: &&App| {
            a.domain_id == domain_id
                && a.owner.is(owner)
                && &a.app_type == app_type
                && a.name == name
                && !a.timeline.is_gone(now)
        };
        let mut candidates: Vec<(usize, &App)> = self
            .apps
            .iter()
            .enumerate()
            .filter(|(_, a)| matching(a))
            .collect();
        candidates.sort_by_key(|(_, a)| {
            (
                a.timeline.status(now) != Some(&AppStatus::Deleted),
                a.created,
            )
        });
        candidates.last().map(|(i, _)| *i)
    }

    /// The apps of an owner that are still live (neither `Deleted` nor `Failed`).
    pub(crate) fn live_apps<'a>(
        &'a self,
        domain_id: &'a str,
        owner: &'a Owner,
        now: Duration,
    ) -> impl Iterator<Item = &'a App> + 'a {
        self.apps
            .iter()
            .filter(move |a| a.domain_id == domain_id && a.owner.is(owner) && a.is_live(now))
    }

    /// The spaces a profile owns (not gone).
    pub(crate) fn owned_spaces<'a>(
        &'a self,
        domain_id: &'a str,
        profile: &'a str,
        now: Duration,
    ) -> impl Iterator<Item = &'a Space> + 'a {
        self.spaces.iter().filter(move |s| {
            s.domain_id == domain_id
                && !s.timeline.is_gone(now)
                && s.owner().is_some_and(|o| o.eq_ignore_ascii_case(profile))
        })
    }
}
