//! The allow-list of IAM Identity Center: one typed method per Identity Store and SSO Admin
//! operation the panel needs to find an SSO domain's directory, look people up, and let
//! them into Studio (or stop letting them in). Like `operations.rs`, nothing else in the
//! crate reaches the generic `call`, so an operation missing here cannot be sent; the
//! calls share SageMaker's signing, retry and clock-skew path, each signed with its own
//! service's signing name and sent to its own endpoint.

use studio_admin_model::identitystore::{
    DescribeGroupRequest, DescribeGroupResponse, DescribeUserRequest, DescribeUserResponse,
    GetUserIdRequest, GetUserIdResponse, Group, GroupMembership, IsMemberInGroupsRequest,
    IsMemberInGroupsResponse, ListGroupMembershipsRequest, ListGroupMembershipsResponse,
    ListGroupsRequest, ListGroupsResponse, ListUsersRequest, ListUsersResponse,
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
use super::operations::allowed_operations;

allowed_operations! {
    /// `sso:ListInstances`: one page of the account's Identity Center instances.
    list_instances(ListInstancesRequest) -> ListInstancesResponse;
    /// `sso:DescribeApplication`: an application's instance and status.
    describe_application(DescribeApplicationRequest) -> DescribeApplicationResponse;
    /// `sso:GetApplicationAssignmentConfiguration`: whether only assigned people may use
    /// an application.
    get_application_assignment_configuration(GetApplicationAssignmentConfigurationRequest) -> GetApplicationAssignmentConfigurationResponse;
    /// `sso:ListApplicationAssignments`: one page of an application's users and groups.
    list_application_assignments(ListApplicationAssignmentsRequest) -> ListApplicationAssignmentsResponse;
    /// `sso:CreateApplicationAssignment`: lets a user or group into an application
    /// (`ConflictException` when it is already assigned).
    create_application_assignment(CreateApplicationAssignmentRequest) -> CreateApplicationAssignmentResponse;
    /// `sso:DeleteApplicationAssignment`: removes a user's or group's assignment
    /// (`ResourceNotFoundException` when there is none).
    delete_application_assignment(DeleteApplicationAssignmentRequest) -> DeleteApplicationAssignmentResponse;
    /// `identitystore:ListUsers`: one page of the directory's people.
    list_users(ListUsersRequest) -> ListUsersResponse;
    /// `identitystore:GetUserId`: the id of the person with a user name
    /// (`ResourceNotFoundException` when nobody has it).
    get_user_id(GetUserIdRequest) -> GetUserIdResponse;
    /// `identitystore:DescribeUser`: one person's names and addresses.
    describe_user(DescribeUserRequest) -> DescribeUserResponse;
    /// `identitystore:DescribeGroup`: a group's display name.
    describe_group(DescribeGroupRequest) -> DescribeGroupResponse;
    /// `identitystore:IsMemberInGroups`: which of up to 100 groups a person belongs to
    /// (directly or through nested groups).
    is_member_in_groups(IsMemberInGroupsRequest) -> IsMemberInGroupsResponse;
    /// `identitystore:ListGroups`: one page of the directory's groups.
    list_groups(ListGroupsRequest) -> ListGroupsResponse;
    /// `identitystore:ListGroupMemberships`: one page of a group's members.
    list_group_memberships(ListGroupMembershipsRequest) -> ListGroupMembershipsResponse;
}

impl SageMakerClient {
    /// Every Identity Center instance of the account, all pages of `ListInstances`.
    pub async fn all_instances(&self) -> Result<Vec<InstanceMetadata>, SageMakerError> {
        self.all_pages(ListInstancesRequest::default()).await
    }

    /// Every assignment of the application `application_arn`, all pages of
    /// `ListApplicationAssignments`.
    pub async fn all_application_assignments(
        &self,
        application_arn: &str,
    ) -> Result<Vec<ApplicationAssignment>, SageMakerError> {
        let request = ListApplicationAssignmentsRequest {
            application_arn: Some(application_arn.to_owned()),
            ..ListApplicationAssignmentsRequest::default()
        };
        self.all_pages(request).await
    }

    /// Every group of the directory `identity_store_id`, all pages of `ListGroups`.
    pub async fn all_groups(&self, identity_store_id: &str) -> Result<Vec<Group>, SageMakerError> {
        let request = ListGroupsRequest {
            identity_store_id: Some(identity_store_id.to_owned()),
            ..ListGroupsRequest::default()
        };
        self.all_pages(request).await
    }

    /// Every membership of the group `group_id`, all pages of `ListGroupMemberships`.
    pub async fn all_group_memberships(
        &self,
        identity_store_id: &str,
        group_id: &str,
    ) -> Result<Vec<GroupMembership>, SageMakerError> {
        let request = ListGroupMembershipsRequest {
            identity_store_id: Some(identity_store_id.to_owned()),
            group_id: Some(group_id.to_owned()),
            ..ListGroupMembershipsRequest::default()
        };
        self.all_pages(request).await
    }
}
