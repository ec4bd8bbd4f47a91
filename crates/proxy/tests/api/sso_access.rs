//! People of IAM Identity Center get into Studio: the directory search, the check that a
//! profile names a person of the directory, access on create (direct, through a group,
//! not required, an assignment made meanwhile) and on the profile page, a directory that
//! cannot be reached, and offboarding that removes the person's own assignment only.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use studio_admin_api::{JobStatus, StepKind, StepStatus};
use studio_admin_emulator::{DirectoryUser, RunningEmulator};
use studio_admin_model::DescribeDomainRequest;
use studio_admin_model::identitystore::{IsMemberInGroupsRequest, MemberId};
use studio_admin_model::sso_admin::PrincipalType;
use studio_admin_proxy::auth::Clock;
use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, SageMakerClient};

use crate::helpers::jobs::{fast_config, finished};
use crate::helpers::{
    ACCESS_KEY, Browser, SECRET_KEY, TestApp, client, fast_retries, seed_sso_domain,
    seed_sso_profile_of, start_emulator, strings,
};

/// An SSO domain with its directory: maria (no access), kenji (in the assigned group
/// ml-researchers), amara (assigned directly).
struct Directory {
    emulator: RunningEmulator,
    domain: String,
    application: String,
    maria: String,
    amara: String,
}

pub(crate) fn person(emulator: &RunningEmulator, user_name: &str) -> String {
    let (given, family) = user_name.split_once('.').unwrap_or((user_name, "Doe"));
    emulator
        .emulator()
        .seed_directory_user(
            DirectoryUser {
                user_name: user_name.to_owned(),
                given_name: given.to_owned(),
                family_name: family.to_owned(),
                email: format!("{user_name}@example.com"),
            },
            Duration::from_secs(86_400),
        )
        .expect("person seeds")
}

/// A group of the emulator's directory named `name` with `members` (user ids); its id.
pub(crate) fn group_of(emulator: &RunningEmulator, name: &str, members: &[&String]) -> String {
    let seeds = emulator.emulator();
    let group = seeds
        .seed_directory_group(name, None, Duration::from_secs(86_400))
        .expect("group seeds");
    for member in members {
        seeds.seed_group_member(&group, member).expect("member");
    }
    group
}

async fn directory() -> Directory {
    let emulator = start_emulator().await;
    let domain = seed_sso_domain(&emulator, "research");
    let described = client(&emulator.url())
        .describe_domain(&DescribeDomainRequest {
            domain_id: Some(domain.clone()),
        })
        .await
        .expect("the domain is described");
    let application = described
        .single_sign_on_application_arn
        .expect("an SSO domain has an application");
    let maria = person(&emulator, "maria.garcia");
    let kenji = person(&emulator, "kenji.watanabe");
    let amara = person(&emulator, "amara.diallo");
    let group = group_of(&emulator, "ml-researchers", &[&kenji]);
    let seeds = emulator.emulator();
    seeds
        .seed_application_assignment(&application, PrincipalType::Group, &group)
        .expect("group assigned");
    seeds
        .seed_application_assignment(&application, PrincipalType::User, &amara)
        .expect("amara assigned");
    Directory {
        emulator,
        domain,
        application,
        maria,
        amara,
    }
}

/// The USER assignments of the application now, by user id.
async fn assigned_users(app: &TestApp, application: &str) -> Vec<String> {
    client(&app.emulator().url())
        .all_application_assignments(application)
        .await
        .expect("assignments are listed")
        .into_iter()
        .filter(|a| a.principal_type == Some(PrincipalType::User))
        .filter_map(|a| a.principal_id)
        .collect()
}

fn sso_body(name: &str, user_name: &str) -> Value {
    json!({
        "UserProfileName": name,
        "SingleSignOnUserIdentifier": "UserName",
        "SingleSignOnUserValue": user_name,
    })
}

async fn create(app: &TestApp, domain: &str, name: &str, user_name: &str) -> crate::helpers::Reply {
    app.send_json(
        Method::POST,
        &format!("/api/domains/{domain}/profiles"),
        &sso_body(name, user_name),
    )
    .await
}

/// The summary of the newest audit entry.
async fn last_audit_summary(app: &TestApp) -> Value {
    let page = app.get("/api/audit").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    page.json()["entries"][0]["summary"].clone()
}

