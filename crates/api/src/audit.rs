//! The audit log: what is recorded ([`AuditAction`], [`AuditOutcome`]), an entry, a page of
//! `GET /api/audit`, and the filters shared by the page and `GET /api/audit/export`.

use serde::{Deserialize, Serialize};

use crate::access::Role;
use crate::query::{empty_as_none, query_string};
use crate::spelled::spelled;
use crate::time::EpochMillis;

spelled! {
    /// A change (or a sign-in) the audit log records. Each route that makes one names it
    /// where the route is declared; the panel's filter offers these.
    pub enum AuditAction {
        /// `POST /api/session`.
        SignIn = "session.sign_in" => "Sign in",
        /// `DELETE /api/session`.
        SignOut = "session.sign_out" => "Sign out",
        /// Identity headers from a peer that is not a trusted proxy (refused).
        UntrustedHeader = "session.untrusted_header" => "Untrusted identity header",
        /// An identity header sent twice in one request (refused).
        DuplicateIdentityHeader = "session.duplicate_identity_header"
            => "Duplicate identity header",
        /// `POST /api/domains/{domain}/profiles`.
        ProfileCreate = "profile.create" => "Create profile",
        /// `PUT /api/domains/{domain}/profiles/{name}`.
        ProfileUpdate = "profile.update" => "Edit profile",
        /// `PUT /api/domains/{domain}/profiles/{name}/tags`.
        ProfileTags = "profile.tags" => "Change profile tags",
        /// `DELETE /api/domains/{domain}/profiles/{name}` (starts a delete job).
        ProfileDelete = "profile.delete" => "Delete profile",
        /// `POST /api/domains/{domain}/profiles/{name}/presigned-url`.
        PresignedUrl = "profile.presigned_url" => "Open Studio",
        /// `POST /api/jobs/{id}/cancel`.
        JobCancel = "job.cancel" => "Cancel delete job",
        /// `POST /api/jobs/{id}/retry`.
        JobRetry = "job.retry" => "Retry delete job",
        /// `POST /api/requests`.
        RequestSubmit = "request.submit" => "Submit request",
        /// `PUT /api/requests/{id}`.
        RequestUpdate = "request.update" => "Edit request",
        /// `POST /api/requests/{id}/approve`.
        RequestApprove = "request.approve" => "Approve request",
        /// `POST /api/requests/{id}/reject`.
        RequestReject = "request.reject" => "Reject request",
        /// `PUT /api/domains/{domain}/policy`.
        PolicyUpdate = "policy.update" => "Change domain policy",
        /// `POST /api/domains/{domain}/profiles/{name}/access` (IAM Identity Center).
        AccessGrant = "profile.access_grant" => "Grant Studio access",
        /// `POST /api/domains/{domain}/running/stop` (DeleteApp of each app named).
        AppStop = "app.stop" => "Stop apps",
        /// `POST /api/domains/{domain}/batches`: a team file applied (one entry for the
        /// batch; its rows have their own).
        BatchApply = "batch.apply" => "Apply team file",
        /// One row of a batch, when it finished (written by the batch, not by a route).
        BatchRow = "batch.row" => "Team file row",
        /// `POST /api/domains/{domain}/batches/{id}/cancel`.
        BatchCancel = "batch.cancel" => "Cancel team file",
        /// `POST /api/domains/{domain}/batches/{id}/retry`.
        BatchRetry = "batch.retry" => "Retry team file",
    }
}

