//! List operations: MaxResults, NextToken, sorting and filters.

use std::time::Duration;

use serde_json::{Value, json};
use studio_admin_emulator::Emulator;
use studio_admin_model::{CreateUserProfileRequest, UserProfileStatus};

use crate::support::{Client, SAGEMAKER, config, strings};

/// A domain with profiles created `age_days` ago each, seeded directly.
fn seeded(names_and_ages: &[(&str, u64)]) -> (Client, String) {
    let emulator = Emulator::new(config());
    let domain = emulator
        .seed_domain(
            studio_admin_model::CreateDomainRequest {
                domain_name: Some("team".into()),
                auth_mode: Some(studio_admin_model::AuthMode::Iam),
                default_user_settings: Some(Default::default()),
                ..Default::default()
            },
            studio_admin_model::DomainStatus::InService,
            Duration::from_secs(1000 * 86_400),
        )
        .unwrap();
    for (name, age) in names_and_ages {
        emulator
            .seed_user_profile(
                CreateUserProfileRequest {
                    domain_id: Some(domain.clone()),
                    user_profile_name: Some((*name).to_owned()),
                    ..Default::default()
                },
                UserProfileStatus::InService,
                Duration::from_secs(age * 86_400),
            )
            .unwrap();
    }
    (Client::of(emulator), domain)
}

/// `n` profiles `user-00`, `user-01`... created a day apart, the first `oldest` days ago;
/// returns the client, the domain and the names, oldest first.
fn seeded_many(n: u64, oldest: u64) -> (Client, String, Vec<String>) {
    let people: Vec<(String, u64)> = (0..n)
        .map(|i| (format!("user-{i:02}"), oldest - i))
        .collect();
    let refs: Vec<(&str, u64)> = people.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let (client, domain) = seeded(&refs);
    (client, domain, people.into_iter().map(|(n, _)| n).collect())
}

fn names(page: &Value) -> Vec<String> {
    strings(&page["UserProfiles"], "UserProfileName")
}

/// The names of the profiles one ListUserProfiles page with `request` lists.
async fn listed(client: &Client, request: Value) -> Vec<String> {
    names(&client.ok("ListUserProfiles", request).await)
}

/// Three profiles, and the NextToken of a first page of one (`MaxResults: 1`).
async fn three_profiles_and_a_token() -> (Client, String) {
    let (client, _) = seeded(&[("a", 3), ("b", 2), ("c", 1)]);
    let page = client
        .ok("ListUserProfiles", json!({"MaxResults": 1}))
        .await;
    let token = page["NextToken"].as_str().unwrap().to_owned();
    (client, token)
}

/// The profiles every page lists, and how many pages there were.
async fn all_pages(client: &Client, request: Value) -> (Vec<String>, usize) {
    let pages = client.pages(SAGEMAKER, "ListUserProfiles", request).await;
    (pages.iter().flat_map(names).collect(), pages.len())
}

#[tokio::test]
async fn pages_of_max_results_cover_every_profile_once() {
    let (client, domain, mut expected) = seeded_many(23, 100);
    let (seen, pages) =
        all_pages(&client, json!({"DomainIdEquals": domain, "MaxResults": 5})).await;
    assert_eq!(pages, 5);
    expected.reverse(); // newest first by default
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn without_max_results_a_page_holds_ten() {
    let (client, _, _) = seeded_many(12, 50);
    let page = client.ok("ListUserProfiles", json!({})).await;
    assert_eq!(names(&page).len(), 10);
    assert!(page["NextToken"].is_string());
}

#[tokio::test]
async fn profiles_sort_by_creation_time_in_either_order() {
    let (client, _) = seeded(&[("middle", 20), ("oldest", 30), ("newest", 10)]);
    assert_eq!(
        listed(&client, json!({"SortBy": "CreationTime"})).await,
        ["newest", "middle", "oldest"]
    );
    let ascending = json!({"SortBy": "CreationTime", "SortOrder": "Ascending"});
    assert_eq!(
        listed(&client, ascending).await,
        ["oldest", "middle", "newest"]
    );
}

#[tokio::test]
async fn profiles_sort_by_last_modified_time() {
    let (client, domain) = seeded(&[("alice", 30), ("bob", 20), ("carol", 10)]);
    client
        .ok(
            "UpdateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice", "UserSettings": {}}),
        )
        .await;
    let by_modified = json!({"SortBy": "LastModifiedTime", "SortOrder": "Descending"});
    assert_eq!(
        listed(&client, by_modified).await,
        ["alice", "carol", "bob"]
    );
}