#[tokio::test]
async fn the_directory_search_finds_people_by_user_name_display_name_and_address() {
    let d = directory().await;
    let app = TestApp::with_emulator(d.emulator);
    let path = format!("/api/domains/{}/directory/users", d.domain);

    let found = app.get(&format!("{path}?search=GARC")).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text());
    let users = found.json()["users"].clone();
    assert_eq!(users.as_array().map(Vec::len), Some(1), "{users}");
    assert_eq!(users[0]["UserName"], "maria.garcia");
    assert_eq!(users[0]["UserId"], d.maria);
    assert_eq!(users[0]["DisplayName"], "maria garcia");
    assert_eq!(users[0]["Emails"], json!(["maria.garcia@example.com"]));

    let by_mail = app
        .get(&format!("{path}?search=amara.diallo%40example"))
        .await;
    assert_eq!(by_mail.json()["users"][0]["UserName"], "amara.diallo");

    let everyone = app.get(&path).await.json();
    assert_eq!(everyone["users"].as_array().map(Vec::len), Some(3));
    assert_eq!(everyone["truncated"], false);

    let nobody = app.get(&format!("{path}?search=zz-nobody")).await.json();
    assert_eq!(nobody["users"], json!([]));
}

#[tokio::test]
async fn a_large_directory_answers_fifty_people_and_says_there_are_more() {
    let d = directory().await;
    for i in 0..60 {
        person(&d.emulator, &format!("person{i:02}.test"));
    }
    let app = TestApp::with_emulator(d.emulator);
    let reply = app
        .get(&format!(
            "/api/domains/{}/directory/users?search=test",
            d.domain
        ))
        .await
        .json();
    assert_eq!(reply["users"].as_array().map(Vec::len), Some(50));
    assert_eq!(reply["truncated"], true);
}

#[tokio::test]
async fn an_iam_domain_has_no_directory_to_search() {
    let emulator = start_emulator().await;
    let team = crate::helpers::seed_iam_domain(&emulator, "team");
    let app = TestApp::with_emulator(emulator);
    let reply = app
        .get(&format!("/api/domains/{team}/directory/users"))
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.text());
    assert!(
        reply.text().contains("IAM Identity Center"),
        "{}",
        reply.text()
    );
}

#[tokio::test]
async fn a_user_name_nobody_has_is_a_422_at_its_member_and_nothing_is_created() {
    let d = directory().await;
    let app = TestApp::with_emulator(d.emulator);
    let reply = create(&app, &d.domain, "ghost", "no.body").await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text()
    );
    let errors = reply.json()["errors"].clone();
    assert_eq!(errors[0]["path"], "SingleSignOnUserValue", "{errors}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("no.body"),
        "{errors}"
    );
    assert!(
        app.emulator()
            .emulator()
            .calls_of("CreateUserProfile")
            .is_empty()
    );
}

#[tokio::test]
async fn a_person_without_access_is_assigned_directly_and_the_audit_log_says_so() {
    let d = directory().await;
    let app = TestApp::with_emulator(d.emulator);
    let reply = create(&app, &d.domain, "maria", "maria.garcia").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let body = reply.json();
    assert!(body["UserProfileArn"].as_str().is_some(), "{body}");
    assert_eq!(body["access"]["kind"], "direct", "{body}");
    assert_eq!(body["access"]["granted"], true, "{body}");
    assert!(
        assigned_users(&app, &d.application)
            .await
            .contains(&d.maria)
    );
    assert_eq!(last_audit_summary(&app).await["access"], "direct");
}

#[tokio::test]
async fn a_member_of_an_assigned_group_gets_in_through_it_and_is_not_assigned_again() {
    let d = directory().await;
    let app = TestApp::with_emulator(d.emulator);
    let reply = create(&app, &d.domain, "kenji", "kenji.watanabe").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let access = reply.json()["access"].clone();
    assert_eq!(access["kind"], "group", "{access}");
    assert_eq!(access["groups"], json!(["ml-researchers"]));
    assert_eq!(access["granted"], false);
    assert!(
        app.emulator()
            .emulator()
            .calls_of("CreateApplicationAssignment")
            .is_empty()
    );
    assert_eq!(
        last_audit_summary(&app).await["access"],
        "group: ml-researchers"
    );
}

#[tokio::test]
async fn a_person_assigned_already_keeps_their_assignment() {
    let d = directory().await;
    let app = TestApp::with_emulator(d.emulator);
    let reply = create(&app, &d.domain, "amara", "amara.diallo").await;
    let access = reply.json()["access"].clone();
    assert_eq!(access["kind"], "direct", "{access}");
    assert_eq!(access["granted"], false);
    assert_eq!(assigned_users(&app, &d.application).await, [d.amara]);
}

#[tokio::test]
async fn an_application_that_requires_no_assignment_lets_everyone_in() {
    let d = directory().await;
    d.emulator
        .emulator()
        .set_assignment_required(&d.application, false)
        .expect("setting changes");
    let app = TestApp::with_emulator(d.emulator);
    let reply = create(&app, &d.domain, "maria", "maria.garcia").await;
    assert_eq!(reply.json()["access"]["kind"], "not_required");
    assert!(
        !assigned_users(&app, &d.application)
            .await
            .contains(&d.maria)
    );
    assert_eq!(last_audit_summary(&app).await["access"], "not required");
}

