//! The Identity Store (IAM Identity Center's directory, `X-Amz-Target:
//! AWSIdentityStore.*`): ListUsers, GetUserId, DescribeUser, ListGroups, GetGroupId,
//! DescribeGroup, ListGroupMemberships, ListGroupMembershipsForMember, IsMemberInGroups.
//!
//! Users are listed by user name and groups by display name; user names, display names
//! and e-mail addresses are matched ignoring case. Something that does not exist is a
//! `ResourceNotFoundException` naming its `ResourceType` and `ResourceId`, as the
//! service answers.

use serde_json::Value;
use studio_admin_model::EpochSeconds;
use studio_admin_model::identitystore::{
    self, AlternateIdentifier, DescribeGroupRequest, DescribeGroupResponse, DescribeUserRequest,
    DescribeUserResponse, Email, Filter, GetGroupIdRequest, GetGroupIdResponse, GetUserIdRequest,
    GetUserIdResponse, GroupMembership, GroupMembershipExistenceResult, IsMemberInGroupsRequest,
    IsMemberInGroupsResponse, ListGroupMembershipsForMemberRequest,
    ListGroupMembershipsForMemberResponse, ListGroupMembershipsRequest,
    ListGroupMembershipsResponse, ListGroupsRequest, ListGroupsResponse, ListUsersRequest,
    ListUsersResponse, MemberId, Name, UserStatus,
};

use super::listing::{ListRequest, by_name, in_order_made};
use super::{required, reshaped};
use crate::directory::{self, IdentityCenter};
use crate::emulator::Emulator;
use crate::error::{ApiError, ErrorCode};
use crate::paging::Cursor;
/// The only filter ListUsers supports.
const USER_FILTER: &str = "UserName";
/// The only filter ListGroups supports.
const GROUP_FILTER: &str = "DisplayName";

/// `ResourceNotFoundException` for an entry of the directory (`USER`, `GROUP`, ...)
/// looked up by an attribute: there is no id to name.
fn none_found(resource_type: &str) -> ApiError {
    ApiError::new(
        ErrorCode::ResourceNotFoundException,
        format!("{resource_type} not found."),
    )
    .with("ResourceType", resource_type)
}

/// `ResourceNotFoundException` for the entry `id` of the directory.
fn not_found(resource_type: &str, id: &str) -> ApiError {
    none_found(resource_type).with("ResourceId", id)
}

/// The identity store a request names (an id or ARN), if it is the account's.
fn the_store<'a>(
    identity: &IdentityCenter,
    given: &'a Option<String>,
) -> Result<&'a str, ApiError> {
    let given = required(given, "IdentityStoreId")?;
    if identity.is_identity_store(given) {
        Ok(given)
    } else {
        Err(not_found("IDENTITY_STORE", given))
    }
}

/// The user `id`.
fn the_user<'a>(identity: &'a IdentityCenter, id: &str) -> Result<&'a directory::User, ApiError> {
    identity.user(id).ok_or_else(|| not_found("USER", id))
}

/// The group `id`.
fn the_group<'a>(identity: &'a IdentityCenter, id: &str) -> Result<&'a directory::Group, ApiError> {
    identity.group(id).ok_or_else(|| not_found("GROUP", id))
}

/// The one filter a list request may carry, if its attribute path is `supported`.
fn filter<'a>(filters: Option<&'a [Filter]>, supported: &str) -> Result<Option<&'a str>, ApiError> {
    let Some(filter) = filters.and_then(<[Filter]>::first) else {
        return Ok(None);
    };
    let path = filter.attribute_path.as_deref().unwrap_or_default();
    if !path.eq_ignore_ascii_case(supported) {
        return Err(ApiError::validation(format!(
            "Invalid attribute path '{path}' in filter: only {supported} is supported."
        )));
    }
    Ok(filter.attribute_value.as_deref())
}

/// The unique attribute an AlternateIdentifier gives: `(path, value)`, or `None` for an
/// external id (the emulated directory has none).
fn unique_attribute(
    identifier: Option<&AlternateIdentifier>,
) -> Result<Option<(String, String)>, ApiError> {
    let Some(attribute) = identifier.and_then(|i| i.unique_attribute.as_ref()) else {
        return Ok(None);
    };
    let path = attribute.attribute_path.clone().unwrap_or_default();
    match &attribute.attribute_value {
        Some(Value::String(value)) => Ok(Some((path, value.clone()))),
        _ => Err(ApiError::validation(format!(
            "The AttributeValue for attribute path '{path}' must be a string."
        ))),
    }
}

/// The member id a request names (a user id, possibly as a user ARN).
fn member_user_id(member: Option<&MemberId>) -> Result<&str, ApiError> {
    member
        .and_then(|m| m.user_id.as_deref())
        .ok_or_else(|| ApiError::validation("MemberId must give a UserId."))
}

fn user_arn(e: &Emulator, id: &str) -> String {
    e.arns().directory_entry("user", id)
}

