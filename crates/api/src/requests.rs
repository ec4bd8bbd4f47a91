//! Onboarding requests: someone asking for their own profile, and a lead's decision.
//! `POST /api/requests`, `GET /api/requests` (with [`RequestQuery`]),
//! `GET/PUT /api/requests/{id}`, `POST /api/requests/{id}/approve`, `.../reject`.

use serde::{Deserialize, Serialize};

use crate::directory::StudioAccess;
use crate::query::{empty_as_none, query_string};
use crate::spelled::spelled;
use crate::time::EpochMillis;

spelled! {
    /// Where an onboarding request stands.
    pub enum RequestStatus {
        /// Waiting for a lead.
        Pending = "pending" => "Pending",
        /// A lead approved it; the profile is being created.
        Approving = "approving" => "Approving",
        /// The profile was created.
        Approved = "approved" => "Approved",
        /// A lead turned it down, with a reason.
        Rejected = "rejected" => "Rejected",
    }
}

/// An onboarding request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnboardingRequest {
    /// Its id.
    pub id: i64,
    /// The domain the profile is for.
    pub domain_id: String,
    /// The profile asked for (the requester's own).
    pub profile_name: String,
    /// Who asked.
    pub requester: String,
    /// Where it stands.
    pub status: RequestStatus,
    /// The CreateUserProfile request, as it will be sent.
    pub request: serde_json::Value,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why the last approval failed (AWS's or validation's words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Who approved or rejected it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<EpochMillis>,
    /// The profile created by its approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_arn: Option<String>,
    /// When it was submitted.
    pub created_at: EpochMillis,
    /// When it last changed.
    pub updated_at: EpochMillis,
    /// In the answer of an approval in an SSO domain: what was done about the person's
    /// Studio access (not stored with the request; the audit log keeps it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<StudioAccess>,
}

/// `GET /api/requests`: newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestList {
    /// The requests.
    pub requests: Vec<OnboardingRequest>,
}

/// The filters of `GET /api/requests`; unknown parameters are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RequestQuery {
    /// Only requests with this status (`None`: every status).
    #[serde(deserialize_with = "empty_as_none")]
    pub status: Option<RequestStatus>,
    /// Only this domain's (empty: every domain the person may see).
    pub domain: String,
}

impl RequestQuery {
    /// The query string (`?status=pending`), without the empty members.
    pub fn to_query_string(&self) -> String {
        query_string(&[
            ("status", self.status.map_or("", RequestStatus::as_str)),
            ("domain", &self.domain),
        ])
    }
}

/// The body of `POST /api/requests/{id}/reject`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectBody {
    /// Why, in words the requester reads.
    pub reason: String,
}
