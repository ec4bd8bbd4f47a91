//! Rows of the `policies` table: the members of CreateUserProfile a domain fixes.

use sqlx::Row as _;
use studio_admin_api::{DomainPolicy, EpochMillis};

use super::{Store, StoreError, known};

impl Store {
    /// The policy of `domain_id` ([`DomainPolicy::none`] when none was set).
    pub async fn policy(&self, domain_id: &str) -> Result<DomainPolicy, StoreError> {
        let row =
            sqlx::query("SELECT fixed, updated_by, updated_at FROM policies WHERE domain_id = $1")
                .bind(domain_id)
                .fetch_optional(self.pool().await?)
                .await?;
        let Some(row) = row else {
            return Ok(DomainPolicy::none());
        };
        Ok(DomainPolicy {
            fixed: known(row.try_get("fixed")?, "policy", |text| {
                serde_json::from_str(text).ok()
            })?,
            updated_by: row.try_get("updated_by")?,
            updated_at: row
                .try_get::<Option<i64>, _>("updated_at")?
                .map(EpochMillis),
        })
    }

    /// Sets the policy of `domain_id`.
    pub async fn put_policy(
        &self,
        domain_id: &str,
        fixed: &serde_json::Value,
        updated_by: &str,
        now: i64,
    ) -> Result<DomainPolicy, StoreError> {
        sqlx::query(
            "INSERT INTO policies (domain_id, fixed, updated_by, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (domain_id) DO UPDATE
             SET fixed = excluded.fixed, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(domain_id)
        .bind(fixed.to_string())
        .bind(updated_by)
        .bind(now)
        .execute(self.pool().await?)
        .await?;
        Ok(DomainPolicy {
            fixed: fixed.clone(),
            updated_by: Some(updated_by.to_owned()),
            updated_at: Some(EpochMillis(now)),
        })
    }
}