fn group_arn(e: &Emulator, id: &str) -> String {
    e.arns().directory_entry("group", id)
}

impl Emulator {
    fn epoch(&self, at: std::time::Duration) -> Option<EpochSeconds> {
        Some(self.clock().epoch(at))
    }

    /// A user as the directory describes it.
    fn wire_user(&self, store_id: &str, u: &directory::User) -> identitystore::User {
        let created = self.epoch(u.created);
        identitystore::User {
            identity_store_id: Some(store_id.to_owned()),
            user_id: Some(u.id.clone()),
            user_arn: Some(user_arn(self, &u.id)),
            revision: Some("1".to_owned()),
            user_name: Some(u.user_name.clone()),
            display_name: Some(u.display_name()),
            name: Some(Name {
                formatted: Some(u.display_name()),
                given_name: Some(u.given_name.clone()),
                family_name: Some(u.family_name.clone()),
                ..Name::default()
            }),
            emails: Some(vec![Email {
                value: Some(u.email.clone()),
                r#type: Some("work".to_owned()),
                primary: Some(true),
            }]),
            user_status: Some(UserStatus::Enabled),
            created_at: created,
            updated_at: created,
            ..identitystore::User::default()
        }
    }

    fn wire_group(&self, store_id: &str, g: &directory::Group) -> identitystore::Group {
        let created = self.epoch(g.created);
        identitystore::Group {
            identity_store_id: Some(store_id.to_owned()),
            group_id: Some(g.id.clone()),
            group_arn: Some(group_arn(self, &g.id)),
            revision: Some("1".to_owned()),
            display_name: Some(g.display_name.clone()),
            description: g.description.clone(),
            created_at: created,
            updated_at: created,
            ..identitystore::Group::default()
        }
    }

    fn wire_membership(&self, store_id: &str, m: &directory::Membership) -> GroupMembership {
        let created = self.epoch(m.created);
        GroupMembership {
            identity_store_id: Some(store_id.to_owned()),
            membership_id: Some(m.id.clone()),
            membership_arn: Some(self.arns().directory_entry("membership", &m.id)),
            group_id: Some(m.group_id.clone()),
            member_id: Some(MemberId {
                user_id: Some(m.user_id.clone()),
            }),
            created_at: created,
            updated_at: created,
            ..GroupMembership::default()
        }
    }

