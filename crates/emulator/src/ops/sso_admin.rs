//! IAM Identity Center's admin API (`X-Amz-Target: SWBExternalService.*`): ListInstances,
//! DescribeInstance, DescribeApplication, GetApplicationAssignmentConfiguration,
//! CreateApplicationAssignment, DeleteApplicationAssignment, DescribeApplicationAssignment,
//! ListApplicationAssignments, ListApplicationAssignmentsForPrincipal.
//!
//! The applications are those of the SSO-mode domains (DescribeDomain's
//! `SingleSignOnApplicationArn`). An assignment names a user or group of the instance's
//! directory; assigning one twice is a `ConflictException`, and an unknown application,
//! principal or assignment a `ResourceNotFoundException`.

use std::time::Duration;
use studio_admin_model::sso_admin::{
    ApplicationAssignment, ApplicationAssignmentForPrincipal, ApplicationStatus,
    ApplicationVisibility, CreateApplicationAssignmentRequest, CreateApplicationAssignmentResponse,
    DeleteApplicationAssignmentRequest, DeleteApplicationAssignmentResponse,
    DescribeApplicationAssignmentRequest, DescribeApplicationAssignmentResponse,
    DescribeApplicationRequest, DescribeApplicationResponse, DescribeInstanceRequest,
    DescribeInstanceResponse, GetApplicationAssignmentConfigurationRequest,
    GetApplicationAssignmentConfigurationResponse, InstanceMetadata, InstanceStatus,
    ListApplicationAssignmentsForPrincipalRequest, ListApplicationAssignmentsForPrincipalResponse,
    ListApplicationAssignmentsRequest, ListApplicationAssignmentsResponse, ListInstancesRequest,
    ListInstancesResponse, PortalOptions, PrincipalType, SignInOptions, SignInOrigin,
};

use studio_admin_model::WireEnum;

use super::listing::in_order_made;
use super::{NamesOne, cursor, required, reshaped};
use crate::directory::{Application, Assignment, IdentityCenter, Instance};
use crate::emulator::Emulator;
use crate::error::{ApiError, ErrorCode};
use crate::paging::Cursor;
use crate::store::Store;

/// The application provider of SageMaker Studio's applications.
const STUDIO_PROVIDER: &str = "arn:aws:sso::aws:applicationProvider/sagemaker";

fn not_found(message: String) -> ApiError {
    ApiError::new(ErrorCode::ResourceNotFoundException, message)
}

fn application_not_found(arn: &str) -> ApiError {
    not_found(format!("Application {arn} does not exist."))
}

/// The application with this ARN, while its domain is not gone.
fn the_application<'a>(
    store: &'a Store,
    arn: &str,
    now: Duration,
) -> Result<&'a Application, ApiError> {
    store
        .identity
        .application(arn)
        .filter(|a| store.domain(&a.domain_id, now).is_some())
        .ok_or_else(|| application_not_found(arn))
}

fn principal_type(value: Option<&PrincipalType>) -> Result<PrincipalType, ApiError> {
    value
        .cloned()
        .ok_or_else(|| ApiError::validation("PrincipalType must be USER or GROUP."))
}

/// The instance `arn` names, if it is the account's.
fn the_instance<'a>(identity: &'a IdentityCenter, arn: &str) -> Result<&'a Instance, ApiError> {
    identity
        .instance
        .as_ref()
        .filter(|i| i.arn == arn)
        .ok_or_else(|| not_found(format!("Instance {arn} does not exist.")))
}

/// The assignment a request names: an application and a user or group.
pub(super) struct AssignmentKey<'a> {
    arn: &'a str,
    kind: PrincipalType,
    principal_id: &'a str,
}

names_one!(AssignmentKey for
    CreateApplicationAssignmentRequest,
    DeleteApplicationAssignmentRequest,
    DescribeApplicationAssignmentRequest,
    => |r| AssignmentKey {
        arn: required(&r.application_arn, "ApplicationArn")?,
        principal_id: required(&r.principal_id, "PrincipalId")?,
        kind: principal_type(r.principal_type.as_ref())?,
    }
);

impl AssignmentKey<'_> {
    /// Where the assignment is (its application existing), or `ResourceNotFound`.
    fn find(&self, store: &Store, now: Duration) -> Result<usize, ApiError> {
        let Self {
            arn,
            kind,
            principal_id,
        } = self;
        the_application(store, arn, now)?;
        store
            .identity
            .assignment_index(arn, kind, principal_id)
            .ok_or_else(|| {
                not_found(format!(
                    "Principal {principal_id} of type {kind} is not assigned to application {arn}."
                ))
            })
    }
}

