//! How long the audit log keeps entries: every day, entries older than the retention
//! (`--audit-retention-days`, 400 days by default: a year and a review cycle) are deleted.

use std::time::Duration;

use crate::clock::Clock;
use crate::store::Store;

/// The retention when none is configured.
pub const DEFAULT_RETENTION_DAYS: u32 = 400;

/// How often old entries are looked for.
const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Deletes entries older than `days` now and then once a day, for as long as the process
/// runs. A failure is logged and tried again the next day.
pub fn spawn(store: Store, clock: Clock, days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        loop {
            ticks.tick().await;
            match prune(&store, &clock, days).await {
                Ok(0) => {}
                Ok(deleted) => tracing::info!(deleted, days, "old audit entries deleted"),
                Err(e) => tracing::error!(error = %e, "could not delete old audit entries"),
            }
        }
    })
}

/// Deletes the entries older than `days` at the clock's now; how many went.
pub async fn prune(
    store: &Store,
    clock: &Clock,
    days: u32,
) -> Result<u64, crate::store::StoreError> {
    let keep_ms = i64::from(days) * 24 * 60 * 60 * 1000;
    store.prune_audit(clock.now_ms() - keep_ms).await
}
