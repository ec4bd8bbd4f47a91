//! The emulator's state and the handle everything else holds.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use studio_admin_model::{
    AppStatus, CreateAppRequest, CreateDomainRequest, CreateSpaceRequest, CreateUserProfileRequest,
    DomainStatus, SpaceStatus, UserProfileStatus,
};

use crate::calls::{Call, CallLog};
use crate::clock::Clock;
use crate::config::{EmulatorConfig, Seed};
use crate::error::ApiError;
use crate::ids::Arns;
use crate::seal::SealKey;
use crate::store::Store;

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
        self.insert_app(request, status, age)
            .map(|r| r.app_arn.unwrap_or_default())
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
