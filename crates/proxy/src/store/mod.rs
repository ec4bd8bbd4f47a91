//! The proxy's SQLite database (the `--db` file): delete jobs and their steps, sign-in
//! sessions and attempts, the audit log, onboarding requests and domain policies.
//!
//! The schema lives in `crates/proxy/migrations/` and is embedded in the binary; opening a
//! database applies whatever migrations it lacks. Every write is its own transaction (or
//! one transaction for a group that must land together), so a process killed at any moment
//! leaves the database at a step boundary.

mod audit;
mod jobs;
mod policies;
mod requests;
mod sessions;
mod sign_in;
mod steps;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use tokio::sync::OnceCell;

use crate::clock::Clock;

pub use audit::{AuditFilter, NewAuditEntry};
pub use jobs::{NewJob, is_running_job_conflict};
pub use requests::NewRequest;
pub use sessions::SessionRow;
pub use sign_in::Attempts;
pub use steps::{NewStep, StepUpdate};

/// What can go wrong with the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error("could not open the job database {path}: {source}")]
    Open {
        /// The file that was being opened.
        path: String,
        /// SQLite's explanation.
        #[source]
        source: sqlx::Error,
    },
    /// The schema could not be brought up to date (a newer binary wrote this file, or it is
    /// not a studio-admin database).
    #[error("could not update the job database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("job database error: {0}")]
    Query(#[from] sqlx::Error),
    /// A row holds a value this build does not know (written by a newer version).
    #[error("job database holds an unknown {what} value {value:?}")]
    Corrupt {
        /// Which column.
        what: &'static str,
        /// The value found.
        value: String,
    },
}

/// The job database: a small pool of connections to one SQLite file (or one private
/// in-memory database). Cheap to clone; clones share the pool.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    /// Set once the database was reached and its schema brought up to date.
    ready: Arc<OnceCell<()>>,
    /// What the store was opened on, for messages.
    label: Arc<str>,
    /// The time rows are stamped with.
    clock: Clock,
}

impl Store {
    /// A store for the SQLite file `path` (created if missing), or a private in-memory
    /// database when `None` (nothing survives a restart then). Nothing is opened yet: the
    /// first use opens the file and applies pending migrations, and reports a file that
    /// cannot be opened. Needs no runtime, so it fits synchronous constructors.
    pub fn lazy(path: Option<&Path>) -> Self {
        let (options, connections, label) = match path {
            Some(path) => (
                SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true),
                4,
                path.display().to_string(),
            ),
            // An in-memory database lives as long as its one connection: keep exactly one.
            None => (
                SqliteConnectOptions::new().in_memory(true),
                1,
                "(in memory)".to_owned(),
            ),
        };
        let options = options
            // WAL: readers (the API) never wait for the runner's writes.
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL loses nothing when the process is killed (only on power
            // loss may the last commits be lost), and keeps step writes cheap.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Several writers (runners, API) share the file; wait rather than fail.
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(connections)
            .min_connections(0)
            // Connections are never retired, so the in-memory database is never lost (and
            // no maintenance task is needed).
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_lazy_with(options);
        Self {
            pool,
            ready: Arc::new(OnceCell::new()),
            label: label.into(),
            clock: Clock::system(),
        }
    }

