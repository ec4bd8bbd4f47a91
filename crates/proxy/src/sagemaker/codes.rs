//! What AWS's error codes mean, in one place: the client's retries, the API's status codes
//! and the delete jobs all read them here.
//!
//! Codes are compared without namespace (`ResourceNotFound`, not
//! `com.amazonaws.sagemaker#ResourceNotFound`); `error.rs` strips it when it reads an
//! answer.

use super::error::{SageMakerError, ServiceError};

/// Throttling: a later attempt may succeed (the SDKs' list).
pub const THROTTLING: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Failures on AWS's side (or a request AWS stopped waiting for) that a later attempt may
/// not meet, whatever the HTTP status; any 5xx answer counts as such too.
pub const SERVER_FAILURE: &[&str] = &[
    "InternalFailure",
    "ServiceUnavailable",
    "RequestTimeout",
    "RequestTimeoutException",
];

/// "Your clock is off" (the SDKs' list); the answer's `Date` header tells how far.
pub const CLOCK_SKEW: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// The proxy's own identity may not do this, or is not recognized.
pub const FORBIDDEN: &[&str] = &[
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

/// The resource does not exist (a delete of it has nothing to do).
pub const NOT_FOUND: &str = "ResourceNotFound";

/// IAM Identity Center's word for [`NOT_FOUND`] (Identity Store and SSO Admin): an
/// unknown user name, application, or an assignment that is not there.
pub const NOT_FOUND_EXCEPTION: &str = "ResourceNotFoundException";

/// IAM Identity Center: the change is already made (an assignment that exists).
pub const CONFLICT: &str = "ConflictException";

/// The resource is in use: something still depends on it, or it is busy changing.
pub const IN_USE: &str = "ResourceInUse";

/// An account quota is used up.
pub const LIMIT_EXCEEDED: &str = "ResourceLimitExceeded";

/// The request breaks one of AWS's rules.
pub const VALIDATION: &str = "ValidationException";

impl ServiceError {
    /// Whether AWS throttled the call.
    pub fn is_throttling(&self) -> bool {
        self.status == 429 || THROTTLING.contains(&self.code.as_str())
    }

    /// Whether the error can be caused by a wrong local clock.
    pub fn is_clock_skew(&self) -> bool {
        CLOCK_SKEW.contains(&self.code.as_str())
    }

    /// Whether AWS said the resource does not exist (in SageMaker's or Identity
    /// Center's words).
    pub fn is_not_found(&self) -> bool {
        self.code == NOT_FOUND || self.code == NOT_FOUND_EXCEPTION
    }

    /// Whether AWS said the change is made already (Identity Center's assignments).
    pub fn is_conflict(&self) -> bool {
        self.code == CONFLICT
    }

    /// Whether AWS said the resource is in use.
    pub fn is_in_use(&self) -> bool {
        self.code == IN_USE
    }

    /// Whether AWS refused the proxy's identity.
    pub fn is_forbidden(&self) -> bool {
        FORBIDDEN.contains(&self.code.as_str())
    }

    /// Whether waiting and trying again may succeed: throttling and failures on AWS's side.
    pub fn is_transient(&self) -> bool {
        self.is_throttling() || self.status >= 500 || SERVER_FAILURE.contains(&self.code.as_str())
    }
}

impl SageMakerError {
    /// AWS's answer, when AWS answered with an error code.
    pub fn service(&self) -> Option<&ServiceError> {
        match self {
            Self::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Whether AWS throttled the call (after the client's retries).
    pub fn is_throttling(&self) -> bool {
        self.service().is_some_and(ServiceError::is_throttling)
    }

    /// Whether AWS said the resource does not exist.
    pub fn is_not_found(&self) -> bool {
        self.service().is_some_and(ServiceError::is_not_found)
    }

    /// Whether AWS said the resource is in use.
    pub fn is_in_use(&self) -> bool {
        self.service().is_some_and(ServiceError::is_in_use)
    }

    /// Whether AWS said the change is made already.
    pub fn is_conflict(&self) -> bool {
        self.service().is_some_and(ServiceError::is_conflict)
    }

    /// Whether AWS refused the proxy's identity.
    pub fn is_forbidden(&self) -> bool {
        self.service().is_some_and(ServiceError::is_forbidden)
    }

    /// Whether trying again later may succeed: a transient answer, or no answer at all
    /// (timeout, unreachable). Credentials, signing and unreadable answers are not.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Service { error, .. } => error.is_transient(),
            Self::Timeout { .. } | Self::Transport { .. } => true,
            Self::Credentials { .. } | Self::Signing { .. } | Self::Decode { .. } => false,
        }
    }

    /// Whether nobody can tell if the call took effect: AWS failed on its side (a 5xx
    /// other than throttling), or the answer never came after the request may have
    /// arrived. A change that ends so must be checked, not sent again blindly.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            Self::Service { error, .. } => error.status >= 500 && !error.is_throttling(),
            Self::Timeout { .. } => true,
            Self::Transport { sent, .. } => *sent,
            Self::Credentials { .. } | Self::Signing { .. } | Self::Decode { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn service(status: u16, code: &str) -> ServiceError {
        ServiceError {
            status,
            code: code.into(),
            message: String::new(),
            request_id: None,
        }
    }

    fn answered(status: u16, code: &str) -> SageMakerError {
        SageMakerError::Service {
            operation: "DeleteApp",
            error: service(status, code),
        }
    }

    #[test]
    fn throttling_and_server_errors_are_transient_client_errors_are_not() {
        // The same for the service's error and for the call's error that carries it.
        for (status, code, transient) in [
            (400, "ThrottlingException", true),
            (500, "InternalFailure", true),
            (503, "ServiceUnavailable", true),
            (400, "ResourceInUse", false),
            (400, "ResourceNotFound", false),
            (400, "ValidationException", false),
            (403, "AccessDeniedException", false),
        ] {
            assert_eq!(service(status, code).is_transient(), transient, "{code}");
            assert_eq!(answered(status, code).is_transient(), transient, "{code}");
        }
    }

    #[test]
    fn no_answer_is_transient_but_a_broken_setup_is_not() {
        let timeout = SageMakerError::Timeout {
            operation: "DeleteApp",
            attempts: 4,
            per_attempt: Duration::from_secs(10),
        };
        let unreachable = SageMakerError::Transport {
            operation: "DeleteApp",
            service: "SageMaker",
            endpoint: "http://127.0.0.1:9/".into(),
            message: "connection refused".into(),
            sent: false,
        };
        let no_keys = SageMakerError::Credentials {
            message: "no provider".into(),
        };
        assert!(timeout.is_transient() && unreachable.is_transient());
        assert!(!no_keys.is_transient());
    }

    #[test]
    fn each_code_has_one_meaning() {
        let in_use = answered(400, "ResourceInUse");
        assert!(in_use.is_in_use() && !in_use.is_not_found());
        let gone = answered(400, "ResourceNotFound");
        assert!(gone.is_not_found() && !gone.is_in_use());
        assert!(answered(400, "AccessDeniedException").is_forbidden());
        let no_user = answered(400, "ResourceNotFoundException");
        assert!(no_user.is_not_found() && !no_user.is_conflict());
        assert!(answered(400, "ConflictException").is_conflict());
        assert!(answered(429, "SomethingNew").is_throttling());
        assert!(service(403, "RequestExpired").is_clock_skew());
    }
}
