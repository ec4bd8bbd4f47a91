//! From `X-Amz-Target` to an operation: parse the body strictly, check it against the
//! model, run the operation, serialize its output.

use serde_json::Value;
use studio_admin_model::{
    CreateAppRequest, CreateDomainRequest, CreatePresignedDomainUrlRequest, CreateSpaceRequest,
    CreateUserProfileRequest, DeleteAppRequest, DeleteDomainRequest, DeleteSpaceRequest,
    DeleteUserProfileRequest, DescribeAppRequest, DescribeDomainRequest, DescribeSpaceRequest,
    DescribeUserProfileRequest, JsonError, ListAppsRequest, ListDomainsRequest, ListSpacesRequest,
    ListUserProfilesRequest, Operation, UpdateUserProfileRequest, Validate, from_json_strict,
};

use super::validation;
use crate::emulator::Emulator;
use crate::error::{ApiError, ErrorCode};

/// The operations the emulator serves, as named in `X-Amz-Target: SageMaker.<name>`.
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
        if let Some(error) = validation::to_error(R::NAME, &report, &json) {
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

/// Runs `operation` (a name from [`OPERATIONS`]) on `body`; `base_url` is how the client
/// reaches this emulator (for presigned URLs).
pub(crate) fn dispatch(
    emulator: &Emulator,
    operation: &str,
    body: &[u8],
    base_url: &str,
) -> Result<String, ApiError> {
    let e = emulator;
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
