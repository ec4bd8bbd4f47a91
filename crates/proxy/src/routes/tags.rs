//! A profile's tags: `GET` lists them (ListTags on the ARN DescribeUserProfile gives, all
//! pages); `PUT` makes them exactly the given set, sending only the difference (DeleteTags
//! of the keys no longer wanted, then AddTags of new keys and changed values).
//!
//! AWS's own tags (`aws:` keys) are listed but never sent: the set a `PUT` gives may not
//! hold any, and the ones the profile has stay.

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use serde_json::json;
use studio_admin_api::{AuditAction, Permission, ProfileTags};
use studio_admin_model::{
    AddTagsInput, DeleteTagsInput, DescribeUserProfileRequest, Tag, is_reserved_tag_key,
    validate_tag_set,
};

use super::ApiRoutes;
use super::allowed::{Allowed, need};
use super::support::check_model;
use crate::audit::Note;
use crate::auth::Principal;
use crate::error::AppError;
use crate::extract::{Path, StrictJson};
use crate::state::AppState;

/// The tag routes of a profile.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(Method::GET, "/domains/{domain}/profiles/{name}/tags", list)
        .change(
            AuditAction::ProfileTags,
            Method::PUT,
            "/domains/{domain}/profiles/{name}/tags",
            replace,
        )
}

/// Every tag of the profile, in AWS's order. Anyone who may read the domain.
async fn list(
    State(state): State<AppState>,
    Allowed {
        path: (domain, name),
        ..
    }: Allowed<need::Read, (String, String)>,
) -> Result<Json<ProfileTags>, AppError> {
    let arn = profile_arn(&state, &domain, &name).await?;
    let tags = state.sagemaker.all_tags(&arn).await?;
    Ok(Json(ProfileTags { tags }))
}

/// Makes the profile's tags exactly the body's (AWS's own tags aside) and answers with
/// the tags it then has. Leads of the domain and admins only.
async fn replace(
    State(state): State<AppState>,
    principal: Principal,
    note: Note,
    Path((domain, name)): Path<(String, String)>,
    StrictJson(body): StrictJson<ProfileTags>,
) -> Result<Json<ProfileTags>, AppError> {
    principal.require_in(Permission::ChangeProfiles, &domain)?;
    note.set_target(name.clone());
    note.set_summary(json!({ "Tags": body.tags }));
    let report = validate_tag_set(&body.tags);
    if report.has_errors() {
        return Err(AppError::Validation(report));
    }
    let arn = profile_arn(&state, &domain, &name).await?;
    note.set_arn(Some(&arn));
    let current = state.sagemaker.all_tags(&arn).await?;
    let changes = TagChanges::between(&current, &body.tags);
    note.set_summary(json!({
        "Tags": body.tags,
        "added_or_changed": changes.put.iter().filter_map(|t| t.key.as_deref()).collect::<Vec<_>>(),
        "removed": changes.remove,
    }));
    // Removing first leaves room: a profile at the limit of 50 can swap keys.
    if !changes.remove.is_empty() {
        let request = DeleteTagsInput {
            resource_arn: Some(arn.clone()),
            tag_keys: Some(changes.remove.clone()),
        };
        state.sagemaker.delete_tags(&request).await?;
    }
    if !changes.put.is_empty() {
        let request = AddTagsInput {
            resource_arn: Some(arn.clone()),
            tags: Some(changes.put.clone()),
        };
        state.sagemaker.add_tags(&request).await?;
    }
    tracing::info!(
        domain = %domain,
        profile = %name,
        put = changes.put.len(),
        removed = changes.remove.len(),
        "changed profile tags"
    );
    Ok(Json(ProfileTags {
        tags: changes.apply(current),
    }))
}

