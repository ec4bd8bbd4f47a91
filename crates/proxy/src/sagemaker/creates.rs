//! Creates that happen once. The client never sends a create again after an ambiguous
//! failure (see [`super::retry`]); this settles the ambiguity instead: it looks whether
//! the thing exists as asked. A profile that matches the request was created by this
//! call; one that does not exist was not, and is created now; anything else is reported
//! as the original failure.

use serde_json::Value;
use studio_admin_model::{
    CreateUserProfileRequest, CreateUserProfileResponse, DescribeUserProfileRequest,
    DescribeUserProfileResponse, UserProfileStatus,
};

use super::{SageMakerClient, SageMakerError};

/// CreateUserProfile, exactly once: after an ambiguous failure, DescribeUserProfile says
/// whether the profile was created (a profile matching `request` counts as created by this
/// call), or not (then it is created now, once more).
pub async fn create_user_profile_once(
    client: &SageMakerClient,
    request: &CreateUserProfileRequest,
) -> Result<CreateUserProfileResponse, SageMakerError> {
    let failure = match client.create_user_profile(request).await {
        Err(e) if e.is_ambiguous() => e,
        answer => return answer,
    };
    let describe = DescribeUserProfileRequest {
        domain_id: request.domain_id.clone(),
        user_profile_name: request.user_profile_name.clone(),
    };
    match client.describe_user_profile(&describe).await {
        Ok(profile) if profile_matches(&profile, request) => {
            tracing::info!(
                profile = request.user_profile_name.as_deref().unwrap_or(""),
                "a create whose answer was lost did create the profile"
            );
            Ok(CreateUserProfileResponse {
                user_profile_arn: profile.user_profile_arn,
            })
        }
        Err(e) if e.is_not_found() => client.create_user_profile(request).await,
        // A profile of that name with other settings, or no answer either: the create's
        // own failure is the truth we have.
        _ => Err(failure),
    }
}

/// Whether the described profile is the one `request` asks for: not being deleted, and
/// every member the request sets (its settings and single sign-on identity) as asked.
pub fn profile_matches(
    profile: &DescribeUserProfileResponse,
    request: &CreateUserProfileRequest,
) -> bool {
    if matches!(
        profile.status,
        Some(UserProfileStatus::Deleting | UserProfileStatus::DeleteFailed)
    ) {
        return false;
    }
    let asked = serde_json::to_value(request).unwrap_or_default();
    let found = serde_json::to_value(profile).unwrap_or_default();
    [
        "UserSettings",
        "SingleSignOnUserIdentifier",
        "SingleSignOnUserValue",
    ]
    .iter()
    .all(|member| match asked.get(*member) {
        None => true,
        Some(wanted) => found.get(*member).is_some_and(|has| contains(has, wanted)),
    })
}

/// Whether `has` holds everything `wanted` says (objects member by member; other values
/// equal).
fn contains(has: &Value, wanted: &Value) -> bool {
    match (has, wanted) {
        (Value::Object(has), Value::Object(wanted)) => wanted
            .iter()
            .all(|(k, w)| has.get(k).is_some_and(|h| contains(h, w))),
        _ => has == wanted,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn settings_match_when_everything_asked_for_is_there_and_a_deleting_profile_never_does() {
        let request: CreateUserProfileRequest = serde_json::from_value(json!({
            "DomainId": "d-aaaaaaaaaaaa", "UserProfileName": "alice",
            "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/r"}
        }))
        .unwrap();
        let mut profile: DescribeUserProfileResponse = serde_json::from_value(json!({
            "UserProfileName": "alice", "Status": "InService",
            "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/r",
                             "SecurityGroups": ["sg-1"]}
        }))
        .unwrap();
        assert!(
            profile_matches(&profile, &request),
            "extra members AWS filled in do not matter"
        );
        profile.status = Some(UserProfileStatus::Deleting);
        assert!(!profile_matches(&profile, &request));
        let other: DescribeUserProfileResponse = serde_json::from_value(json!({
            "UserProfileName": "alice", "Status": "InService",
            "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/someone-else"}
        }))
        .unwrap();
        assert!(!profile_matches(&other, &request));
    }
}
