//! The allow-list of IAM Identity Center: one typed method per Identity Store and SSO Admin
//! operation the panel needs to find an SSO domain's directory, look people up, and let
//! them into Studio (or stop letting them in). Like `operations.rs`, nothing else in the
//! crate reaches the generic `call`, so an operation missing here cannot be sent; the
//! calls share SageMaker's signing, retry and clock-skew path, each signed with its own
//! service's signing name and sent to its own endpoint.

use studio_admin_model::identitystore::{
    DescribeGroupRequest, DescribeGroupResponse, DescribeUserRequest, DescribeUserResponse,
    GetUserIdRequest, GetUserIdResponse, IsMemberInGroupsRequest, IsMemberInGroupsResponse,
    ListUsersRequest, ListUsersResponse,
};
use studio_admin_model::sso_admin::{
    ApplicationAssignment, CreateApplicationAssignmentRequest, CreateApplicationAssignmentResponse,
    DeleteApplicationAssignmentRequest, DeleteApplicationAssignmentResponse,
    DescribeApplicationRequest, DescribeApplicationResponse,
    GetApplicationAssignmentConfigurationRequest, GetApplicationAssignmentConfigurationResponse,
    InstanceMetadata, ListApplicationAssignmentsRequest, ListApplicationAssignmentsResponse,
    ListInstancesRequest, ListInstancesResponse,
};

use super::client::SageMakerClient;
use super::error::SageMakerError;
use super::operations::{MAX_PAGES, next_token};

impl SageMakerClient {
    /// `sso:ListInstances`: one page of the account's Identity Center instances.
    pub async fn list_instances(
        &self,
        input: &ListInstancesRequest,
    ) -> Result<ListInstancesResponse, SageMakerError> {
        self.call(input).await
    }

    /// `sso:DescribeApplication`: an application's instance and status.
    pub async fn describe_application(
        &self,
        input: &DescribeApplicationRequest,
    ) -> Result<DescribeApplicationResponse, SageMakerError> {
        self.call(input).await
    }

    /// `sso:GetApplicationAssignmentConfiguration`: whether only assigned people may use
    /// an application.
    pub async fn get_application_assignment_configuration(
        &self,
        input: &GetApplicationAssignmentConfigurationRequest,
    ) -> Result<GetApplicationAssignmentConfigurationResponse, SageMakerError> {
        self.call(input).await
    }

    /// `sso:ListApplicationAssignments`: one page of an application's users and groups.
    pub async fn list_application_assignments(
        &self,
        input: &ListApplicationAssignmentsRequest,
    ) -> Result<ListApplicationAssignmentsResponse, SageMakerError> {
        self.call(input).await
    }

    /// `sso:CreateApplicationAssignment`: lets a user or group into an application
    /// (`ConflictException` when it is already assigned).
    pub async fn create_application_assignment(
        &self,
        input: &CreateApplicationAssignmentRequest,
    ) -> Result<CreateApplicationAssignmentResponse, SageMakerError> {
        self.call(input).await
    }

    /// `sso:DeleteApplicationAssignment`: removes a user's or group's assignment
    /// (`ResourceNotFoundException` when there is none).
    pub async fn delete_application_assignment(
        &self,
        input: &DeleteApplicationAssignmentRequest,
    ) -> Result<DeleteApplicationAssignmentResponse, SageMakerError> {
        self.call(input).await
    }

    /// `identitystore:ListUsers`: one page of the directory's people.
    pub async fn list_users(
        &self,
        input: &ListUsersRequest,
    ) -> Result<ListUsersResponse, SageMakerError> {
        self.call(input).await
    }

    /// `identitystore:GetUserId`: the id of the person with a user name
    /// (`ResourceNotFoundException` when nobody has it).
    pub async fn get_user_id(
        &self,
        input: &GetUserIdRequest,
    ) -> Result<GetUserIdResponse, SageMakerError> {
        self.call(input).await
    }

    /// `identitystore:DescribeUser`: one person's names and addresses.
    pub async fn describe_user(
        &self,
        input: &DescribeUserRequest,
    ) -> Result<DescribeUserResponse, SageMakerError> {
        self.call(input).await
    }

    /// `identitystore:DescribeGroup`: a group's display name.
    pub async fn describe_group(
        &self,
        input: &DescribeGroupRequest,
    ) -> Result<DescribeGroupResponse, SageMakerError> {
        self.call(input).await
    }

    /// `identitystore:IsMemberInGroups`: which of up to 100 groups a person belongs to
    /// (directly or through nested groups).
    pub async fn is_member_in_groups(
        &self,
        input: &IsMemberInGroupsRequest,
    ) -> Result<IsMemberInGroupsResponse, SageMakerError> {
        self.call(input).await
    }

    /// Every Identity Center instance of the account, all pages of `ListInstances`.
    pub async fn all_instances(&self) -> Result<Vec<InstanceMetadata>, SageMakerError> {
        let mut request = ListInstancesRequest::default();
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.list_instances(&request).await?;
            out.extend(page.instances.unwrap_or_default());
            match next_token(request.next_token.as_deref(), page.next_token) {
                Some(token) => request.next_token = Some(token),
                None => break,
            }
        }
        Ok(out)
    }

    /// Every assignment of the application `application_arn`, all pages of
    /// `ListApplicationAssignments`.
    pub async fn all_application_assignments(
        &self,
        application_arn: &str,
    ) -> Result<Vec<ApplicationAssignment>, SageMakerError> {
        let mut request = ListApplicationAssignmentsRequest {
            application_arn: Some(application_arn.to_owned()),
            ..ListApplicationAssignmentsRequest::default()
        };
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.list_application_assignments(&request).await?;
            out.extend(page.application_assignments.unwrap_or_default());
            match next_token(request.next_token.as_deref(), page.next_token) {
                Some(token) => request.next_token = Some(token),
                None => break,
            }
        }
        Ok(out)
    }
}