/// The profile's ARN, from DescribeUserProfile (404 when there is no such profile).
async fn profile_arn(state: &AppState, domain: &str, name: &str) -> Result<String, AppError> {
    let describe = DescribeUserProfileRequest {
        domain_id: Some(domain.to_owned()),
        user_profile_name: Some(name.to_owned()),
    };
    check_model(&describe)?;
    let profile = state.sagemaker.describe_user_profile(&describe).await?;
    // AWS always answers with the ARN; without it there is nothing to tag.
    profile.user_profile_arn.ok_or_else(|| AppError::NotFound {
        message: format!("DescribeUserProfile gave no ARN for the profile {name}"),
        code: None,
    })
}

/// What turns a resource's tags into a wanted set: the tags to add (new keys, or keys
/// whose value differs) and the keys to remove (keys not wanted, AWS's own excepted).
#[derive(Debug, Default, PartialEq)]
struct TagChanges {
    put: Vec<Tag>,
    remove: Vec<String>,
}

impl TagChanges {
    /// The changes from `current` to `wanted` (keys compared exactly, as AWS does).
    fn between(current: &[Tag], wanted: &[Tag]) -> Self {
        let put = wanted
            .iter()
            .filter(|w| !current.iter().any(|c| c.key == w.key && c.value == w.value))
            .cloned()
            .collect();
        let remove = current
            .iter()
            .filter_map(|c| c.key.as_deref())
            .filter(|key| !is_reserved_tag_key(key))
            .filter(|key| !wanted.iter().any(|w| w.key.as_deref() == Some(*key)))
            .map(str::to_owned)
            .collect();
        Self { put, remove }
    }

    /// `current` with the changes made: removed keys gone, changed values in place, new
    /// tags at the end (the order ListTags then answers in).
    fn apply(&self, mut current: Vec<Tag>) -> Vec<Tag> {
        current.retain(|c| {
            !self
                .remove
                .iter()
                .any(|key| c.key.as_deref() == Some(key.as_str()))
        });
        for tag in &self.put {
            match current.iter_mut().find(|c| c.key == tag.key) {
                Some(existing) => existing.value.clone_from(&tag.value),
                None => current.push(tag.clone()),
            }
        }
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_new_keys_and_changed_values_are_put_and_only_unwanted_keys_removed() {
        let current = [
            Tag::new("Team", "ml"),
            Tag::new("CostCenter", "4021"),
            Tag::new("Old", "x"),
        ];
        let wanted = [
            Tag::new("Team", "ml"),
            Tag::new("CostCenter", "4022"),
            Tag::new("New", ""),
        ];
        let changes = TagChanges::between(&current, &wanted);
        assert_eq!(
            changes.put,
            [Tag::new("CostCenter", "4022"), Tag::new("New", "")]
        );
        assert_eq!(changes.remove, ["Old"]);
        assert_eq!(
            changes.apply(current.to_vec()),
            [
                Tag::new("Team", "ml"),
                Tag::new("CostCenter", "4022"),
                Tag::new("New", "")
            ]
        );
    }

    #[test]
    fn the_same_set_changes_nothing() {
        let current = [Tag::new("Team", "ml"), Tag::new("Project", "churn")];
        let wanted = [Tag::new("Project", "churn"), Tag::new("Team", "ml")];
        assert_eq!(
            TagChanges::between(&current, &wanted),
            TagChanges::default()
        );
    }

    #[test]
    fn keys_differing_in_case_are_different_tags() {
        let changes = TagChanges::between(&[Tag::new("team", "ml")], &[Tag::new("Team", "ml")]);
        assert_eq!(changes.put, [Tag::new("Team", "ml")]);
        assert_eq!(changes.remove, ["team"]);
    }

    #[test]
    fn aws_own_tags_are_never_removed() {
        let current = [
            Tag::new("aws:cloudformation:stack-name", "studio"),
            Tag::new("Team", "ml"),
        ];
        let changes = TagChanges::between(&current, &[]);
        assert_eq!(changes.remove, ["Team"]);
        assert_eq!(
            changes.apply(current.to_vec()),
            [Tag::new("aws:cloudformation:stack-name", "studio")]
        );
    }
}
