//! Rows of the `sign_in_attempts` table: sign-in attempts counted per key (a name, an
//! address) in fixed windows. Counting is one atomic statement, so attempts that arrive at
//! once are each given their own number, and only the first few of a window get to have
//! their password checked.

use sqlx::Row as _;

use super::{Store, StoreError};

/// Where a key stands after one more attempt was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    /// Attempts in the current window, this one included.
    pub count: i64,
    /// When the current window started (epoch ms).
    pub window_start: i64,
}

impl Store {
    /// Counts one attempt against `key` at `now`: in the current window if it started
    /// less than `window_ms` ago, else in a new window starting now.
    pub async fn count_sign_in_attempt(
        &self,
        key: &str,
        now: i64,
        window_ms: i64,
    ) -> Result<Attempts, StoreError> {
        let row = sqlx::query(
            "INSERT INTO sign_in_attempts (key, window_start, attempts) VALUES ($1, $2, 1)
             ON CONFLICT (key) DO UPDATE SET
                 attempts = CASE WHEN window_start <= $2 - $3 THEN 1 ELSE attempts + 1 END,
                 window_start = CASE WHEN window_start <= $2 - $3 THEN $2 ELSE window_start END
             RETURNING attempts, window_start",
        )
        .bind(key)
        .bind(now)
        .bind(window_ms)
        .fetch_one(self.pool().await?)
        .await?;
        Ok(Attempts {
            count: row.try_get("attempts")?,
            window_start: row.try_get("window_start")?,
        })
    }

    /// Takes one counted attempt of `key` back (it was not a failure after all).
    pub async fn uncount_sign_in_attempt(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE sign_in_attempts SET attempts = attempts - 1 WHERE key = $1 AND attempts > 0",
        )
        .bind(key)
        .execute(self.pool().await?)
        .await?;
        Ok(())
    }

    /// Forgets every attempt of `key` (a name that just signed in).
    pub async fn forget_sign_in_attempts(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sign_in_attempts WHERE key = $1")
            .bind(key)
            .execute(self.pool().await?)
            .await?;
        Ok(())
    }

    /// Drops the keys whose window ended before `now` (they count nothing any more).
    pub async fn prune_sign_in_attempts(
        &self,
        now: i64,
        window_ms: i64,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sign_in_attempts WHERE window_start <= $1 - $2")
            .bind(now)
            .bind(window_ms)
            .execute(self.pool().await?)
            .await?;
        Ok(done.rows_affected())
    }
}
