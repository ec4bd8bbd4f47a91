//! The delete and job routes: what a browser sees when it plans a delete, starts one,
//! follows it live, lists jobs, cancels and retries.

mod jobs_support;

use axum::http::{Method, StatusCode, header};
use jobs_support::*;
use serde_json::{Value, json};
use std::time::Duration;
use studio_admin_emulator::Faults;
use studio_admin_model::{AppStatus, AppType, DescribeUserProfileRequest};

async fn setup() -> (
    studio_admin_emulator::RunningEmulator,
    String,
    studio_admin_proxy::sagemaker::SharedClient,
    studio_admin_proxy::jobs::JobEngine,
    DbFile,
) {
    let emulator = emulator_with(team_timings(), Faults::default()).await;
    let domain = domain(&emulator);
    team(&emulator, &domain);
    let client = client(&emulator);
    let db = db_file();
    let engine = engine(client.clone(), &db.path, fast_config()).await;
    (emulator, domain, client, engine, db)
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
    let (_emulator, domain, client, engine, _db) = setup().await;
    let app = api(engine);

    let reply = call(
        &app,
        Method::GET,
        &format!("/api/domains/{domain}/profiles/{ALICE}/delete-plan"),
    )
    .await;

    assert_eq!(reply.status, StatusCode::OK, "{:#}", reply.body);
    let mut apps: Vec<String> = reply.body["apps"]
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
    let spaces: Vec<(String, Vec<String>)> = reply.body["spaces"]
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
    let described = client
        .describe_user_profile(&DescribeUserProfileRequest {
            domain_id: Some(domain.clone()),
            user_profile_name: Some(ALICE.to_owned()),
        })
        .await
        .unwrap();
    let uid = described
        .home_efs_file_system_uid
        .expect("the profile has a home directory");
    assert_eq!(reply.body["home_efs_file_system_uid"], json!(uid));
    let home = &reply.body["kept"][0];
    assert_eq!(home["what"], "EFS home directory");
    assert_eq!(home["id"], json!(uid));
    assert!(home["why"].as_str().unwrap().contains("stay"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_delete_plan_of_an_unknown_profile_is_404_with_awss_code() {
    let (_emulator, domain, _client, engine, _db) = setup().await;
    let app = api(engine);

    let reply = call(
        &app,
        Method::GET,
        &format!("/api/domains/{domain}/profiles/nobody-here/delete-plan"),
    )
    .await;

    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{:#}", reply.body);
    assert_eq!(reply.body["code"], "ResourceNotFound");
    assert!(
        reply.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nobody-here")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_answers_202_with_the_job_and_a_second_delete_returns_the_same_job() {
    let (_emulator, domain, client, engine, _db) = setup().await;
    let app = api(engine.clone());
    let path = format!("/api/domains/{domain}/profiles/{ALICE}");

    let (first, second) = tokio::join!(
        call(&app, Method::DELETE, &path),
        call(&app, Method::DELETE, &path)
    );

    assert_eq!(first.status, StatusCode::ACCEPTED, "{:#}", first.body);
    assert_eq!(second.status, StatusCode::ACCEPTED, "{:#}", second.body);
    let id = first.body["id"].as_i64().unwrap();
    assert_eq!(second.body["id"].as_i64(), Some(id));
    assert_eq!(
        first.headers.get(header::LOCATION).unwrap(),
        &format!("/api/jobs/{id}")
    );
    assert_eq!(first.body["profile_name"], ALICE);
    assert_eq!(first.body["domain_id"], json!(domain));

    let job = finished(&engine, id).await;
    assert_eq!(
        job.job.status,
        studio_admin_proxy::jobs::JobStatus::Succeeded
    );
    let reply = call(&app, Method::GET, &format!("/api/jobs/{id}")).await;
    assert_eq!(reply.body["status"], "succeeded");
    assert_eq!(reply.body["outcome"], "deleted");
    let steps = reply.body["steps"].as_array().unwrap();
    assert!(steps.iter().all(|s| s["status"] == "done"), "{steps:#?}");
    assert!(
        steps
            .iter()
            .all(|s| s["started_at"].is_number() && s["finished_at"].is_number())
    );
    assert_eq!(
        leftovers(&client, &domain, ALICE).await,
        Leftovers::nothing()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_profile_name_is_422_with_its_path_and_starts_nothing() {
    let (_emulator, domain, _client, engine, _db) = setup().await;
    let app = api(engine);

    let reply = call(
        &app,
        Method::DELETE,
        &format!("/api/domains/{domain}/profiles/no_underscores_allowed"),
    )
    .await;

    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:#}",
        reply.body
    );
    assert_eq!(reply.body["errors"][0]["path"], "UserProfileName");
    let jobs = call(&app, Method::GET, "/api/jobs").await;
    assert_eq!(jobs.body["jobs"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_are_listed_newest_first_and_filtered_by_profile_and_status() {
    let (_emulator, domain, _client, engine, _db) = setup().await;
    let app = api(engine.clone());
    let gone = call(
        &app,
        Method::DELETE,
        &format!("/api/domains/{domain}/profiles/nobody-here"),
    )
    .await;
    finished(&engine, gone.body["id"].as_i64().unwrap()).await;
    let bob = call(
        &app,
        Method::DELETE,
        &format!("/api/domains/{domain}/profiles/{BOB}"),
    )
    .await;
    finished(&engine, bob.body["id"].as_i64().unwrap()).await;

    let all = call(&app, Method::GET, "/api/jobs").await;
    let names: Vec<&str> = all.body["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["profile_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, [BOB, "nobody-here"]);
    assert!(
        all.body["jobs"][0].get("steps").is_none(),
        "the list leaves steps out"
    );

    let only_bob = call(
        &app,
        Method::GET,
        &format!("/api/jobs?profile={}", BOB.to_uppercase()),
    )
    .await;
    assert_eq!(only_bob.body["jobs"].as_array().unwrap().len(), 1);
    let running = call(&app, Method::GET, "/api/jobs?status=running").await;
    assert_eq!(running.body["jobs"], json!([]));
    let bad = call(&app, Method::GET, "/api/jobs?status=sleeping").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let unknown = call(&app, Method::GET, "/api/jobs?colour=blue").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_job_is_404_and_an_id_that_is_not_a_number_is_400() {
    let (_emulator, _domain, _client, engine, _db) = setup().await;
    let app = api(engine);

    let missing = call(&app, Method::GET, "/api/jobs/4242").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("4242")
    );
    let cancel = call(&app, Method::POST, "/api/jobs/4242/cancel").await;
    assert_eq!(cancel.status, StatusCode::NOT_FOUND);
    let word = call(&app, Method::GET, "/api/jobs/latest").await;
    assert_eq!(word.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_finished_job_is_409_and_so_is_retrying_a_succeeded_one() {
    let (_emulator, domain, _client, engine, _db) = setup().await;
    let app = api(engine.clone());
    let started = call(
        &app,
        Method::DELETE,
        &format!("/api/domains/{domain}/profiles/nobody-here"),
    )
    .await;
    let id = started.body["id"].as_i64().unwrap();
    finished(&engine, id).await;

    let cancel = call(&app, Method::POST, &format!("/api/jobs/{id}/cancel")).await;
    assert_eq!(cancel.status, StatusCode::CONFLICT, "{:#}", cancel.body);
    assert!(
        cancel.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("already finished")
    );
    let retry = call(&app, Method::POST, &format!("/api/jobs/{id}/retry")).await;
    assert_eq!(retry.status, StatusCode::CONFLICT, "{:#}", retry.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_and_retry_over_http_answer_202_and_the_job_ends_deleted() {
    let emulator = emulator(Duration::from_millis(400), Faults::default()).await;
    let domain = domain(&emulator);
    profile(&emulator, &domain, ALICE);
    app(
        &emulator,
        &domain,
        On::User(ALICE),
        AppType::JupyterServer,
        "default",
        AppStatus::InService,
    );
    let client = client(&emulator);
    let db = db_file();
    let engine = engine(client.clone(), &db.path, fast_config()).await;
    let app = api(engine.clone());

    let started = call(
        &app,
        Method::DELETE,
        &format!("/api/domains/{domain}/profiles/{ALICE}"),
    )
    .await;
    let id = started.body["id"].as_i64().unwrap();
    let cancel = call(&app, Method::POST, &format!("/api/jobs/{id}/cancel")).await;
    assert_eq!(cancel.status, StatusCode::ACCEPTED, "{:#}", cancel.body);
    assert_eq!(cancel.body["cancel_requested"], true);
    let job = finished(&engine, id).await;
    assert_eq!(
        job.job.status,
        studio_admin_proxy::jobs::JobStatus::Cancelled
    );
    assert!(leftovers(&client, &domain, ALICE).await.profile_exists);

    let retry = call(&app, Method::POST, &format!("/api/jobs/{id}/retry")).await;
    assert_eq!(retry.status, StatusCode::ACCEPTED, "{:#}", retry.body);
    assert_eq!(retry.body["status"], "running");
    assert_eq!(retry.body["attempt"], 2);
    let job = finished(&engine, id).await;
    assert_eq!(
        job.job.status,
        studio_admin_proxy::jobs::JobStatus::Succeeded
    );
    assert_eq!(
        leftovers(&client, &domain, ALICE).await,
        Leftovers::nothing()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_event_stream_starts_with_the_whole_job_follows_it_to_the_end_and_a_reload_catches_up()
{
    let (_emulator, domain, _client, engine, _db) = setup().await;
    let app = api(engine.clone());
    let started = call(
        &app,
        Method::DELETE,
        &format!("/api/domains/{domain}/profiles/{ALICE}"),
    )
    .await;
    let id = started.body["id"].as_i64().unwrap();

    let response = {
        use tower::ServiceExt as _;
        let request = axum::http::Request::get(format!("/api/jobs/{id}/events"))
            .body(axum::body::Body::empty())
            .unwrap();
        app.clone().oneshot(request).await.unwrap()
    };
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get(header::CONTENT_TYPE).unwrap(),
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
    let response = {
        use tower::ServiceExt as _;
        let request = axum::http::Request::get(format!("/api/jobs/{id}/events"))
            .body(axum::body::Body::empty())
            .unwrap();
        app.clone().oneshot(request).await.unwrap()
    };
    let first = read_events(response.into_body(), |_| true).await;
    assert_eq!(first[0].name, "snapshot");
    assert_eq!(first[0].data["status"], "succeeded");
    assert_eq!(first[0].data["outcome"], "deleted");
}
