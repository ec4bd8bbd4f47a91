//! What every request handler can reach.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::FromRef;

use crate::auth::{Auth, AuthSettings};
use crate::batch::BatchEngine;
use crate::identity::Directories;
use crate::jobs::{JobEngine, JobsConfig};
use crate::prices::Prices;
use crate::sagemaker::SharedClient;
use crate::shutdown::Shutdown;
use crate::store::{DbTarget, Store};
use crate::streams::StreamGate;

/// The shared state of the HTTP API (cheap to clone).
#[derive(Debug, Clone)]
pub struct AppState {
    /// The signed SageMaker client: the only way to AWS (or the emulator).
    pub sagemaker: SharedClient,
    /// Delete jobs, kept in the `--db` file (in memory without one).
    pub jobs: JobEngine,
    /// Team files applied as durable batches (same database, same replica name).
    pub batches: BatchEngine,
    /// The database (the same one the jobs use): sessions, audit log, requests, policies.
    pub store: Store,
    /// Who is asking: accounts, sessions, identity headers.
    pub auth: Auth,
    /// Settings fixed at start-up.
    pub settings: Arc<Settings>,
    /// Whether the server is stopping (event streams end then).
    pub shutdown: Shutdown,
    /// The event streams open per session.
    pub streams: StreamGate,
    /// The IAM Identity Center directories of SSO domains, found once a minute.
    pub directories: Directories,
    /// Hourly prices of instance types (`--prices`), for the running page's estimate.
    pub prices: Option<Arc<Prices>>,
}

/// Start-up settings the handlers need.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Directory of the built SPA (`index.html` and its hashed assets).
    pub assets_dir: PathBuf,
    /// The database for jobs, sessions and the audit log: a SQLite file, PostgreSQL, or
    /// (by default) a private in-memory database.
    pub db: DbTarget,
    /// How delete jobs pace themselves and how long a replica's lease on one lasts.
    pub jobs: JobsConfig,
    /// How people are recognized ([`AuthSettings::open`] for the single-user mode).
    pub auth: AuthSettings,
}

impl AppState {
    /// State for `client` with `settings`.
    pub fn new(sagemaker: SharedClient, settings: Settings) -> Self {
        let store = Store::lazy(&settings.db).with_clock(settings.auth.clock.clone());
        let jobs = JobEngine::new(store.clone(), Arc::clone(&sagemaker), settings.jobs.clone());
        let batches = BatchEngine::new(
            store.clone(),
            Arc::clone(&sagemaker),
            jobs.owner(),
            settings.jobs.lease,
        );
        let auth = Auth::new(settings.auth.clone(), store.clone());
        let directories = Directories::new(settings.auth.clock.clone());
        Self {
            directories,
            sagemaker,
            jobs,
            batches,
            store,
            auth,
            settings: Arc::new(settings),
            shutdown: Shutdown::default(),
            streams: StreamGate::default(),
            prices: None,
        }
    }

    /// The same state, estimating costs with `prices`.
    #[must_use]
    pub fn with_prices(mut self, prices: Prices) -> Self {
        self.prices = Some(Arc::new(prices));
        self
    }
}

impl FromRef<AppState> for JobEngine {
    fn from_ref(state: &AppState) -> Self {
        state.jobs.clone()
    }
}

impl FromRef<AppState> for BatchEngine {
    fn from_ref(state: &AppState) -> Self {
        state.batches.clone()
    }
}

impl FromRef<AppState> for Auth {
    fn from_ref(state: &AppState) -> Self {
        state.auth.clone()
    }
}
