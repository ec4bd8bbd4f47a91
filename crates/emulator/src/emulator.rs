//! The emulator's state and the handle everything else holds.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use studio_admin_model::sso_admin::PrincipalType;
use studio_admin_model::{
    AppStatus, CreateAppRequest, CreateDomainRequest, CreateSpaceRequest, CreateUserProfileRequest,
    DomainStatus, SpaceStatus, UserProfileStatus,
};

use crate::calls::{Call, CallLog};
use crate::clock::Clock;
use crate::config::{EmulatorConfig, Seed};
use crate::directory::{Group, Membership, User};
use crate::error::{ApiError, ErrorCode};
use crate::ids::{self, Arns};
use crate::seal::SealKey;
use crate::store::Store;

/// A person to add to the Identity Center directory with [`Emulator::seed_directory_user`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryUser {
    /// The sign-in name (`maria.garcia`), unique in the directory ignoring case.
    pub user_name: String,
    /// First name.
    pub given_name: String,
    /// Last name.
    pub family_name: String,
    /// The primary work e-mail address.
    pub email: String,
}

/// A running emulated SageMaker account: configuration, clock and resources. Cheap to
/// clone (all clones share the same state); serve it with [`router`](crate::router) or
/// [`spawn`](crate::spawn).
#[derive(Debug, Clone)]
pub struct Emulator {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: EmulatorConfig,
    arns: Arns,
    clock: Clock,
    token_key: SealKey,
    store: RwLock<Store>,
    calls: CallLog,
    /// Operations whose next successful calls lose their answer, and how many more.
    lose_answers: Mutex<BTreeMap<String, u32>>,
}

impl Emulator {
    /// A new emulator with the data of `config.seed`.
    pub fn new(config: EmulatorConfig) -> Self {
        let emulator = Self {
            inner: Arc::new(Inner {
                arns: Arns::new(&config.region, &config.account_id),
                clock: Clock::start(),
                token_key: SealKey::random(),
                store: RwLock::new(Store::default()),
                calls: CallLog::default(),
                lose_answers: Mutex::default(),
                config,
            }),
        };
        if emulator.inner.config.seed == Seed::Demo {
            crate::seed::demo(&emulator);
        }
        emulator
    }

    /// The configuration it was started with.
    pub fn config(&self) -> &EmulatorConfig {
        &self.inner.config
    }

    /// Adds a domain directly, created `age` ago, in `status` (`Pending` moves on to
    /// `InService` as the timings say). Returns the domain id.
    ///
    /// The `seed_*` methods skip the model validation of the wire layer but keep the
    /// service's rules (names unique, owners existing). Settled statuses (`InService`,
    /// `Failed`, `Delete_Failed`...) hold since creation; transitional ones (`Pending`,
    /// `Deleting`, and `Deleted` with its retention time) start now.
    pub fn seed_domain(
        &self,
        request: CreateDomainRequest,
        status: DomainStatus,
        age: Duration,
    ) -> Result<String, ApiError> {
        self.insert_domain(request, status, age)
            .map(|r| r.domain_id.unwrap_or_default())
    }

    /// Adds a user profile directly, created `age` ago, in `status` (e.g.
    /// `Delete_Failed`, which the API cannot produce). Returns the profile's ARN.
    pub fn seed_user_profile(
        &self,
        request: CreateUserProfileRequest,
        status: UserProfileStatus,
        age: Duration,
    ) -> Result<String, ApiError> {
        self.insert_user_profile(request, status, age)
            .map(|r| r.user_profile_arn.unwrap_or_default())
    }

    /// Adds an app directly, created `age` ago, in `status` (e.g. `Failed`, or `Deleted`,
    /// which then stays listed for the retention time). Returns the app's ARN.
    pub fn seed_app(
        &self,
        request: CreateAppRequest,
        status: AppStatus,
        age: Duration,
    ) -> Result<String, ApiError> {
        self.insert_app(request, status, age, None)
            .map(|r| r.app_arn.unwrap_or_default())
    }

