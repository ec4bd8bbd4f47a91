//! The body of every error answer of the API, and the proxy's own error codes.
//!
//! ```json
//! {"errors": [{"path": "UserSettings.SecurityGroups[1]", "message": "...", "severity": "error"}],
//!  "warnings": [...], "code": "ResourceInUse"}
//! ```
//!
//! `path` uses SageMaker member names (empty when the error is about the whole request);
//! `code` is AWS's error code when AWS refused the call, or one of [`codes`].

use serde::{Deserialize, Serialize};
use studio_admin_model::{Problem, ProblemKind, Severity};

use crate::requests::OnboardingRequest;

/// The proxy's own error codes (AWS's codes pass through as AWS spelled them).
pub mod codes {
    /// The request's `Host` is not a name the server answers to (421).
    pub const HOST_NOT_ALLOWED: &str = "HostNotAllowed";
    /// Nobody is signed in (401).
    pub const SIGN_IN_REQUIRED: &str = "SignInRequired";
    /// The signed-in person's role or domains do not allow this (403).
    pub const FORBIDDEN: &str = "Forbidden";
    /// A state-changing request without the site's own `Origin` (403).
    pub const CSRF_ORIGIN_MISMATCH: &str = "CsrfOriginMismatch";
    /// A state-changing request without the session's CSRF token (403).
    pub const CSRF_TOKEN_INVALID: &str = "CsrfTokenInvalid";
    /// Sign-in with an unknown name or a wrong password (401).
    pub const INVALID_CREDENTIALS: &str = "InvalidCredentials";
    /// Too many failed sign-ins (429, with `Retry-After`).
    pub const TOO_MANY_SIGN_IN_ATTEMPTS: &str = "TooManySignInAttempts";
    /// Every password check is busy; try again in a moment (429, with `Retry-After`).
    pub const SIGN_IN_BUSY: &str = "SignInBusy";
    /// An identity header appears more than once in one request (400).
    pub const DUPLICATE_IDENTITY_HEADER: &str = "DuplicateIdentityHeader";
    /// The session has as many event streams open as it may (429).
    pub const TOO_MANY_STREAMS: &str = "TooManyStreams";
    /// Identity headers from a peer that is not a trusted proxy (401).
    pub const UNTRUSTED_IDENTITY_HEADER: &str = "UntrustedIdentityHeader";
}

/// One entry of `errors` or `warnings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiProblem {
    /// Where, in SageMaker member names (empty: the whole request).
    #[serde(default)]
    pub path: String,
    /// What is wrong and what to do about it.
    pub message: String,
    /// Error (refused) or warning (accepted, but harmful).
    #[serde(default = "error_severity")]
    pub severity: Severity,
    /// The kind of rule, for validation problems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ProblemKind>,
    /// 1-based line of a malformed body's problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column of a malformed body's problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

fn error_severity() -> Severity {
    Severity::Error
}

impl ApiProblem {
    /// An error about the whole request.
    pub fn whole(message: impl Into<String>) -> Self {
        Self::at("", message)
    }

    /// An error at `path`.
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            severity: Severity::Error,
            kind: None,
            line: None,
            column: None,
        }
    }
}

impl From<&Problem> for ApiProblem {
    fn from(p: &Problem) -> Self {
        Self {
            path: p.path.clone(),
            message: p.message.clone(),
            severity: p.severity,
            kind: Some(p.kind),
            line: None,
            column: None,
        }
    }
}

/// The body of every error answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What makes the request fail.
    pub errors: Vec<ApiProblem>,
    /// What would hurt, though accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ApiProblem>,
    /// AWS's error code when AWS refused, or one of [`codes`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// AWS's request id of the failed call, for support cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_request_id: Option<String>,
    /// The onboarding request as it is now, when a conflict is about one that was decided
    /// meanwhile (for API clients; the panel reads the request again instead). In the
    /// browser build it is not decoded: every answer's error goes through the first
    /// page's code, and a request's decoder there would cost the first visit ~3 KB
    /// gzipped for a field the panel does not show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub request: Option<Box<OnboardingRequest>>,
    /// The id of the open onboarding request in the way of a new one for the same profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_id: Option<i64>,
}

impl ErrorBody {
    /// One whole-request error.
    pub fn one(problem: ApiProblem) -> Self {
        Self {
            errors: vec![problem],
            ..Self::default()
        }
    }

    /// The messages of the errors, joined (empty when there are none).
    pub fn messages(&self) -> String {
        let messages: Vec<&str> = self
            .errors
            .iter()
            .map(|e| e.message.as_str())
            .filter(|m| !m.is_empty())
            .collect();
        messages.join(" ")
    }
}
