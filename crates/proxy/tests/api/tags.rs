//! A profile's tags through `GET/PUT /api/domains/{domain}/profiles/{name}/tags`: the
//! listing (every page), a `PUT` sending exactly the difference (counted in the emulator's
//! call log, and read from the bodies a scripted SageMaker received), the model's rules
//! refused before AWS is called, who may change tags, and the audit entry.

use axum::http::Method;
use serde_json::{Value, json};
use studio_admin_emulator::RunningEmulator;
use studio_admin_model::{CreateUserProfileRequest, Tag};
use studio_admin_proxy::auth::Clock;

use crate::helpers::{
    Browser, Scripted, TestApp, ok, profile_request, seed_iam_domain, seed_profile_as,
    start_emulator, strings, team_accounts,
};

/// Adds an InService profile with `tags` (as given at CreateUserProfile).
fn seed_tagged(emulator: &RunningEmulator, domain: &str, name: &str, tags: &[(&str, &str)]) {
    let tags = tags.iter().map(|(k, v)| Tag::new(k, v)).collect();
    let request = CreateUserProfileRequest {
        tags: Some(tags),
        ..profile_request(domain, name)
    };
    seed_profile_as(emulator, request, 100);
}

/// `{"Tags": [...]}` from pairs.
fn body(tags: &[(&str, &str)]) -> Value {
    json!({"Tags": tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect::<Vec<_>>()})
}

/// The team domain with `alice` tagged `tags`, and the team's accounts.
async fn team_with_alice(tags: &[(&str, &str)]) -> (TestApp, String) {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let other = seed_iam_domain(&emulator, "elsewhere");
    seed_tagged(&emulator, &domain, "alice", tags);
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, &other))
        .clock(&Clock::system())
        .build();
    (app, domain)
}

fn count(app: &TestApp, operation: &str) -> usize {
    app.emulator().emulator().calls_of(operation).len()
}

fn error_paths(reply: &Value) -> Vec<String> {
    let mut paths = strings(&reply["errors"], "path");
    paths.sort();
    paths
}

#[tokio::test]
async fn a_viewer_sees_the_tags_given_when_the_profile_was_created() {
    let (app, domain) = team_with_alice(&[("Team", "ml-platform"), ("CostCenter", "4021")]).await;
    let vera = Browser::sign_in(app.router(), "vera").await;
    let reply = vera
        .get(&format!("/api/domains/{domain}/profiles/alice/tags"))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.json(),
        body(&[("Team", "ml-platform"), ("CostCenter", "4021")])
    );
}

#[tokio::test]
async fn every_page_of_list_tags_is_followed() {
    let arn = "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abc123def456/alice";
    let scripted = Scripted::start(move |call, _| {
        let asked: Value = serde_json::from_slice(&call.raw).unwrap_or_default();
        match (call.operation.as_str(), asked["NextToken"].as_str()) {
            ("DescribeUserProfile", _) => ok(json!({"UserProfileArn": arn})),
            ("ListTags", None) => {
                ok(json!({"Tags": [{"Key": "Team", "Value": "ml"}], "NextToken": "page-2"}))
            }
            ("ListTags", Some("page-2")) => {
                ok(json!({"Tags": [{"Key": "Project", "Value": "churn"}]}))
            }
            _ => ok(json!({})),
        }
    })
    .await;
    let app = TestApp::with_scripted(scripted);
    let reply = app
        .get("/api/domains/d-abc123def456/profiles/alice/tags")
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json(), body(&[("Team", "ml"), ("Project", "churn")]));
    let lists: Vec<String> = app
        .scripted()
        .calls()
        .iter()
        .filter(|c| c.operation == "ListTags")
        .map(|c| String::from_utf8_lossy(&c.raw).into_owned())
        .collect();
    assert_eq!(lists.len(), 2, "{lists:?}");
    assert!(lists.iter().all(|l| l.contains(arn)), "{lists:?}");
}

