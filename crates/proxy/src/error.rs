//! The one error type of the HTTP API and how each error becomes a response.
//!
//! Every error answers with the API contract's [`ErrorBody`], so the browser has one thing
//! to render: `errors` with SageMaker member paths, `warnings`, and `code` (AWS's error
//! code when AWS refused the call, or one of [`codes`]).

use axum::Json;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use studio_admin_api::{ApiProblem, ErrorBody, OnboardingRequest, codes};
use studio_admin_model::{JsonError, Report};

use crate::batch::BatchesError;
use crate::identity::IdentityError;
use crate::jobs::JobsError;
use crate::sagemaker::SageMakerError;
use crate::sagemaker::codes as aws;

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
    /// The thing the path names does not exist (404, with `code` when AWS said so).
    #[error("{message}")]
    NotFound {
        /// What is missing, in words.
        message: String,
        /// The error code, when the absence was AWS's answer (`ResourceNotFound`).
        code: Option<&'static str>,
    },
    /// The request's `Host` is not a name this server answers to (421, code
    /// `HostNotAllowed`): DNS rebinding, or a proxy forwarding the wrong name.
    #[error(
        "this server does not answer to the host {0:?}; add it with --allowed-host if it is yours"
    )]
    HostNotAllowed(String),
    /// The request does not fit the resource's state (409).
    #[error("{0}")]
    Conflict(String),
    /// An onboarding request is no longer pending (409, carrying it as it is now).
    #[error("{message}")]
    RequestNotPending {
        /// What happened to it, in words.
        message: String,
        /// The request as it is now.
        request: Box<OnboardingRequest>,
    },
    /// Another request for the same profile is open (409, with `existing_id`).
    #[error("{message}")]
    RequestAlreadyOpen {
        /// Which request is in the way, in words.
        message: String,
        /// Its id.
        existing_id: i64,
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
    /// Every password check is busy (a flood of sign-ins): 429 with `Retry-After`, code
    /// `SignInBusy`; nothing was counted against the account.
    #[error("the server is busy checking other sign-ins; try again in a moment")]
    SignInBusy,
    /// An identity header came from a peer that is not a configured trusted proxy (401,
    /// code `UntrustedIdentityHeader`); it is never believed.
    #[error("identity headers are accepted only from the configured trusted proxies")]
    UntrustedIdentityHeader,
    /// The user or groups identity header appears more than once (400, code
    /// `DuplicateIdentityHeader`); neither copy is believed.
    #[error("the request carries an identity header more than once; none of them is believed")]
    DuplicateIdentityHeader,
    /// The session has as many event streams open as it may (429, code
    /// `TooManyStreams`).
    #[error("this session has too many event streams open; close a tab watching a job")]
    TooManyStreams,
    /// The proxy's own database failed (500; the details go to the log only).
    #[error("the proxy's database failed; see the proxy's log")]
    Store(#[from] crate::store::StoreError),
    /// SageMaker refused or failed the call; mapped to a status by AWS's error code.
    #[error(transparent)]
    SageMaker(#[from] SageMakerError),
    /// SageMaker did not answer a request's calls in the time the request may take, over
    /// however many calls and retries (504). The message says what was asked.
    #[error("{0}")]
    SageMakerTimedOut(String),
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

impl From<IdentityError> for AppError {
    fn from(e: IdentityError) -> Self {
        match e {
            IdentityError::Aws(e) => Self::SageMaker(e),
            other => Self::NotFound {
                message: other.to_string(),
                code: None,
            },
        }
    }
}

/// The HTTP status the API answers with for a SageMaker failure.
pub fn status_for(error: &SageMakerError) -> StatusCode {
    match error {
        SageMakerError::Service { error, .. } => match error.code.as_str() {
            aws::NOT_FOUND | aws::NOT_FOUND_EXCEPTION => StatusCode::NOT_FOUND,
            aws::IN_USE | aws::CONFLICT => StatusCode::CONFLICT,
            aws::LIMIT_EXCEEDED => StatusCode::TOO_MANY_REQUESTS,
            aws::VALIDATION => StatusCode::UNPROCESSABLE_ENTITY,
            _ if error.is_forbidden() => StatusCode::FORBIDDEN,
            _ if error.is_throttling() => StatusCode::SERVICE_UNAVAILABLE,
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

impl From<JobsError> for AppError {
    fn from(e: JobsError) -> Self {
        let message = e.to_string();
        match e {
            JobsError::Invalid(report) => Self::Validation(report),
            JobsError::JobNotFound(_) => Self::NotFound {
                message,
                code: None,
            },
            JobsError::ProfileNotFound { .. } => Self::NotFound {
                message,
                code: Some("ResourceNotFound"),
            },
            JobsError::NotRunning { .. }
            | JobsError::NotRetryable { .. }
            | JobsError::ProfileBusy { .. } => Self::Conflict(message),
            JobsError::SageMaker(e) => Self::SageMaker(e),
            JobsError::PlanTimedOut(_) => Self::SageMakerTimedOut(message),
            JobsError::Store(e) => Self::Store(e),
        }
    }
}

impl From<BatchesError> for AppError {
    fn from(e: BatchesError) -> Self {
        let message = e.to_string();
        match e {
            BatchesError::NotFound(_) => Self::NotFound {
                message,
                code: None,
            },
            BatchesError::StillRunning(_) | BatchesError::Finished(_) => Self::Conflict(message),
            BatchesError::Store(e) => Self::Store(e),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let whole = |message: String| ErrorBody::one(ApiProblem::whole(message));
        // Errors a client tells apart by a stable code: the status and the code, the
        // message being the error's own words.
        let coded = |status: StatusCode, code: &str| {
            let body = ErrorBody {
                code: Some(code.to_owned()),
                ..whole(self.to_string())
            };
            (status, body)
        };
        let (status, body) = match &self {
            Self::Validation(report) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody {
                    errors: report.errors().map(ApiProblem::from).collect(),
                    warnings: report.warnings().map(ApiProblem::from).collect(),
                    ..ErrorBody::default()
                },
            ),
            Self::MalformedJson { line, column, .. } => (
                StatusCode::BAD_REQUEST,
                ErrorBody::one(ApiProblem {
                    line: Some(*line),
                    column: Some(*column),
                    ..ApiProblem::whole(self.to_string())
                }),
            ),
            Self::UnknownMember { path } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody::one(ApiProblem::at(
                    path.clone(),
                    "unknown member: the SageMaker API has no member of this name here \
                     (check its spelling and case)",
                )),
            ),
            Self::PayloadTooLarge { .. } => {
                (StatusCode::PAYLOAD_TOO_LARGE, whole(self.to_string()))
            }
            Self::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, whole(self.to_string()))
            }
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, whole(self.to_string())),
            Self::RouteNotFound(_) => (StatusCode::NOT_FOUND, whole(self.to_string())),
            Self::NotFound { code, .. } => (
                StatusCode::NOT_FOUND,
                ErrorBody {
                    code: code.map(str::to_owned),
                    ..whole(self.to_string())
                },
            ),
            Self::HostNotAllowed(_) => {
                coded(StatusCode::MISDIRECTED_REQUEST, codes::HOST_NOT_ALLOWED)
            }
            Self::Conflict(_) => (StatusCode::CONFLICT, whole(self.to_string())),
            Self::RequestNotPending { request, .. } => (
                StatusCode::CONFLICT,
                ErrorBody {
                    request: Some(request.clone()),
                    ..whole(self.to_string())
                },
            ),
            Self::RequestAlreadyOpen { existing_id, .. } => (
                StatusCode::CONFLICT,
                ErrorBody {
                    existing_id: Some(*existing_id),
                    ..whole(self.to_string())
                },
            ),
            Self::SignInRequired => coded(StatusCode::UNAUTHORIZED, codes::SIGN_IN_REQUIRED),
            Self::Forbidden(_) => coded(StatusCode::FORBIDDEN, codes::FORBIDDEN),
            Self::CsrfOriginMismatch => coded(StatusCode::FORBIDDEN, codes::CSRF_ORIGIN_MISMATCH),
            Self::CsrfTokenInvalid => coded(StatusCode::FORBIDDEN, codes::CSRF_TOKEN_INVALID),
            Self::InvalidCredentials => coded(StatusCode::UNAUTHORIZED, codes::INVALID_CREDENTIALS),
            Self::TooManySignInAttempts { .. } => coded(
                StatusCode::TOO_MANY_REQUESTS,
                codes::TOO_MANY_SIGN_IN_ATTEMPTS,
            ),
            Self::SignInBusy => coded(StatusCode::TOO_MANY_REQUESTS, codes::SIGN_IN_BUSY),
            Self::UntrustedIdentityHeader => {
                coded(StatusCode::UNAUTHORIZED, codes::UNTRUSTED_IDENTITY_HEADER)
            }
            Self::DuplicateIdentityHeader => {
                coded(StatusCode::BAD_REQUEST, codes::DUPLICATE_IDENTITY_HEADER)
            }
            Self::SageMakerTimedOut(_) => {
                tracing::error!(error = %self, "sagemaker did not answer in time");
                (StatusCode::GATEWAY_TIMEOUT, whole(self.to_string()))
            }
            Self::TooManyStreams => coded(StatusCode::TOO_MANY_REQUESTS, codes::TOO_MANY_STREAMS),
            Self::Store(error) => {
                tracing::error!(error = %error, "database error");
                (StatusCode::INTERNAL_SERVER_ERROR, whole(self.to_string()))
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
                    ErrorBody {
                        code,
                        aws_request_id: request_id,
                        ..whole(message)
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
            from_aws: matches!(self, Self::SageMaker(_) | Self::SageMakerTimedOut(_)),
        };
        let busy = matches!(self, Self::SignInBusy);
        let mut response = (status, Json(body)).into_response();
        response.extensions_mut().insert(info);
        if let Self::TooManySignInAttempts { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        if status == StatusCode::SERVICE_UNAVAILABLE || busy {
            // Throttled even after retries, or every password check busy: tell clients to
            // slow down a little.
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}
