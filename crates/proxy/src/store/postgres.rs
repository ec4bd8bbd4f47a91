//! What only PostgreSQL does: how the server is reached, and its migrations
//! (`crates/proxy/migrations/postgres/`).

use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use sqlx::migrate::Migrator;

use super::StoreError;

/// The PostgreSQL schema, embedded in the binary.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Connections one replica keeps to the server at most.
const CONNECTIONS: u32 = 10;

/// A pool for the database at `url`; nothing is opened yet.
pub(super) fn pool(url: &str) -> AnyPool {
    AnyPoolOptions::new()
        .max_connections(CONNECTIONS)
        .min_connections(0)
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy(url)
        .expect("a PostgreSQL URL checked by DbTarget parses")
}

/// Brings the schema up to date. Several replicas starting at once take turns: the
/// migrator holds an advisory lock while it runs.
pub(super) async fn migrate(pool: &AnyPool) -> Result<(), StoreError> {
    MIGRATOR.run(pool).await?;
    Ok(())
}
