//! `GET /api/domains`: every domain with what the add-user form needs to know about it.

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use futures_util::{StreamExt, TryStreamExt, stream};
use studio_admin_api::{Domain, DomainList};
use studio_admin_model::{DescribeDomainRequest, DescribeDomainResponse};

use super::ApiRoutes;
use crate::auth::Principal;
use crate::error::AppError;
use crate::state::AppState;

/// How many DescribeDomain calls run at once (accounts have a handful of domains).
const DESCRIBE_CONCURRENCY: usize = 8;

/// The domain routes.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new().read(Method::GET, "/domains", list)
}

/// ListDomains (all pages), then DescribeDomain of each of the principal's domains, a few
/// at a time. A domain that disappears between the two calls is left out.
async fn list(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<DomainList>, AppError> {
    let summaries = state.sagemaker.all_domains().await?;
    let ids = summaries
        .into_iter()
        .filter_map(|d| d.domain_id)
        .filter(|id| principal.sees(id));
    let domains: Vec<Option<DescribeDomainResponse>> = stream::iter(ids)
        .map(|id| {
            let client = state.sagemaker.clone();
            async move {
                let request = DescribeDomainRequest {
                    domain_id: Some(id),
                };
                match client.describe_domain(&request).await {
                    Ok(domain) => Ok(Some(domain)),
                    Err(e) if e.is_not_found() => Ok(None),
                    Err(e) => Err(AppError::from(e)),
                }
            }
        })
        .buffered(DESCRIBE_CONCURRENCY)
        .try_collect()
        .await?;
    Ok(Json(DomainList {
        domains: domains
            .into_iter()
            .flatten()
            .map(|d| Domain::from_describe(&d))
            .collect(),
    }))
}
