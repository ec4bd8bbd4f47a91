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

use crate::sagemaker::SageMakerError;

/// The answer of one call: the client's own error, whose code says what it means (see
/// [`crate::sagemaker::codes`]).
pub type CallResult<T> = Result<T, SageMakerError>;

/// Sends the operations a delete job needs. Implementations may retry transient failures
/// themselves; the engine retries what is still
/// [transient](SageMakerError::is_transient) until the step's deadline.
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
