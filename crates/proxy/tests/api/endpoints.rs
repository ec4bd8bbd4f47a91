//! Every API endpoint, called in-process (`oneshot`) with the embedded emulator behind the
//! signed client (signatures verified).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use studio_admin_model::{AppStatus, AppType, SharingType};

use crate::helpers::{
    On, Reply, TestApp, seed_app, seed_iam_domain, seed_profile, seed_space, seed_sso_domain,
    seed_sso_profile, seed_vpc_domain, start_emulator, strings,
};

/// The app in front of an emulator holding the IAM domain `team` with the InService
/// `profiles`; returns it and the domain's id.
async fn team_with(profiles: &[&str]) -> (TestApp, String) {
    let emulator = start_emulator().await;
    let team = seed_iam_domain(&emulator, "team");
    for name in profiles {
        seed_profile(&emulator, &team, name, 100);
    }
    (TestApp::with_emulator(emulator), team)
}

/// `POST /api/domains/{domain}/profiles` (CreateUserProfile) with `body`.
async fn create(app: &TestApp, domain: &str, body: &Value) -> Reply {
    let path = format!("/api/domains/{domain}/profiles");
    app.send_json(Method::POST, &path, body).await
}

/// `PUT /api/domains/{domain}/profiles/{name}` (UpdateUserProfile) with `body`.
async fn update(app: &TestApp, domain: &str, name: &str, body: &Value) -> Reply {
    let path = format!("/api/domains/{domain}/profiles/{name}");
    app.send_json(Method::PUT, &path, body).await
}

/// `POST /api/domains/{domain}/profiles/{name}/presigned-url` with `body`.
async fn presign(app: &TestApp, domain: &str, name: &str, body: &Value) -> Reply {
    let path = format!("/api/domains/{domain}/profiles/{name}/presigned-url");
    app.send_json(Method::POST, &path, body).await
}

/// `POST /api/validate` with `body`.
async fn validate(app: &TestApp, body: &Value) -> Reply {
    app.send_json(Method::POST, "/api/validate", body).await
}

fn names(page: &Value) -> Vec<String> {
    strings(&page["profiles"], "UserProfileName")
}

fn paths(body: &Value, list: &str) -> Vec<String> {
    strings(&body[list], "path")
}

#[tokio::test]
async fn the_domain_list_describes_every_domain_with_auth_mode_network_and_defaults() {
    let emulator = start_emulator().await;
    let iam = seed_iam_domain(&emulator, "team");
    let sso = seed_sso_domain(&emulator, "research");
    let vpc = seed_vpc_domain(&emulator, "regulated", &["sg-0123456789abcdef0"]);
    let app = TestApp::with_emulator(emulator);

    let reply = app.get("/api/domains").await;

    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    let domains = body["domains"].as_array().expect("a list of domains");
    assert_eq!(domains.len(), 3);
    let by_id = |id: &str| {
        domains
            .iter()
            .find(|d| d["DomainId"] == id)
            .unwrap_or_else(|| panic!("domain {id} listed"))
    };
    assert_eq!(by_id(&iam)["AuthMode"], "IAM");
    assert_eq!(by_id(&iam)["DomainName"], "team");
    assert_eq!(by_id(&sso)["AuthMode"], "SSO");
    assert_eq!(by_id(&vpc)["AppNetworkAccessType"], "VpcOnly");
    assert_eq!(
        by_id(&vpc)["DefaultUserSettings"]["SecurityGroups"],
        json!(["sg-0123456789abcdef0"])
    );
    assert_eq!(
        by_id(&iam)["DefaultUserSettings"]["ExecutionRole"],
        "arn:aws:iam::123456789012:role/StudioExecution"
    );
}

#[tokio::test]
async fn an_account_without_domains_lists_none() {
    let emulator = start_emulator().await;
    let reply = TestApp::with_emulator(emulator).get("/api/domains").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({"domains": []}));
}

#[tokio::test]
async fn the_profile_list_shows_the_profiles_of_that_domain_only() {
    let emulator = start_emulator().await;
    let team = seed_iam_domain(&emulator, "team");
    let other = seed_iam_domain(&emulator, "other");
    seed_profile(&emulator, &team, "alice", 300);
    seed_profile(&emulator, &team, "bob", 200);
    seed_profile(&emulator, &other, "carol", 100);
    let app = TestApp::with_emulator(emulator);

    let reply = app.get(&format!("/api/domains/{team}/profiles")).await;

    assert_eq!(reply.status, StatusCode::OK);
    let mut listed = names(&reply.json());
    listed.sort();
    assert_eq!(listed, ["alice", "bob"]);
    assert_eq!(reply.json()["next"], Value::Null);
}

