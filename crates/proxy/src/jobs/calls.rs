//! The SageMaker operations a delete job may call, behind a small trait so that the engine
//! does not depend on how calls are signed and sent. Like the proxy's client, it is an
//! allow-list: these eight operations and nothing else.

use std::future::Future;

use studio_admin_model::{
    DeleteAppRequest, DeleteSpaceRequest, DeleteUserProfileRequest, DescribeAppRequest,
    DescribeAppResponse, DescribeSpaceRequest, DescribeSpaceResponse, DescribeUserProfileRequest,
    DescribeUserProfileResponse, Empty, ListAppsRequest, ListAppsResponse, ListSpacesRequest,
    ListSpacesResponse,
};

/// The answer of one call.
pub type CallResult<T> = Result<T, CallError>;

/// Sends the operations a delete job needs. Implementations may retry transient failures
/// themselves; the engine retries what still comes back [`CallError::transient`] until
/// the step's deadline.
pub trait SageMakerCalls: Send + Sync + 'static {
    /// `DescribeUserProfile`.
    fn describe_user_profile(
        &self,
        input: DescribeUserProfileRequest,
    ) -> impl Future<Output = CallResult<DescribeUserProfileResponse>> + Send;
    /// `ListApps` (one page).
    fn list_apps(
        &self,
        input: ListAppsRequest,
    ) -> impl Future<Output = CallResult<ListAppsResponse>> + Send;
    /// `ListSpaces` (one page).
    fn list_spaces(
        &self,
        input: ListSpacesRequest,
    ) -> impl Future<Output = CallResult<ListSpacesResponse>> + Send;
    /// `DescribeApp`.
    fn describe_app(
        &self,
        input: DescribeAppRequest,
    ) -> impl Future<Output = CallResult<DescribeAppResponse>> + Send;
    /// `DeleteApp`.
    fn delete_app(&self, input: DeleteAppRequest)
    -> impl Future<Output = CallResult<Empty>> + Send;
    /// `DescribeSpace`.
    fn describe_space(
        &self,
        input: DescribeSpaceRequest,
    ) -> impl Future<Output = CallResult<DescribeSpaceResponse>> + Send;
    /// `DeleteSpace`.
    fn delete_space(
        &self,
        input: DeleteSpaceRequest,
    ) -> impl Future<Output = CallResult<Empty>> + Send;
    /// `DeleteUserProfile`.
    fn delete_user_profile(
        &self,
        input: DeleteUserProfileRequest,
    ) -> impl Future<Output = CallResult<Empty>> + Send;
}

/// Why a call failed, as far as a delete job cares.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct CallError {
    /// The operation that failed (`DeleteApp`).
    pub operation: &'static str,
    /// The HTTP status AWS answered with, when it answered.
    pub status: Option<u16>,
    /// AWS's error code (`ResourceInUse`), when AWS answered with one.
    pub code: Option<String>,
    /// AWS's message, or what went wrong on the way.
    pub message: String,
    /// Whether trying again later may succeed (throttling, 5xx, timeouts, unreachable).
    pub transient: bool,
}

impl CallError {
    /// An error answer from AWS; transient when it is throttling or a server error.
    pub fn aws(
        operation: &'static str,
        status: u16,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let code = code.into();
        Self {
            operation,
            status: Some(status),
            transient: is_transient_answer(status, &code),
            code: Some(code),
            message: message.into(),
        }
    }

    /// No answer from AWS (timeout, unreachable, unreadable answer).
    pub fn no_answer(operation: &'static str, message: impl Into<String>, transient: bool) -> Self {
        Self {
            operation,
            status: None,
            code: None,
            message: message.into(),
            transient,
        }
    }

    /// Whether AWS said the resource does not exist (a delete of it has nothing to do).
    pub fn is_not_found(&self) -> bool {
        self.code.as_deref() == Some("ResourceNotFound")
    }

    /// Whether AWS said the resource is in use (something still depends on it).
    pub fn is_in_use(&self) -> bool {
        self.code.as_deref() == Some("ResourceInUse")
    }

    /// `Code: message`, the way a job shows AWS's reason.
    pub fn describe(&self) -> String {
        match &self.code {
            Some(code) => format!("{code}: {}", self.message),
            None => format!("{}: {}", self.operation, self.message),
        }
    }
}

/// Error codes AWS uses for throttling; a later attempt may succeed.
const THROTTLING_CODES: &[&str] = &[
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
];

/// Whether an AWS error answer is worth trying again: throttling codes and server errors.
pub fn is_transient_answer(status: u16, code: &str) -> bool {
    status >= 500
        || THROTTLING_CODES.contains(&code)
        || matches!(
            code,
            "InternalFailure" | "ServiceUnavailable" | "RequestTimeout"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_and_server_errors_are_transient_but_in_use_is_not() {
        assert!(CallError::aws("DeleteApp", 400, "ThrottlingException", "slow").transient);
        assert!(CallError::aws("DeleteApp", 503, "ServiceUnavailable", "x").transient);
        assert!(CallError::aws("DeleteApp", 500, "InternalFailure", "x").transient);
        assert!(!CallError::aws("DeleteApp", 400, "ResourceInUse", "x").transient);
        assert!(!CallError::aws("DeleteApp", 400, "ResourceNotFound", "x").transient);
    }

    #[test]
    fn a_described_error_shows_the_code_and_awss_message() {
        let e = CallError::aws(
            "DeleteUserProfile",
            400,
            "ResourceInUse",
            "The profile has apps",
        );
        assert_eq!(e.describe(), "ResourceInUse: The profile has apps");
        assert!(e.is_in_use());
        assert!(!e.is_not_found());
    }
}