#[tokio::test]
async fn the_name_filter_ignores_case_and_the_domain_filter_scopes() {
    let (client, domain) = seeded(&[("Alice-Nguyen", 3), ("bob-alison", 2), ("carol", 1)]);
    let other = client.domain("other").await;
    client.profile(&other, "alice").await;
    let in_domain = json!({"DomainIdEquals": domain, "UserProfileNameContains": "ALI", "SortOrder": "Ascending"});
    assert_eq!(
        listed(&client, in_domain).await,
        ["Alice-Nguyen", "bob-alison"]
    );
    assert_eq!(
        listed(&client, json!({"UserProfileNameContains": "alice"}))
            .await
            .len(),
        2
    );
}

#[tokio::test]
async fn a_forged_next_token_is_a_validation_exception() {
    let (client, _) = seeded(&[("a", 3), ("b", 2), ("c", 1)]);
    for forged in [
        "bm90IGEgdG9rZW4",
        "totally-made-up",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        client
            .invalid("ListUserProfiles", json!({"NextToken": forged}))
            .await;
    }
}

#[tokio::test]
async fn an_altered_next_token_is_a_validation_exception() {
    let (client, token) = three_profiles_and_a_token().await;
    let mut altered: Vec<char> = token.chars().collect();
    let i = altered.len() / 2;
    altered[i] = if altered[i] == 'x' { 'y' } else { 'x' };
    let altered: String = altered.into_iter().collect();
    client
        .invalid(
            "ListUserProfiles",
            json!({"MaxResults": 1, "NextToken": altered}),
        )
        .await;
}

#[tokio::test]
async fn a_next_token_used_with_other_filters_is_a_validation_exception() {
    let (client, token) = three_profiles_and_a_token().await;
    client
        .invalid(
            "ListUserProfiles",
            json!({"MaxResults": 1, "NextToken": token, "SortOrder": "Ascending"}),
        )
        .await;
    client
        .invalid("ListSpaces", json!({"NextToken": token}))
        .await;
}

#[tokio::test]
async fn list_apps_filters_by_profile_or_space_but_not_both() {
    let (client, domain) = Client::with_team(&[]).await;
    for user in ["alice", "bob"] {
        client.profile(&domain, user).await;
        client.user_app(&domain, user).await;
    }
    client.space(&domain, "lab", "alice", "Shared").await;
    client
        .ok(
            "CreateApp",
            json!({"DomainId": domain, "SpaceName": "lab", "AppType": "JupyterLab", "AppName": "default"}),
        )
        .await;
    let alice = client
        .ok(
            "ListApps",
            json!({"DomainIdEquals": domain, "UserProfileNameEquals": "alice"}),
        )
        .await;
    assert_eq!(alice["Apps"].as_array().unwrap().len(), 1);
    assert_eq!(alice["Apps"][0]["UserProfileName"], "alice");
    let lab = client
        .ok(
            "ListApps",
            json!({"DomainIdEquals": domain, "SpaceNameEquals": "lab"}),
        )
        .await;
    assert_eq!(lab["Apps"].as_array().unwrap().len(), 1);
    assert_eq!(lab["Apps"][0]["AppType"], "JupyterLab");
    let all = client
        .ok("ListApps", json!({"DomainIdEquals": domain}))
        .await;
    assert_eq!(all["Apps"].as_array().unwrap().len(), 3);
    client
        .invalid(
            "ListApps",
            json!({"UserProfileNameEquals": "alice", "SpaceNameEquals": "lab"}),
        )
        .await;
}

#[tokio::test]
async fn list_spaces_filters_by_a_part_of_the_name() {
    let (client, domain) = Client::with_team(&[]).await;
    client.profile(&domain, "alice").await;
    for space in ["alice-lab", "team-analytics", "alice-scratch"] {
        client.space(&domain, space, "alice", "Private").await;
    }
    let page = client
        .ok(
            "ListSpaces",
            json!({"DomainIdEquals": domain, "SpaceNameContains": "alice", "SortOrder": "Ascending"}),
        )
        .await;
    assert_eq!(
        strings(&page["Spaces"], "SpaceName"),
        ["alice-lab", "alice-scratch"]
    );
    assert_eq!(
        page["Spaces"][0]["OwnershipSettingsSummary"]["OwnerUserProfileName"],
        "alice"
    );
    assert_eq!(
        page["Spaces"][0]["SpaceSharingSettingsSummary"]["SharingType"],
        "Private"
    );
}

#[tokio::test]
async fn list_domains_pages_too() {
    let client = Client::new();
    for i in 0..3 {
        client.domain(&format!("domain-{i}")).await;
    }
    let first = client.ok("ListDomains", json!({"MaxResults": 2})).await;
    assert_eq!(first["Domains"].as_array().unwrap().len(), 2);
    let token = first["NextToken"].as_str().unwrap();
    let second = client
        .ok("ListDomains", json!({"MaxResults": 2, "NextToken": token}))
        .await;
    assert_eq!(second["Domains"].as_array().unwrap().len(), 1);
    assert!(second.get("NextToken").is_none());
}