#[tokio::test]
async fn the_search_narrows_the_profiles_to_names_containing_it() {
    let emulator = start_emulator().await;
    let team = seed_iam_domain(&emulator, "team");
    for name in ["anna-berg", "bert-anders", "carl-olsen"] {
        seed_profile(&emulator, &team, name, 100);
    }
    let app = TestApp::with_emulator(emulator);

    let reply = app
        .get(&format!("/api/domains/{team}/profiles?search=and"))
        .await;

    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(names(&reply.json()), ["bert-anders"]);
}

#[tokio::test]
async fn profiles_sort_by_creation_time_in_the_order_asked_for() {
    let emulator = start_emulator().await;
    let team = seed_iam_domain(&emulator, "team");
    seed_profile(&emulator, &team, "oldest", 3000);
    seed_profile(&emulator, &team, "newest", 10);
    seed_profile(&emulator, &team, "middle", 500);
    let app = TestApp::with_emulator(emulator);
    let base = format!("/api/domains/{team}/profiles?sort=CreationTime");

    let ascending = app.get(&format!("{base}&order=Ascending")).await;
    let descending = app.get(&format!("{base}&order=Descending")).await;

    assert_eq!(names(&ascending.json()), ["oldest", "middle", "newest"]);
    assert_eq!(names(&descending.json()), ["newest", "middle", "oldest"]);
}

#[tokio::test]
async fn paging_passes_the_next_token_through_until_every_profile_was_listed_once() {
    let emulator = start_emulator().await;
    let team = seed_iam_domain(&emulator, "team");
    for i in 0..5 {
        seed_profile(&emulator, &team, &format!("user-{i}"), 100 + i);
    }
    let app = TestApp::with_emulator(emulator);

    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut path = format!("/api/domains/{team}/profiles?limit=2");
        if let Some(token) = &next {
            path.push_str("&next=");
            path.push_str(&urlencode(token));
        }
        let reply = app.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        let page = reply.json();
        let page_names = names(&page);
        assert!(page_names.len() <= 2);
        seen.extend(page_names);
        pages += 1;
        match page["next"].as_str() {
            Some(token) => next = Some(token.to_owned()),
            None => break,
        }
        assert!(pages < 10, "paging must end");
    }
    seen.sort();
    assert_eq!(seen, ["user-0", "user-1", "user-2", "user-3", "user-4"]);
    assert_eq!(pages, 3);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_forged_next_token_is_refused_with_aws_validation_message() {
    let (app, team) = team_with(&[]).await;

    let reply = app
        .get(&format!("/api/domains/{team}/profiles?next=forged-token"))
        .await;

    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.json()["code"], "ValidationException");
}

#[tokio::test]
async fn list_parameters_outside_the_model_are_refused_at_the_parameter_named() {
    let (app, team) = team_with(&[]).await;

    let reply = app
        .get(&format!("/api/domains/{team}/profiles?sort=Name&limit=500"))
        .await;

    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = reply.json();
    let mut at = paths(&body, "errors");
    at.sort();
    assert_eq!(at, ["limit", "sort"]);
}

#[tokio::test]
async fn an_unknown_list_parameter_is_a_bad_request() {
    let (app, team) = team_with(&[]).await;
    let reply = app
        .get(&format!("/api/domains/{team}/profiles?serach=x"))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.message().contains("serach"), "{}", reply.text());
}