#[tokio::test]
async fn a_put_sends_only_the_difference_and_the_profile_then_has_exactly_that_set() {
    let (app, domain) = team_with_alice(&[
        ("Team", "ml-platform"),
        ("CostCenter", "4021"),
        ("Project", "churn"),
    ])
    .await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let path = format!("/api/domains/{domain}/profiles/alice/tags");
    let wanted = body(&[
        ("Team", "ml-platform"),
        ("CostCenter", "4022"),
        ("Owner", "leo"),
    ]);
    let reply = leo.send(Method::PUT, &path, Some(&wanted)).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json(), wanted, "the answer is the new set");
    assert_eq!(count(&app, "DeleteTags"), 1, "Project removed in one call");
    assert_eq!(
        count(&app, "AddTags"),
        1,
        "CostCenter and Owner in one call"
    );
    assert_eq!(
        leo.get(&path).await.json(),
        wanted,
        "AWS now lists exactly that"
    );

    // The same set again changes nothing.
    let again = leo.send(Method::PUT, &path, Some(&wanted)).await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(count(&app, "DeleteTags"), 1);
    assert_eq!(count(&app, "AddTags"), 1);

    // An empty set removes every tag, in one call.
    let none = leo.send(Method::PUT, &path, Some(&body(&[]))).await;
    assert_eq!(none.status, 200, "{}", none.text());
    assert_eq!(count(&app, "DeleteTags"), 2);
    assert_eq!(count(&app, "AddTags"), 1);
    assert_eq!(leo.get(&path).await.json(), body(&[]));
}

#[tokio::test]
async fn a_profile_at_fifty_tags_can_swap_keys_because_removals_go_first() {
    let many: Vec<(String, String)> = (0..50).map(|i| (format!("k{i}"), String::new())).collect();
    let pairs: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (app, domain) = team_with_alice(&pairs).await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let path = format!("/api/domains/{domain}/profiles/alice/tags");
    let mut swapped = pairs[1..].to_vec();
    swapped.push(("replacement", "x"));
    let reply = leo.send(Method::PUT, &path, Some(&body(&swapped))).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(leo.get(&path).await.json(), body(&swapped));
}

#[tokio::test]
async fn the_bodies_sent_to_sagemaker_name_exactly_the_changed_tags() {
    let arn = "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abc123def456/alice";
    let scripted = Scripted::start(move |call, _| match call.operation.as_str() {
        "DescribeUserProfile" => ok(json!({"UserProfileArn": arn, "UserProfileName": "alice"})),
        "ListTags" => ok(json!({"Tags": [
            {"Key": "Team", "Value": "ml"},
            {"Key": "Old", "Value": "x"},
            {"Key": "aws:cloudformation:stack-name", "Value": "studio"},
        ]})),
        _ => ok(json!({})),
    })
    .await;
    let app = TestApp::with_scripted(scripted);
    let reply = app
        .send_json(
            Method::PUT,
            "/api/domains/d-abc123def456/profiles/alice/tags",
            &body(&[("Team", "research"), ("New", "")]),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.json(),
        json!({"Tags": [
            {"Key": "Team", "Value": "research"},
            {"Key": "aws:cloudformation:stack-name", "Value": "studio"},
            {"Key": "New", "Value": ""},
        ]}),
        "AWS's own tag stays"
    );
    let sent = |operation: &str| -> Vec<Value> {
        app.scripted()
            .calls()
            .iter()
            .filter(|c| c.operation == operation)
            .map(|c| serde_json::from_slice(&c.raw).expect("JSON body"))
            .collect()
    };
    assert_eq!(
        sent("DeleteTags"),
        [json!({"ResourceArn": arn, "TagKeys": ["Old"]})]
    );
    assert_eq!(
        sent("AddTags"),
        [json!({"ResourceArn": arn, "Tags": [
            {"Key": "Team", "Value": "research"},
            {"Key": "New", "Value": ""},
        ]})]
    );
    let operations = app.scripted().operations();
    let delete = operations.iter().position(|o| o == "DeleteTags");
    let add = operations.iter().position(|o| o == "AddTags");
    assert!(delete < add, "removals first: {operations:?}");
}