#[tokio::test]
async fn an_assignment_whose_answer_was_lost_counts_as_made_when_aws_says_it_exists() {
    let d = directory().await;
    // The first CreateApplicationAssignment takes effect but answers InternalFailure; the
    // client sends it again and AWS answers ConflictException.
    d.emulator
        .emulator()
        .lose_next_answers("CreateApplicationAssignment", 1);
    let app = TestApp::with_emulator(d.emulator);
    let reply = create(&app, &d.domain, "maria", "maria.garcia").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let access = reply.json()["access"].clone();
    assert_eq!(access["kind"], "direct", "{access}");
    assert!(access.get("error").is_none(), "{access}");
    let calls = app
        .emulator()
        .emulator()
        .calls_of("CreateApplicationAssignment");
    assert_eq!(calls.len(), 2, "sent again after the lost answer");
    assert!(
        assigned_users(&app, &d.application)
            .await
            .contains(&d.maria)
    );
}

/// A port nobody listens on.
fn dead_endpoint() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{address}")
}

#[tokio::test]
async fn with_identity_center_unreachable_the_profile_is_created_and_access_is_not_granted() {
    let d = directory().await;
    let mut config = ClientConfig::new(d.emulator.url(), "us-east-1");
    let dead = dead_endpoint();
    config.identity_store_endpoint.clone_from(&dead);
    config.sso_admin_endpoint = dead;
    config.retry = fast_retries();
    let unreachable = SageMakerClient::new(config, CredentialsCache::fixed(ACCESS_KEY, SECRET_KEY))
        .expect("client builds");
    let app = TestApp::builder()
        .emulator(d.emulator)
        .client(unreachable)
        .build();
    let reply = create(&app, &d.domain, "maria", "maria.garcia").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let access = reply.json()["access"].clone();
    assert_eq!(access["kind"], "none", "{access}");
    assert_eq!(access["granted"], false);
    let error = access["error"].as_str().unwrap_or_default();
    assert!(error.contains("could not reach"), "{error}");
    assert_eq!(
        app.emulator()
            .emulator()
            .calls_of("CreateUserProfile")
            .len(),
        1
    );
    let summary = last_audit_summary(&app).await;
    assert!(
        summary["access"]
            .as_str()
            .unwrap_or_default()
            .starts_with("not granted"),
        "{summary}"
    );
}

#[tokio::test]
async fn the_profile_page_shows_access_and_a_lead_grants_it_when_there_is_none() {
    let d = directory().await;
    // A profile made outside the panel, whose person was never assigned.
    seed_sso_profile_of(&d.emulator, &d.domain, "maria", "maria.garcia");
    let app = TestApp::for_team_of(d.emulator, &d.domain, &Clock::system());
    let leo = Browser::sign_in(app.router(), "leo").await;
    let vera = Browser::sign_in(app.router(), "vera").await;
    let page = format!("/api/domains/{}/profiles/maria", d.domain);

    let before = vera.get(&page).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.text());
    assert_eq!(before.json()["access"]["kind"], "none");

    let refused = vera
        .send(Method::POST, &format!("{page}/access"), None)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let granted = leo
        .send(Method::POST, &format!("{page}/access"), None)
        .await;
    assert_eq!(granted.status, StatusCode::OK, "{}", granted.text());
    assert_eq!(granted.json()["kind"], "direct");
    assert_eq!(granted.json()["granted"], true);

    let after = vera.get(&page).await.json();
    assert_eq!(after["access"]["kind"], "direct");
    assert!(
        assigned_users(&app, &d.application)
            .await
            .contains(&d.maria)
    );
}

#[tokio::test]
async fn approving_a_request_lets_the_requester_into_studio() {
    let d = directory().await;
    person(&d.emulator, "rita");
    let app = TestApp::for_team_of(d.emulator, &d.domain, &Clock::system());
    let rita = Browser::sign_in(app.router(), "rita").await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let body = json!({
        "DomainId": d.domain,
        "UserProfileName": "rita",
        "SingleSignOnUserIdentifier": "UserName",
        "SingleSignOnUserValue": "rita",
    });
    let submitted = rita.post("/api/requests", &body).await;
    assert_eq!(
        submitted.status,
        StatusCode::CREATED,
        "{}",
        submitted.text()
    );
    let id = submitted.json()["id"].as_i64().expect("id");

    let approved = leo
        .send(Method::POST, &format!("/api/requests/{id}/approve"), None)
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.text());
    assert_eq!(approved.json()["status"], "approved");
    assert_eq!(approved.json()["access"]["kind"], "direct");
    assert_eq!(approved.json()["access"]["granted"], true);
}

