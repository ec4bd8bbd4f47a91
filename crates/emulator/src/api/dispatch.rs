//! From `X-Amz-Target` to an operation: parse the body strictly, check it against the
//! model, run the operation, serialize its output.

use serde_json::Value;
use studio_admin_model::identitystore::{
    DescribeGroupRequest, DescribeUserRequest, GetGroupIdRequest, GetUserIdRequest,
    IsMemberInGroupsRequest, ListGroupMembershipsForMemberRequest, ListGroupMembershipsRequest,
    ListGroupsRequest, ListUsersRequest,
};
use studio_admin_model::sso_admin::{
    CreateApplicationAssignmentRequest, DeleteApplicationAssignmentRequest,
    DescribeApplicationAssignmentRequest, DescribeApplicationRequest, DescribeInstanceRequest,
    GetApplicationAssignmentConfigurationRequest, ListApplicationAssignmentsForPrincipalRequest,
    ListApplicationAssignmentsRequest, ListInstancesRequest,
};
use studio_admin_model::{
    AddTagsInput, CreateAppRequest, CreateDomainRequest, CreatePresignedDomainUrlRequest,
    CreateSpaceRequest, CreateUserProfileRequest, DeleteAppRequest, DeleteDomainRequest,
    DeleteSpaceRequest, DeleteTagsInput, DeleteUserProfileRequest, DescribeAppRequest,
    DescribeDomainRequest, DescribeSpaceRequest, DescribeUserProfileRequest, JsonError,
    ListAppsRequest, ListDomainsRequest, ListSpacesRequest, ListTagsInput, ListUserProfilesRequest,
    Operation, UpdateUserProfileRequest, Validate, from_json_strict,
};

use super::service::Service;
use super::validation;
use crate::emulator::Emulator;
use crate::error::{ApiError, ErrorCode};

/// The SageMaker operations the emulator serves, as named in
/// `X-Amz-Target: SageMaker.<name>`.
pub const OPERATIONS: &[&str] = &[
    CreateDomainRequest::NAME,
    DescribeDomainRequest::NAME,
    ListDomainsRequest::NAME,
    DeleteDomainRequest::NAME,
    CreateUserProfileRequest::NAME,
    DescribeUserProfileRequest::NAME,
    ListUserProfilesRequest::NAME,
    UpdateUserProfileRequest::NAME,
    DeleteUserProfileRequest::NAME,
    CreateAppRequest::NAME,
    DescribeAppRequest::NAME,
    ListAppsRequest::NAME,
    DeleteAppRequest::NAME,
    CreateSpaceRequest::NAME,
    DescribeSpaceRequest::NAME,
    ListSpacesRequest::NAME,
    DeleteSpaceRequest::NAME,
    CreatePresignedDomainUrlRequest::NAME,
    AddTagsInput::NAME,
    DeleteTagsInput::NAME,
    ListTagsInput::NAME,
];

/// The Identity Store operations the emulator serves
/// (`X-Amz-Target: AWSIdentityStore.<name>`).
pub const IDENTITY_STORE_OPERATIONS: &[&str] = &[
    ListUsersRequest::NAME,
    GetUserIdRequest::NAME,
    DescribeUserRequest::NAME,
    ListGroupsRequest::NAME,
    GetGroupIdRequest::NAME,
    DescribeGroupRequest::NAME,
    ListGroupMembershipsRequest::NAME,
    ListGroupMembershipsForMemberRequest::NAME,
    IsMemberInGroupsRequest::NAME,
];

/// The SSO Admin operations the emulator serves
/// (`X-Amz-Target: SWBExternalService.<name>`).
pub const SSO_ADMIN_OPERATIONS: &[&str] = &[
    ListInstancesRequest::NAME,
    DescribeInstanceRequest::NAME,
    DescribeApplicationRequest::NAME,
    GetApplicationAssignmentConfigurationRequest::NAME,
    CreateApplicationAssignmentRequest::NAME,
    DeleteApplicationAssignmentRequest::NAME,
    DescribeApplicationAssignmentRequest::NAME,
    ListApplicationAssignmentsRequest::NAME,
    ListApplicationAssignmentsForPrincipalRequest::NAME,
];

fn serialization(message: String) -> ApiError {
    ApiError::new(ErrorCode::SerializationException, message)
}

/// Parses and checks the input of `R`, runs `handler`, serializes the output.
fn run<R: Operation + Validate>(
    body: &[u8],
    handler: impl FnOnce(R) -> Result<R::Output, ApiError>,
) -> Result<String, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| serialization("The request body is not valid UTF-8.".to_owned()))?;
    // An empty body means an empty input structure.
    let text = if text.trim().is_empty() { "{}" } else { text };
    let request: R = from_json_strict(text).map_err(|e| match e {
        JsonError::Syntax { .. } => serialization(e.to_string()),
        JsonError::UnknownMember { path } => serialization(format!(
            "Unrecognized member '{path}': the input of {} has no such member.",
            R::NAME
        )),
    })?;
    let report = request.check_model();
    if report.has_errors() {
        let json: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        if let Some(error) = validation::to_error(R::SERVICE, R::NAME, &report, &json) {
            return Err(error);
        }
    }
    let output = handler(request)?;
    serde_json::to_string(&output).map_err(|e| {
        ApiError::new(
            ErrorCode::InternalFailure,
            format!("The response could not be serialized: {e}"),
        )
    })
}

