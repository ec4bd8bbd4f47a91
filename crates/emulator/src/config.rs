//! What an emulator is started with: identity of the fake account, credentials to verify,
//! how long lifecycle transitions take, which faults to inject, and the initial data.

use std::collections::BTreeMap;
use std::time::Duration;

/// Everything an [`Emulator`](crate::Emulator) needs to start.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// The region the emulator pretends to be; it appears in ARNs and URLs, and requests
    /// must be signed for it.
    pub region: String,
    /// The 12-digit account id in ARNs.
    pub account_id: String,
    /// `(access key id, secret access key)`. When set, every request's SigV4 signature is
    /// recomputed and compared; without it, only a well-formed Authorization header is
    /// required (any key works).
    pub credentials: Option<(String, String)>,
    /// How long lifecycle transitions take.
    pub timings: Timings,
    /// Errors and delays to inject.
    pub faults: Faults,
    /// The data present at start.
    pub seed: Seed,
}

impl Default for EmulatorConfig {
    /// `us-east-1`, account `123456789012`, no signature verification, demo timings, no
    /// faults, no data.
    fn default() -> Self {
        Self {
            region: "us-east-1".to_owned(),
            account_id: "123456789012".to_owned(),
            credentials: None,
            timings: Timings::default(),
            faults: Faults::default(),
            seed: Seed::Empty,
        }
    }
}

/// The data an emulator starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Seed {
    /// No domains at all.
    #[default]
    Empty,
    /// A team's worth of data for demos: an IAM-mode domain with two dozen profiles, apps in
    /// every state and private and shared spaces; an SSO-mode domain; a VpcOnly domain.
    Demo,
}

/// How long each lifecycle transition takes. A transition of zero completes at once (the
/// next request already sees the final status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timings {
    /// Domain `Pending` -> `InService`.
    pub domain_create: Duration,
    /// Domain `Deleting` -> gone.
    pub domain_delete: Duration,
    /// User profile `Pending` -> `InService`.
    pub profile_create: Duration,
    /// User profile `Updating` -> `InService`.
    pub profile_update: Duration,
    /// User profile `Deleting` -> gone.
    pub profile_delete: Duration,
    /// App `Pending` -> `InService`.
    pub app_create: Duration,
    /// App `Deleting` -> `Deleted`.
    pub app_delete: Duration,
    /// How long a `Deleted` app stays listed and describable before it disappears
    /// (AWS keeps deleted apps visible for a while).
    pub deleted_app_retention: Duration,
    /// Space `Pending` -> `InService`.
    pub space_create: Duration,
    /// Space `Deleting` -> gone.
    pub space_delete: Duration,
}

impl Timings {
    /// Every transition completes at once; deleted apps stay listed for an hour. For tests.
    pub fn instant() -> Self {
        Self::uniform(Duration::ZERO, Duration::from_secs(3600))
    }

    /// Every transition takes `transition`; deleted apps stay listed for `retention`.
    pub fn uniform(transition: Duration, retention: Duration) -> Self {
        Self {
            domain_create: transition,
            domain_delete: transition,
            profile_create: transition,
            profile_update: transition,
            profile_delete: transition,
            app_create: transition,
            app_delete: transition,
            deleted_app_retention: retention,
            space_create: transition,
            space_delete: transition,
        }
    }

    /// Sets one timing by its command-line name (`app-create`, `deleted-app-retention`,
    /// ...). Returns false when the name is not one of [`Timings::NAMES`].
    pub fn set(&mut self, name: &str, value: Duration) -> bool {
        let slot = match name {
            "domain-create" => &mut self.domain_create,
            "domain-delete" => &mut self.domain_delete,
            "profile-create" => &mut self.profile_create,
            "profile-update" => &mut self.profile_update,
            "profile-delete" => &mut self.profile_delete,
            "app-create" => &mut self.app_create,
            "app-delete" => &mut self.app_delete,
            "deleted-app-retention" => &mut self.deleted_app_retention,
            "space-create" => &mut self.space_create,
            "space-delete" => &mut self.space_delete,
            _ => return false,
        };
        *slot = value;
        true
    }

    /// The names [`Timings::set`] accepts.
    pub const NAMES: &'static [&'static str] = &[
        "domain-create",
        "domain-delete",
        "profile-create",
        "profile-update",
        "profile-delete",
        "app-create",
        "app-delete",
        "deleted-app-retention",
        "space-create",
        "space-delete",
    ];
}

impl Default for Timings {
    /// Demo pace: long enough to watch a status badge change, short enough not to bore.
    /// (Real AWS takes seconds for profiles and minutes for apps.)
    fn default() -> Self {
        Self {
            domain_create: Duration::from_secs(5),
            domain_delete: Duration::from_secs(5),
            profile_create: Duration::from_secs(2),
            profile_update: Duration::from_secs(2),
            profile_delete: Duration::from_secs(3),
            app_create: Duration::from_secs(8),
            app_delete: Duration::from_secs(5),
            deleted_app_retention: Duration::from_secs(15 * 60),
            space_create: Duration::from_secs(3),
            space_delete: Duration::from_secs(3),
        }
    }
}

/// Faults to inject, so clients' retries and error paths can be exercised.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Share of requests (0.0..=1.0) answered with `ThrottlingException`.
    pub throttle_rate: f64,
    /// Share of requests (0.0..=1.0) answered with `InternalFailure` (HTTP 500) before
    /// anything is done.
    pub internal_failure_rate: f64,
    /// Share of successful requests (0.0..=1.0) whose answer is replaced by
    /// `InternalFailure` after the operation took effect: the client cannot tell that it
    /// succeeded (as when AWS's answer is lost). Calls of read-only operations are never
    /// affected.
    pub lost_answer_rate: f64,
    /// Delay added to every request.
    pub latency: Duration,
    /// Extra delay for particular operations, by operation name (`CreateApp`).
    pub operation_delays: BTreeMap<String, Duration>,
}

impl Faults {
    /// The delay for one request of `operation`: the common latency plus its own delay.
    pub fn delay_for(&self, operation: &str) -> Duration {
        self.latency
            + self
                .operation_delays
                .get(operation)
                .copied()
                .unwrap_or_default()
    }
}