    /// ListUsers: by user name; the `UserName` filter finds one person (any case).
    pub(crate) fn list_users(
        &self,
        request: &ListUsersRequest,
    ) -> Result<ListUsersResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        let store_id = the_store(identity, &request.identity_store_id)?;
        let wanted = filter(request.filters.as_deref(), USER_FILTER)?;
        let items = identity
            .users
            .iter()
            .filter(|u| wanted.is_none_or(|name| u.user_name.eq_ignore_ascii_case(name)))
            .map(|u| (by_name(&u.user_name, &u.id), self.wire_user(store_id, u)))
            .collect();
        let (users, next_token) =
            self.page_of(request, items, false, &[store_id, wanted.unwrap_or("")])?;
        Ok(ListUsersResponse {
            users: Some(users),
            next_token,
        })
    }

    /// GetUserId: by `userName` or `emails.value` (any case).
    pub(crate) fn get_user_id(
        &self,
        request: &GetUserIdRequest,
    ) -> Result<GetUserIdResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        let store_id = the_store(identity, &request.identity_store_id)?;
        let user = match unique_attribute(request.alternate_identifier.as_ref())? {
            None => None,
            Some((path, value)) if path.eq_ignore_ascii_case("userName") => {
                identity.user_named(&value)
            }
            Some((path, value)) if path.eq_ignore_ascii_case("emails.value") => identity
                .users
                .iter()
                .find(|u| u.email.eq_ignore_ascii_case(&value)),
            Some((path, _)) => {
                return Err(ApiError::validation(format!(
                    "Invalid attribute path '{path}': a user is found by userName or emails.value."
                )));
            }
        };
        let user = user.ok_or_else(|| none_found("USER"))?;
        Ok(GetUserIdResponse {
            identity_store_id: Some(store_id.to_owned()),
            user_id: Some(user.id.clone()),
            user_arn: Some(user_arn(self, &user.id)),
        })
    }

    /// DescribeUser.
    pub(crate) fn describe_user(
        &self,
        request: &DescribeUserRequest,
    ) -> Result<DescribeUserResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        let store_id = the_store(identity, &request.identity_store_id)?;
        let id = required(&request.user_id, "UserId")?;
        let user = the_user(identity, id)?;
        reshaped(&self.wire_user(store_id, user))
    }

    /// ListGroups: by display name; the `DisplayName` filter finds one group (any case).
    pub(crate) fn list_groups(
        &self,
        request: &ListGroupsRequest,
    ) -> Result<ListGroupsResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        let store_id = the_store(identity, &request.identity_store_id)?;
        let wanted = filter(request.filters.as_deref(), GROUP_FILTER)?;
        let items = identity
            .groups
            .iter()
            .filter(|g| wanted.is_none_or(|name| g.display_name.eq_ignore_ascii_case(name)))
            .map(|g| {
                (
                    by_name(&g.display_name, &g.id),
                    self.wire_group(store_id, g),
                )
            })
            .collect();
        let (groups, next_token) =
            self.page_of(request, items, false, &[store_id, wanted.unwrap_or("")])?;
        Ok(ListGroupsResponse {
            groups: Some(groups),
            next_token,
        })
    }

    /// GetGroupId: by `displayName` (any case).
    pub(crate) fn get_group_id(
        &self,
        request: &GetGroupIdRequest,
    ) -> Result<GetGroupIdResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        let store_id = the_store(identity, &request.identity_store_id)?;
        let group = match unique_attribute(request.alternate_identifier.as_ref())? {
            None => None,
            Some((path, value)) if path.eq_ignore_ascii_case("displayName") => identity
                .groups
                .iter()
                .find(|g| g.display_name.eq_ignore_ascii_case(&value)),
            Some((path, _)) => {
                return Err(ApiError::validation(format!(
                    "Invalid attribute path '{path}': a group is found by displayName."
                )));
            }
        };
        let group = group.ok_or_else(|| none_found("GROUP"))?;
        Ok(GetGroupIdResponse {
            identity_store_id: Some(store_id.to_owned()),
            group_id: Some(group.id.clone()),
            group_arn: Some(group_arn(self, &group.id)),
        })
    }

    /// DescribeGroup.
    pub(crate) fn describe_group(
        &self,
        request: &DescribeGroupRequest,
    ) -> Result<DescribeGroupResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        let store_id = the_store(identity, &request.identity_store_id)?;
        let id = required(&request.group_id, "GroupId")?;
        let group = the_group(identity, id)?;
        reshaped(&self.wire_group(store_id, group))
    }

    /// Memberships matching `keep`, in the order they were made, in pages.
    fn membership_page<R: ListRequest>(
        &self,
        identity: &IdentityCenter,
        store_id: &str,
        keep: impl Fn(&directory::Membership) -> bool,
        request: &R,
        filters: &[&str],
    ) -> Result<(Vec<GroupMembership>, Option<String>), ApiError> {
        let items: Vec<(Cursor, GroupMembership)> = identity
            .memberships
            .iter()
            .filter(|m| keep(m))
            .map(|m| {
                let cursor = in_order_made(m.seq, m.id.clone());
                (cursor, self.wire_membership(store_id, m))
            })
            .collect();
        self.page_of(request, items, false, filters)
    }

    /// ListGroupMemberships: the members of one group.
    pub(crate) fn list_group_memberships(
        &self,
        request: &ListGroupMembershipsRequest,
    ) -> Result<ListGroupMembershipsResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        let store_id = the_store(identity, &request.identity_store_id)?;
        let id = required(&request.group_id, "GroupId")?;
        let group = the_group(identity, id)?;
        let (group_memberships, next_token) = self.membership_page(
            identity,
            store_id,
            |m| m.group_id == group.id,
            request,
            &[store_id, &group.id],
        )?;
        Ok(ListGroupMembershipsResponse {
            group_memberships: Some(group_memberships),
            next_token,
        })
    }

    /// ListGroupMembershipsForMember: the groups one user belongs to.
    pub(crate) fn list_group_memberships_for_member(
        &self,
        request: &ListGroupMembershipsForMemberRequest,
    ) -> Result<ListGroupMembershipsForMemberResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        let store_id = the_store(identity, &request.identity_store_id)?;
        let id = member_user_id(request.member_id.as_ref())?;
        let user = the_user(identity, id)?;
        let (group_memberships, next_token) = self.membership_page(
            identity,
            store_id,
            |m| m.user_id == user.id,
            request,
            &[store_id, &user.id],
        )?;
        Ok(ListGroupMembershipsForMemberResponse {
            group_memberships: Some(group_memberships),
            next_token,
        })
    }

    /// IsMemberInGroups: for each group asked about, whether the user is a member.
    pub(crate) fn is_member_in_groups(
        &self,
        request: &IsMemberInGroupsRequest,
    ) -> Result<IsMemberInGroupsResponse, ApiError> {
        let store = self.read();
        let identity = &store.identity;
        the_store(identity, &request.identity_store_id)?;
        let id = member_user_id(request.member_id.as_ref())?;
        let user = the_user(identity, id)?;
        let mut results = Vec::new();
        for group_id in request.group_ids.as_deref().unwrap_or_default() {
            let group = the_group(identity, group_id)?;
            results.push(GroupMembershipExistenceResult {
                group_id: Some(group_id.clone()),
                member_id: Some(MemberId {
                    user_id: Some(user.id.clone()),
                }),
                membership_exists: Some(identity.is_member(&user.id, &group.id)),
            });
        }
        Ok(IsMemberInGroupsResponse {
            results: Some(results),
        })
    }
}
