//! What only PostgreSQL does: how the server is reached, and its migrations
//! (`crates/proxy/migrations/postgres/`).

use std::time::Duration;

use sqlx::AnyPool;
use sqlx::Executor as _;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;

use sqlx::postgres::PgListener;
use tokio::sync::mpsc;

use super::StoreError;
use super::changes::Change;

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
        .after_connect(|connection, _meta| {
            Box::pin(async move {
                // A replica paused (or cut off) in the middle of a transaction would hold
                // its row locks for as long as it is gone, and a claim skips locked jobs:
                // the server ends such a session after a while, so the job can be taken
                // over. The proxy's transactions last milliseconds.
                connection
                    .execute("SET idle_in_transaction_session_timeout = 5000")
                    .await?;
                Ok(())
            })
        })
        .connect_lazy(url)
        .expect("a PostgreSQL URL checked by DbTarget parses")
}

/// Brings the schema up to date. Several replicas starting at once take turns: the
/// migrator holds an advisory lock while it runs.
pub(super) async fn migrate(pool: &AnyPool) -> Result<(), StoreError> {
    MIGRATOR.run(pool).await?;
    Ok(())
}

/// Claims jobs (see [`super::Store::claim_jobs`]): rows another replica is claiming at
/// this moment are skipped rather than waited for, and never claimed twice.
pub(super) const CLAIM_JOBS: &str = "UPDATE jobs
    SET taken_from = owner, owner = $1, lease_until = $2, fence = fence + 1
    WHERE id IN (SELECT id FROM jobs WHERE status = 'running' AND lease_until < $3
                   AND ($5 IS NULL OR id = $5)
                 ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
    RETURNING id, fence, taken_from";

/// The channel the triggers announce job changes on.
const JOB_CHANNEL: &str = "studio_admin_jobs";

/// Listens for job changes on a connection of its own; a task forwards each one until the
/// receiver is dropped. A lost connection is re-established, and reported as
/// [`Change::Any`] since announcements made meanwhile are lost.
pub(super) async fn announcements(url: &str) -> Result<mpsc::Receiver<Change>, StoreError> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(JOB_CHANNEL).await?;
    let (sender, receiver) = mpsc::channel(256);
    tokio::spawn(async move {
        loop {
            let change = match listener.try_recv().await {
                Ok(Some(note)) => note.payload().parse().map_or(Change::Any, Change::Job),
                Ok(None) => Change::Any,
                Err(e) => {
                    tracing::warn!(error = %e, "lost the connection listening for job changes");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    Change::Any
                }
            };
            if sender.send(change).await.is_err() {
                return;
            }
        }
    });
    Ok(receiver)
}
