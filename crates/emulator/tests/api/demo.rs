//! The demo data: three domains and a team with something in every state.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use studio_admin_emulator::{Emulator, EmulatorConfig, Seed, Timings};

use crate::support::{Client, config, strings};

/// A demo emulator at demo pace; tests pause time, so nothing moves on while they look.
fn demo() -> Client {
    Client::of(Emulator::new(EmulatorConfig {
        seed: Seed::Demo,
        timings: Timings::default(),
        ..config()
    }))
}

/// The distinct values of a string member of a list's items.
fn set_of(items: &Value, member: &str) -> BTreeSet<String> {
    strings(items, member).into_iter().collect()
}

/// Everything a SageMaker list operation (`ListUserProfiles`, `ListApps`, `ListSpaces`)
/// answers for `domain` (as DescribeDomain describes it), on one page.
async fn all_in(client: &Client, operation: &str, domain: &Value) -> Value {
    client
        .ok(
            operation,
            json!({"DomainIdEquals": domain["DomainId"], "MaxResults": 100}),
        )
        .await
}

/// DescribeUserProfile of `name` in a demo domain (as DescribeDomain describes it).
async fn profile_in(client: &Client, domain: &Value, name: &str) -> Value {
    client
        .describe_profile(domain["DomainId"].as_str().unwrap(), name)
        .await
}

