//! The delete and job routes: what a browser sees when it plans a delete, starts one,
//! follows it live, lists jobs, cancels and retries.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};
use studio_admin_emulator::{Faults, RunningEmulator};
use studio_admin_model::DescribeUserProfileRequest;
use studio_admin_proxy::jobs::JobStatus;

use crate::helpers::jobs::{
    ALICE, BOB, SseEvent, alices_server, assert_nothing_left, every_transition_takes, fast_config,
    finished, leftovers, read_events, seed_offboarding, team_emulator,
};
use crate::helpers::{TestApp, db_file, start_emulator_with, strings};

/// The app in front of `emulator`, its jobs in a database file with the tests' timings.
fn app_for(emulator: RunningEmulator) -> TestApp {
    TestApp::builder()
        .emulator(emulator)
        .db(db_file())
        .jobs(fast_config())
        .build()
}

/// The app in front of [`team`]; returns it and the domain.
async fn team_app() -> (TestApp, String) {
    let (emulator, domain) = team_emulator(Faults::default()).await;
    (app_for(emulator), domain)
}

/// `GET path` of an event stream (the answer's body unread).
async fn event_stream(app: &TestApp, path: &str) -> axum::response::Response {
    let request = Request::get(path)
        .body(Body::empty())
        .expect("valid request");
    app.respond(request).await
}

