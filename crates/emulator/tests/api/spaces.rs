//! Spaces: ownership, sharing, and the rules of deletion.

use serde_json::json;

use crate::support::{ACCOUNT, Client, REGION};

#[tokio::test]
async fn a_space_is_described_with_its_owner_and_sharing() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "Alice").await;
    let reply = client
        .call(
            "CreateSpace",
            json!({
                "DomainId": domain, "SpaceName": "team-lab", "SpaceDisplayName": "Team lab",
                "OwnershipSettings": {"OwnerUserProfileName": "alice"},
                "SpaceSharingSettings": {"SharingType": "Shared"}
            }),
        )
        .await
        .ok();
    assert_eq!(
        reply["SpaceArn"],
        format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:space/{domain}/team-lab")
    );
    let body = client
        .call(
            "DescribeSpace",
            json!({"DomainId": domain, "SpaceName": "team-lab"}),
        )
        .await
        .ok();
    assert_eq!(body["Status"], "InService");
    assert_eq!(body["OwnershipSettings"]["OwnerUserProfileName"], "Alice");
    assert_eq!(body["SpaceSharingSettings"]["SharingType"], "Shared");
    assert_eq!(body["SpaceDisplayName"], "Team lab");
}

#[tokio::test]
async fn a_space_of_a_missing_owner_is_resource_not_found() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client
        .call(
            "CreateSpace",
            json!({
                "DomainId": domain, "SpaceName": "lab",
                "OwnershipSettings": {"OwnerUserProfileName": "nobody"},
                "SpaceSharingSettings": {"SharingType": "Private"}
            }),
        )
        .await
        .expect_error("ResourceNotFound");
}

#[tokio::test]
async fn a_space_name_is_taken_once_per_domain() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "alice").await;
    client.space(&domain, "lab", "alice", "Private").await;
    client
        .call(
            "CreateSpace",
            json!({
                "DomainId": domain, "SpaceName": "lab",
                "OwnershipSettings": {"OwnerUserProfileName": "alice"},
                "SpaceSharingSettings": {"SharingType": "Private"}
            }),
        )
        .await
        .expect_error("ResourceInUse");
}

#[tokio::test]
async fn deleting_a_space_with_a_live_app_is_resource_in_use() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "alice").await;
    client.space(&domain, "lab", "alice", "Private").await;
    let app = json!({"DomainId": domain, "SpaceName": "lab", "AppType": "JupyterLab", "AppName": "default"});
    client.call("CreateApp", app.clone()).await.ok();
    let space = json!({"DomainId": domain, "SpaceName": "lab"});
    let reply = client.call("DeleteSpace", space.clone()).await;
    reply.expect_error("ResourceInUse");
    assert!(
        reply.message().contains("JupyterLab/default"),
        "{}",
        reply.message()
    );
    client.call("DeleteApp", app).await.ok();
    client.call("DeleteSpace", space.clone()).await.ok();
    client
        .call("DescribeSpace", space.clone())
        .await
        .expect_error("ResourceNotFound");
    client
        .call("DeleteSpace", space)
        .await
        .expect_error("ResourceNotFound");
}

#[tokio::test]
async fn a_domain_with_profiles_cannot_be_deleted() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "alice").await;
    client
        .call("DeleteDomain", json!({"DomainId": domain}))
        .await
        .expect_error("ResourceInUse");
    client
        .call(
            "DeleteUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice"}),
        )
        .await
        .ok();
    client
        .call("DeleteDomain", json!({"DomainId": domain}))
        .await
        .ok();
    client
        .call("DescribeDomain", json!({"DomainId": domain}))
        .await
        .expect_error("ResourceNotFound");
}