#[tokio::test]
async fn the_profile_detail_has_the_profile_its_apps_and_only_the_spaces_it_owns() {
    let emulator = start_emulator().await;
    let team = seed_iam_domain(&emulator, "team");
    seed_profile(&emulator, &team, "alice", 300);
    seed_profile(&emulator, &team, "bob", 300);
    seed_app(
        &emulator,
        &team,
        On::User("alice"),
        AppType::JupyterServer,
        "default",
        AppStatus::InService,
    );
    seed_app(
        &emulator,
        &team,
        On::User("alice"),
        AppType::KernelGateway,
        "datascience-ml-t3-medium",
        AppStatus::Failed,
    );
    seed_app(
        &emulator,
        &team,
        On::User("bob"),
        AppType::JupyterServer,
        "default",
        AppStatus::InService,
    );
    seed_space(
        &emulator,
        &team,
        "alice-private",
        "alice",
        SharingType::Private,
    );
    seed_space(&emulator, &team, "bob-private", "bob", SharingType::Private);
    let app = TestApp::with_emulator(emulator);

    let reply = app
        .get(&format!("/api/domains/{team}/profiles/alice"))
        .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["profile"]["UserProfileName"], "alice");
    assert_eq!(body["profile"]["DomainId"], team.as_str());
    let mut apps: Vec<(String, String)> = body["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .map(|a| {
            (
                a["AppType"].as_str().unwrap_or_default().to_owned(),
                a["Status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    apps.sort();
    assert_eq!(
        apps,
        [
            ("JupyterServer".to_owned(), "InService".to_owned()),
            ("KernelGateway".to_owned(), "Failed".to_owned())
        ]
    );
    let spaces = strings(&body["spaces"], "SpaceName");
    assert_eq!(spaces, ["alice-private"]);
}

#[tokio::test]
async fn the_detail_of_a_missing_profile_is_a_404_with_aws_message() {
    let (app, team) = team_with(&[]).await;
    let reply = app
        .get(&format!("/api/domains/{team}/profiles/nobody"))
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let body = reply.json();
    assert_eq!(body["code"], "ResourceNotFound");
    assert!(reply.message().contains("nobody"), "{body}");
}

#[tokio::test]
async fn creating_a_valid_profile_answers_201_with_its_arn_and_location_and_it_exists() {
    let (app, team) = team_with(&[]).await;

    let reply = create(
        &app,
        &team,
        &json!({
            "UserProfileName": "new-hire",
            "UserSettings": {"ExecutionRole": "arn:aws:iam::123456789012:role/Scientist"},
            "Tags": [{"Key": "Team", "Value": "ml"}]
        }),
    )
    .await;

    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(
        reply.json()["UserProfileArn"],
        format!("arn:aws:sagemaker:us-east-1:123456789012:user-profile/{team}/new-hire")
    );
    assert_eq!(
        reply.header("location"),
        Some(format!("/api/domains/{team}/profiles/new-hire").as_str())
    );
    let detail = app
        .get(&format!("/api/domains/{team}/profiles/new-hire"))
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    assert_eq!(
        detail.json()["profile"]["UserSettings"]["ExecutionRole"],
        "arn:aws:iam::123456789012:role/Scientist"
    );
}

#[tokio::test]
async fn an_invalid_profile_is_a_422_with_every_problem_and_nothing_is_created() {
    let (app, team) = team_with(&[]).await;

    let reply = create(
        &app,
        &team,
        &json!({
            "UserProfileName": "bad_name!",
            "Tags": [{"Key": "aws:owner", "Value": "x"}]
        }),
    )
    .await;

    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = reply.json();
    let at = paths(&body, "errors");
    assert!(at.contains(&"UserProfileName".to_owned()), "{body}");
    assert!(at.contains(&"Tags[0].Key".to_owned()), "{body}");
    assert!(
        body["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .all(|e| e["severity"] == "error"
                && e["message"].as_str().is_some_and(|m| !m.is_empty()))
    );
    let list = app.get(&format!("/api/domains/{team}/profiles")).await;
    assert_eq!(names(&list.json()), Vec::<String>::new());
}

#[tokio::test]
async fn a_vpc_only_domain_without_security_groups_refuses_a_profile_without_any() {
    let emulator = start_emulator().await;
    let vpc = seed_vpc_domain(&emulator, "regulated", &[]);
    let app = TestApp::with_emulator(emulator);

    let reply = create(&app, &vpc, &json!({"UserProfileName": "no-groups"})).await;

    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        paths(&reply.json(), "errors"),
        ["UserSettings.SecurityGroups"]
    );
}

#[tokio::test]
async fn an_sso_domain_needs_the_user_name_and_says_so_at_its_path() {
    let emulator = start_emulator().await;
    let sso = seed_sso_domain(&emulator, "research");
    let app = TestApp::with_emulator(emulator);

    let reply = create(&app, &sso, &json!({"UserProfileName": "researcher"})).await;

    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let at = paths(&reply.json(), "errors");
    assert!(at.contains(&"SingleSignOnUserValue".to_owned()), "{at:?}");
}

#[tokio::test]
async fn a_name_taken_in_another_letter_case_is_a_409_conflict() {
    let emulator = start_emulator().await;
    let team = seed_iam_domain(&emulator, "team");
    seed_profile(&emulator, &team, "Alice", 100);
    let app = TestApp::with_emulator(emulator);

    let reply = create(&app, &team, &json!({"UserProfileName": "alice"})).await;

    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json()["code"], "ResourceInUse");
}

