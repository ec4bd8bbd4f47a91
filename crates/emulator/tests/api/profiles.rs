//! User profiles: names, lifecycle, updates, and the rules of deletion.

use std::time::Duration;

use serde_json::json;
use studio_admin_emulator::Emulator;
use studio_admin_model::{
    AppStatus, AppType, CreateAppRequest, CreateUserProfileRequest, UserProfileStatus,
};

use crate::support::{ACCOUNT, Client, REGION};

fn describe(domain: &str, name: &str) -> serde_json::Value {
    json!({"DomainId": domain, "UserProfileName": name})
}

#[tokio::test]
async fn profile_names_collide_regardless_of_case() {
    let (client, domain) = Client::with_team(&["Alice"]).await;
    client
        .call("CreateUserProfile", describe(&domain, "alice"))
        .await
        .expect_error_saying("ResourceInUse", "not case sensitive");
}

#[tokio::test]
async fn the_same_name_in_another_domain_does_not_collide() {
    let client = Client::new();
    let one = client.domain("one").await;
    let two = client.domain("two").await;
    client.profile(&one, "alice").await;
    client.profile(&two, "alice").await;
}

#[tokio::test]
async fn a_profile_is_found_by_its_name_in_any_case() {
    let (client, domain) = Client::with_team(&["Alice"]).await;
    let body = client.describe_profile(&domain, "ALICE").await;
    assert_eq!(body["UserProfileName"], "Alice");
}

#[tokio::test]
async fn a_described_profile_has_aws_arn_timestamps_and_settings() {
    let (client, domain) = Client::with_team(&[]).await;
    let arn = client
        .ok(
            "CreateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice", "UserSettings": {"ExecutionRole": "arn:aws:iam::123456789012:role/R"}}),
        )
        .await["UserProfileArn"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        arn,
        format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:user-profile/{domain}/alice")
    );
    let body = client.describe_profile(&domain, "alice").await;
    assert_eq!(body["UserProfileArn"], arn);
    assert_eq!(body["DomainId"], domain.as_str());
    assert_eq!(
        body["UserSettings"]["ExecutionRole"],
        "arn:aws:iam::123456789012:role/R"
    );
    let created = body["CreationTime"]
        .as_f64()
        .expect("CreationTime is a JSON number");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    assert!((now - created).abs() < 60.0, "created {created}, now {now}");
    assert!(body["LastModifiedTime"].as_f64().unwrap() >= created);
    assert!(
        body["HomeEfsFileSystemUid"]
            .as_str()
            .unwrap()
            .parse::<u32>()
            .is_ok()
    );
}

#[tokio::test(start_paused = true)]
async fn a_new_profile_is_pending_then_in_service() {
    let (client, domain) =
        Client::timed_team(Duration::from_secs(10), Duration::from_secs(60)).await;
    client.profile(&domain, "alice").await;
    let alice = describe(&domain, "alice");
    client
        .expect_status("DescribeUserProfile", &alice, "Pending")
        .await;
    tokio::time::advance(Duration::from_secs(9)).await;
    client
        .expect_status("DescribeUserProfile", &alice, "Pending")
        .await;
    tokio::time::advance(Duration::from_secs(2)).await;
    client
        .expect_status("DescribeUserProfile", &alice, "InService")
        .await;
}

