//! Apps: lifecycle, identity, and where they may run.

use std::time::Duration;

use serde_json::{Value, json};
use studio_admin_emulator::Emulator;

use crate::support::{ACCOUNT, Client, REGION, timed};

fn jupyter(domain: &str, user: &str) -> Value {
    json!({"DomainId": domain, "UserProfileName": user, "AppType": "JupyterServer", "AppName": "default"})
}

#[tokio::test(start_paused = true)]
async fn an_app_is_pending_then_in_service() {
    let client = Client::of(Emulator::new(timed(
        Duration::from_secs(30),
        Duration::from_secs(600),
    )));
    let domain = client.domain("team").await;
    tokio::time::advance(Duration::from_secs(31)).await;
    client.profile(&domain, "alice").await;
    tokio::time::advance(Duration::from_secs(31)).await;
    client.user_app(&domain, "alice").await;
    assert_eq!(
        client
            .status("DescribeApp", jupyter(&domain, "alice"))
            .await,
        "Pending"
    );
    tokio::time::advance(Duration::from_secs(31)).await;
    assert_eq!(
        client
            .status("DescribeApp", jupyter(&domain, "alice"))
            .await,
        "InService"
    );
}

#[tokio::test(start_paused = true)]
async fn a_deleted_app_stays_listed_as_deleted_for_a_while_then_disappears() {
    let client = Client::of(Emulator::new(timed(
        Duration::from_secs(5),
        Duration::from_secs(600),
    )));
    let domain = client.domain("team").await;
    tokio::time::advance(Duration::from_secs(6)).await;
    client.profile(&domain, "alice").await;
    client.user_app(&domain, "alice").await;
    tokio::time::advance(Duration::from_secs(6)).await;
    client
        .call("DeleteApp", jupyter(&domain, "alice"))
        .await
        .ok();
    assert_eq!(
        client
            .status("DescribeApp", jupyter(&domain, "alice"))
            .await,
        "Deleting"
    );
    tokio::time::advance(Duration::from_secs(6)).await;
    assert_eq!(
        client
            .status("DescribeApp", jupyter(&domain, "alice"))
            .await,
        "Deleted"
    );
    let listed = client
        .call("ListApps", json!({"DomainIdEquals": domain}))
        .await
        .ok();
    assert_eq!(listed["Apps"][0]["Status"], "Deleted");
    tokio::time::advance(Duration::from_secs(601)).await;
    assert_eq!(
        client
            .status("DescribeApp", jupyter(&domain, "alice"))
            .await,
        "ResourceNotFound"
    );
    let listed = client
        .call("ListApps", json!({"DomainIdEquals": domain}))
        .await
        .ok();
    assert_eq!(listed["Apps"], json!([]));
}

#[tokio::test]
async fn an_app_has_an_aws_arn_and_a_resource_spec() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "alice").await;
    let reply = client
        .call("CreateApp", jupyter(&domain, "alice"))
        .await
        .ok();
    assert_eq!(
        reply["AppArn"],
        format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:app/{domain}/alice/jupyterserver/default")
    );
    let body = client
        .call("DescribeApp", jupyter(&domain, "alice"))
        .await
        .ok();
    assert_eq!(body["ResourceSpec"]["InstanceType"], "system");
    assert_eq!(body["UserProfileName"], "alice");
    assert!(body["CreationTime"].is_number());
}

#[tokio::test]
async fn creating_an_app_that_exists_is_resource_in_use() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "alice").await;
    client.user_app(&domain, "alice").await;
    client
        .call("CreateApp", jupyter(&domain, "alice"))
        .await
        .expect_error("ResourceInUse");
}

#[tokio::test]
async fn an_app_can_be_created_again_after_deletion_and_both_are_listed() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "alice").await;
    client.user_app(&domain, "alice").await;
    client
        .call("DeleteApp", jupyter(&domain, "alice"))
        .await
        .ok();
    client.user_app(&domain, "alice").await;
    assert_eq!(
        client
            .status("DescribeApp", jupyter(&domain, "alice"))
            .await,
        "InService"
    );
    let listed = client
        .call(
            "ListApps",
            json!({"DomainIdEquals": domain, "SortOrder": "Ascending"}),
        )
        .await
        .ok();
    let statuses: Vec<&str> = listed["Apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["Status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["Deleted", "InService"]);
}

#[tokio::test]
async fn deleting_a_deleted_app_is_resource_not_found() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "alice").await;
    client.user_app(&domain, "alice").await;
    client
        .call("DeleteApp", jupyter(&domain, "alice"))
        .await
        .ok();
    client
        .call("DeleteApp", jupyter(&domain, "alice"))
        .await
        .expect_error("ResourceNotFound");
}

#[tokio::test]
async fn an_app_of_a_missing_profile_is_resource_not_found() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client
        .call("CreateApp", jupyter(&domain, "nobody"))
        .await
        .expect_error("ResourceNotFound");
    client
        .call("DescribeApp", jupyter(&domain, "nobody"))
        .await
        .expect_error("ResourceNotFound");
}

#[tokio::test]
async fn an_app_names_exactly_one_owner() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client
        .call(
            "CreateApp",
            json!({"DomainId": domain, "AppType": "JupyterServer", "AppName": "default"}),
        )
        .await
        .expect_error("ValidationException");
}

#[tokio::test]
async fn jupyter_lab_apps_run_in_spaces_only() {
    let client = Client::new();
    let domain = client.domain("team").await;
    client.profile(&domain, "alice").await;
    client
        .call(
            "CreateApp",
            json!({"DomainId": domain, "UserProfileName": "alice", "AppType": "JupyterLab", "AppName": "default"}),
        )
        .await
        .expect_error("ValidationException");
    client.space(&domain, "alice-lab", "alice", "Private").await;
    let reply = client
        .call(
            "CreateApp",
            json!({"DomainId": domain, "SpaceName": "alice-lab", "AppType": "JupyterLab", "AppName": "default"}),
        )
        .await
        .ok();
    assert_eq!(
        reply["AppArn"],
        format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:app/{domain}/alice-lab/jupyterlab/default")
    );
}
