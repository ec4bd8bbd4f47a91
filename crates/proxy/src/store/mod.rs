//! The proxy's SQLite database (the `--db` file): delete jobs and their steps.
//!
//! The schema lives in `crates/proxy/migrations/` and is embedded in the binary; opening a
//! database applies whatever migrations it lacks. Every write is its own transaction (or
//! one transaction for a group that must land together), so a process killed at any moment
//! leaves the database at a step boundary.

mod jobs;
mod steps;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use jobs::{NewJob, is_running_job_conflict};
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

/// The job database: a small pool of connections to one SQLite file.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if missing) the database at `path` and applies pending migrations.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true);
        Self::connect(options, 4)
            .await
            .map_err(|source| match source {
                StoreError::Query(source) => StoreError::Open {
                    path: path.display().to_string(),
                    source,
                },
                other => other,
            })
    }

    /// A private in-memory database (one connection, gone when the store is dropped); for
    /// tests and tools that need no durability.
    pub async fn in_memory() -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
        Self::connect(options, 1).await
    }

    async fn connect(options: SqliteConnectOptions, connections: u32) -> Result<Self, StoreError> {
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
            // An in-memory database lives as long as its one connection.
            .min_connections(if connections == 1 { 1 } else { 0 })
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    /// The connection pool, for queries of other modules.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