    /// Adds an app like [`Self::seed_app`] whose user last did something in it `idle`
    /// ago when given (DescribeApp's `LastUserActivityTimestamp`), e.g. one left running
    /// past its idle timeout. Returns the app's ARN.
    pub fn seed_idle_app(
        &self,
        request: CreateAppRequest,
        status: AppStatus,
        age: Duration,
        idle: Option<Duration>,
    ) -> Result<String, ApiError> {
        self.insert_app(request, status, age, idle)
            .map(|r| r.app_arn.unwrap_or_default())
    }

    /// The id of the account's Identity Center identity store (`d-` and 10 hex digits),
    /// creating the instance if the account has none yet.
    pub fn identity_store_id(&self) -> String {
        let (mut store, now) = self.write();
        store
            .identity
            .ensure_instance(self.arns(), now)
            .identity_store_id
            .clone()
    }

    /// Adds a person to the Identity Center directory, created `age` ago. Returns the
    /// user id. A user name the directory has (ignoring case) is refused.
    pub fn seed_directory_user(
        &self,
        user: DirectoryUser,
        age: Duration,
    ) -> Result<String, ApiError> {
        let (mut store, now) = self.write();
        let identity = &mut store.identity;
        let store_id = identity
            .ensure_instance(self.arns(), now)
            .identity_store_id
            .clone();
        if identity.user_named(&user.user_name).is_some() {
            return Err(ApiError::new(
                ErrorCode::ConflictException,
                format!("A user named {} already exists.", user.user_name),
            ));
        }
        let id = ids::directory_id(&store_id);
        identity.users.push(User {
            id: id.clone(),
            user_name: user.user_name,
            given_name: user.given_name,
            family_name: user.family_name,
            email: user.email,
            created: now.saturating_sub(age),
        });
        Ok(id)
    }

    /// Adds a group to the Identity Center directory. Returns the group id. A display
    /// name the directory has (ignoring case) is refused.
    pub fn seed_directory_group(
        &self,
        display_name: &str,
        description: Option<&str>,
        age: Duration,
    ) -> Result<String, ApiError> {
        let (mut store, now) = self.write();
        let identity = &mut store.identity;
        let store_id = identity
            .ensure_instance(self.arns(), now)
            .identity_store_id
            .clone();
        if identity
            .groups
            .iter()
            .any(|g| g.display_name.eq_ignore_ascii_case(display_name))
        {
            return Err(ApiError::new(
                ErrorCode::ConflictException,
                format!("A group named {display_name} already exists."),
            ));
        }
        let id = ids::directory_id(&store_id);
        identity.groups.push(Group {
            id: id.clone(),
            display_name: display_name.to_owned(),
            description: description.map(str::to_owned),
            created: now.saturating_sub(age),
        });
        Ok(id)
    }

    /// Makes a user a member of a group (both by id). Returns the membership id.
    pub fn seed_group_member(&self, group_id: &str, user_id: &str) -> Result<String, ApiError> {
        let (mut store, now) = self.write();
        let identity = &mut store.identity;
        let missing = |what: &str, id: &str| {
            ApiError::new(
                ErrorCode::ResourceNotFoundException,
                format!("{what} {id} does not exist."),
            )
        };
        let store_id = identity
            .instance
            .as_ref()
            .map(|i| i.identity_store_id.clone())
            .ok_or_else(|| missing("Group", group_id))?;
        identity
            .group(group_id)
            .ok_or_else(|| missing("Group", group_id))?;
        identity
            .user(user_id)
            .ok_or_else(|| missing("User", user_id))?;
        if identity.is_member(user_id, group_id) {
            return Err(ApiError::new(
                ErrorCode::ConflictException,
                format!("User {user_id} is already a member of group {group_id}."),
            ));
        }
        let id = ids::directory_id(&store_id);
        let seq = identity.next_seq();
        identity.memberships.push(Membership {
            seq,
            id: id.clone(),
            group_id: group_id.to_owned(),
            user_id: user_id.to_owned(),
            created: now,
        });
        Ok(id)
    }

