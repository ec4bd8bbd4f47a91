//! The JSON API under `/api`, one file per resource. Each handler maps to fixed SageMaker
//! operations with typed, validated bodies; there is no generic relay.
//!
//! | route | answer | file |
//! |---|---|---|
//! | `GET /api/domains` | `{"domains": [DescribeDomainResponse]}` | `domains.rs` |
//! | `GET /api/domains/{domain}/profiles?search=&sort=&order=&next=&limit=` | `{"profiles": [UserProfileDetails], "next"?}` | `profiles.rs` |
//! | `POST /api/domains/{domain}/profiles` (CreateUserProfile) | 201 `{"UserProfileArn"}`, `Location` | `profiles.rs` |
//! | `GET /api/domains/{domain}/profiles/{name}` | `{"profile": DescribeUserProfileResponse, "apps": [AppDetails], "spaces": [SpaceDetails]}` | `profiles.rs` |
//! | `PUT /api/domains/{domain}/profiles/{name}` (UpdateUserProfile) | `{"UserProfileArn"}` | `profiles.rs` |
//! | `POST .../profiles/{name}/presigned-url` (optional CreatePresignedDomainUrl members) | `{"AuthorizedUrl"}` | `presign.rs` |
//! | `POST /api/validate` (CreateUserProfile) | `{"valid", "domain_checked", "problems": [Problem]}` | `validate.rs` |
//!
//! AWS shapes keep AWS's member names; the envelopes around them are lowercase. Errors
//! have one shape for every route (see [`crate::error`]).
//!
//! Delete plans and jobs, sessions, onboarding requests and the audit log are further
//! routers merged here.

mod audit;
pub mod delete;
mod domains;
pub mod jobs;
mod policy;
mod presign;
mod profiles;
pub mod requests;
mod session;
mod support;
mod validate;

use axum::Router;
use axum::http::Uri;

use crate::error::AppError;
use crate::sagemaker::SharedClient;
use crate::state::AppState;

pub use audit::AuditPage;
pub use domains::DomainList;
pub use profiles::{ProfileDetail, ProfilePage};
pub use requests::RequestList;
pub use session::SessionView;
pub use validate::ValidationResult;

/// Every API route, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(domains::router())
        .merge(profiles::router())
        .merge(presign::router())
        .merge(validate::router())
        .merge(delete::router::<AppState, SharedClient>())
        .merge(jobs::router::<AppState, SharedClient>())
        .merge(session::router())
        .merge(policy::router())
        .merge(requests::router())
        .merge(audit::router())
        .fallback(not_found)
}

/// Unknown API paths answer in the API's error shape, never with the SPA's page.
async fn not_found(uri: Uri) -> AppError {
    AppError::RouteNotFound(format!("/api{}", uri.path()))
}
