//! Spaces: ownership, sharing, and the rules of deletion.

use serde_json::json;

use crate::support::{ACCOUNT, Client, REGION};

#[tokio::test]
async fn a_space_is_described_with_its_owner_and_sharing() {
    let (client, domain) = Client::with_team(&[]).await;
    client.profile(&domain, "Alice").await;
    let reply = client
        .ok(
            "CreateSpace",
            json!({
                "DomainId": domain, "SpaceName": "team-lab", "SpaceDisplayName": "Team lab",
                "OwnershipSettings": {"OwnerUserProfileName": "alice"},
                "SpaceSharingSettings": {"SharingType": "Shared"}
            }),
        )
        .await;
    assert_eq!(
        reply["SpaceArn"],
        format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:space/{domain}/team-lab")
    );
    let body = client
        .ok(
            "DescribeSpace",
            json!({"DomainId": domain, "SpaceName": "team-lab"}),
        )
        .await;
    assert_eq!(body["Status"], "InService");
    assert_eq!(body["OwnershipSettings"]["OwnerUserProfileName"], "Alice");
    assert_eq!(body["SpaceSharingSettings"]["SharingType"], "Shared");
    assert_eq!(body["SpaceDisplayName"], "Team lab");
}

#[tokio::test]
async fn a_space_name_is_taken_once_per_domain() {
    let (client, domain) = Client::with_team(&[]).await;
    client.profile(&domain, "alice").await;
    client.space(&domain, "lab", "alice", "Private").await;
    client
        .fails(
            "CreateSpace",
            json!({
                "DomainId": domain, "SpaceName": "lab",
                "OwnershipSettings": {"OwnerUserProfileName": "alice"},
                "SpaceSharingSettings": {"SharingType": "Private"}
            }),
            "ResourceInUse",
        )
        .await;
}

#[tokio::test]
async fn deleting_a_space_with_a_live_app_is_resource_in_use() {
    let (client, domain) = Client::with_team(&[]).await;
    client.profile(&domain, "alice").await;
    client.space(&domain, "lab", "alice", "Private").await;
    let app = json!({"DomainId": domain, "SpaceName": "lab", "AppType": "JupyterLab", "AppName": "default"});
    client.ok("CreateApp", app.clone()).await;
    let space = json!({"DomainId": domain, "SpaceName": "lab"});
    let reply = client.call("DeleteSpace", space.clone()).await;
    reply.expect_error_saying("ResourceInUse", "JupyterLab/default");
    client.ok("DeleteApp", app).await;
    client.ok("DeleteSpace", space.clone()).await;
    client
        .fails("DescribeSpace", space.clone(), "ResourceNotFound")
        .await;
    client.fails("DeleteSpace", space, "ResourceNotFound").await;
}

#[tokio::test]
async fn a_domain_with_profiles_cannot_be_deleted() {
    let (client, domain) = Client::with_team(&[]).await;
    client.profile(&domain, "alice").await;
    client
        .fails("DeleteDomain", json!({"DomainId": domain}), "ResourceInUse")
        .await;
    client
        .ok(
            "DeleteUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice"}),
        )
        .await;
    client.ok("DeleteDomain", json!({"DomainId": domain})).await;
    client
        .fails(
            "DescribeDomain",
            json!({"DomainId": domain}),
            "ResourceNotFound",
        )
        .await;
}
