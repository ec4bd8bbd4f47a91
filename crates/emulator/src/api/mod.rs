//! The HTTP face: the awsJson1.1 protocol on `POST /`, for SageMaker and for IAM Identity
//! Center's Identity Store and SSO Admin APIs (`service.rs` tells them apart by the
//! `X-Amz-Target` prefix).
//!
//! Each request passes, in order: the SigV4 front door (`auth.rs`, expecting the signing
//! name of the service the target names), the operation lookup from `X-Amz-Target`,
//! fault injection (`faults.rs`), then strict parsing, model
//! validation and the operation itself (`dispatch.rs`). Every response carries an
//! `x-amzn-RequestId`.

mod auth;
mod dispatch;
mod faults;
mod service;
mod studio;
mod validation;

pub use dispatch::{IDENTITY_STORE_OPERATIONS, OPERATIONS, SSO_ADMIN_OPERATIONS};

use service::Service;

use std::time::SystemTime;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::calls::CallOutcome;
use crate::emulator::Emulator;
use crate::error::{ApiError, ErrorCode};
use crate::ids;

/// The content type of awsJson1.1 requests and responses.
pub(crate) const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// The emulator's HTTP routes: the API on `POST /`, and the sign-in pages presigned
/// Studio URLs lead to. Call it in-process (`tower::ServiceExt::oneshot`) or serve it.
pub fn router(emulator: Emulator) -> Router {
    Router::new()
        .route("/", post(call))
        .route("/studio/{domain_id}/auth", get(studio::sign_in))
        .fallback(no_route)
        .layer(middleware::from_fn(request_id))
        .with_state(emulator)
}

/// Adds `x-amzn-RequestId` to every response, as AWS does.
async fn request_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&ids::request_id()) {
        response.headers_mut().insert("x-amzn-RequestId", value);
    }
    response
}

async fn no_route() -> Response {
    ApiError::new(
        ErrorCode::UnknownOperationException,
        "The SageMaker API is served on POST / (awsJson1.1).",
    )
    .into_response()
}

/// One API call.
async fn call(
    State(emulator): State<Emulator>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let incoming = Incoming {
        method: &method,
        uri: &uri,
        headers: &headers,
        body: &body,
    };
    match serve(&emulator, &incoming).await {
        Ok(json) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))],
            json,
        )
            .into_response(),
        Err(error) => {
            tracing::debug!(code = error.code.as_str(), message = %error.message, "request refused");
            error.into_response()
        }
    }
}

/// One call as it arrived: what the signature covers and the operation reads.
struct Incoming<'a> {
    method: &'a Method,
    uri: &'a Uri,
    headers: &'a HeaderMap,
    body: &'a [u8],
}

/// Answers one call and records it in the emulator's call log.
async fn serve(emulator: &Emulator, incoming: &Incoming<'_>) -> Result<String, ApiError> {
    let target = target(incoming.headers);
    let operation = Service::of_target(target)
        .map_or(target, |(_, operation)| operation)
        .to_owned();
    let answer = answer(emulator, incoming).await;
    let (answer, outcome) = match answer {
        Ok(_) if changes_state(&operation) && lose_answer(emulator, &operation) => (
            Err(ApiError::new(
                ErrorCode::InternalFailure,
                "We encountered an internal error. Please try again.",
            )),
            CallOutcome::AnswerLost,
        ),
        Ok(json) => (Ok(json), CallOutcome::Ok),
        Err(error) => {
            let code = error.code.as_str().to_owned();
            (Err(error), CallOutcome::Error(code))
        }
    };
    emulator
        .call_log()
        .record(&operation, incoming.body, outcome, emulator.now());
    answer
}

/// The `X-Amz-Target` header: which service and operation a call is for ("" without one).
fn target(headers: &HeaderMap) -> &str {
    headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Whether an operation changes something (only those can lose an answer that matters).
fn changes_state(operation: &str) -> bool {
    !["Describe", "List", "Get", "IsMemberInGroups"]
        .iter()
        .any(|prefix| operation.starts_with(prefix))
}

/// Whether this successful call's answer is lost: counted down for tests, or at the
/// configured rate.
fn lose_answer(emulator: &Emulator, operation: &str) -> bool {
    let rate = emulator.config().faults.lost_answer_rate;
    emulator.take_lost_answer(operation) || (rate > 0.0 && fastrand::f64() < rate)
}

async fn answer(emulator: &Emulator, incoming: &Incoming<'_>) -> Result<String, ApiError> {
    let Incoming {
        method,
        uri,
        headers,
        body,
    } = *incoming;
    let config = emulator.config();
    let target = target(headers);
    let named = Service::of_target(target);
    // A target of no known service is refused after the signature is checked, as
    // SageMaker's endpoint would refuse it.
    let signing_service = named.map_or(Service::SageMaker, |(service, _)| service);
    auth::Verifier {
        region: &config.region,
        service: signing_service.metadata().signing_name,
        credentials: config.credentials.as_ref(),
    }
    .verify(method, uri, headers, body, SystemTime::now())?;

    let (service, operation) = named
        .filter(|(service, operation)| service.operations().contains(operation))
        .ok_or_else(|| dispatch::unknown_operation(target))?;

    faults::inject(&config.faults, operation).await?;

    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    dispatch::dispatch(
        emulator,
        service,
        operation,
        body,
        &format!("http://{host}"),
    )
}
