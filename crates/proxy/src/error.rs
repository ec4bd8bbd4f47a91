//! The one error type of the HTTP API and how each error becomes a response.
//!
//! Every error answers with the same JSON shape, so the browser has one thing to render:
//!
//! ```json
//! {"errors": [{"path": "UserSettings.SecurityGroups[1]", "message": "...", "severity": "error"}],
//!  "warnings": [...], "code": "ResourceInUse"}
//! ```
//!
//! `path` uses SageMaker member names (empty when the error is about the whole request);
//! `code` is AWS's error code when AWS refused the call.

use axum::Json;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use studio_admin_model::{JsonError, ProblemKind, Report, Severity};

use crate::sagemaker::{SageMakerError, retry};

/// Everything a request to the API can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request breaks the model's constraints or AWS's documented rules (422, with
    /// every problem and its path).
    #[error("the request is not valid ({} problem(s))", .0.errors().count())]
    Validation(Report),
    /// The body is not JSON, or a member has the wrong JSON type (400, with the position).
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    MalformedJson {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The body has a member the service model does not define (422 at that path).
    #[error("unknown member {path}")]
    UnknownMember {
        /// Where, in SageMaker member names.
        path: String,
    },
    /// The body is larger than the API accepts (413).
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body is not declared as JSON (415).
    #[error("the request body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    /// A path segment, query parameter or body encoding the API cannot use (400).
    #[error("{0}")]
    BadRequest(String),
    /// No API route has this path (404).
    #[error("no API route {0}")]
    RouteNotFound(String),
    /// The request does not fit the resource's state (409).
    #[error("{0}")]
    Conflict(String),
    /// SageMaker refused or failed the call; mapped to a status by AWS's error code.
    #[error(transparent)]
    SageMaker(#[from] SageMakerError),
}

impl From<JsonError> for AppError {
    fn from(e: JsonError) -> Self {
        match e {
            JsonError::Syntax {
                line,
                column,
                message,
            } => Self::MalformedJson {
                line,
                column,
                message,
            },
            JsonError::UnknownMember { path } => Self::UnknownMember { path },
        }
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        Self::BadRequest(rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        Self::BadRequest(rejection.body_text())
    }
}

impl From<BytesRejection> for AppError {
    fn from(rejection: BytesRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Self::PayloadTooLarge {
                limit: crate::extract::BODY_LIMIT,
            }
        } else {
            Self::BadRequest(rejection.body_text())
        }
    }
}

/// One entry of `errors` or `warnings`.
#[derive(Debug, Serialize)]
struct Item {
    path: String,
    message: String,
    severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<ProblemKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

impl Item {
    fn whole(message: String) -> Self {
        Self::at(String::new(), message)
    }

    fn at(path: String, message: String) -> Self {
        Self {
            path,
            message,
            severity: Severity::Error,
            kind: None,
            line: None,
            column: None,
        }
    }
}

/// The response body of every error.
#[derive(Debug, Serialize)]
struct Body {
    errors: Vec<Item>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aws_request_id: Option<String>,
}

impl Body {
    fn one(item: Item) -> Self {
        Self {
            errors: vec![item],
            warnings: Vec::new(),
            code: None,
            aws_request_id: None,
        }
    }
}

/// AWS codes that mean the proxy's own identity may not do this (or is not recognized).
const FORBIDDEN_CODES: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "IncompleteSignature",
    "IncompleteSignatureException",
    "MissingAuthenticationToken",
    "ExpiredToken",
    "ExpiredTokenException",
];

/// The HTTP status the API answers with for a SageMaker failure.
pub fn status_for(error: &SageMakerError) -> StatusCode {
    match error {
        SageMakerError::Service { error, .. } => match error.code.as_str() {
            "ResourceNotFound" => StatusCode::NOT_FOUND,
            "ResourceInUse" => StatusCode::CONFLICT,
            "ResourceLimitExceeded" => StatusCode::TOO_MANY_REQUESTS,
            "ValidationException" => StatusCode::UNPROCESSABLE_ENTITY,
            code if FORBIDDEN_CODES.contains(&code) => StatusCode::FORBIDDEN,
            _ if retry::is_throttling(error) => StatusCode::SERVICE_UNAVAILABLE,
            _ if error.status >= 500 => StatusCode::BAD_GATEWAY,
            _ => StatusCode::BAD_REQUEST,
        },
        SageMakerError::Timeout { .. } => StatusCode::GATEWAY_TIMEOUT,
        SageMakerError::Transport { .. } | SageMakerError::Decode { .. } => StatusCode::BAD_GATEWAY,
        SageMakerError::Credentials { .. } | SageMakerError::Signing { .. } => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

fn problem_item(p: &studio_admin_model::Problem) -> Item {
    Item {
        path: p.path.clone(),
        message: p.message.clone(),
        severity: p.severity,
        kind: Some(p.kind),
        line: None,
        column: None,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            Self::Validation(report) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Body {
                    errors: report.errors().map(problem_item).collect(),
                    warnings: report.warnings().map(problem_item).collect(),
                    code: None,
                    aws_request_id: None,
                },
            ),
            Self::MalformedJson { line, column, .. } => (
                StatusCode::BAD_REQUEST,
                Body::one(Item {
                    line: Some(*line),
                    column: Some(*column),
                    ..Item::whole(self.to_string())
                }),
            ),
            Self::UnknownMember { path } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Body::one(Item::at(
                    path.clone(),
                    "unknown member: the SageMaker API has no member of this name here \
                     (check its spelling and case)"
                        .to_owned(),
                )),
            ),
            Self::PayloadTooLarge { .. } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                Body::one(Item::whole(self.to_string())),
            ),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                Body::one(Item::whole(self.to_string())),
            ),
            Self::BadRequest(_) => (
                StatusCode::BAD_REQUEST,
                Body::one(Item::whole(self.to_string())),
            ),
            Self::RouteNotFound(_) => (
                StatusCode::NOT_FOUND,
                Body::one(Item::whole(self.to_string())),
            ),
            Self::Conflict(_) => (
                StatusCode::CONFLICT,
                Body::one(Item::whole(self.to_string())),
            ),
            Self::SageMaker(error) => {
                let status = status_for(error);
                let (message, code, request_id) = match error {
                    // AWS's own words, as AWS said them.
                    SageMakerError::Service { error, .. } => (
                        error.message.clone(),
                        Some(error.code.clone()),
                        error.request_id.clone(),
                    ),
                    other => (other.to_string(), None, None),
                };
                if status.is_server_error() {
                    tracing::error!(error = %error, status = status.as_u16(), "sagemaker call failed");
                } else {
                    tracing::info!(error = %error, status = status.as_u16(), "sagemaker refused the call");
                }
                (
                    status,
                    Body {
                        errors: vec![Item::whole(message)],
                        warnings: Vec::new(),
                        code,
                        aws_request_id: request_id,
                    },
                )
            }
        };
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            // Throttled even after retries: tell clients to slow down a little.
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}
