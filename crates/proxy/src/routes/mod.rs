//! The JSON API under `/api`, one file per resource. Each handler maps to fixed SageMaker
//! operations with typed, validated bodies; there is no generic relay.
//!
//! | route | answer | file |
//! |---|---|---|
//! | `GET /api/domains` | `{"domains": [DescribeDomainResponse]}` | `domains.rs` |
//! | `GET /api/domains/{domain}/profiles?search=&sort=&order=&next=&limit=` | `{"profiles": [UserProfileDetails], "next"?}` | `profiles.rs` |
//! | `POST /api/domains/{domain}/profiles` (CreateUserProfile) | 201 `{"UserProfileArn", "access"?}`, `Location` | `profiles.rs` |
//! | `GET /api/domains/{domain}/profiles/{name}` | `{"profile": DescribeUserProfileResponse, "apps": [AppDetails], "spaces": [SpaceDetails], "access"?}` | `profiles.rs` |
//! | `PUT /api/domains/{domain}/profiles/{name}` (UpdateUserProfile) | `{"UserProfileArn"}` | `profiles.rs` |
//! | `GET .../profiles/{name}/tags`, `PUT` `{"Tags"}` (ListTags; DeleteTags and AddTags of the difference) | `{"Tags": [Tag]}` | `tags.rs` |
//! | `POST .../profiles/{name}/presigned-url` (optional CreatePresignedDomainUrl members) | `{"AuthorizedUrl"}` | `presign.rs` |
//! | `GET /api/domains/{domain}/directory/users?search=` (SSO domains) | `{"users": [DirectoryUser], "truncated"}` | `directory.rs` |
//! | `POST .../profiles/{name}/access` (SSO domains) | `StudioAccess` | `access.rs` |
//! | `POST /api/validate` (CreateUserProfile) | `{"valid", "domain_checked", "problems": [Problem]}` | `validate.rs` |
//! | `GET .../profiles/{name}/delete-plan`, `DELETE .../profiles/{name}` | the plan; 202 the delete job | `delete.rs` |
//! | `GET /api/jobs`, `GET /api/jobs/{id}`, `GET /api/jobs/{id}/events` (SSE), `POST /api/jobs/{id}/cancel`, `/retry` | jobs | `jobs.rs` |
//! | `GET /api/session`, `POST /api/session` `{"name","password"}`, `DELETE /api/session` | `SessionInfo`; 204 | `session.rs` |
//! | `GET /api/domains/{domain}/policy`, `PUT` `{"fixed"}` | `{"fixed", "updated_by"?, "updated_at"?}` | `policy.rs` |
//! | `POST /api/requests`, `GET /api/requests?status=&domain=`, `GET/PUT /api/requests/{id}`, `POST /api/requests/{id}/approve`, `/reject` `{"reason"}` | the request; `{"requests": [...]}` | `requests.rs` |
//! | `POST /api/domains/{domain}/batch/plan` `{"file", "create_only"?}`, `GET .../batch/template` | `BatchPlan`; a CSV file | `batch.rs` |
//! | `POST /api/domains/{domain}/batches`, `GET .../batches[/{id}[/events\|/results.csv]]`, `POST .../batches/{id}/cancel\|retry` | a team file applied as a durable batch | `batches.rs` |
//! | `GET /api/domains/{domain}/running`, `POST .../running/stop` `{"apps": [AppRef]}` | `RunningApps`; `StopResults` | `running.rs` |
//! | `GET /api/audit?actor=&action=&domain=&outcome=&since=&until=&before=&limit=`, `GET /api/audit/export?format=csv\|json` | `{"entries", "next"?}`; an attachment | `audit.rs` |
//!
//! AWS shapes keep AWS's member names; the envelopes around them are lowercase. Errors
//! have one shape for every route (see [`crate::error`]).
//!
//! Every handler takes the [`Principal`](crate::auth::Principal) the auth layer resolved
//! and checks its role and domains before anything else happens (viewer: reads in their
//! domains; requester: their own request and Studio URL; lead: changes and decisions in
//! their domains; admin: everything and the audit log). Handlers of changes tell the audit
//! log what they acted on through [`Note`](crate::audit::Note). Each change is declared
//! with its [`AuditAction`](studio_admin_api::AuditAction) where its route is added
//! ([`ApiRoutes::change`]). The JSON shapes are the API contract's (`studio-admin-api`).

mod access;
mod allowed;
mod audit;
mod batch;
mod batches;
mod builder;
pub mod delete;
mod directory;
mod domains;
pub mod jobs;
mod policy;
mod presign;
mod profiles;
pub mod requests;
mod running;
mod session;
mod support;
mod tags;
mod validate;

use axum::http::Uri;

use crate::error::AppError;
use crate::state::AppState;

pub use builder::{ApiRoute, ApiRoutes};

/// Every API route, relative to `/api`, with the audited changes among them. The app
/// turns it into a router ([`ApiRoutes::into_router`]) and adds [`not_found`].
pub fn routes() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .merge(domains::router())
        .merge(profiles::router())
        .merge(tags::router())
        .merge(presign::router())
        .merge(validate::router())
        .merge(delete::router())
        .merge(jobs::router())
        .merge(session::router())
        .merge(policy::router())
        .merge(requests::router())
        .merge(audit::router())
        .merge(batch::router())
        .merge(batches::router())
        .merge(directory::router())
        .merge(access::router())
        .merge(running::router())
}

/// Unknown API paths answer in the API's error shape, never with the SPA's page.
pub async fn not_found(uri: Uri) -> AppError {
    AppError::RouteNotFound(format!("/api{}", uri.path()))
}