/// An assignment as one of the wire's assignment shapes (generated types with the same
/// three members).
macro_rules! wire_assignment {
    ($shape:ident, $a:expr) => {
        $shape {
            application_arn: Some($a.application_arn.clone()),
            principal_id: Some($a.principal_id.clone()),
            principal_type: Some($a.principal_type.clone()),
        }
    };
}

impl Emulator {
    fn instance_metadata(&self, i: &Instance) -> InstanceMetadata {
        InstanceMetadata {
            instance_arn: Some(i.arn.clone()),
            identity_store_id: Some(i.identity_store_id.clone()),
            identity_store_arn: Some(i.identity_store_arn.clone()),
            owner_account_id: Some(self.arns().account_id().to_owned()),
            name: Some("studio-admin-emulator".to_owned()),
            created_date: Some(self.clock().epoch(i.created)),
            status: Some(InstanceStatus::Active),
            primary_region: Some(self.arns().region().to_owned()),
            ..InstanceMetadata::default()
        }
    }

    /// ListInstances: the account's instance, if it has one.
    pub(crate) fn list_instances(
        &self,
        request: &ListInstancesRequest,
    ) -> Result<ListInstancesResponse, ApiError> {
        let store = self.read();
        let items = store
            .identity
            .instance
            .iter()
            .map(|i| (cursor(i.created, i.id.clone()), self.instance_metadata(i)))
            .collect();
        let (instances, next_token) = self.page_of(request, items, false, &[])?;
        Ok(ListInstancesResponse {
            instances: Some(instances),
            next_token,
        })
    }

    /// DescribeInstance.
    pub(crate) fn describe_instance(
        &self,
        request: &DescribeInstanceRequest,
    ) -> Result<DescribeInstanceResponse, ApiError> {
        let arn = required(&request.instance_arn, "InstanceArn")?;
        let store = self.read();
        reshaped(&self.instance_metadata(the_instance(&store.identity, arn)?))
    }

    /// DescribeApplication: its instance, status and where the access portal sends people.
    pub(crate) fn describe_application(
        &self,
        request: &DescribeApplicationRequest,
    ) -> Result<DescribeApplicationResponse, ApiError> {
        let arn = required(&request.application_arn, "ApplicationArn")?;
        let store = self.read();
        let app = the_application(&store, arn, self.now())?;
        let instance = store
            .identity
            .instance
            .as_ref()
            .ok_or_else(|| application_not_found(arn))?;
        Ok(DescribeApplicationResponse {
            application_arn: Some(app.arn.clone()),
            application_provider_arn: Some(STUDIO_PROVIDER.to_owned()),
            name: Some(app.name.clone()),
            application_account: Some(self.arns().account_id().to_owned()),
            instance_arn: Some(instance.arn.clone()),
            status: Some(ApplicationStatus::Enabled),
            portal_options: Some(PortalOptions {
                sign_in_options: Some(SignInOptions {
                    origin: Some(SignInOrigin::Application),
                    application_url: Some(app.url.clone()),
                }),
                visibility: Some(ApplicationVisibility::Enabled),
            }),
            description: Some(format!("SageMaker Studio of domain {}", app.domain_id)),
            created_date: Some(self.clock().epoch(app.created)),
            created_from: Some(self.arns().region().to_owned()),
            ..DescribeApplicationResponse::default()
        })
    }

    /// GetApplicationAssignmentConfiguration: whether only assigned people may use it.
    pub(crate) fn get_application_assignment_configuration(
        &self,
        request: &GetApplicationAssignmentConfigurationRequest,
    ) -> Result<GetApplicationAssignmentConfigurationResponse, ApiError> {
        let arn = required(&request.application_arn, "ApplicationArn")?;
        let store = self.read();
        let app = the_application(&store, arn, self.now())?;
        Ok(GetApplicationAssignmentConfigurationResponse {
            assignment_required: Some(app.assignment_required),
        })
    }