#[tokio::test]
async fn a_request_naming_nobody_of_the_directory_is_refused_at_its_member() {
    let d = directory().await;
    let app = TestApp::for_team_of(d.emulator, &d.domain, &Clock::system());
    let rita = Browser::sign_in(app.router(), "rita").await;
    let body = json!({
        "DomainId": d.domain,
        "UserProfileName": "rita",
        "SingleSignOnUserIdentifier": "UserName",
        "SingleSignOnUserValue": "rita",
    });
    let refused = rita.post("/api/requests", &body).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text()
    );
    assert_eq!(refused.json()["errors"][0]["path"], "SingleSignOnUserValue");
}

/// The app in front of `d`'s emulator, its delete jobs polling quickly.
fn jobs_app(d: Directory) -> (TestApp, String, String, String) {
    let (domain, application, maria) = (d.domain, d.application, d.maria);
    let app = TestApp::builder()
        .emulator(d.emulator)
        .jobs(fast_config())
        .build();
    (app, domain, application, maria)
}

/// maria in the assigned group and assigned directly too, with a profile `maria`.
fn maria_in_both(d: &Directory) {
    let seeds = d.emulator.emulator();
    let group = seeds
        .seed_directory_group("contractors", None, Duration::from_secs(86_400))
        .expect("group seeds");
    seeds.seed_group_member(&group, &d.maria).expect("member");
    seeds
        .seed_application_assignment(&d.application, PrincipalType::Group, &group)
        .expect("group assigned");
    seeds
        .seed_application_assignment(&d.application, PrincipalType::User, &d.maria)
        .expect("maria assigned");
    seed_sso_profile_of(&d.emulator, &d.domain, "maria", "maria.garcia");
}

/// Whether `user_id` still belongs to a group assigned to `application`.
async fn in_an_assigned_group(app: &TestApp, application: &str, user_id: &str) -> bool {
    let client = client(&app.emulator().url());
    let groups: Vec<String> = client
        .all_application_assignments(application)
        .await
        .expect("assignments are listed")
        .into_iter()
        .filter(|a| a.principal_type == Some(PrincipalType::Group))
        .filter_map(|a| a.principal_id)
        .collect();
    let answer = client
        .is_member_in_groups(&IsMemberInGroupsRequest {
            identity_store_id: Some(app.emulator().emulator().identity_store_id()),
            member_id: Some(MemberId {
                user_id: Some(user_id.to_owned()),
            }),
            group_ids: Some(groups),
        })
        .await
        .expect("memberships are read");
    answer
        .results
        .unwrap_or_default()
        .iter()
        .any(|r| r.membership_exists == Some(true))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offboarding_removes_the_persons_own_assignment_after_the_profile_and_keeps_their_groups() {
    let d = directory().await;
    maria_in_both(&d);
    let (app, domain, application, maria) = jobs_app(d);
    let path = format!("/api/domains/{domain}/profiles/maria");

    let plan = app.get(&format!("{path}/delete-plan")).await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.text());
    let plan = plan.json();
    assert_eq!(
        plan["access"],
        json!({"user_name": "maria.garcia", "direct": true, "groups": ["contractors"]}),
        "{plan}"
    );
    let kept = strings(&plan["kept"], "what");
    assert!(
        kept.contains(&"Group memberships in IAM Identity Center".to_owned()),
        "{kept:?}"
    );

    let started = app.call(Method::DELETE, &path).await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text());
    let id = started.json()["id"].as_i64().expect("job id");
    let job = finished(&app.state.jobs, id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded, "{:#?}", job.steps);
    let last = job.steps.last().expect("steps");
    assert_eq!(last.kind, StepKind::RemoveAccess);
    assert_eq!(last.status, StepStatus::Done);
    assert!(
        last.outcome
            .as_deref()
            .unwrap_or_default()
            .contains("removed"),
        "{last:?}"
    );
    assert!(!assigned_users(&app, &application).await.contains(&maria));
    assert!(in_an_assigned_group(&app, &application, &maria).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_that_keeps_access_leaves_the_assignment() {
    let d = directory().await;
    maria_in_both(&d);
    let (app, domain, application, maria) = jobs_app(d);
    let started = app
        .call(
            Method::DELETE,
            &format!("/api/domains/{domain}/profiles/maria?keep_access=true"),
        )
        .await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text());
    assert_eq!(started.json()["keep_access"], true);
    let id = started.json()["id"].as_i64().expect("job id");
    let job = finished(&app.state.jobs, id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded, "{:#?}", job.steps);
    assert!(job.steps.iter().all(|s| s.kind != StepKind::RemoveAccess));
    assert!(assigned_users(&app, &application).await.contains(&maria));
}
