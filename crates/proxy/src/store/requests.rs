//! Rows of the `requests` table: onboarding requests and their decisions. Every change of
//! status is one conditional UPDATE, so two people deciding at once cannot both win.

use sqlx::Row as _;
use sqlx::any::AnyRow;
use studio_admin_api::{EpochMillis, OnboardingRequest, RequestStatus};

use super::{Store, StoreError, known};

/// A request to store.
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// The domain.
    pub domain_id: String,
    /// The profile.
    pub profile_name: String,
    /// Who asks.
    pub requester: String,
    /// The CreateUserProfile request.
    pub request: serde_json::Value,
}

impl Store {
    /// Stores a pending request, or answers `Err(id)` of the open request for the same
    /// profile (the unique index decides between racing submissions).
    pub async fn insert_request(
        &self,
        new: &NewRequest,
        now: i64,
    ) -> Result<Result<OnboardingRequest, i64>, StoreError> {
        let key = new.profile_name.to_lowercase();
        let inserted = sqlx::query(
            "INSERT INTO requests (domain_id, profile_name, profile_key, requester, status, request,
                                   created_at, updated_at)
             VALUES ($1, $2, $3, $4, $7, $5, $6, $6) RETURNING *",
        )
        .bind(&new.domain_id)
        .bind(&new.profile_name)
        .bind(&key)
        .bind(&new.requester)
        .bind(new.request.to_string())
        .bind(now)
        .bind(RequestStatus::Pending.as_str())
        .fetch_one(self.pool().await?)
        .await;
        match inserted {
            Ok(row) => Ok(Ok(request_from_row(&row)?)),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                let id = sqlx::query_scalar(
                    "SELECT id FROM requests WHERE domain_id = $1 AND profile_key = $2
                     AND status IN ($3, $4)",
                )
                .bind(&new.domain_id)
                .bind(&key)
                .bind(RequestStatus::Pending.as_str())
                .bind(RequestStatus::Approving.as_str())
                .fetch_optional(self.pool().await?)
                .await?;
                Ok(Err(id.unwrap_or_default()))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// One request.
    pub async fn request(&self, id: i64) -> Result<Option<OnboardingRequest>, StoreError> {
        let row = sqlx::query("SELECT * FROM requests WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool().await?)
            .await?;
        row.as_ref().map(request_from_row).transpose()
    }

    /// Requests, newest first, optionally of one status and domain.
    pub async fn requests(
        &self,
        status: Option<RequestStatus>,
        domain_id: Option<&str>,
    ) -> Result<Vec<OnboardingRequest>, StoreError> {
        let rows = sqlx::query(
            "SELECT * FROM requests WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR domain_id = $2)
             ORDER BY id DESC",
        )
        .bind(status.map(RequestStatus::as_str))
        .bind(domain_id)
        .fetch_all(self.pool().await?)
        .await?;
        rows.iter().map(request_from_row).collect()
    }

    /// Replaces the CreateUserProfile request of a pending request; `None` when it is not
    /// pending (any more).
    pub async fn update_pending_request(
        &self,
        id: i64,
        request: &serde_json::Value,
        now: i64,
    ) -> Result<Option<OnboardingRequest>, StoreError> {
        self.transition(
            "UPDATE requests SET request = $4, error = NULL, updated_at = $3
             WHERE id = $1 AND status = $2 RETURNING *",
            id,
            (RequestStatus::Pending, RequestStatus::Pending),
            &[&request.to_string()],
            now,
        )
        .await
    }

    /// pending -> approving, recording the approver; `None` unless it was pending. The one
    /// conditional UPDATE that makes a profile be created once however often approval is
    /// clicked.
    pub async fn claim_for_approval(
        &self,
        id: i64,
        approver: &str,
        now: i64,
    ) -> Result<Option<OnboardingRequest>, StoreError> {
        self.transition(
            "UPDATE requests SET status = $5, decided_by = $4, decided_at = $3, updated_at = $3
             WHERE id = $1 AND status = $2 RETURNING *",
            id,
            (RequestStatus::Pending, RequestStatus::Approving),
            &[approver],
            now,
        )
        .await
    }

    /// approving -> approved with the created profile's ARN.
    pub async fn finish_approval(
        &self,
        id: i64,
        profile_arn: &str,
        now: i64,
    ) -> Result<Option<OnboardingRequest>, StoreError> {
        self.transition(
            "UPDATE requests SET status = $5, profile_arn = $4, error = NULL, updated_at = $3
             WHERE id = $1 AND status = $2 RETURNING *",
            id,
            (RequestStatus::Approving, RequestStatus::Approved),
            &[profile_arn],
            now,
        )
        .await
    }

    /// approving -> pending with why the approval failed.
    pub async fn release_approval(
        &self,
        id: i64,
        error: &str,
        now: i64,
    ) -> Result<Option<OnboardingRequest>, StoreError> {
        self.transition(
            "UPDATE requests SET status = $5, error = $4, decided_by = NULL, decided_at = NULL,
                                 updated_at = $3
             WHERE id = $1 AND status = $2 RETURNING *",
            id,
            (RequestStatus::Approving, RequestStatus::Pending),
            &[error],
            now,
        )
        .await
    }

    /// pending -> rejected with the reason; `None` unless it was pending.
    pub async fn reject_request(
        &self,
        id: i64,
        reason: &str,
        decided_by: &str,
        now: i64,
    ) -> Result<Option<OnboardingRequest>, StoreError> {
        self.transition(
            "UPDATE requests SET status = $5, reason = $4, decided_by = $6, decided_at = $3,
                                 updated_at = $3
             WHERE id = $1 AND status = $2 RETURNING *",
            id,
            (RequestStatus::Pending, RequestStatus::Rejected),
            &[reason, decided_by],
            now,
        )
        .await
    }

    /// One conditional UPDATE from one status to another: `$1` the id, `$2` the status it
    /// must have, `$3` now, `$4` the first text, `$5` the new status, `$6` the second text.
    async fn transition(
        &self,
        sql: &'static str,
        id: i64,
        (from, to): (RequestStatus, RequestStatus),
        texts: &[&str],
        now: i64,
    ) -> Result<Option<OnboardingRequest>, StoreError> {
        let mut query = sqlx::query(sql)
            .bind(id)
            .bind(from.as_str())
            .bind(now)
            .bind(texts.first().copied())
            .bind(to.as_str());
        if let Some(second) = texts.get(1) {
            query = query.bind(*second);
        }
        let row = query.fetch_optional(self.pool().await?).await?;
        row.as_ref().map(request_from_row).transpose()
    }
}

fn request_from_row(row: &AnyRow) -> Result<OnboardingRequest, StoreError> {
    Ok(OnboardingRequest {
        access: None,
        id: row.try_get("id")?,
        domain_id: row.try_get("domain_id")?,
        profile_name: row.try_get("profile_name")?,
        requester: row.try_get("requester")?,
        status: known(
            row.try_get("status")?,
            "request status",
            RequestStatus::parse,
        )?,
        request: known(row.try_get("request")?, "request", |text| {
            serde_json::from_str(text).ok()
        })?,
        reason: row.try_get("reason")?,
        error: row.try_get("error")?,
        decided_by: row.try_get("decided_by")?,
        decided_at: row
            .try_get::<Option<i64>, _>("decided_at")?
            .map(EpochMillis),
        profile_arn: row.try_get("profile_arn")?,
        created_at: EpochMillis(row.try_get("created_at")?),
        updated_at: EpochMillis(row.try_get("updated_at")?),
    })
}