spelled! {
    /// How a recorded request ended.
    pub enum AuditOutcome {
        /// Done (2xx, 3xx).
        Ok = "ok",
        /// Refused by the proxy: not allowed, not valid, not signed in (4xx of our own).
        Refused = "refused",
        /// AWS refused or failed the call, or the proxy failed (5xx).
        Failed = "failed",
    }
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Increasing with time; pages are asked for by `before`.
    pub id: i64,
    /// When.
    pub at: EpochMillis,
    /// Who (`-` when nobody is known).
    pub actor: String,
    /// Their role then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The client's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    /// What was done.
    pub action: AuditAction,
    /// The domain acted in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    /// The profile name, request id or job id acted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The ARN of the resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// What was asked for, without secrets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<serde_json::Value>,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// The HTTP status answered.
    pub status: u16,
    /// What was said, when something went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The request's id (`X-Request-Id`), to find it in the server's logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// `GET /api/audit`: one page, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The entries.
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next (older) page; absent on the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<i64>,
}

spelled! {
    /// How `GET /api/audit/export` writes the entries.
    pub enum ExportFormat {
        /// Comma-separated values, one row per entry (cells a spreadsheet would run as a
        /// formula are neutralized).
        Csv = "csv",
        /// `{"entries": [...]}`, exact.
        Json = "json",
    }
}

/// The filters of `GET /api/audit` (with `before` and `limit` for paging) and of
/// `GET /api/audit/export` (with `format`); unknown parameters are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuditQuery {
    /// Only this actor (sign-in name, without case).
    pub actor: String,
    /// Only this action.
    #[serde(deserialize_with = "empty_as_none")]
    pub action: Option<AuditAction>,
    /// Only this domain.
    pub domain: String,
    /// Only this outcome.
    #[serde(deserialize_with = "empty_as_none")]
    pub outcome: Option<AuditOutcome>,
    /// Only entries at or after this moment.
    #[serde(deserialize_with = "empty_as_none")]
    pub since: Option<EpochMillis>,
    /// Only entries before this moment.
    #[serde(deserialize_with = "empty_as_none")]
    pub until: Option<EpochMillis>,
    /// Only entries older than this id (the `next` of the previous page).
    #[serde(deserialize_with = "empty_as_none")]
    pub before: Option<i64>,
    /// At most this many entries (1 to 500; a page only).
    #[serde(deserialize_with = "empty_as_none")]
    pub limit: Option<i64>,
    /// CSV or JSON (the export only).
    #[serde(deserialize_with = "empty_as_none")]
    pub format: Option<ExportFormat>,
}

impl AuditQuery {
    /// The query string of these filters, without the empty members.
    pub fn to_query_string(&self) -> String {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        query_string(&[
            ("format", self.format.map_or("", ExportFormat::as_str)),
            ("actor", self.actor.trim()),
            ("action", self.action.map_or("", AuditAction::as_str)),
            ("domain", self.domain.trim()),
            ("outcome", self.outcome.map_or("", AuditOutcome::as_str)),
            ("since", &number(self.since.map(|t| t.0))),
            ("until", &number(self.until.map(|t| t.0))),
            ("before", &number(self.before)),
            ("limit", &number(self.limit)),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_spelled_with_their_resource_first() {
        assert_eq!(AuditAction::ProfileCreate.as_str(), "profile.create");
        assert_eq!(
            serde_json::to_value(AuditAction::PresignedUrl).unwrap(),
            "profile.presigned_url"
        );
        assert_eq!(
            AuditAction::parse("request.approve"),
            Some(AuditAction::RequestApprove)
        );
    }

    #[test]
    fn a_query_with_empty_filters_reads_as_no_filter() {
        let query: AuditQuery = serde_json::from_value(serde_json::json!({
            "action": "", "outcome": "refused", "since": "12"
        }))
        .unwrap();
        assert_eq!(query.action, None);
        assert_eq!(query.outcome, Some(AuditOutcome::Refused));
        assert_eq!(query.since, Some(EpochMillis(12)));
        assert_eq!(query.to_query_string(), "?outcome=refused&since=12");
    }

    #[test]
    fn an_unknown_filter_value_is_refused_with_the_choices() {
        let error = serde_json::from_value::<AuditQuery>(serde_json::json!({"outcome": "meh"}))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("\"meh\" is not one of ok, refused, failed"),
            "{error}"
        );
    }
}
