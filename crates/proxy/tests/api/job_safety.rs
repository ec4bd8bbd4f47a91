//! Delete jobs on a bad day, and the event streams that follow them: streams end when the
//! job ends, when the session ends and when the server stops, and a session holds only a
//! few; a lost profile delete is sent again, a cancel is obeyed while SageMaker keeps
//! throttling, a cancelled job stays cancelled, and job ids of other domains are unknown.

use std::time::Duration;

use axum::body::Body;
use axum::http::Method;
use http_body_util::BodyExt as _;
use serde_json::Value;
use studio_admin_api::{DomainScope, JobStatus, Role, StepKind, StepStatus};
use studio_admin_emulator::{Faults, RunningEmulator};
use studio_admin_proxy::auth::Clock;
use studio_admin_proxy::store::StepUpdate;

use crate::helpers::jobs::{
    ALICE, alices_server, assert_nothing_left, crashed_after_planning, crashed_job,
    emulator_taking, engine, engine_on, fast_config, finished, seed_offboarding, sent_and_waiting,
    shared_client, steps_of, team_emulator, team_timings,
};
use crate::helpers::{
    Browser, TestApp, account, db_file, seed_iam_domain, seed_profile, start_emulator_with,
};

/// The app in front of `emulator` with its jobs in a database file at test timings, and a
/// lead (leo) of `domain`, a lead of another domain (lou) and an admin (ada).
fn app_for(emulator: RunningEmulator, domain: &str) -> TestApp {
    TestApp::builder()
        .emulator(emulator)
        .accounts(vec![
            account(
                "leo",
                Role::Lead,
                DomainScope::Only(vec![domain.to_owned()]),
                "leo",
            ),
            account(
                "lou",
                Role::Lead,
                DomainScope::Only(vec!["d-bbbbbbbbbbbb".to_owned()]),
                "lou",
            ),
            account("ada", Role::Admin, DomainScope::All, "ada"),
        ])
        .clock(&Clock::system())
        .db(db_file())
        .jobs(fast_config())
        .build()
}

/// Opens the job's event stream as `browser`; the answer with its body unread.
async fn open_stream(app: &TestApp, browser: &Browser, id: i64) -> axum::response::Response {
    let request = browser
        .request(Method::GET, &format!("/api/jobs/{id}/events"))
        .body(Body::empty())
        .unwrap();
    app.respond(request).await
}