    /// The same store stamping rows with `clock`'s time (the proxy's one clock).
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Now, by the store's clock (epoch milliseconds).
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Opens (creating if missing) the database at `path` and applies pending migrations.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let store = Self::lazy(Some(path));
        store.pool().await?;
        Ok(store)
    }

    /// A private in-memory database, gone when the store is dropped; for tests and tools
    /// that need no durability.
    pub async fn in_memory() -> Result<Self, StoreError> {
        let store = Self::lazy(None);
        store.pool().await?;
        Ok(store)
    }

    /// The connection pool, once the database is open and its schema up to date.
    pub async fn pool(&self) -> Result<&SqlitePool, StoreError> {
        self.ready
            .get_or_try_init(|| async {
                let connection = self
                    .pool
                    .acquire()
                    .await
                    .map_err(|source| StoreError::Open {
                        path: self.label.to_string(),
                        source,
                    })?;
                drop(connection);
                sqlx::migrate!("./migrations").run(&self.pool).await?;
                Ok::<(), StoreError>(())
            })
            .await?;
        Ok(&self.pool)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use studio_admin_api::{JobStatus, Phase, StepKind, StepStatus};

    fn new_job(profile: &str) -> NewJob {
        NewJob {
            domain_id: "d-abcdefghijkl".to_owned(),
            profile_name: profile.to_owned(),
        }
    }

    fn app_step(name: &str) -> NewStep {
        NewStep {
            kind: StepKind::DeleteApp,
            resource: format!("app JupyterServer/{name}"),
            app_type: Some("JupyterServer".to_owned()),
            app_name: Some(name.to_owned()),
            space_name: None,
            phase: Phase::Call,
            detail: None,
        }
    }

    #[tokio::test]
    async fn a_second_delete_of_a_running_profile_gets_the_running_job_whatever_the_case() {
        let store = Store::in_memory().await.unwrap();
        let (first, created) = store.create_job(&new_job("alice")).await.unwrap();
        assert!(created);
        let (second, created) = store.create_job(&new_job("ALICE")).await.unwrap();
        assert!(!created);
        assert_eq!(second.id, first.id);
    }

    #[tokio::test]
    async fn a_finished_job_frees_the_profile_for_a_new_one_but_blocks_its_own_retry() {
        let store = Store::in_memory().await.unwrap();
        let (first, _) = store.create_job(&new_job("alice")).await.unwrap();
        store
            .finish_job(first.id, JobStatus::Failed, None, None, StepStatus::Skipped)
            .await
            .unwrap();
        let (second, created) = store.create_job(&new_job("alice")).await.unwrap();
        assert!(created && second.id != first.id);
        let refused = store.restart_job(first.id).await.unwrap_err();
        assert!(is_running_job_conflict(&refused), "{refused}");
    }

    #[tokio::test]
    async fn planning_a_round_again_adds_no_step_twice() {
        let store = Store::in_memory().await.unwrap();
        let (job, _) = store.create_job(&new_job("alice")).await.unwrap();
        let plan = NewStep {
            kind: StepKind::Plan,
            resource: "profile alice".to_owned(),
            ..app_step("x")
        };
        let plan = store.ensure_step(job.id, 0, &plan).await.unwrap();
        let steps = [app_step("default"), app_step("other")];
        for _ in 0..2 {
            store
                .record_plan(
                    job.id,
                    0,
                    plan.id,
                    &steps,
                    "2 apps",
                    "alice",
                    Some("200001"),
                )
                .await
                .unwrap();
        }
        let stored = store.round_steps(job.id, 0).await.unwrap();
        assert_eq!(stored.len(), 3, "{stored:#?}");
        let job = store.job(job.id).await.unwrap().unwrap();
        assert_eq!(job.home_efs_file_system_uid.as_deref(), Some("200001"));
    }

    #[tokio::test]
    async fn jobs_and_steps_survive_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jobs.db");
        let id = {
            let store = Store::open(&path).await.unwrap();
            let (job, _) = store.create_job(&new_job("alice")).await.unwrap();
            let step = store
                .ensure_step(job.id, 0, &app_step("default"))
                .await
                .unwrap();
            store
                .update_step(
                    step.id,
                    &StepUpdate {
                        status: Some(StepStatus::Running),
                        add_call: true,
                        started: true,
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            job.id
        };
        let store = Store::open(&path).await.unwrap();
        let running = store.running_jobs().await.unwrap();
        assert_eq!(running.iter().map(|j| j.id).collect::<Vec<_>>(), [id]);
        let steps = store.steps(id).await.unwrap();
        assert_eq!((steps[0].status, steps[0].calls), (StepStatus::Running, 1));
        assert!(steps[0].started_at.is_some());
    }

    #[tokio::test]
    async fn a_file_that_cannot_be_created_is_reported_with_its_path() {
        let error = Store::open(Path::new("/nonexistent-dir/jobs.db"))
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("/nonexistent-dir/jobs.db"),
            "{error}"
        );
    }
}
