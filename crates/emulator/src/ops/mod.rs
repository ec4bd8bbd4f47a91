//! The operations: one file per resource or service area, each an `impl Emulator` block
//! (SageMaker's domains, profiles, apps, spaces, presigned URLs and tags; IAM Identity
//! Center's directory in `identitystore.rs` and its admin API in `sso_admin.rs`).
//!
//! Operations take the model's request types (already checked against the model's
//! constraints by the wire layer) and answer with the model's response types or an
//! [`ApiError`] worded as AWS words it.

/// Implements [`NamesOne`] for request types that name a resource by the same members
/// (generated types, which share no trait): `names_one!(AppKey for DescribeAppRequest,
/// DeleteAppRequest => |r| AppKey { domain_id: required(&r.domain_id, "DomainId")?, ... })`.
macro_rules! names_one {
    ($key:ident for $($request:ty),+ $(,)? => |$r:ident| $body:expr) => {$(
        impl $crate::ops::NamesOne for $request {
            type Key<'a> = $key<'a>;
            fn key(&self) -> Result<$key<'_>, $crate::error::ApiError> {
                let $r = self;
                Ok($body)
            }
        }
    )+};
}

mod apps;
mod domains;
mod identitystore;
mod listing;
mod presigned;
mod profiles;
mod spaces;
mod sso_admin;
mod tags;

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use studio_admin_model::SortOrder;

use crate::error::{ApiError, ErrorCode};
use crate::paging::Cursor;

/// A request naming one resource (an app, an assignment): reads the members that
/// identify it, each checked once.
trait NamesOne {
    /// What identifies the resource.
    type Key<'a>
    where
        Self: 'a;
    fn key(&self) -> Result<Self::Key<'_>, ApiError>;
}

/// The profile or space a request names: its domain and its name.
struct NameInDomain<'a> {
    domain_id: &'a str,
    name: &'a str,
}

names_one!(NameInDomain for
    studio_admin_model::DescribeUserProfileRequest,
    studio_admin_model::UpdateUserProfileRequest,
    studio_admin_model::DeleteUserProfileRequest,
    => |r| NameInDomain {
        domain_id: required(&r.domain_id, "DomainId")?,
        name: required(&r.user_profile_name, "UserProfileName")?,
    }
);

names_one!(NameInDomain for
    studio_admin_model::DescribeSpaceRequest,
    studio_admin_model::DeleteSpaceRequest,
    => |r| NameInDomain {
        domain_id: required(&r.domain_id, "DomainId")?,
        name: required(&r.space_name, "SpaceName")?,
    }
);

/// The same members in another of the model's shapes: a Describe answer made from the
/// entry a list shows (`DescribeUserResponse` from `User`...), generated types with the
/// same wire members and no conversion between them. Members the target lacks are
/// dropped, members the source lacks stay absent.
fn reshaped<T: Serialize, U: DeserializeOwned>(value: &T) -> Result<U, ApiError> {
    serde_json::to_value(value)
        .and_then(serde_json::from_value)
        .map_err(|e| ApiError::new(ErrorCode::InternalFailure, format!("Reshaping failed: {e}")))
}

/// A member the model requires. The wire layer has checked it already; this only guards
/// the seeding API, which skips that layer.
fn required<'a>(value: &'a Option<String>, member: &str) -> Result<&'a str, ApiError> {
    value.as_deref().ok_or_else(|| {
        ApiError::validation(format!(
            "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
            lower_first(member)
        ))
    })
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// Lists are newest first unless the request asks for `Ascending` (AWS's default order).
fn descending(order: Option<&SortOrder>) -> bool {
    !matches!(order, Some(SortOrder::Ascending))
}

/// A list position from a moment and a unique id.
fn cursor(at: Duration, id: String) -> Cursor {
    Cursor {
        key: i64::try_from(at.as_millis()).unwrap_or(i64::MAX),
        id,
    }
}

/// Whether `name` contains `part`, ignoring case (the `...Contains` filters).
fn contains_ignoring_case(name: &str, part: &str) -> bool {
    name.to_lowercase().contains(&part.to_lowercase())
}
