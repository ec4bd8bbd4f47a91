//! The delete page following a delete job through its event stream.

use studio_admin_web::api::transport::Method;
use studio_admin_web::api::types::{
    EpochMillis, Job, JobDetail, JobError, JobEvent, JobStatus, Phase, Step, StepKind, StepStatus,
};
use wasm_bindgen_test::*;

use crate::support::*;

const DOMAINS: &str =
    r#"{"domains":[{"DomainId":"d-iam0001","DomainName":"team","AuthMode":"IAM"}]}"#;

/// Where the page listens to job 5.
const EVENTS: &str = "/api/jobs/5/events";

/// Job 5, deleting alice, with its one app step, as it stands when `status`.
fn job_5(status: JobStatus, attempt: i64) -> JobDetail {
    job_of(5, "alice", status, attempt)
}

/// Job `id`, deleting `profile` of d-iam0001, with its one app step, as it stands when
/// `status`.
pub(crate) fn job_of(id: i64, profile: &str, status: JobStatus, attempt: i64) -> JobDetail {
    let failed = status == JobStatus::Failed;
    JobDetail {
        job: Job {
            id,
            domain_id: "d-iam0001".into(),
            profile_name: profile.into(),
            status,
            cancel_requested: false,
            round: attempt - 1,
            replans: 0,
            attempt,
            outcome: (status == JobStatus::Succeeded).then(|| "deleted".into()),
            error: failed.then(|| JobError {
                step: StepKind::DeleteApp,
                resource: "app JupyterLab/default".into(),
                reason: "AWS said no".into(),
            }),
            home_efs_file_system_uid: None,
            access_user: None,
            keep_access: false,
            created_at: EpochMillis(1_700_000_000_000),
            updated_at: EpochMillis(1_700_000_000_000),
            finished_at: status
                .is_finished()
                .then_some(EpochMillis(1_700_000_000_000)),
        },
        steps: vec![Step {
            id: 1,
            job_id: id,
            round: attempt - 1,
            kind: StepKind::DeleteApp,
            resource: "app JupyterLab/default".into(),
            app_type: Some("JupyterLab".into()),
            app_name: Some("default".into()),
            space_name: None,
            status: match status {
                JobStatus::Running => StepStatus::Running,
                JobStatus::Succeeded => StepStatus::Done,
                JobStatus::Failed => StepStatus::Failed,
                JobStatus::Cancelled => StepStatus::Cancelled,
            },
            phase: Phase::Wait,
            calls: 1,
            outcome: None,
            detail: None,
            error: failed.then(|| "AWS said no".into()),
            started_at: Some(EpochMillis(1_700_000_000_000)),
            finished_at: None,
            updated_at: EpochMillis(1_700_000_000_000),
        }],
    }
}

/// JSON of `detail`, as the proxy answers with it.
fn json(detail: &JobDetail) -> String {
    serde_json::to_string(detail).expect("a job serializes")
}

/// Sends `event` down the page's stream of job 5.
async fn send(server: &FakeServer, event: JobEvent) {
    let data = event.data().expect("an event serializes");
    server.stream_event(EVENTS, event.name(), &data).await;
}

#[wasm_bindgen_test]
async fn the_delete_page_stops_listening_when_the_job_finishes_and_listens_again_when_it_is_retried()
 {
    let server = FakeServer::lead_of("d-iam0001", DOMAINS);
    server.answer(
        Method::Get,
        "/api/jobs/5",
        200,
        &json(&job_5(JobStatus::Running, 1)),
    );
    let (container, _app) = open_at(
        &server,
        "/domains/d-iam0001/profiles/alice/delete?job=5",
        "#delete-progress",
    )
    .await;
    settle().await;
    assert_eq!(
        server.streams_opened(EVENTS),
        1,
        "the running job is followed"
    );
    assert_eq!(server.streams_open(EVENTS), 1);

    // The job fails: the proxy ends the stream, and the page lets it go instead of
    // having the browser open it again.
    send(&server, JobEvent::Snapshot(job_5(JobStatus::Running, 1))).await;
    send(&server, JobEvent::Job(job_5(JobStatus::Failed, 1).job)).await;
    wait_for(&container, "#retry-delete").await;
    let status = text_of(&find(&container, "#delete-status").expect("the status line"));
    assert!(
        status.contains("The delete stopped:") && status.contains("AWS said no"),
        "{status}"
    );
    settle().await;
    assert_eq!(
        server.streams_open(EVENTS),
        0,
        "the finished job's stream is closed"
    );
    assert_eq!(server.streams_opened(EVENTS), 1);

    // The lead retries: the job runs again, and the page follows it again.
    server.answer(
        Method::Post,
        "/api/jobs/5/retry",
        200,
        &json(&job_5(JobStatus::Running, 2)),
    );
    click(&button(&container, "Try again")).await;
    settle().await;
    assert_eq!(server.sent_to(Method::Post, "/api/jobs/5/retry").len(), 1);
    assert_eq!(
        server.streams_opened(EVENTS),
        2,
        "the retried job is followed"
    );
    assert_eq!(server.streams_open(EVENTS), 1);
    assert!(
        find(&container, "#retry-delete").is_none(),
        "no retry while it runs"
    );

    // It succeeds this time: the stream is closed again, for good.
    send(&server, JobEvent::Snapshot(job_5(JobStatus::Succeeded, 2))).await;
    wait_for(&container, "#delete-kept-note").await;
    let status = text_of(&find(&container, "#delete-status").expect("the status line"));
    assert!(status.contains("Done: alice is deleted."), "{status}");
    settle().await;
    assert_eq!(
        server.streams_open(EVENTS),
        0,
        "the finished job's stream is closed"
    );
    assert_eq!(server.streams_opened(EVENTS), 2);
}