    /// Assigns a user or group (by id) to an Identity Center application, as
    /// CreateApplicationAssignment does (the same errors), without a signed call.
    pub fn seed_application_assignment(
        &self,
        application_arn: &str,
        principal_type: PrincipalType,
        principal_id: &str,
    ) -> Result<(), ApiError> {
        self.create_application_assignment(
            &studio_admin_model::sso_admin::CreateApplicationAssignmentRequest {
                application_arn: Some(application_arn.to_owned()),
                principal_id: Some(principal_id.to_owned()),
                principal_type: Some(principal_type),
            },
        )
        .map(|_| ())
    }

    /// Sets whether an Identity Center application admits only assigned users and groups
    /// (GetApplicationAssignmentConfiguration's `AssignmentRequired`; SageMaker creates
    /// its applications with `true`).
    pub fn set_assignment_required(
        &self,
        application_arn: &str,
        required: bool,
    ) -> Result<(), ApiError> {
        let (mut store, _) = self.write();
        let app = store
            .identity
            .applications
            .iter_mut()
            .find(|a| a.arn == application_arn)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ResourceNotFoundException,
                    format!("Application {application_arn} does not exist."),
                )
            })?;
        app.assignment_required = required;
        Ok(())
    }

    /// Adds a space directly, created `age` ago, in `status`. Returns the space's ARN.
    pub fn seed_space(
        &self,
        request: CreateSpaceRequest,
        status: SpaceStatus,
        age: Duration,
    ) -> Result<String, ApiError> {
        self.insert_space(request, status, age)
            .map(|r| r.space_arn.unwrap_or_default())
    }

    /// Every call answered so far, oldest first (signature refusals and unknown
    /// operations included, as errors).
    pub fn calls(&self) -> Vec<Call> {
        self.inner.calls.snapshot()
    }

    /// The calls of `operation` so far.
    pub fn calls_of(&self, operation: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.operation == operation)
            .collect()
    }

    /// Makes the next `count` successful calls of `operation` take effect but answer
    /// `InternalFailure`, as when AWS's answer is lost on the way: a deterministic version
    /// of [`Faults::lost_answer_rate`](crate::Faults::lost_answer_rate) for tests.
    pub fn lose_next_answers(&self, operation: &str, count: u32) {
        self.inner
            .lose_answers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(operation.to_owned(), count);
    }

    /// Whether this successful call of `operation` loses its answer (counting it down).
    pub(crate) fn take_lost_answer(&self, operation: &str) -> bool {
        let mut lose = self
            .inner
            .lose_answers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match lose.get_mut(operation) {
            Some(left) if *left > 0 => {
                *left -= 1;
                true
            }
            _ => false,
        }
    }

    pub(crate) fn call_log(&self) -> &CallLog {
        &self.inner.calls
    }

    pub(crate) fn arns(&self) -> &Arns {
        &self.inner.arns
    }

    pub(crate) fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    pub(crate) fn token_key(&self) -> &SealKey {
        &self.inner.token_key
    }

    /// Emulator time now.
    pub(crate) fn now(&self) -> Duration {
        self.inner.clock.now()
    }

    /// Reads the store (a poisoned lock is still read: the data stays consistent because
    /// every write completes its checks before changing anything).
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.inner
            .store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads the store, and the moment it is read at (as [`Self::write`] answers).
    pub(crate) fn read_now(&self) -> (RwLockReadGuard<'_, Store>, Duration) {
        let store = self.read();
        (store, self.now())
    }

    /// Writes the store, first forgetting what is gone.
    pub(crate) fn write(&self) -> (RwLockWriteGuard<'_, Store>, Duration) {
        let mut store = self
            .inner
            .store
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let now = self.now();
        store.purge(now);
        (store, now)
    }
}