#[tokio::test(start_paused = true)]
async fn an_update_merges_settings_and_goes_through_updating() {
    let (client, domain) =
        Client::timed_team(Duration::from_secs(5), Duration::from_secs(60)).await;
    client
        .ok(
            "CreateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice", "UserSettings": {
                "ExecutionRole": "arn:aws:iam::123456789012:role/Old",
                "SecurityGroups": ["sg-1"]
            }}),
        )
        .await;
    // Updating a profile that is still being created is refused.
    client
        .fails(
            "UpdateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice", "UserSettings": {}}),
            "ResourceInUse",
        )
        .await;
    tokio::time::advance(Duration::from_secs(6)).await;
    client
        .ok(
            "UpdateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice", "UserSettings": {
                "ExecutionRole": "arn:aws:iam::123456789012:role/New"
            }}),
        )
        .await;
    let body = client.describe_profile(&domain, "alice").await;
    assert_eq!(body["Status"], "Updating");
    assert_eq!(
        body["UserSettings"]["ExecutionRole"],
        "arn:aws:iam::123456789012:role/New"
    );
    assert_eq!(
        body["UserSettings"]["SecurityGroups"],
        json!(["sg-1"]),
        "members not given are kept"
    );
    tokio::time::advance(Duration::from_secs(6)).await;
    client
        .expect_status(
            "DescribeUserProfile",
            &describe(&domain, "alice"),
            "InService",
        )
        .await;
}

#[tokio::test(start_paused = true)]
async fn a_deleted_profile_is_deleting_then_gone() {
    let (client, domain) =
        Client::timed_team(Duration::from_secs(3), Duration::from_secs(60)).await;
    client.profile(&domain, "alice").await;
    tokio::time::advance(Duration::from_secs(4)).await;
    let alice = describe(&domain, "alice");
    client.ok("DeleteUserProfile", alice.clone()).await;
    client
        .expect_status("DescribeUserProfile", &alice, "Deleting")
        .await;
    client
        .fails("DeleteUserProfile", alice.clone(), "ResourceInUse")
        .await;
    tokio::time::advance(Duration::from_secs(4)).await;
    client
        .expect_status("DescribeUserProfile", &alice, "ResourceNotFound")
        .await;
    client
        .fails("DeleteUserProfile", alice, "ResourceNotFound")
        .await;
    // The name is free again.
    client.profile(&domain, "alice").await;
}

#[tokio::test]
async fn deleting_a_profile_with_a_live_app_is_resource_in_use() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    client.user_app(&domain, "alice").await;
    client
        .call("DeleteUserProfile", describe(&domain, "alice"))
        .await
        .expect_error_saying("ResourceInUse", "JupyterServer/default");
}

#[tokio::test]
async fn a_profile_whose_apps_are_deleted_or_failed_can_be_deleted() {
    let emulator = Emulator::new(crate::support::config());
    let client = Client::of(emulator.clone());
    let domain = client.team(&["alice"]).await;
    client.user_app(&domain, "alice").await;
    client
        .ok(
            "DeleteApp",
            json!({"DomainId": domain, "UserProfileName": "alice", "AppType": "JupyterServer", "AppName": "default"}),
        )
        .await;
    emulator
        .seed_app(
            CreateAppRequest {
                domain_id: Some(domain.clone()),
                user_profile_name: Some("alice".into()),
                app_type: Some(AppType::KernelGateway),
                app_name: Some("broken".into()),
                ..CreateAppRequest::default()
            },
            AppStatus::Failed,
            Duration::ZERO,
        )
        .unwrap();
    client
        .ok("DeleteUserProfile", describe(&domain, "alice"))
        .await;
}

#[tokio::test(start_paused = true)]
async fn an_app_still_deleting_keeps_its_profile_in_use() {
    let (client, domain) =
        Client::timed_alice_app(Duration::from_secs(5), Duration::from_secs(600)).await;
    client
        .ok(
            "DeleteApp",
            json!({"DomainId": domain, "UserProfileName": "alice", "AppType": "JupyterServer", "AppName": "default"}),
        )
        .await;
    client
        .fails(
            "DeleteUserProfile",
            describe(&domain, "alice"),
            "ResourceInUse",
        )
        .await;
    tokio::time::advance(Duration::from_secs(6)).await;
    client
        .ok("DeleteUserProfile", describe(&domain, "alice"))
        .await;
}

#[tokio::test]
async fn deleting_a_profile_that_owns_a_space_is_resource_in_use() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    client.space(&domain, "alice-lab", "alice", "Private").await;
    client
        .call("DeleteUserProfile", describe(&domain, "alice"))
        .await
        .expect_error_saying("ResourceInUse", "alice-lab");
    client
        .ok(
            "DeleteSpace",
            json!({"DomainId": domain, "SpaceName": "alice-lab"}),
        )
        .await;
    client
        .ok("DeleteUserProfile", describe(&domain, "alice"))
        .await;
}