#[tokio::test]
async fn creating_in_a_domain_that_does_not_exist_is_a_404() {
    let emulator = start_emulator().await;
    let reply = create(
        &TestApp::with_emulator(emulator),
        "d-000000000000",
        &json!({"UserProfileName": "alice"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["code"], "ResourceNotFound");
}

#[tokio::test]
async fn a_domain_id_in_the_body_that_differs_from_the_url_is_a_422_at_domain_id() {
    let (app, team) = team_with(&[]).await;
    let reply = create(
        &app,
        &team,
        &json!({"DomainId": "d-111111111111", "UserProfileName": "alice"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(paths(&reply.json(), "errors"), ["DomainId"]);
}

#[tokio::test]
async fn updating_a_profile_changes_its_settings() {
    let (app, team) = team_with(&["alice"]).await;

    let reply = update(
        &app,
        &team,
        "alice",
        &json!({"UserSettings": {"ExecutionRole": "arn:aws:iam::123456789012:role/Lead"}}),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(
        reply.json()["UserProfileArn"]
            .as_str()
            .is_some_and(|arn| arn.ends_with(&format!("user-profile/{team}/alice")))
    );
    let detail = app
        .get(&format!("/api/domains/{team}/profiles/alice"))
        .await;
    assert_eq!(
        detail.json()["profile"]["UserSettings"]["ExecutionRole"],
        "arn:aws:iam::123456789012:role/Lead"
    );
}

#[tokio::test]
async fn updating_a_missing_profile_is_a_404() {
    let (app, team) = team_with(&[]).await;
    let reply = update(
        &app,
        &team,
        "ghost",
        &json!({"UserSettings": {"ExecutionRole": "arn:aws:iam::123456789012:role/Lead"}}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_update_naming_another_profile_than_the_url_is_a_422() {
    let (app, team) = team_with(&["alice"]).await;
    let reply = update(&app, &team, "alice", &json!({"UserProfileName": "bob"})).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(paths(&reply.json(), "errors"), ["UserProfileName"]);
}

#[tokio::test]
async fn a_profile_of_an_iam_domain_gets_a_presigned_studio_url() {
    let (app, team) = team_with(&["alice"]).await;

    let reply = presign(&app, &team, "alice", &json!({"ExpiresInSeconds": 60})).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let url = reply.json()["AuthorizedUrl"]
        .as_str()
        .expect("a URL")
        .to_owned();
    // The emulator's URLs point at itself; on AWS they point at the domain's Studio.
    assert!(url.starts_with("http"), "{url}");
    assert!(url.contains(&team), "{url}");
    assert!(url.contains("token="), "{url}");
}

#[tokio::test]
async fn a_presigned_url_can_be_asked_for_with_an_empty_body() {
    let (app, team) = team_with(&["alice"]).await;
    let reply = app
        .send_raw(
            Method::POST,
            &format!("/api/domains/{team}/profiles/alice/presigned-url"),
            "application/json",
            "",
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

#[tokio::test]
async fn a_profile_of_an_sso_domain_gets_a_409_and_no_url() {
    let emulator = start_emulator().await;
    let sso = seed_sso_domain(&emulator, "research");
    seed_sso_profile(&emulator, &sso, "researcher");
    let reply = presign(
        &TestApp::with_emulator(emulator),
        &sso,
        "researcher",
        &json!({}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert!(reply.message().contains("IAM-mode"), "{}", reply.text());
}

#[tokio::test]
async fn a_presigned_url_expiry_outside_the_model_range_is_a_422_at_its_member() {
    let (app, team) = team_with(&["alice"]).await;
    let reply = presign(&app, &team, "alice", &json!({"ExpiresInSeconds": 3600})).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(paths(&reply.json(), "errors"), ["ExpiresInSeconds"]);
}

#[tokio::test]
async fn validating_a_good_body_reports_it_valid_with_the_domain_checked() {
    let (app, team) = team_with(&[]).await;
    let reply = validate(&app, &json!({"DomainId": team, "UserProfileName": "alice"})).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json(),
        json!({"valid": true, "domain_checked": true, "problems": []})
    );
}

#[tokio::test]
async fn validating_reports_every_problem_and_creates_nothing() {
    let emulator = start_emulator().await;
    let vpc = seed_vpc_domain(&emulator, "regulated", &[]);
    let app = TestApp::with_emulator(emulator);

    let reply = validate(&app, &json!({"DomainId": vpc, "UserProfileName": "-bad-"})).await;

    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["valid"], false);
    assert_eq!(body["domain_checked"], true);
    let at = paths(&body, "problems");
    assert!(at.contains(&"UserProfileName".to_owned()), "{body}");
    assert!(
        at.contains(&"UserSettings.SecurityGroups".to_owned()),
        "{body}"
    );
    let list = app.get(&format!("/api/domains/{vpc}/profiles")).await;
    assert_eq!(names(&list.json()), Vec::<String>::new());
}

#[tokio::test]
async fn validating_against_a_domain_that_does_not_exist_skips_the_domain_rules() {
    let emulator = start_emulator().await;
    let reply = validate(
        &TestApp::with_emulator(emulator),
        &json!({"DomainId": "d-000000000000", "UserProfileName": "alice"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["valid"], true);
    assert_eq!(body["domain_checked"], false);
}
