//! The delete job's operations sent with the proxy's signed client (each one of the
//! client's typed, allow-listed methods), its errors as they are.

use std::sync::Arc;

use studio_admin_model::{
    DeleteAppRequest, DeleteSpaceRequest, DeleteUserProfileRequest, DescribeAppRequest,
    DescribeAppResponse, DescribeSpaceRequest, DescribeSpaceResponse, DescribeUserProfileRequest,
    DescribeUserProfileResponse, Empty, ListAppsRequest, ListAppsResponse, ListSpacesRequest,
    ListSpacesResponse,
};

use super::calls::{CallResult, SageMakerCalls};
use crate::sagemaker::SageMakerClient;

impl SageMakerCalls for SageMakerClient {
    async fn describe_user_profile(
        &self,
        input: DescribeUserProfileRequest,
    ) -> CallResult<DescribeUserProfileResponse> {
        SageMakerClient::describe_user_profile(self, &input).await
    }

    async fn list_apps(&self, input: ListAppsRequest) -> CallResult<ListAppsResponse> {
        SageMakerClient::list_apps(self, &input).await
    }

    async fn list_spaces(&self, input: ListSpacesRequest) -> CallResult<ListSpacesResponse> {
        SageMakerClient::list_spaces(self, &input).await
    }

    async fn describe_app(&self, input: DescribeAppRequest) -> CallResult<DescribeAppResponse> {
        SageMakerClient::describe_app(self, &input).await
    }

    async fn delete_app(&self, input: DeleteAppRequest) -> CallResult<Empty> {
        SageMakerClient::delete_app(self, &input).await
    }

    async fn describe_space(
        &self,
        input: DescribeSpaceRequest,
    ) -> CallResult<DescribeSpaceResponse> {
        SageMakerClient::describe_space(self, &input).await
    }

    async fn delete_space(&self, input: DeleteSpaceRequest) -> CallResult<Empty> {
        SageMakerClient::delete_space(self, &input).await
    }

    async fn delete_user_profile(&self, input: DeleteUserProfileRequest) -> CallResult<Empty> {
        SageMakerClient::delete_user_profile(self, &input).await
    }
}

/// A shared client (the proxy's `SharedClient`) calls as the client it shares.
impl<T: SageMakerCalls> SageMakerCalls for Arc<T> {
    fn describe_user_profile(
        &self,
        input: DescribeUserProfileRequest,
    ) -> impl Future<Output = CallResult<DescribeUserProfileResponse>> + Send {
        T::describe_user_profile(self, input)
    }

    fn list_apps(
        &self,
        input: ListAppsRequest,
    ) -> impl Future<Output = CallResult<ListAppsResponse>> + Send {
        T::list_apps(self, input)
    }

    fn list_spaces(
        &self,
        input: ListSpacesRequest,
    ) -> impl Future<Output = CallResult<ListSpacesResponse>> + Send {
        T::list_spaces(self, input)
    }

    fn describe_app(
        &self,
        input: DescribeAppRequest,
    ) -> impl Future<Output = CallResult<DescribeAppResponse>> + Send {
        T::describe_app(self, input)
    }

    fn delete_app(
        &self,
        input: DeleteAppRequest,
    ) -> impl Future<Output = CallResult<Empty>> + Send {
        T::delete_app(self, input)
    }

    fn describe_space(
        &self,
        input: DescribeSpaceRequest,
    ) -> impl Future<Output = CallResult<DescribeSpaceResponse>> + Send {
        T::describe_space(self, input)
    }

    fn delete_space(
        &self,
        input: DeleteSpaceRequest,
    ) -> impl Future<Output = CallResult<Empty>> + Send {
        T::delete_space(self, input)
    }

    fn delete_user_profile(
        &self,
        input: DeleteUserProfileRequest,
    ) -> impl Future<Output = CallResult<Empty>> + Send {
        T::delete_user_profile(self, input)
    }
}