#[tokio::test]
async fn a_seeded_delete_failed_profile_reports_its_failure_and_can_be_deleted_again() {
    let emulator = Emulator::new(crate::support::config());
    let client = Client::of(emulator.clone());
    let domain = client.domain("team").await;
    emulator
        .seed_user_profile(
            CreateUserProfileRequest {
                domain_id: Some(domain.clone()),
                user_profile_name: Some("tomas".into()),
                ..CreateUserProfileRequest::default()
            },
            UserProfileStatus::DeleteFailed,
            Duration::from_secs(86_400),
        )
        .unwrap();
    let tomas = describe(&domain, "tomas");
    let body = client.ok("DescribeUserProfile", tomas.clone()).await;
    assert_eq!(body["Status"], "Delete_Failed");
    assert!(
        body["FailureReason"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    client.ok("DeleteUserProfile", tomas.clone()).await;
    client
        .expect_status("DescribeUserProfile", &tomas, "ResourceNotFound")
        .await;
}

#[tokio::test]
async fn a_profile_in_an_sso_domain_names_a_user_of_the_directory() {
    let client = Client::new();
    let sso = client.sso_domain("sso").await;
    client.person("maria.garcia");
    let reply = client
        .call(
            "CreateUserProfile",
            json!({"DomainId": sso, "UserProfileName": "nobody", "SingleSignOnUserIdentifier": "UserName", "SingleSignOnUserValue": "no.body"}),
        )
        .await;
    reply.expect_error_saying("ValidationException", "no.body");
    client
        .call("DescribeUserProfile", describe(&sso, "nobody"))
        .await
        .expect_error("ResourceNotFound");
    // User names compare without case, as the directory compares them.
    client.sso_profile(&sso, "maria", "Maria.Garcia").await;
}

#[tokio::test]
async fn a_profile_in_an_sso_domain_needs_the_sso_user() {
    let client = Client::new();
    let sso = client.sso_domain("sso").await;
    client
        .invalid("CreateUserProfile", describe(&sso, "maria"))
        .await;
    client.person("maria.garcia");
    client.sso_profile(&sso, "maria", "maria.garcia").await;
    let body = client.describe_profile(&sso, "maria").await;
    assert_eq!(body["SingleSignOnUserValue"], "maria.garcia");
}

#[tokio::test]
async fn an_iam_domain_refuses_sso_fields() {
    let (client, domain) = Client::with_team(&[]).await;
    client
        .invalid(
            "CreateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "maria", "SingleSignOnUserIdentifier": "UserName", "SingleSignOnUserValue": "maria"}),
        )
        .await;
}

#[tokio::test]
async fn a_vpc_only_domain_needs_security_groups_unless_its_defaults_have_them() {
    let client = Client::new();
    let bare = client
        .domain_with(json!({
            "DomainName": "vpc", "AuthMode": "IAM", "AppNetworkAccessType": "VpcOnly",
            "VpcId": "vpc-1", "SubnetIds": ["subnet-1"], "DefaultUserSettings": {}
        }))
        .await;
    client
        .invalid("CreateUserProfile", describe(&bare, "ingrid"))
        .await;
    client
        .ok(
            "CreateUserProfile",
            json!({"DomainId": bare, "UserProfileName": "ingrid", "UserSettings": {"SecurityGroups": ["sg-1"]}}),
        )
        .await;
    let with_defaults = client
        .domain_with(json!({
            "DomainName": "vpc2", "AuthMode": "IAM", "AppNetworkAccessType": "VpcOnly",
            "VpcId": "vpc-1", "SubnetIds": ["subnet-1"], "DefaultUserSettings": {"SecurityGroups": ["sg-default"]}
        }))
        .await;
    client.profile(&with_defaults, "ingrid").await;
}
