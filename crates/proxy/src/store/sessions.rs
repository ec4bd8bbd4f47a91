//! Rows of the `sessions` table (keyed by the digest of the session token, never the
//! token) and the `secrets` table (keys the server makes once and keeps).

use sqlx::Row as _;

use super::{Store, StoreError};

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// The account signed in.
    pub name: String,
    /// When it was made (epoch ms).
    pub created_at: i64,
    /// When it ends (epoch ms).
    pub expires_at: i64,
    /// When it was last used (epoch ms; the idle timeout counts from here).
    pub last_seen_at: i64,
}

impl Store {
    /// Stores a new session under `digest`, and drops sessions that ended before `now`.
    pub async fn create_session(
        &self,
        digest: &str,
        name: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let pool = self.pool().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(pool)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_digest, name, created_at, expires_at, last_seen_at)
             VALUES ($1, $2, $3, $4, $3)",
        )
        .bind(digest)
        .bind(name)
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await?;
        Ok(())
    }

    /// The session stored under `digest`, expired or not.
    pub async fn session(&self, digest: &str) -> Result<Option<SessionRow>, StoreError> {
        let row = sqlx::query(
            "SELECT name, created_at, expires_at, COALESCE(last_seen_at, created_at) AS last_seen_at
             FROM sessions WHERE token_digest = $1",
        )
        .bind(digest)
        .fetch_optional(self.pool().await?)
        .await?;
        row.map(|row| {
            Ok(SessionRow {
                name: row.try_get("name")?,
                created_at: row.try_get("created_at")?,
                expires_at: row.try_get("expires_at")?,
                last_seen_at: row.try_get("last_seen_at")?,
            })
        })
        .transpose()
    }

    /// Records that the session stored under `digest` was used at `now`.
    pub async fn touch_session(&self, digest: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_digest = $1")
            .bind(digest)
            .bind(now)
            .execute(self.pool().await?)
            .await?;
        Ok(())
    }

    /// Ends the session stored under `digest` (nothing happens when there is none).
    pub async fn delete_session(&self, digest: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_digest = $1")
            .bind(digest)
            .execute(self.pool().await?)
            .await?;
        Ok(())
    }

    /// The secret named `name`: made of 32 random bytes the first time, the same ever after
    /// (also for other processes sharing the file).
    pub async fn secret(&self, name: &str) -> Result<Vec<u8>, StoreError> {
        use rand::RngCore as _;
        let mut fresh = vec![0_u8; 32];
        rand::rng().fill_bytes(&mut fresh);
        let pool = self.pool().await?;
        sqlx::query("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(&fresh)
            .execute(pool)
            .await?;
        let value = sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
            .bind(name)
            .fetch_one(pool)
            .await?;
        Ok(value)
    }
}
