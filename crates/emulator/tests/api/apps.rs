//! Apps: lifecycle, identity, and where they may run.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{ACCOUNT, Client, REGION, strings};

fn jupyter(domain: &str, user: &str) -> Value {
    json!({"DomainId": domain, "UserProfileName": user, "AppType": "JupyterServer", "AppName": "default"})
}

#[tokio::test(start_paused = true)]
async fn an_app_is_pending_then_in_service() {
    let (client, domain) =
        Client::timed_team(Duration::from_secs(30), Duration::from_secs(600)).await;
    client.profile(&domain, "alice").await;
    tokio::time::advance(Duration::from_secs(31)).await;
    client.user_app(&domain, "alice").await;
    let app = jupyter(&domain, "alice");
    client.expect_status("DescribeApp", &app, "Pending").await;
    tokio::time::advance(Duration::from_secs(31)).await;
    client.expect_status("DescribeApp", &app, "InService").await;
}

#[tokio::test(start_paused = true)]
async fn a_deleted_app_stays_listed_as_deleted_for_a_while_then_disappears() {
    let (client, domain) =
        Client::timed_alice_app(Duration::from_secs(5), Duration::from_secs(600)).await;
    let app = jupyter(&domain, "alice");
    client.ok("DeleteApp", app.clone()).await;
    client.expect_status("DescribeApp", &app, "Deleting").await;
    tokio::time::advance(Duration::from_secs(6)).await;
    client.expect_status("DescribeApp", &app, "Deleted").await;
    let listed = client
        .ok("ListApps", json!({"DomainIdEquals": domain}))
        .await;
    assert_eq!(listed["Apps"][0]["Status"], "Deleted");
    tokio::time::advance(Duration::from_secs(601)).await;
    client
        .expect_status("DescribeApp", &app, "ResourceNotFound")
        .await;
    let listed = client
        .ok("ListApps", json!({"DomainIdEquals": domain}))
        .await;
    assert_eq!(listed["Apps"], json!([]));
}

#[tokio::test]
async fn an_app_has_an_aws_arn_and_a_resource_spec() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    let reply = client.ok("CreateApp", jupyter(&domain, "alice")).await;
    assert_eq!(
        reply["AppArn"],
        format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:app/{domain}/alice/jupyterserver/default")
    );
    let body = client.ok("DescribeApp", jupyter(&domain, "alice")).await;
    assert_eq!(body["ResourceSpec"]["InstanceType"], "system");
    assert_eq!(body["UserProfileName"], "alice");
    assert!(body["CreationTime"].is_number());
}

#[tokio::test]
async fn creating_an_app_that_exists_is_resource_in_use() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    client.user_app(&domain, "alice").await;
    client
        .fails("CreateApp", jupyter(&domain, "alice"), "ResourceInUse")
        .await;
}

#[tokio::test]
async fn an_app_can_be_created_again_after_deletion_and_both_are_listed() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    client.user_app(&domain, "alice").await;
    client.ok("DeleteApp", jupyter(&domain, "alice")).await;
    client.user_app(&domain, "alice").await;
    client
        .expect_status("DescribeApp", &jupyter(&domain, "alice"), "InService")
        .await;
    let listed = client
        .ok(
            "ListApps",
            json!({"DomainIdEquals": domain, "SortOrder": "Ascending"}),
        )
        .await;
    assert_eq!(strings(&listed["Apps"], "Status"), ["Deleted", "InService"]);
}

#[tokio::test]
async fn deleting_a_deleted_app_is_resource_not_found() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    client.user_app(&domain, "alice").await;
    client.ok("DeleteApp", jupyter(&domain, "alice")).await;
    client
        .fails("DeleteApp", jupyter(&domain, "alice"), "ResourceNotFound")
        .await;
}

#[tokio::test]
async fn an_app_names_exactly_one_owner() {
    let (client, domain) = Client::with_team(&[]).await;
    client
        .invalid(
            "CreateApp",
            json!({"DomainId": domain, "AppType": "JupyterServer", "AppName": "default"}),
        )
        .await;
}

#[tokio::test]
async fn jupyter_lab_apps_run_in_spaces_only() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    client
        .invalid(
            "CreateApp",
            json!({"DomainId": domain, "UserProfileName": "alice", "AppType": "JupyterLab", "AppName": "default"}),
        )
        .await;
    client.space(&domain, "alice-lab", "alice", "Private").await;
    let reply = client
        .ok(
            "CreateApp",
            json!({"DomainId": domain, "SpaceName": "alice-lab", "AppType": "JupyterLab", "AppName": "default"}),
        )
        .await;
    assert_eq!(
        reply["AppArn"],
        format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:app/{domain}/alice-lab/jupyterlab/default")
    );
}
