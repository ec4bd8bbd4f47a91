//! News of job changes, so that an event stream on any replica follows a job whichever
//! replica runs it. PostgreSQL announces every committed change of a job or its steps
//! (LISTEN/NOTIFY; the triggers are in `migrations/postgres/0002_job_leases.sql`); SQLite
//! has no such channel and is polled.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Interval, MissedTickBehavior};

use super::{DbTarget, Store, postgres};

/// How often a SQLite database is looked at for changes.
const SQLITE_POLL: Duration = Duration::from_millis(500);

/// How often a PostgreSQL database is looked at anyway: announcements made while the
/// listening connection was being re-established are lost.
const POSTGRES_POLL: Duration = Duration::from_secs(2);

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// This job or one of its steps.
    Job(i64),
    /// Unknown: look at every job of interest.
    Any,
}

/// A source of [`Change`]s (see [`Store::changes`]).
#[derive(Debug)]
pub struct Changes {
    announced: Option<mpsc::Receiver<Change>>,
    tick: Interval,
}

impl Store {
    /// Starts following changes: on PostgreSQL a listening connection of its own (kept by
    /// a task until the `Changes` is dropped), on SQLite a timer.
    pub async fn changes(&self) -> Changes {
        let (announced, poll) = match &self.target {
            DbTarget::Postgres(url) => match postgres::announcements(url).await {
                Ok(receiver) => (Some(receiver), POSTGRES_POLL),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for job changes; polling instead");
                    (None, SQLITE_POLL)
                }
            },
            DbTarget::Memory | DbTarget::Sqlite(_) => (None, SQLITE_POLL),
        };
        let mut tick = tokio::time::interval(poll);
        tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        Changes { announced, tick }
    }
}

impl Changes {
    /// The next change (cancel-safe).
    pub async fn next(&mut self) -> Change {
        match &mut self.announced {
            Some(announced) => tokio::select! {
                change = announced.recv() => change.unwrap_or(Change::Any),
                _ = self.tick.tick() => Change::Any,
            },
            None => {
                self.tick.tick().await;
                Change::Any
            }
        }
    }
}
