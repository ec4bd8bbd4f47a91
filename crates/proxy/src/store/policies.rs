//! Rows of the `policies` table: the members of CreateUserProfile a domain fixes.

use serde::Serialize;
use sqlx::Row as _;

use super::{Store, StoreError};

/// A domain's policy, as `GET /api/domains/{domain}/policy` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// A partial CreateUserProfile request (`{}` when the domain fixes nothing).
    pub fixed: serde_json::Value,
    /// Who set it last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
    /// When (epoch ms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<i64>,
}

impl Policy {
    /// The policy of a domain that fixes nothing.
    pub fn none() -> Self {
        Self {
            fixed: serde_json::json!({}),
            updated_by: None,
            updated_at: None,
        }
    }
}

impl Store {
    /// The policy of `domain_id` ([`Policy::none`] when none was set).
    pub async fn policy(&self, domain_id: &str) -> Result<Policy, StoreError> {
        let row =
            sqlx::query("SELECT fixed, updated_by, updated_at FROM policies WHERE domain_id = ?1")
                .bind(domain_id)
                .fetch_optional(self.pool().await?)
                .await?;
        let Some(row) = row else {
            return Ok(Policy::none());
        };
        let fixed: String = row.try_get("fixed")?;
        Ok(Policy {
            fixed: serde_json::from_str(&fixed).map_err(|_| StoreError::Corrupt {
                what: "policy",
                value: fixed,
            })?,
            updated_by: row.try_get("updated_by")?,
            updated_at: row.try_get("updated_at")?,
        })
    }

    /// Sets the policy of `domain_id`.
    pub async fn put_policy(
        &self,
        domain_id: &str,
        fixed: &serde_json::Value,
        updated_by: &str,
        now: i64,
    ) -> Result<Policy, StoreError> {
        sqlx::query(
            "INSERT INTO policies (domain_id, fixed, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (domain_id) DO UPDATE
             SET fixed = excluded.fixed, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(domain_id)
        .bind(fixed.to_string())
        .bind(updated_by)
        .bind(now)
        .execute(self.pool().await?)
        .await?;
        Ok(Policy {
            fixed: fixed.clone(),
            updated_by: Some(updated_by.to_owned()),
            updated_at: Some(now),
        })
    }
}