async fn domain_named(client: &Client, name: &str) -> Value {
    let list = client.ok("ListDomains", json!({})).await;
    let id = list["Domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["DomainName"] == name)
        .unwrap_or_else(|| panic!("no domain {name}: {list}"))["DomainId"]
        .as_str()
        .unwrap()
        .to_owned();
    client.ok("DescribeDomain", json!({"DomainId": id})).await
}

#[tokio::test(start_paused = true)]
async fn the_demo_has_an_iam_an_sso_and_a_vpc_only_domain() {
    let client = demo();
    let list = client.ok("ListDomains", json!({})).await;
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
    let profiles = all_in(&client, "ListUserProfiles", &team).await;
    let list = &profiles["UserProfiles"];
    assert_eq!(list.as_array().unwrap().len(), 24);
    let statuses = set_of(list, "Status");
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
    let apps = all_in(&client, "ListApps", &team).await;
    assert_eq!(
        set_of(&apps["Apps"], "Status"),
        ["Deleted", "Deleting", "Failed", "InService", "Pending"]
            .map(str::to_owned)
            .into()
    );
    let spaces = all_in(&client, "ListSpaces", &team).await;
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
    let body = profile_in(&client, &sso, "maria-garcia").await;
    assert_eq!(body["SingleSignOnUserIdentifier"], "UserName");
    assert_eq!(body["SingleSignOnUserValue"], "maria.garcia");
}

/// The demo's identity store id and the `research-sso` domain's application.
async fn demo_directory(client: &Client) -> (String, String) {
    let sso = domain_named(client, "research-sso").await;
    let application = sso["SingleSignOnApplicationArn"]
        .as_str()
        .unwrap()
        .to_owned();
    let instances = client.sso_ok("ListInstances", json!({})).await;
    let store = instances["Instances"][0]["IdentityStoreId"]
        .as_str()
        .unwrap()
        .to_owned();
    (store, application)
}

async fn user_id(client: &Client, store: &str, user_name: &str) -> String {
    let reply = client
        .store_ok("GetUserId",
            json!({"IdentityStoreId": store, "AlternateIdentifier": {"UniqueAttribute": {"AttributePath": "userName", "AttributeValue": user_name}}}),
        )
        .await;
    reply["UserId"].as_str().unwrap().to_owned()
}

#[tokio::test(start_paused = true)]
async fn the_demo_sso_domain_has_a_directory_of_people_in_three_groups() {
    let client = demo();
    let (store, application) = demo_directory(&client).await;
    let described = client.describe_application(&application).await;
    assert_eq!(described["Status"], "ENABLED");
    let users = client
        .store_ok(
            "ListUsers",
            json!({"IdentityStoreId": store, "MaxResults": 100}),
        )
        .await;
    let users = users["Users"].as_array().unwrap();
    assert!(users.len() >= 20, "{} people", users.len());
    for user in users {
        let name = user["UserName"].as_str().unwrap();
        let email = user["Emails"][0]["Value"].as_str().unwrap();
        assert_eq!(email, format!("{name}@example.com"));
        assert!(user["DisplayName"].as_str().unwrap().contains(' '));
    }
    let groups = client
        .store_ok("ListGroups", json!({"IdentityStoreId": store}))
        .await;
    assert_eq!(
        set_of(&groups["Groups"], "DisplayName"),
        ["data-platform", "finance-analysts", "ml-researchers"]
            .map(str::to_owned)
            .into()
    );
    // Every SSO profile's user is a person of the directory.
    let sso = domain_named(&client, "research-sso").await;
    let profiles = all_in(&client, "ListUserProfiles", &sso).await;
    for name in strings(&profiles["UserProfiles"], "UserProfileName") {
        let profile = profile_in(&client, &sso, &name).await;
        let user = profile["SingleSignOnUserValue"].as_str().unwrap();
        user_id(&client, &store, user).await;
    }
}

#[tokio::test(start_paused = true)]
async fn in_the_demo_studio_access_comes_from_a_group_directly_or_not_at_all() {
    let client = demo();
    let (store, application) = demo_directory(&client).await;
    let required = client
        .sso_ok(
            "GetApplicationAssignmentConfiguration",
            json!({"ApplicationArn": application}),
        )
        .await;
    assert_eq!(required["AssignmentRequired"], true);
    let assignments = client
        .sso_ok(
            "ListApplicationAssignments",
            json!({"ApplicationArn": application}),
        )
        .await;
    let assignments = assignments["ApplicationAssignments"].as_array().unwrap();
    let groups: Vec<&str> = assignments
        .iter()
        .filter(|a| a["PrincipalType"] == "GROUP")
        .map(|a| a["PrincipalId"].as_str().unwrap())
        .collect();
    assert_eq!(groups.len(), 1);
    let direct: BTreeSet<&str> = assignments
        .iter()
        .filter(|a| a["PrincipalType"] == "USER")
        .map(|a| a["PrincipalId"].as_str().unwrap())
        .collect();
    assert!(direct.len() >= 2, "{direct:?}");

    let access = |user: String| {
        let client = &client;
        let store = &store;
        let direct = &direct;
        let group = groups[0].to_owned();
        async move {
            let member = client
                .store_ok("IsMemberInGroups",
                    json!({"IdentityStoreId": store, "MemberId": {"UserId": user}, "GroupIds": [group]}),
                )
                .await["Results"][0]["MembershipExists"]
                .as_bool()
                .unwrap();
            (direct.contains(user.as_str()), member)
        }
    };
    let maria = user_id(&client, &store, "maria.garcia").await;
    assert_eq!(access(maria).await, (false, true));
    let amara = user_id(&client, &store, "amara.diallo").await;
    assert_eq!(access(amara).await, (true, false));
    let fatou = user_id(&client, &store, "fatou.ndiaye").await;
    assert_eq!(access(fatou).await, (false, false));
}

#[tokio::test(start_paused = true)]
async fn demo_profiles_carry_tags_that_list_tags_shows() {
    let client = demo();
    let team = domain_named(&client, "ml-platform-team").await;
    let profile = profile_in(&client, &team, "alice-nguyen").await;
    let tags = client
        .ok(
            "ListTags",
            json!({"ResourceArn": profile["UserProfileArn"]}),
        )
        .await;
    assert_eq!(
        tags["Tags"],
        json!([
            {"Key": "Team", "Value": "ml-platform"},
            {"Key": "CostCenter", "Value": "ml-4021"},
            {"Key": "Project", "Value": "fraud-detection"}
        ])
    );
}

/// The idle timeout (minutes) of an app type in a domain's default settings.
fn idle_timeout(domain: &Value, settings: &str) -> f64 {
    domain["DefaultUserSettings"][settings]["AppLifecycleManagement"]["IdleSettings"]
        ["IdleTimeoutInMinutes"]
        .as_f64()
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn demo_apps_run_for_minutes_hours_and_days_some_idle_past_their_timeout() {
    let client = demo();
    let team = domain_named(&client, "ml-platform-team").await;
    let apps = all_in(&client, "ListApps", &team).await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let running: Vec<&Value> = apps["Apps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["Status"] == "InService")
        .collect();
    let ages: Vec<f64> = running
        .iter()
        .map(|a| now - a["CreationTime"].as_f64().unwrap())
        .collect();
    assert!(
        ages.iter().any(|&s| s < 3600.0),
        "an app running for minutes"
    );
    assert!(
        ages.iter().any(|&s| (3600.0..86_400.0).contains(&s)),
        "an app running for hours"
    );
    assert!(
        ages.iter().any(|&s| s > 86_400.0),
        "an app running for days"
    );
    let instances: BTreeSet<&str> = running
        .iter()
        .filter_map(|a| a["ResourceSpec"]["InstanceType"].as_str())
        .filter(|i| *i != "system")
        .collect();
    assert!(instances.len() >= 4, "{instances:?}");

    // Which running JupyterLab and Code Editor apps have been idle past the timeout.
    let mut idle_past = Vec::new();
    let mut active = Vec::new();
    for app in &running {
        let (settings, app_type) = match app["AppType"].as_str().unwrap() {
            "JupyterLab" => ("JupyterLabAppSettings", "JupyterLab"),
            "CodeEditor" => ("CodeEditorAppSettings", "CodeEditor"),
            _ => continue,
        };
        let described = client
            .ok(
                "DescribeApp",
                json!({"DomainId": team["DomainId"], "SpaceName": app["SpaceName"], "AppType": app_type, "AppName": app["AppName"]}),
            )
            .await;
        let last = described["LastUserActivityTimestamp"].as_f64().unwrap();
        assert!(last >= described["CreationTime"].as_f64().unwrap());
        let idle_minutes = (now - last) / 60.0;
        let space = app["SpaceName"].as_str().unwrap().to_owned();
        if idle_minutes > idle_timeout(&team, settings) {
            idle_past.push(space);
        } else {
            active.push(space);
        }
    }
    idle_past.sort();
    assert_eq!(idle_past, ["alice-lab", "priya-lab", "rosa-code"]);
    assert!(!active.is_empty());
}

#[tokio::test(start_paused = true)]
async fn some_demo_profiles_set_their_own_idle_shutdown() {
    let client = demo();
    let team = domain_named(&client, "ml-platform-team").await;
    let idle_of = |profile: &Value| {
        profile["UserSettings"]["JupyterLabAppSettings"]["AppLifecycleManagement"]["IdleSettings"]
            .clone()
    };
    let priya = profile_in(&client, &team, "priya-raman").await;
    assert_eq!(
        idle_of(&priya),
        json!({"LifecycleManagement": "ENABLED", "IdleTimeoutInMinutes": 360})
    );
    let uma = profile_in(&client, &team, "uma-krishnan").await;
    assert_eq!(idle_of(&uma), json!({"LifecycleManagement": "DISABLED"}));
    let alice = profile_in(&client, &team, "alice-nguyen").await;
    assert_eq!(idle_of(&alice), Value::Null, "the domain's default applies");
}
