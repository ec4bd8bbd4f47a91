//! The groups of a directory, and a group's members as a team file: onboarding a whole
//! group is planning that file like any other.

use futures_util::{StreamExt as _, TryStreamExt as _, stream};
use studio_admin_api::{
    DirectoryGroup, DirectoryGroups, DirectoryUser, GroupFile, profile_name_for,
};
use studio_admin_model::identitystore::{DescribeGroupRequest, DescribeUserRequest};
use studio_admin_model::table;

use super::directory::Directory;
use super::people;
use crate::sagemaker::{SageMakerClient, SageMakerError};

/// DescribeUser calls in flight while a group's members are read.
const LOOKUPS_IN_FLIGHT: usize = 8;

/// The columns of a group's team file.
const COLUMNS: [&str; 3] = [
    "UserProfileName",
    "SingleSignOnUserIdentifier",
    "SingleSignOnUserValue",
];

/// Every group of the directory, by display name.
pub async fn groups(
    client: &SageMakerClient,
    directory: &Directory,
) -> Result<DirectoryGroups, SageMakerError> {
    let mut groups: Vec<DirectoryGroup> = client
        .all_groups(&directory.identity_store_id)
        .await?
        .into_iter()
        .filter_map(|g| Some(group(g.group_id?, g.display_name, g.description)))
        .collect();
    groups.sort_by_key(|g| g.display_name.to_lowercase());
    Ok(DirectoryGroups { groups })
}

/// A group as the panel shows it: named by its id when the directory gives no name.
fn group(group_id: String, name: Option<String>, description: Option<String>) -> DirectoryGroup {
    DirectoryGroup {
        display_name: name.unwrap_or_else(|| group_id.clone()),
        group_id,
        description: description.filter(|d| !d.is_empty()),
    }
}

/// The group `group_id` and its members as a team file (`None` when the directory has no
/// such group). A member whose user name yields no profile name gets an empty name: the
/// plan shows that row as invalid, for the lead to name.
pub async fn group_file(
    client: &SageMakerClient,
    directory: &Directory,
    group_id: &str,
) -> Result<Option<GroupFile>, SageMakerError> {
    let store = directory.identity_store_id.clone();
    let describe = DescribeGroupRequest {
        identity_store_id: Some(store.clone()),
        group_id: Some(group_id.to_owned()),
    };
    let described = match client.describe_group(&describe).await {
        Ok(described) => described,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(e),
    };
    let user_ids: Vec<String> = client
        .all_group_memberships(&store, group_id)
        .await?
        .into_iter()
        .filter_map(|m| m.member_id?.user_id)
        .collect();
    let mut members: Vec<DirectoryUser> = stream::iter(user_ids)
        .map(|user_id| {
            let request = DescribeUserRequest {
                identity_store_id: Some(store.clone()),
                user_id: Some(user_id),
                ..DescribeUserRequest::default()
            };
            async move { client.describe_user(&request).await.map(people::described) }
        })
        .buffer_unordered(LOOKUPS_IN_FLIGHT)
        .try_collect()
        .await?;
    members.sort_by(|a, b| a.user_name.cmp(&b.user_name));
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            vec![
                profile_name_for(&m.user_name),
                "UserName".to_owned(),
                m.user_name.clone(),
            ]
        })
        .collect();
    let header = COLUMNS.map(str::to_owned);
    Ok(Some(GroupFile {
        group: group(
            group_id.to_owned(),
            described.display_name,
            described.description,
        ),
        members,
        file: table::write(&header, &rows),
    }))
}