#[tokio::test]
async fn tags_breaking_the_models_rules_are_refused_with_their_paths_before_aws_is_called() {
    let (app, domain) = team_with_alice(&[("Team", "ml")]).await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let path = format!("/api/domains/{domain}/profiles/alice/tags");
    let long_value = "v".repeat(257);
    let reply = leo
        .send(
            Method::PUT,
            &path,
            Some(&body(&[
                ("Team", "ml"),
                ("Team", "again"),
                ("aws:owner", "me"),
                ("", "no key"),
                ("bad#key", &long_value),
            ])),
        )
        .await;
    assert_eq!(reply.status, 422, "{}", reply.text());
    assert_eq!(
        error_paths(&reply.json()),
        [
            "Tags[1].Key",
            "Tags[2].Key",
            "Tags[3].Key",
            "Tags[4].Key",
            "Tags[4].Value"
        ]
    );
    let message = |p: &str| {
        reply.json()["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter(|e| e["path"] == p)
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(message("Tags[1].Key").contains("Duplicate tag key 'Team'"));
    assert!(message("Tags[2].Key").contains("reserved for AWS"));

    let many: Vec<(String, String)> = (0..51).map(|i| (format!("k{i}"), String::new())).collect();
    let pairs: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let too_many = leo.send(Method::PUT, &path, Some(&body(&pairs))).await;
    assert_eq!(too_many.status, 422, "{}", too_many.text());
    assert_eq!(error_paths(&too_many.json()), ["Tags"]);

    let unknown = leo
        .send(
            Method::PUT,
            &path,
            Some(&json!({"Tags": [{"Key": "a", "Value": "b", "Colour": "red"}]})),
        )
        .await;
    assert_eq!(unknown.status, 422, "{}", unknown.text());
    assert_eq!(error_paths(&unknown.json()), ["Tags[0].Colour"]);

    assert_eq!(count(&app, "AddTags") + count(&app, "DeleteTags"), 0);
    assert_eq!(count(&app, "ListTags"), 0, "refused before AWS is asked");
}

#[tokio::test]
async fn viewers_and_leads_of_another_domain_cannot_change_tags_and_nothing_is_sent() {
    let (app, domain) = team_with_alice(&[("Team", "ml")]).await;
    let path = format!("/api/domains/{domain}/profiles/alice/tags");
    for name in ["vera", "rita", "lou"] {
        let browser = Browser::sign_in(app.router(), name).await;
        let reply = browser
            .send(Method::PUT, &path, Some(&body(&[("Team", "mine")])))
            .await;
        assert_eq!(reply.status, 403, "{name}: {}", reply.text());
        assert_eq!(reply.code(), "Forbidden");
    }
    let lou = Browser::sign_in(app.router(), "lou").await;
    assert_eq!(lou.get(&path).await.status, 403, "not even to read");
    assert_eq!(count(&app, "AddTags") + count(&app, "DeleteTags"), 0);
    let vera = Browser::sign_in(app.router(), "vera").await;
    assert_eq!(vera.get(&path).await.json(), body(&[("Team", "ml")]));
}

#[tokio::test]
async fn the_tags_of_a_missing_profile_are_a_404() {
    let (app, domain) = team_with_alice(&[]).await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let path = format!("/api/domains/{domain}/profiles/nobody/tags");
    let read = leo.get(&path).await;
    assert_eq!(read.status, 404, "{}", read.text());
    let write = leo
        .send(Method::PUT, &path, Some(&body(&[("a", "b")])))
        .await;
    assert_eq!(write.status, 404, "{}", write.text());
    assert_eq!(count(&app, "AddTags"), 0);
}

#[tokio::test]
async fn a_tag_change_is_audited_with_what_was_added_and_removed() {
    let (app, domain) = team_with_alice(&[("Team", "ml"), ("Old", "x")]).await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let vera = Browser::sign_in(app.router(), "vera").await;
    let path = format!("/api/domains/{domain}/profiles/alice/tags");
    let changed = leo
        .send(Method::PUT, &path, Some(&body(&[("Team", "research")])))
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text());
    let refused = vera.send(Method::PUT, &path, Some(&body(&[]))).await;
    assert_eq!(refused.status, 403);

    let ada = Browser::sign_in(app.router(), "ada").await;
    let log = ada.get("/api/audit?action=profile.tags").await;
    assert_eq!(log.status, 200, "{}", log.text());
    let entries = log.json()["entries"].as_array().expect("entries").clone();
    assert_eq!(entries.len(), 2, "{entries:?}");
    let (newest, oldest) = (&entries[0], &entries[1]);
    assert_eq!(newest["actor"], "vera");
    assert_eq!(newest["outcome"], "refused");
    assert_eq!(oldest["actor"], "leo");
    assert_eq!(oldest["outcome"], "ok");
    assert_eq!(oldest["domain_id"], domain.as_str());
    assert_eq!(oldest["target"], "alice");
    assert!(
        oldest["arn"]
            .as_str()
            .is_some_and(|arn| arn.ends_with("/alice")),
        "{oldest}"
    );
    assert_eq!(oldest["summary"]["added_or_changed"], json!(["Team"]));
    assert_eq!(oldest["summary"]["removed"], json!(["Old"]));
}