    /// CreateApplicationAssignment: a user or group of the directory; twice is a conflict.
    pub(crate) fn create_application_assignment(
        &self,
        request: &CreateApplicationAssignmentRequest,
    ) -> Result<CreateApplicationAssignmentResponse, ApiError> {
        let key = request.key()?;
        let AssignmentKey {
            arn,
            kind,
            principal_id,
        } = key;
        let (mut store, now) = self.write();
        the_application(&store, arn, now)?;
        let identity = &mut store.identity;
        if !identity.principal_exists(&kind, principal_id) {
            return Err(not_found(format!(
                "Principal {principal_id} of type {kind} does not exist in the identity store."
            )));
        }
        if identity
            .assignment_index(arn, &kind, principal_id)
            .is_some()
        {
            return Err(ApiError::new(
                ErrorCode::ConflictException,
                format!(
                    "Principal {principal_id} of type {kind} is already assigned to application {arn}."
                ),
            ));
        }
        let seq = identity.next_seq();
        identity.assignments.push(Assignment {
            seq,
            application_arn: arn.to_owned(),
            principal_type: kind,
            principal_id: principal_id.to_owned(),
        });
        Ok(CreateApplicationAssignmentResponse {})
    }

    /// DeleteApplicationAssignment.
    pub(crate) fn delete_application_assignment(
        &self,
        request: &DeleteApplicationAssignmentRequest,
    ) -> Result<DeleteApplicationAssignmentResponse, ApiError> {
        let key = request.key()?;
        let (mut store, now) = self.write();
        let index = key.find(&store, now)?;
        store.identity.assignments.remove(index);
        Ok(DeleteApplicationAssignmentResponse {})
    }

    /// DescribeApplicationAssignment.
    pub(crate) fn describe_application_assignment(
        &self,
        request: &DescribeApplicationAssignmentRequest,
    ) -> Result<DescribeApplicationAssignmentResponse, ApiError> {
        let key = request.key()?;
        let store = self.read();
        let a = &store.identity.assignments[key.find(&store, self.now())?];
        Ok(wire_assignment!(DescribeApplicationAssignmentResponse, a))
    }

    /// ListApplicationAssignments: who is assigned to one application, oldest first.
    pub(crate) fn list_application_assignments(
        &self,
        request: &ListApplicationAssignmentsRequest,
    ) -> Result<ListApplicationAssignmentsResponse, ApiError> {
        let arn = required(&request.application_arn, "ApplicationArn")?;
        let store = self.read();
        the_application(&store, arn, self.now())?;
        let identity = &store.identity;
        let items = identity
            .assignments
            .iter()
            .filter(|a| a.application_arn == arn)
            .map(|a| (made(a), wire_assignment!(ApplicationAssignment, a)))
            .collect();
        let (application_assignments, next_token) = self.page_of(request, items, false, &[arn])?;
        Ok(ListApplicationAssignmentsResponse {
            application_assignments: Some(application_assignments),
            next_token,
        })
    }

    /// ListApplicationAssignmentsForPrincipal: the applications one user or group is
    /// directly assigned to (optionally only one application).
    pub(crate) fn list_application_assignments_for_principal(
        &self,
        request: &ListApplicationAssignmentsForPrincipalRequest,
    ) -> Result<ListApplicationAssignmentsForPrincipalResponse, ApiError> {
        let instance_arn = required(&request.instance_arn, "InstanceArn")?;
        let principal_id = required(&request.principal_id, "PrincipalId")?;
        let kind = principal_type(request.principal_type.as_ref())?;
        let only = request
            .filter
            .as_ref()
            .and_then(|f| f.application_arn.as_deref());
        let (store, now) = self.read_now();
        let identity = &store.identity;
        the_instance(identity, instance_arn)?;
        let items = identity
            .assignments
            .iter()
            .filter(|a| {
                the_application(&store, &a.application_arn, now).is_ok()
                    && a.principal_type == kind
                    && a.principal_id == principal_id
                    && only.is_none_or(|arn| a.application_arn == arn)
            })
            .map(|a| {
                let item = wire_assignment!(ApplicationAssignmentForPrincipal, a);
                (made(a), item)
            })
            .collect();
        let (application_assignments, next_token) = self.page_of(
            request,
            items,
            false,
            &[principal_id, kind.as_str(), only.unwrap_or("")],
        )?;
        Ok(ListApplicationAssignmentsForPrincipalResponse {
            application_assignments: Some(application_assignments),
            next_token,
        })
    }
}

/// An assignment's place in a list: in order of making.
fn made(a: &Assignment) -> Cursor {
    in_order_made(a.seq, String::new())
}