/// Reads the body until it ends (or `limit` passes: then `None`); the events' names.
async fn names_until_the_end(body: Body, limit: Duration) -> Option<Vec<String>> {
    let read = async {
        let bytes = body.collect().await.expect("the stream reads").to_bytes();
        String::from_utf8_lossy(&bytes)
            .lines()
            .filter_map(|l| l.strip_prefix("event:").map(|n| n.trim().to_owned()))
            .collect::<Vec<_>>()
    };
    tokio::time::timeout(limit, read).await.ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_stream_ends_after_the_event_saying_the_job_finished() {
    let (emulator, domain) = team_emulator(Faults::default()).await;
    let app = app_for(emulator, &domain);
    let leo = Browser::sign_in(app.router(), "leo").await;
    let id = leo.start_delete(&domain, ALICE).await;
    let stream = open_stream(&app, &leo, id).await;
    assert_eq!(stream.status(), 200);
    let names = names_until_the_end(stream.into_body(), Duration::from_secs(60))
        .await
        .expect("the stream ends by itself once the job is over");
    assert_eq!(names.first().map(String::as_str), Some("snapshot"));
    let job = leo.get(&format!("/api/jobs/{id}")).await.json();
    assert_eq!(job["status"], "succeeded");
    // A stream opened on a finished job sends the job and ends.
    let again = open_stream(&app, &leo, id).await;
    let names = names_until_the_end(again.into_body(), Duration::from_secs(5))
        .await
        .expect("ends at once");
    assert_eq!(names, ["snapshot"]);
}

/// A job that will not finish soon: Alice with one app that takes long to delete.
async fn a_long_job() -> (TestApp, String, i64, Browser) {
    let emulator = emulator_taking(Duration::from_secs(600)).await;
    let domain = seed_offboarding(&emulator, ALICE, &[], &[alices_server()]);
    let app = app_for(emulator, &domain);
    let leo = Browser::sign_in(app.router(), "leo").await;
    let id = leo.start_delete(&domain, ALICE).await;
    (app, domain, id, leo)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_stream_ends_soon_after_its_session_is_signed_out() {
    let (app, _domain, id, leo) = a_long_job().await;
    let stream = open_stream(&app, &leo, id).await;
    assert_eq!(stream.status(), 200);
    let out = leo.send(Method::DELETE, "/api/session", None).await;
    assert_eq!(out.status, 204);
    let names = names_until_the_end(stream.into_body(), Duration::from_secs(15)).await;
    assert!(
        names.is_some(),
        "the stream ends within a few seconds of the sign-out"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_holds_eight_event_streams_and_not_a_ninth() {
    let (app, _domain, id, leo) = a_long_job().await;
    let mut open = Vec::new();
    for _ in 0..8 {
        let stream = open_stream(&app, &leo, id).await;
        assert_eq!(stream.status(), 200);
        open.push(stream);
    }
    let ninth = open_stream(&app, &leo, id).await;
    assert_eq!(ninth.status(), 429);
    let body = ninth.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["code"], "TooManyStreams");
    // Another session is not affected, and a closed stream frees a place.
    let ada = Browser::sign_in(app.router(), "ada").await;
    assert_eq!(open_stream(&app, &ada, id).await.status(), 200);
    drop(open.pop());
    assert_eq!(open_stream(&app, &leo, id).await.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_streams_end_when_the_server_begins_to_stop() {
    let (app, _domain, id, leo) = a_long_job().await;
    let streams: Vec<_> =
        futures_util::future::join_all((0..4).map(|_| open_stream(&app, &leo, id))).await;
    app.state.shutdown.begin();
    for stream in streams {
        let names = names_until_the_end(stream.into_body(), Duration::from_secs(5)).await;
        assert!(names.is_some(), "every stream ends when the stop begins");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_id_outside_the_callers_domains_answers_as_an_unknown_one() {
    let (app, _domain, id, _leo) = a_long_job().await;
    let lou = Browser::sign_in(app.router(), "lou").await;
    for path in [format!("/api/jobs/{id}"), format!("/api/jobs/{id}/events")] {
        let foreign = lou.get(&path).await;
        let unknown = lou.get(&path.replace(&id.to_string(), "999999")).await;
        assert_eq!(
            (foreign.status.as_u16(), unknown.status.as_u16()),
            (404, 404),
            "{path}"
        );
        let words = |r: &crate::helpers::Reply| {
            r.text()
                .replace(&id.to_string(), "N")
                .replace("999999", "N")
        };
        assert_eq!(words(&foreign), words(&unknown), "{path}");
    }
    let cancel = lou
        .send(Method::POST, &format!("/api/jobs/{id}/cancel"), None)
        .await;
    assert_eq!(cancel.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_is_obeyed_while_sagemaker_keeps_throttling() {
    let emulator = start_emulator_with(team_timings(), Faults::default()).await;
    let domain = seed_offboarding(&emulator, ALICE, &[], &[alices_server()]);
    let throttling = start_emulator_with(
        team_timings(),
        Faults {
            throttle_rate: 1.0,
            ..Faults::default()
        },
    )
    .await;
    let db = db_file();
    // The plan is recorded with a well-behaved SageMaker; then every call is throttled.
    let planner = engine(shared_client(&emulator), &db.path, fast_config()).await;
    let (job, _) = crashed_after_planning(&planner, &domain).await;
    let config = studio_admin_proxy::jobs::JobsConfig {
        app_timeout: Duration::from_secs(600),
        ..fast_config()
    };
    let runner = engine(shared_client(&throttling), &db.path, config).await;
    assert_eq!(runner.resume_unfinished().await.unwrap(), [job.id]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    runner.cancel(job.id).await.unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(5), runner.wait_finished(job.id))
        .await
        .expect("the cancel is obeyed within seconds, not at the step's deadline")
        .unwrap();
    assert_eq!(ended.job.status, JobStatus::Cancelled);
    let app_step = &steps_of(&ended, StepKind::DeleteApp)[0];
    assert_eq!(app_step.status, StepStatus::Cancelled);
}

#[tokio::test]
async fn a_cancelled_job_stays_cancelled_whatever_a_late_runner_reports() {
    let db = db_file();
    let store = studio_admin_proxy::store::Store::open(&db.path)
        .await
        .unwrap();
    let (_, fence) = crashed_job(&store, "d-aaaaaaaaaaaa", ALICE).await;
    store
        .finish_job(
            fence,
            JobStatus::Cancelled,
            None,
            None,
            StepStatus::Cancelled,
        )
        .await
        .unwrap();
    let late = store
        .finish_job(
            fence,
            JobStatus::Succeeded,
            Some("deleted"),
            None,
            StepStatus::Skipped,
        )
        .await
        .unwrap();
    assert_eq!(late.status, JobStatus::Cancelled);
    assert_eq!(late.outcome, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_delete_sagemaker_lost_is_sent_again() {
    let emulator = emulator_taking(Duration::from_millis(50)).await;
    let domain = seed_iam_domain(&emulator, "ml-platform");
    seed_profile(&emulator, &domain, ALICE, 3600);
    let db = db_file();
    let (client, engine) = engine_on(&emulator, &db.path, fast_config()).await;
    // The rows say the profile's delete was sent and accepted, while SageMaker (a backend
    // that restarted, say) still has the profile in service.
    let store = engine.store();
    let (job, fence) = crashed_after_planning(&engine, &domain).await;
    for step in store.round_steps(job.id, 0).await.unwrap() {
        let update = match step.kind {
            StepKind::DeleteProfile => sent_and_waiting(),
            _ => StepUpdate {
                status: Some(StepStatus::Done),
                outcome: Some("done before".to_owned()),
                finished: true,
                ..Default::default()
            },
        };
        store.update_step(fence, step.id, &update).await.unwrap();
    }
    assert_eq!(engine.resume_unfinished().await.unwrap(), [job.id]);
    let job = finished(&engine, job.id).await;
    assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
    let profile_step = &steps_of(&job, StepKind::DeleteProfile)[0];
    assert_eq!(profile_step.calls, 2, "sent again once: {profile_step:?}");
    assert_nothing_left(&client, &domain, ALICE).await;
}
