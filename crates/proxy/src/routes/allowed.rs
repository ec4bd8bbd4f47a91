//! The check every domain route starts with, as an extractor: the URL's parameters, once
//! the caller is known to be allowed a permission in the domain the URL names. A handler
//! states what it needs in its signature (`Allowed<need::Read>`), so the check cannot be
//! left out or put after work.
//!
//! Only for handlers that read nothing after the URL: an extractor of a query or body runs
//! after this one, and would then answer a caller who may not act with a 403 where the
//! handler's own check answers a malformed request with a 400 or 422 first.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use studio_admin_api::Permission;

use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::Path;

/// A permission a route needs, as a type.
pub trait Need {
    /// The permission.
    const PERMISSION: Permission;
}

/// The permissions routes need, one type each.
pub mod need {
    use super::{Need, Permission};

    /// [`Permission::Read`].
    #[derive(Debug)]
    pub struct Read;
    impl Need for Read {
        const PERMISSION: Permission = Permission::Read;
    }

    /// [`Permission::ChangeProfiles`].
    #[derive(Debug)]
    pub struct ChangeProfiles;
    impl Need for ChangeProfiles {
        const PERMISSION: Permission = Permission::ChangeProfiles;
    }
}

/// The URL parameters of a domain route: the domain's id first.
pub trait DomainPath {
    /// The domain the URL names.
    fn domain(&self) -> &str;
}

/// `/domains/{domain}`.
impl DomainPath for String {
    fn domain(&self) -> &str {
        self
    }
}

/// `/domains/{domain}/profiles/{name}`.
impl DomainPath for (String, String) {
    fn domain(&self) -> &str {
        &self.0
    }
}

/// `/domains/{domain}/batches/{id}`.
impl DomainPath for (String, i64) {
    fn domain(&self) -> &str {
        &self.0
    }
}

/// A request whose caller is allowed `N` in the domain of the URL's parameters `path`.
#[derive(Debug)]
pub struct Allowed<N, P = String> {
    /// The URL's parameters, the domain first.
    pub path: P,
    need: PhantomData<N>,
}

impl<S, N, P> FromRequestParts<S> for Allowed<N, P>
where
    S: Send + Sync,
    N: Need,
    P: DomainPath + DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let principal = Principal::from_request_parts(parts, state).await?;
        let Path(path) = Path::<P>::from_request_parts(parts, state).await?;
        principal.require_in(N::PERMISSION, path.domain())?;
        Ok(Self {
            path,
            need: PhantomData,
        })
    }
}
