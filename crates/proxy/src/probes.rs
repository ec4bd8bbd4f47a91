//! What load balancers and monitoring ask, without signing in: `GET /healthz` (the
//! process answers), `GET /readyz` (it can serve: the database is reachable with its
//! schema up to date, and AWS credentials can be had) and `GET /metrics` (Prometheus).
//! None of them names a person, a profile or a domain.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::metrics;
use crate::state::AppState;

/// The probe routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(scrape))
        .with_state(state)
}

/// A probe's answer.
#[derive(Debug, Serialize)]
struct Probe {
    /// `ok`, or `unavailable` with the reasons in `problems`.
    status: &'static str,
    /// What is not ready, as an operator reads it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    problems: Vec<String>,
}

async fn healthz() -> Json<Probe> {
    Json(Probe {
        status: "ok",
        problems: Vec::new(),
    })
}

async fn readyz(State(state): State<AppState>) -> Response {
    let mut problems = Vec::new();
    if let Err(e) = state.store.ping().await {
        problems.push(format!("database: {e}"));
    }
    if let Err(e) = state.sagemaker.credentials_ready().await {
        problems.push(format!("AWS credentials: {e}"));
    }
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Probe {
        status: if problems.is_empty() {
            "ok"
        } else {
            "unavailable"
        },
        problems,
    };
    (status, Json(body)).into_response()
}

async fn scrape(State(state): State<AppState>) -> Response {
    match state.store.job_counts().await {
        Ok(counts) => {
            for (status, count) in counts {
                metrics::jobs(status.as_str(), count);
            }
        }
        Err(e) => tracing::warn!(error = %e, "cannot count jobs for /metrics"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        metrics::render(),
    )
        .into_response()
}

/// Counts every answered API request by its route's template and status.
pub async fn count_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    let response = next.run(request).await;
    if let Some(route) = route {
        metrics::request(method.as_str(), &route, response.status().as_u16());
    }
    response
}