fn summary(app: &Value) -> String {
    format!(
        "{}/{} {} -> {}",
        app["app_type"].as_str().unwrap(),
        app["app_name"].as_str().unwrap(),
        app["status"].as_str().unwrap(),
        app["action"].as_str().unwrap()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_delete_plan_shows_each_app_and_space_with_its_fate_and_the_home_directory_that_stays()
{
    let (app, domain) = team_app().await;

    let reply = app.delete_plan(&domain, ALICE).await;

    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let mut apps: Vec<String> = reply.json()["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(summary)
        .collect();
    apps.sort();
    assert_eq!(
        apps,
        [
            "Canvas/default Failed -> none",
            "JupyterServer/default InService -> delete",
            "KernelGateway/datascience-1 InService -> delete",
            "KernelGateway/old-kernel Deleted -> none",
            "KernelGateway/pending-kernel Pending -> delete",
            "TensorBoard/tb-leaving Deleting -> wait",
        ]
    );
    let spaces: Vec<(String, Vec<String>)> = reply.json()["spaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut apps: Vec<String> = s["apps"].as_array().unwrap().iter().map(summary).collect();
            apps.sort();
            (s["space_name"].as_str().unwrap().to_owned(), apps)
        })
        .collect();
    assert_eq!(
        spaces,
        [
            (
                "alice-private".to_owned(),
                vec![
                    "CodeEditor/default Failed -> none".to_owned(),
                    "JupyterLab/default InService -> delete".to_owned()
                ]
            ),
            (
                "alice-team-notes".to_owned(),
                vec!["JupyterLab/default Pending -> delete".to_owned()]
            ),
        ],
        "only the spaces Alice owns, not Bob's shared space"
    );
    let described = app
        .state
        .sagemaker
        .describe_user_profile(&DescribeUserProfileRequest {
            domain_id: Some(domain.clone()),
            user_profile_name: Some(ALICE.to_owned()),
        })
        .await
        .unwrap();
    let uid = described
        .home_efs_file_system_uid
        .expect("the profile has a home directory");
    assert_eq!(reply.json()["home_efs_file_system_uid"], json!(uid));
    let home = &reply.json()["kept"][0];
    assert_eq!(home["what"], "EFS home directory");
    assert_eq!(home["id"], json!(uid));
    assert!(home["why"].as_str().unwrap().contains("stay"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_delete_plan_of_an_unknown_profile_is_404_with_awss_code() {
    let (app, domain) = team_app().await;

    let reply = app.delete_plan(&domain, "nobody-here").await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.text());
    assert_eq!(reply.json()["code"], "ResourceNotFound");
    assert!(reply.message().contains("nobody-here"), "{}", reply.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_answers_202_with_the_job_and_a_second_delete_returns_the_same_job() {
    let (app, domain) = team_app().await;
    let path = format!("/api/domains/{domain}/profiles/{ALICE}");

    let (first, second) = tokio::join!(
        app.call(Method::DELETE, &path),
        app.call(Method::DELETE, &path)
    );

    assert_eq!(first.status, StatusCode::ACCEPTED, "{}", first.text());
    assert_eq!(second.status, StatusCode::ACCEPTED, "{}", second.text());
    let id = first.json()["id"].as_i64().unwrap();
    assert_eq!(second.json()["id"].as_i64(), Some(id));
    assert_eq!(
        first.header("location"),
        Some(format!("/api/jobs/{id}").as_str())
    );
    assert_eq!(first.json()["profile_name"], ALICE);
    assert_eq!(first.json()["domain_id"], json!(domain));

    let job = finished(&app.state.jobs, id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded);
    let reply = app
        .call(Method::GET, &format!("/api/jobs/{id}"))
        .await
        .json();
    assert_eq!(reply["status"], "succeeded");
    assert_eq!(reply["outcome"], "deleted");
    let steps = reply["steps"].as_array().unwrap();
    assert!(steps.iter().all(|s| s["status"] == "done"), "{steps:#?}");
    assert!(
        steps
            .iter()
            .all(|s| s["started_at"].is_number() && s["finished_at"].is_number())
    );
    assert_nothing_left(&app.state.sagemaker, &domain, ALICE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_profile_name_is_422_with_its_path_and_starts_nothing() {
    let (app, domain) = team_app().await;

    let reply = app
        .call(
            Method::DELETE,
            &format!("/api/domains/{domain}/profiles/no_underscores_allowed"),
        )
        .await;

    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text()
    );
    assert_eq!(reply.json()["errors"][0]["path"], "UserProfileName");
    let jobs = app.call(Method::GET, "/api/jobs").await;
    assert_eq!(jobs.json()["jobs"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_are_listed_newest_first_and_filtered_by_profile_and_status() {
    let (app, domain) = team_app().await;
    let gone = app.start_delete(&domain, "nobody-here").await;
    finished(&app.state.jobs, gone).await;
    let bob = app.start_delete(&domain, BOB).await;
    finished(&app.state.jobs, bob).await;

    let all = app.call(Method::GET, "/api/jobs").await.json();
    let names = strings(&all["jobs"], "profile_name");
    assert_eq!(names, [BOB, "nobody-here"]);
    assert!(
        all["jobs"][0].get("steps").is_none(),
        "the list leaves steps out"
    );

    let only_bob = app
        .call(
            Method::GET,
            &format!("/api/jobs?profile={}", BOB.to_uppercase()),
        )
        .await;
    assert_eq!(only_bob.json()["jobs"].as_array().unwrap().len(), 1);
    let running = app.call(Method::GET, "/api/jobs?status=running").await;
    assert_eq!(running.json()["jobs"], json!([]));
    // A status that does not exist, a filter that does not exist.
    for query in ["status=sleeping", "colour=blue"] {
        let refused = app.get(&format!("/api/jobs?{query}")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{query}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_job_is_404_and_an_id_that_is_not_a_number_is_400() {
    let (app, _domain) = team_app().await;

    let missing = app.call(Method::GET, "/api/jobs/4242").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.message().contains("4242"), "{}", missing.text());
    for (method, path, status) in [
        (Method::POST, "/api/jobs/4242/cancel", StatusCode::NOT_FOUND),
        (Method::GET, "/api/jobs/latest", StatusCode::BAD_REQUEST),
    ] {
        let reply = app.call(method, path).await;
        assert_eq!(reply.status, status, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_finished_job_is_409_and_so_is_retrying_a_succeeded_one() {
    let (app, domain) = team_app().await;
    let id = app.start_delete(&domain, "nobody-here").await;
    finished(&app.state.jobs, id).await;

    let cancel = app
        .call(Method::POST, &format!("/api/jobs/{id}/cancel"))
        .await;
    assert_eq!(cancel.status, StatusCode::CONFLICT, "{}", cancel.text());
    assert!(
        cancel.message().contains("already finished"),
        "{}",
        cancel.text()
    );
    let retry = app
        .call(Method::POST, &format!("/api/jobs/{id}/retry"))
        .await;
    assert_eq!(retry.status, StatusCode::CONFLICT, "{}", retry.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_and_retry_over_http_answer_202_and_the_job_ends_deleted() {
    let timings = every_transition_takes(Duration::from_millis(400));
    let emulator = start_emulator_with(timings, Faults::default()).await;
    let domain = seed_offboarding(&emulator, ALICE, &[], &[alices_server()]);
    let app = app_for(emulator);

    let id = app.start_delete(&domain, ALICE).await;
    let cancel = app
        .call(Method::POST, &format!("/api/jobs/{id}/cancel"))
        .await;
    assert_eq!(cancel.status, StatusCode::ACCEPTED, "{}", cancel.text());
    assert_eq!(cancel.json()["cancel_requested"], true);
    let job = finished(&app.state.jobs, id).await;
    assert_eq!(job.job.status, JobStatus::Cancelled);
    assert!(
        leftovers(&app.state.sagemaker, &domain, ALICE)
            .await
            .profile_exists
    );

    let retry = app
        .call(Method::POST, &format!("/api/jobs/{id}/retry"))
        .await;
    assert_eq!(retry.status, StatusCode::ACCEPTED, "{}", retry.text());
    assert_eq!(retry.json()["status"], "running");
    assert_eq!(retry.json()["attempt"], 2);
    let job = finished(&app.state.jobs, id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded);
    assert_nothing_left(&app.state.sagemaker, &domain, ALICE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_event_stream_starts_with_the_whole_job_follows_it_to_the_end_and_a_reload_catches_up()
{
    let (app, domain) = team_app().await;
    let id = app.start_delete(&domain, ALICE).await;

    let response = event_stream(&app, &format!("/api/jobs/{id}/events")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    let status_of = |e: &SseEvent| match e.name.as_str() {
        "snapshot" | "job" => e.data["status"].as_str().map(str::to_owned),
        _ => None,
    };
    let events = read_events(response.into_body(), |e| {
        status_of(e).is_some_and(|s| s == "succeeded")
    })
    .await;

    assert_eq!(events[0].name, "snapshot", "the whole job comes first");
    assert_eq!(events[0].data["id"], json!(id));
    assert!(events[0].data["steps"].is_array());
    let step_events: Vec<&SseEvent> = events.iter().filter(|e| e.name == "step").collect();
    assert!(
        step_events
            .iter()
            .any(|e| e.data["kind"] == "delete_profile" && e.data["status"] == "done"),
        "the profile delete is seen finishing"
    );
    assert!(step_events.iter().any(|e| e.data["status"] == "running"));

    // A reload after the end: the first event already says how it ended.
    let response = event_stream(&app, &format!("/api/jobs/{id}/events")).await;
    let first = read_events(response.into_body(), |_| true).await;
    assert_eq!(first[0].name, "snapshot");
    assert_eq!(first[0].data["status"], "succeeded");
    assert_eq!(first[0].data["outcome"], "deleted");
}
