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
    /// The request does not fit the resource's state, and the answer carries the state
    /// (409, with `member` holding `value`: the current row, or the id of the existing one).
    #[error("{message}")]
    ConflictWith {
        /// What is in the way, in words.
        message: String,
        /// The member of the error body that carries `value`.
        member: &'static str,
        /// The current state of what is in the way.
        value: serde_json::Value,
    },
    /// No one is signed in (401, code `SignInRequired`).
    #[error("sign in first")]
    SignInRequired,
    /// The signed-in person's role or domains do not allow this (403, code `Forbidden`);
    /// the message names what is missing.
    #[error("{0}")]
    Forbidden(String),
    /// A state-changing request without the server's own `Origin` (403, code
    /// `CsrfOriginMismatch`): it may come from another site.
    #[error("the request's Origin is not this site's; reload the page and try again")]
    CsrfOriginMismatch,
    /// A state-changing request without the session's CSRF token (403, code
    /// `CsrfTokenInvalid`).
    #[error("the request's CSRF token is missing or stale; reload the page and try again")]
    CsrfTokenInvalid,
    /// Sign-in with an unknown name or a wrong password; the same words for both (401,
    /// code `InvalidCredentials`).
    #[error("name or password is wrong")]
    InvalidCredentials,
    /// Too many failed sign-ins for the name or the client address (429, code
    /// `TooManySignInAttempts`, with `Retry-After`).
    #[error("too many failed sign-ins; try again in {retry_after_secs} seconds")]
    TooManySignInAttempts {
        /// Seconds until the oldest counted failure stops counting.
        retry_after_secs: u64,
    },
    /// An identity header came from a peer that is not a configured trusted proxy (401,
    /// code `UntrustedIdentityHeader`); it is never believed.
    #[error("identity headers are accepted only from the configured trusted proxies")]
    UntrustedIdentityHeader,
    /// The proxy's own database failed (500; the details go to the log only).
    #[error("the proxy's database failed; see the proxy's log")]
    Store(#[from] crate::store::StoreError),
    /// SageMaker refused or failed the call; mapped to a status by AWS's error code.
    #[error(transparent)]
    SageMaker(#[from] SageMakerError),
}

/// Put in the extensions of every error response, so that layers (the audit log) know
/// what went wrong without reading the body.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The first message of the body.
    pub message: String,
    /// Whether SageMaker refused or failed the call (the audit log calls that `failed`).
    pub from_aws: bool,
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
    /// The state a conflict is about (`ConflictWith`), as one more member.
    #[serde(flatten, skip_serializing_if = "serde_json::Map::is_empty")]
    extra: serde_json::Map<String, serde_json::Value>,
}

impl Body {
    fn one(item: Item) -> Self {
        Self {
            errors: vec![item],
            warnings: Vec::new(),
            code: None,
            aws_request_id: None,
            extra: serde_json::Map::new(),
        }
    }

    /// One whole-request error with our own `code`.
    fn coded(message: String, code: &str) -> Self {
        Self {
            code: Some(code.to_owned()),
            ..Self::one(Item::whole(message))
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
                    extra: serde_json::Map::new(),
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
            Self::ConflictWith { member, value, .. } => (
                StatusCode::CONFLICT,
                Body {
                    extra: std::iter::once(((*member).to_owned(), value.clone())).collect(),
                    ..Body::one(Item::whole(self.to_string()))
                },
            ),
            Self::SignInRequired => (
                StatusCode::UNAUTHORIZED,
                Body::coded(self.to_string(), "SignInRequired"),
            ),
            Self::Forbidden(_) => (
                StatusCode::FORBIDDEN,
                Body::coded(self.to_string(), "Forbidden"),
            ),
            Self::CsrfOriginMismatch => (
                StatusCode::FORBIDDEN,
                Body::coded(self.to_string(), "CsrfOriginMismatch"),
            ),
            Self::CsrfTokenInvalid => (
                StatusCode::FORBIDDEN,
                Body::coded(self.to_string(), "CsrfTokenInvalid"),
            ),
            Self::InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                Body::coded(self.to_string(), "InvalidCredentials"),
            ),
            Self::TooManySignInAttempts { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                Body::coded(self.to_string(), "TooManySignInAttempts"),
            ),
            Self::UntrustedIdentityHeader => (
                StatusCode::UNAUTHORIZED,
                Body::coded(self.to_string(), "UntrustedIdentityHeader"),
            ),
            Self::Store(error) => {
                tracing::error!(error = %error, "database error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Body::one(Item::whole(self.to_string())),
                )
            }
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
                        extra: serde_json::Map::new(),
                    },
                )
            }
        };
        let info = ErrorInfo {
            message: body
                .errors
                .first()
                .map(|e| e.message.clone())
                .unwrap_or_default(),
            from_aws: matches!(self, Self::SageMaker(_)),
        };
        let mut response = (status, Json(body)).into_response();
        response.extensions_mut().insert(info);
        if let Self::TooManySignInAttempts { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            // Throttled even after retries: tell clients to slow down a little.
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}
