//! How a person reaches Studio through IAM Identity Center, and changing it.
//!
//! A person gets in when the application requires no assignment, when they are assigned
//! to it themselves (a direct assignment), or when they belong to an assigned group
//! (ListApplicationAssignments, then IsMemberInGroups for the assigned groups). The panel
//! only ever adds or removes a person's own direct assignment; groups are never changed.

use studio_admin_api::{AccessKind, PlanAccess, StudioAccess};
use studio_admin_model::identitystore::{DescribeGroupRequest, IsMemberInGroupsRequest, MemberId};
use studio_admin_model::sso_admin::{
    CreateApplicationAssignmentRequest, DeleteApplicationAssignmentRequest, PrincipalType,
};

use super::directory::Directory;
use crate::sagemaker::{SageMakerClient, SageMakerError};

/// IsMemberInGroups asks about at most this many groups at once (shape `GroupIds`).
const GROUPS_PER_CALL: usize = 100;

/// Every way one person reaches the application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// Whether the application requires an assignment at all.
    pub required: bool,
    /// Whether the person is assigned directly.
    pub direct: bool,
    /// The display names of the assigned groups the person belongs to.
    pub groups: Vec<String>,
}

impl Reach {
    /// How the person gets in, the strongest way first: not required, direct, group.
    pub fn access(&self) -> StudioAccess {
        if !self.required {
            StudioAccess::found(AccessKind::NotRequired)
        } else if self.direct {
            StudioAccess {
                groups: self.groups.clone(),
                ..StudioAccess::found(AccessKind::Direct)
            }
        } else if !self.groups.is_empty() {
            StudioAccess {
                groups: self.groups.clone(),
                ..StudioAccess::found(AccessKind::Group)
            }
        } else {
            StudioAccess::found(AccessKind::None)
        }
    }

    /// What a delete of `user_name`'s profile does about this: the direct assignment is
    /// removed (unless kept), the groups stay.
    pub fn plan(&self, user_name: &str) -> PlanAccess {
        PlanAccess {
            user_name: user_name.to_owned(),
            direct: self.direct,
            groups: self.groups.clone(),
            error: None,
        }
    }
}

/// How the person `user_id` reaches the directory's application now.
pub async fn reach(
    client: &SageMakerClient,
    directory: &Directory,
    user_id: &str,
) -> Result<Reach, SageMakerError> {
    let assignments = client
        .all_application_assignments(&directory.application_arn)
        .await?;
    let direct = assignments.iter().any(|a| {
        a.principal_type == Some(PrincipalType::User) && a.principal_id.as_deref() == Some(user_id)
    });
    let assigned_groups: Vec<String> = assignments
        .into_iter()
        .filter(|a| a.principal_type == Some(PrincipalType::Group))
        .filter_map(|a| a.principal_id)
        .collect();
    let mut groups = Vec::new();
    for chunk in assigned_groups.chunks(GROUPS_PER_CALL) {
        let request = IsMemberInGroupsRequest {
            identity_store_id: Some(directory.identity_store_id.clone()),
            member_id: Some(MemberId {
                user_id: Some(user_id.to_owned()),
            }),
            group_ids: Some(chunk.to_vec()),
        };
        let answer = client.is_member_in_groups(&request).await?;
        for result in answer.results.unwrap_or_default() {
            if result.membership_exists == Some(true)
                && let Some(group_id) = result.group_id
            {
                groups.push(group_name(client, directory, group_id).await?);
            }
        }
    }
    groups.sort();
    Ok(Reach {
        required: directory.assignment_required,
        direct,
        groups,
    })
}

/// A group's display name (its id when it has none).
async fn group_name(
    client: &SageMakerClient,
    directory: &Directory,
    group_id: String,
) -> Result<String, SageMakerError> {
    let request = DescribeGroupRequest {
        identity_store_id: Some(directory.identity_store_id.clone()),
        group_id: Some(group_id.clone()),
    };
    let group = client.describe_group(&request).await?;
    Ok(group
        .display_name
        .filter(|n| !n.is_empty())
        .unwrap_or(group_id))
}

/// Lets the person `user_id` into Studio unless they get in already: no assignment
/// required, a direct assignment, or an assigned group. Otherwise assigns them directly
/// (an assignment that exists by then counts as made). Never fails: what went wrong is the
/// answer's `error`, and the person has no access then.
pub async fn grant(client: &SageMakerClient, directory: &Directory, user_id: &str) -> StudioAccess {
    let reach = match reach(client, directory, user_id).await {
        Ok(reach) => reach,
        Err(e) => return StudioAccess::failed(e.to_string()),
    };
    let found = reach.access();
    if found.kind != AccessKind::None {
        return found;
    }
    let request = CreateApplicationAssignmentRequest {
        application_arn: Some(directory.application_arn.clone()),
        principal_id: Some(user_id.to_owned()),
        principal_type: Some(PrincipalType::User),
    };
    match client.create_application_assignment(&request).await {
        Ok(_) => StudioAccess {
            granted: true,
            ..StudioAccess::found(AccessKind::Direct)
        },
        // Assigned in the meantime (or by an earlier attempt whose answer was lost).
        Err(e) if e.is_conflict() => StudioAccess::found(AccessKind::Direct),
        Err(e) => StudioAccess::failed(e.to_string()),
    }
}

/// Removes the person's direct assignment: `Ok(true)` when one was removed, `Ok(false)`
/// when there was none. Their groups are not touched.
pub async fn remove_direct(
    client: &SageMakerClient,
    directory: &Directory,
    user_id: &str,
) -> Result<bool, SageMakerError> {
    let request = DeleteApplicationAssignmentRequest {
        application_arn: Some(directory.application_arn.clone()),
        principal_id: Some(user_id.to_owned()),
        principal_type: Some(PrincipalType::User),
    };
    match client.delete_application_assignment(&request).await {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strongest_way_in_is_the_answer() {
        let reach = |required, direct, groups: &[&str]| Reach {
            required,
            direct,
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        };
        assert_eq!(
            reach(false, false, &[]).access().kind,
            AccessKind::NotRequired
        );
        assert_eq!(reach(true, true, &["ml"]).access().kind, AccessKind::Direct);
        let group = reach(true, false, &["ml"]).access();
        assert_eq!(group.describe(), "group: ml");
        assert_eq!(reach(true, false, &[]).access().kind, AccessKind::None);
    }
}
