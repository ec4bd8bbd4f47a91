//! The demo data: three domains and a team with something in every state.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use studio_admin_emulator::{Emulator, EmulatorConfig, Seed, Timings};

use crate::support::{Client, config};

/// A demo emulator at demo pace; tests pause time, so nothing moves on while they look.
fn demo() -> Client {
    Client::of(Emulator::new(EmulatorConfig {
        seed: Seed::Demo,
        timings: Timings::default(),
        ..config()
    }))
}

fn strings(items: &Value, member: &str) -> BTreeSet<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i[member].as_str().map(str::to_owned))
        .collect()
}

async fn domain_named(client: &Client, name: &str) -> Value {
    let list = client.call("ListDomains", json!({})).await.ok();
    let id = list["Domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["DomainName"] == name)
        .unwrap_or_else(|| panic!("no domain {name}: {list}"))["DomainId"]
        .as_str()
        .unwrap()
        .to_owned();
    client
        .call("DescribeDomain", json!({"DomainId": id}))
        .await
        .ok()
}

#[tokio::test(start_paused = true)]
async fn the_demo_has_an_iam_an_sso_and_a_vpc_only_domain() {
    let client = demo();
    let list = client.call("ListDomains", json!({})).await.ok();
    assert_eq!(list["Domains"].as_array().unwrap().len(), 3);
    let team = domain_named(&client, "ml-platform-team").await;
    assert_eq!(team["AuthMode"], "IAM");
    assert_eq!(team["AppNetworkAccessType"], "PublicInternetOnly");
    let sso = domain_named(&client, "research-sso").await;
    assert_eq!(sso["AuthMode"], "SSO");
    assert!(sso["SingleSignOnApplicationArn"].is_string());
    let vpc = domain_named(&client, "regulated-vpc").await;
    assert_eq!(vpc["AppNetworkAccessType"], "VpcOnly");
    assert_eq!(
        vpc["DefaultUserSettings"]["SecurityGroups"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    for domain in [&team, &sso, &vpc] {
        let id = domain["DomainId"].as_str().unwrap();
        assert!(id.len() == 14 && id.starts_with("d-"), "{id}");
        assert_eq!(domain["Status"], "InService");
    }
}

#[tokio::test(start_paused = true)]
async fn the_demo_team_has_two_dozen_profiles_in_several_states() {
    let client = demo();
    let team = domain_named(&client, "ml-platform-team").await;
    let profiles = client
        .call(
            "ListUserProfiles",
            json!({"DomainIdEquals": team["DomainId"], "MaxResults": 100}),
        )
        .await
        .ok();
    let list = &profiles["UserProfiles"];
    assert_eq!(list.as_array().unwrap().len(), 24);
    let statuses = strings(list, "Status");
    for status in [
        "InService",
        "Pending",
        "Updating",
        "Delete_Failed",
        "Update_Failed",
    ] {
        assert!(
            statuses.contains(status),
            "no {status} profile: {statuses:?}"
        );
    }
    let created: Vec<f64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["CreationTime"].as_f64().unwrap())
        .collect();
    let span_days = (created.iter().copied().fold(f64::MIN, f64::max)
        - created.iter().copied().fold(f64::MAX, f64::min))
        / 86_400.0;
    assert!(
        span_days > 300.0,
        "creation times spread over months, not {span_days} days"
    );
}

#[tokio::test(start_paused = true)]
async fn the_demo_team_has_apps_in_every_state_and_private_and_shared_spaces() {
    let client = demo();
    let team = domain_named(&client, "ml-platform-team").await;
    let apps = client
        .call(
            "ListApps",
            json!({"DomainIdEquals": team["DomainId"], "MaxResults": 100}),
        )
        .await
        .ok();
    assert_eq!(
        strings(&apps["Apps"], "Status"),
        ["Deleted", "Deleting", "Failed", "InService", "Pending"]
            .map(str::to_owned)
            .into()
    );
    let spaces = client
        .call(
            "ListSpaces",
            json!({"DomainIdEquals": team["DomainId"], "MaxResults": 100}),
        )
        .await
        .ok();
    let sharing: BTreeSet<String> = spaces["Spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["SpaceSharingSettingsSummary"]["SharingType"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(sharing, ["Private", "Shared"].map(str::to_owned).into());
}

#[tokio::test(start_paused = true)]
async fn demo_sso_profiles_carry_their_sso_user() {
    let client = demo();
    let sso = domain_named(&client, "research-sso").await;
    let body = client
        .call(
            "DescribeUserProfile",
            json!({"DomainId": sso["DomainId"], "UserProfileName": "maria-garcia"}),
        )
        .await
        .ok();
    assert_eq!(body["SingleSignOnUserIdentifier"], "UserName");
    assert_eq!(body["SingleSignOnUserValue"], "maria.garcia");
}
