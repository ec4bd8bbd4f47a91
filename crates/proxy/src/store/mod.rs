//! The proxy's database: delete jobs and their steps, sign-in sessions and attempts, the
//! audit log, onboarding requests and domain policies. An embedded SQLite file by default
//! (`--db PATH` or `sqlite:PATH`; in memory without `--db`), or PostgreSQL
//! (`--db postgres://...`) when several replicas share it.
//!
//! One interface for both: the queries are portable SQL sent through sqlx's `Any` driver
//! (`$N` placeholders, `ON CONFLICT`, `RETURNING`), and what differs between the engines
//! lives in `sqlite.rs` and `postgres.rs` (connecting, migrations, claiming jobs). Each
//! engine's schema is in `crates/proxy/migrations/<engine>/`, embedded in the binary;
//! opening a database applies whatever migrations it lacks. Every write is its own
//! transaction (or one transaction for a group that must land together), so a process
//! killed at any moment leaves the database at a step boundary.

mod audit;
mod batches;
mod changes;
mod jobs;
mod leases;
mod policies;
mod postgres;
mod requests;
mod sessions;
mod sign_in;
mod sqlite;
mod steps;
mod target;

use std::sync::Arc;

use sqlx::AnyPool;
use tokio::sync::OnceCell;

use crate::clock::Clock;

pub use audit::{AuditFilter, NewAuditEntry};
pub use batches::{NewBatch, NewBatchRow, OpenRow, RenewedBatch, RowEnd};
pub use changes::{Change, Changes};
pub use jobs::{NewJob, is_running_job_conflict};
pub use leases::{Claimed, Fence, LeaseTerms, Renewed};
pub use requests::NewRequest;
pub use sessions::SessionRow;
pub use sign_in::Attempts;
pub use steps::{NewStep, StepUpdate};
pub use target::{DbTarget, TargetError};

/// What can go wrong with the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or opened.
    #[error("could not open the database {target}: {source}")]
    Open {
        /// What was being opened (a file, or a PostgreSQL URL without its password).
        target: String,
        /// The driver's explanation.
        #[source]
        source: sqlx::Error,
    },
    /// The schema could not be brought up to date (a newer binary wrote this database, or
    /// it is not a studio-admin database).
    #[error("could not update the database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query failed.
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    /// A runner's write refused: another replica claimed the job after this runner's lease
    /// ran out, and runs it now.
    #[error("delete job {0} is run by another replica now (this one's lease ran out)")]
    LeaseLost(i64),
    /// A row holds a value this build does not know (written by a newer version).
    #[error("the database holds an unknown {what} value {value:?}")]
    Corrupt {
        /// Which column.
        what: &'static str,
        /// The value found.
        value: String,
    },
}

/// A column's text read by `parse`: a value it does not know is [`StoreError::Corrupt`]
/// (naming the column `what`), so a row a newer version wrote is an error, not a panic.
fn known<T>(
    value: String,
    what: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, StoreError> {
    parse(&value).ok_or(StoreError::Corrupt { what, value })
}

/// Which engine a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// An embedded SQLite file (or a private in-memory database).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The database: a pool of connections to one SQLite file, one private in-memory database
/// or one PostgreSQL database. Cheap to clone; clones share the pool.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// Set once the database was reached and its schema brought up to date.
    ready: Arc<OnceCell<()>>,
    /// What the store was opened on (its `Debug` and label never show a password).
    target: DbTarget,
    /// The time rows are stamped with.
    clock: Clock,
}

impl Store {
    /// A store for `target`. Nothing is opened yet: the first use connects and applies
    /// pending migrations, and reports a database that cannot be reached. Needs no runtime,
    /// so it fits synchronous constructors.
    pub fn lazy(target: &DbTarget) -> Self {
        sqlx::any::install_default_drivers();
        let (pool, engine) = match target {
            DbTarget::Memory | DbTarget::Sqlite(_) => (sqlite::pool(target), Engine::Sqlite),
            DbTarget::Postgres(url) => (postgres::pool(url), Engine::Postgres),
        };
        Self {
            pool,
            engine,
            ready: Arc::new(OnceCell::new()),
            target: target.clone(),
            clock: Clock::system(),
        }
    }

    /// Opens (creating a SQLite file if missing) the database and applies pending
    /// migrations.
    pub async fn connect(target: &DbTarget) -> Result<Self, StoreError> {
        let store = Self::lazy(target);
        store.pool().await?;
        Ok(store)
    }

    /// Opens (creating if missing) the SQLite file at `path`.
    pub async fn open(path: &std::path::Path) -> Result<Self, StoreError> {
        Self::connect(&DbTarget::Sqlite(path.to_path_buf())).await
    }

    /// A private in-memory database, gone when the store is dropped; for tests and tools
    /// that need no durability.
    pub async fn in_memory() -> Result<Self, StoreError> {
        Self::connect(&DbTarget::Memory).await
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

    /// The engine behind the store.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The connection pool, once the database is reached and its schema up to date.
    pub async fn pool(&self) -> Result<&AnyPool, StoreError> {
        self.ready
            .get_or_try_init(|| async {
                let connection = self
                    .pool
                    .acquire()
                    .await
                    .map_err(|source| StoreError::Open {
                        target: self.target.label(),
                        source,
                    })?;
                drop(connection);
                match self.engine {
                    Engine::Sqlite => sqlite::migrate(&self.pool).await?,
                    Engine::Postgres => postgres::migrate(&self.pool).await?,
                }
                Ok::<(), StoreError>(())
            })
            .await?;
        Ok(&self.pool)
    }

    /// Whether the database answers now (and its schema is up to date): for readiness
    /// probes.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(self.pool().await?).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // What every engine must do is tested against both in the conformance suite
    // (tests/api/store_conformance.rs); this is SQLite's own.
    #[tokio::test]
    async fn a_file_that_cannot_be_created_is_reported_with_its_path() {
        let error = Store::open(std::path::Path::new("/nonexistent-dir/jobs.db"))
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("/nonexistent-dir/jobs.db"),
            "{error}"
        );
    }
}
