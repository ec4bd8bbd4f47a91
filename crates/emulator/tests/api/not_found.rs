//! Naming a SageMaker resource that does not exist: `ResourceNotFound`, whichever
//! operation names it and whatever is missing (the domain, the profile, a space's owner).
//! One table instead of one test per resource: the check is the same for each.

use serde_json::{Value, json};

use crate::support::Client;

/// A domain that does not exist (well-formed).
const MISSING_DOMAIN: &str = "d-000000000000";

/// Calls naming something that does not exist (operation and body), for a client whose
/// only resource is the domain `domain`: a profile in a missing domain, a missing profile
/// (updated, owning an app, opened by a presigned URL), a space of a missing owner.
fn calls_naming_something_missing(domain: &str) -> Vec<(&'static str, Value)> {
    let profile_in = |domain: &str| json!({"DomainId": domain, "UserProfileName": "nobody"});
    let app = json!({"DomainId": domain, "UserProfileName": "nobody", "AppType": "JupyterServer", "AppName": "default"});
    let space = json!({
        "DomainId": domain, "SpaceName": "lab",
        "OwnershipSettings": {"OwnerUserProfileName": "nobody"},
        "SpaceSharingSettings": {"SharingType": "Private"}
    });
    vec![
        ("CreateUserProfile", profile_in(MISSING_DOMAIN)),
        ("DescribeUserProfile", profile_in(MISSING_DOMAIN)),
        ("UpdateUserProfile", profile_in(domain)),
        ("CreateApp", app.clone()),
        ("DescribeApp", app),
        ("CreatePresignedDomainUrl", profile_in(domain)),
        ("CreateSpace", space),
    ]
}

#[tokio::test]
async fn naming_a_missing_resource_is_resource_not_found() {
    let (client, domain) = Client::with_team(&[]).await;
    for (operation, body) in calls_naming_something_missing(&domain) {
        let reply = client.call(operation, body.clone()).await;
        assert_eq!(
            reply.code(),
            "ResourceNotFound",
            "{operation} {body}: status {}, body {}",
            reply.status,
            reply.body
        );
        assert!(!reply.status.is_success(), "{operation} {body}");
    }
}