/// Runs `operation` (a name from the service's operations) on `body`; `base_url` is how
/// the client reaches this emulator (for presigned URLs).
pub(crate) fn dispatch(
    emulator: &Emulator,
    service: Service,
    operation: &str,
    body: &[u8],
    base_url: &str,
) -> Result<String, ApiError> {
    match service {
        Service::SageMaker => sagemaker(emulator, operation, body, base_url),
        Service::IdentityStore => identity_store(emulator, operation, body),
        Service::SsoAdmin => sso_admin(emulator, operation, body),
    }
}

fn identity_store(e: &Emulator, operation: &str, body: &[u8]) -> Result<String, ApiError> {
    match operation {
        ListUsersRequest::NAME => run(body, |r| e.list_users(&r)),
        GetUserIdRequest::NAME => run(body, |r| e.get_user_id(&r)),
        DescribeUserRequest::NAME => run(body, |r| e.describe_user(&r)),
        ListGroupsRequest::NAME => run(body, |r| e.list_groups(&r)),
        GetGroupIdRequest::NAME => run(body, |r| e.get_group_id(&r)),
        DescribeGroupRequest::NAME => run(body, |r| e.describe_group(&r)),
        ListGroupMembershipsRequest::NAME => run(body, |r| e.list_group_memberships(&r)),
        ListGroupMembershipsForMemberRequest::NAME => {
            run(body, |r| e.list_group_memberships_for_member(&r))
        }
        IsMemberInGroupsRequest::NAME => run(body, |r| e.is_member_in_groups(&r)),
        other => Err(unknown_operation(other)),
    }
}

fn sso_admin(e: &Emulator, operation: &str, body: &[u8]) -> Result<String, ApiError> {
    match operation {
        ListInstancesRequest::NAME => run(body, |r| e.list_instances(&r)),
        DescribeInstanceRequest::NAME => run(body, |r| e.describe_instance(&r)),
        DescribeApplicationRequest::NAME => run(body, |r| e.describe_application(&r)),
        GetApplicationAssignmentConfigurationRequest::NAME => {
            run(body, |r| e.get_application_assignment_configuration(&r))
        }
        CreateApplicationAssignmentRequest::NAME => {
            run(body, |r| e.create_application_assignment(&r))
        }
        DeleteApplicationAssignmentRequest::NAME => {
            run(body, |r| e.delete_application_assignment(&r))
        }
        DescribeApplicationAssignmentRequest::NAME => {
            run(body, |r| e.describe_application_assignment(&r))
        }
        ListApplicationAssignmentsRequest::NAME => {
            run(body, |r| e.list_application_assignments(&r))
        }
        ListApplicationAssignmentsForPrincipalRequest::NAME => {
            run(body, |r| e.list_application_assignments_for_principal(&r))
        }
        other => Err(unknown_operation(other)),
    }
}

fn sagemaker(
    e: &Emulator,
    operation: &str,
    body: &[u8],
    base_url: &str,
) -> Result<String, ApiError> {
    match operation {
        CreateDomainRequest::NAME => run(body, |r| e.create_domain(r)),
        DescribeDomainRequest::NAME => run(body, |r| e.describe_domain(&r)),
        ListDomainsRequest::NAME => run(body, |r| e.list_domains(&r)),
        DeleteDomainRequest::NAME => run(body, |r| e.delete_domain(&r)),
        CreateUserProfileRequest::NAME => run(body, |r| e.create_user_profile(r)),
        DescribeUserProfileRequest::NAME => run(body, |r| e.describe_user_profile(&r)),
        ListUserProfilesRequest::NAME => run(body, |r| e.list_user_profiles(&r)),
        UpdateUserProfileRequest::NAME => run(body, |r| e.update_user_profile(&r)),
        DeleteUserProfileRequest::NAME => run(body, |r| e.delete_user_profile(&r)),
        CreateAppRequest::NAME => run(body, |r| e.create_app(r)),
        DescribeAppRequest::NAME => run(body, |r| e.describe_app(&r)),
        ListAppsRequest::NAME => run(body, |r| e.list_apps(&r)),
        DeleteAppRequest::NAME => run(body, |r| e.delete_app(&r)),
        CreateSpaceRequest::NAME => run(body, |r| e.create_space(r)),
        DescribeSpaceRequest::NAME => run(body, |r| e.describe_space(&r)),
        ListSpacesRequest::NAME => run(body, |r| e.list_spaces(&r)),
        DeleteSpaceRequest::NAME => run(body, |r| e.delete_space(&r)),
        CreatePresignedDomainUrlRequest::NAME => {
            run(body, |r| e.create_presigned_domain_url(&r, base_url))
        }
        AddTagsInput::NAME => run(body, |r| e.add_tags(r)),
        DeleteTagsInput::NAME => run(body, |r| e.delete_tags(&r)),
        ListTagsInput::NAME => run(body, |r| e.list_tags(&r)),
        other => Err(unknown_operation(other)),
    }
}

/// AWS's answer to a target that names no operation.
pub(crate) fn unknown_operation(target: &str) -> ApiError {
    ApiError::new(
        ErrorCode::UnknownOperationException,
        format!("Unknown operation: {target}"),
    )
}
