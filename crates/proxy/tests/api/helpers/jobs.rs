//! What the delete-job tests share: a team to offboard, engine settings for tests, and a
//! look at what is left of a profile in SageMaker afterwards.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use http_body_util::BodyExt as _;
use studio_admin_emulator::{Faults, RunningEmulator, Timings};
use studio_admin_model::{
    AppStatus, AppType, DescribeUserProfileRequest, ListAppsRequest, ListSpacesRequest,
    SharingType, WireEnum,
};
use studio_admin_proxy::backoff::Backoff;
use studio_admin_proxy::jobs::Job;
use studio_admin_proxy::jobs::{
    JobDetail, JobEngine, JobsConfig, Phase, PlanSteps as _, Step, StepKind, StepStatus,
};
use studio_admin_proxy::sagemaker::{SageMakerError, SharedClient};
use studio_admin_proxy::store::{Fence, LeaseTerms, NewJob, NewStep, StepUpdate, Store};

use super::emulator::{
    On, seed_app, seed_iam_domain, seed_profile, seed_space, start_emulator_with,
};
use super::sagemaker::client;

/// The profile the tests offboard.
pub const ALICE: &str = "alice-martin";
/// A colleague whose things must stay.
pub const BOB: &str = "bob-okafor";

/// The proxy's signed client for the emulator, shared as the engine holds it.
pub fn shared_client(emulator: &RunningEmulator) -> SharedClient {
    Arc::new(client(&emulator.url()))
}

/// Every transition takes `latency`; deleted apps are listed for an hour.
pub fn every_transition_takes(latency: Duration) -> Timings {
    Timings::uniform(latency, Duration::from_secs(3600))
}

/// An emulator whose every transition takes `latency`, injecting no faults.
pub async fn emulator_taking(latency: Duration) -> RunningEmulator {
    start_emulator_with(every_transition_takes(latency), Faults::default()).await
}

/// Timings for [`team`]: quick, except that app deletion takes a second, so that the app
/// seeded as `Deleting` is still deleting when the job plans, and that `Pending` apps stay
/// pending.
pub fn team_timings() -> Timings {
    Timings {
        app_delete: Duration::from_secs(1),
        app_create: Duration::from_secs(3600),
        ..every_transition_takes(Duration::from_millis(80))
    }
}

/// Engine settings for tests: polls every few milliseconds, generous timeouts.
pub fn fast_config() -> JobsConfig {
    JobsConfig {
        poll: Backoff {
            initial: Duration::from_millis(10),
            factor: 1.5,
            cap: Duration::from_millis(60),
            full_jitter: false,
        },
        app_timeout: Duration::from_secs(30),
        space_timeout: Duration::from_secs(30),
        profile_timeout: Duration::from_secs(30),
        plan_timeout: Duration::from_secs(30),
        concurrency: 8,
        max_replans: 3,
        // Short, so that a test engine "killed" mid-job leaves a job another engine may
        // claim soon after, as a replica does once a dead one's lease runs out.
        lease: Duration::from_millis(250),
    }
}

/// An engine keeping its jobs in the database file `db`.
pub async fn engine(client: SharedClient, db: &Path, config: JobsConfig) -> JobEngine {
    let store = Store::open(db).await.expect("the job database opens");
    JobEngine::new(store, client, config)
}

/// An emulator with the team's timings and `faults`, its domain `ml-platform` holding the
/// [`team`]; the domain's id.
pub async fn team_emulator(faults: Faults) -> (RunningEmulator, String) {
    let emulator = start_emulator_with(team_timings(), faults).await;
    let domain = seed_iam_domain(&emulator, "ml-platform");
    team(&emulator, &domain);
    (emulator, domain)
}

/// Alice with apps in every state and two spaces she owns (with apps), and Bob with an
/// app and a shared space of his own that Alice's delete must leave alone.
pub fn team(emulator: &RunningEmulator, domain: &str) {
    use AppStatus::{Deleted, Deleting, Failed, InService, Pending};
    use AppType::{Canvas, CodeEditor, JupyterLab, JupyterServer, KernelGateway, TensorBoard};
    let app = |on, app_type, name, status| seed_app(emulator, domain, on, app_type, name, status);
    seed_profile(emulator, domain, ALICE, 3600);
    seed_profile(emulator, domain, BOB, 3600);
    let alice = On::User(ALICE);
    app(alice, JupyterServer, "default", InService);
    app(alice, KernelGateway, "datascience-1", InService);
    app(alice, KernelGateway, "pending-kernel", Pending);
    app(alice, TensorBoard, "tb-leaving", Deleting);
    app(alice, Canvas, "default", Failed);
    app(alice, KernelGateway, "old-kernel", Deleted);
    seed_space(
        emulator,
        domain,
        "alice-private",
        ALICE,
        SharingType::Private,
    );
    app(On::Space("alice-private"), JupyterLab, "default", InService);
    app(On::Space("alice-private"), CodeEditor, "default", Failed);
    seed_space(
        emulator,
        domain,
        "alice-team-notes",
        ALICE,
        SharingType::Shared,
    );
    app(
        On::Space("alice-team-notes"),
        JupyterLab,
        "default",
        Pending,
    );
    app(On::User(BOB), JupyterServer, "default", InService);
    seed_space(emulator, domain, "bob-shared", BOB, SharingType::Shared);
    app(On::Space("bob-shared"), JupyterLab, "default", InService);
}

/// An app a delete test seeds: where it runs, its type, name and status.
pub type SeededApp<'a> = (On<'a>, AppType, &'a str, AppStatus);

/// Seeds what a delete test starts from: a domain `ml-platform` where `profile` (in
/// service for an hour) owns the private `spaces` and has `apps` (its own, or in one of
/// those spaces). Returns the domain's id.
pub fn seed_offboarding(
    emulator: &RunningEmulator,
    profile: &str,
    spaces: &[&str],
    apps: &[SeededApp<'_>],
) -> String {
    let domain = seed_iam_domain(emulator, "ml-platform");
    seed_profile(emulator, &domain, profile, 3600);
    for space in spaces {
        seed_space(emulator, &domain, space, profile, SharingType::Private);
    }
    for (on, app_type, name, status) in apps {
        seed_app(
            emulator,
            &domain,
            *on,
            app_type.clone(),
            name,
            status.clone(),
        );
    }
    domain
}

/// An emulator whose transitions take `step` (app deletes `app_delete`, app creation an
/// hour, so nothing new comes up), with Alice's [`alices_apps`] to offboard; returns it
/// and the domain's id.
pub async fn slow_offboarding(step: Duration, app_delete: Duration) -> (RunningEmulator, String) {
    let timings = Timings {
        app_delete,
        app_create: Duration::from_secs(3600),
        ..every_transition_takes(step)
    };
    let emulator = start_emulator_with(timings, Faults::default()).await;
    let domain = seed_offboarding(&emulator, ALICE, &["alice-private"], &alices_apps());
    (emulator, domain)
}

/// Alice's JupyterServer and a kernel, and a JupyterLab in her private space
/// `alice-private` (seed it with [`seed_offboarding`]'s `spaces`): a small offboarding.
pub fn alices_apps() -> [SeededApp<'static>; 3] {
    [
        (
            On::User(ALICE),
            AppType::JupyterServer,
            "default",
            AppStatus::InService,
        ),
        (
            On::User(ALICE),
            AppType::KernelGateway,
            "k1",
            AppStatus::InService,
        ),
        (
            On::Space("alice-private"),
            AppType::JupyterLab,
            "default",
            AppStatus::InService,
        ),
    ]
}

/// Alice's JupyterServer, in service.
pub fn alices_server() -> SeededApp<'static> {
    (
        On::User(ALICE),
        AppType::JupyterServer,
        "default",
        AppStatus::InService,
    )
}

/// A signed client of `emulator` and an engine on it keeping its jobs in the database
/// file `db`, with `config`.
pub async fn engine_on(
    emulator: &RunningEmulator,
    db: &Path,
    config: JobsConfig,
) -> (SharedClient, JobEngine) {
    let client = shared_client(emulator);
    let engine = engine(client.clone(), db, config).await;
    (client, engine)
}

/// What is left of a profile in SageMaker: whether it still exists, its apps that are not
/// Deleted or Failed, and the spaces it owns.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Leftovers {
    /// DescribeUserProfile still finds it.
    pub profile_exists: bool,
    /// `Type/name (Status)` of each live app.
    pub live_apps: Vec<String>,
    /// The names of the spaces it owns.
    pub owned_spaces: Vec<String>,
}

impl Leftovers {
    /// Nothing at all: what a finished delete leaves.
    pub fn nothing() -> Self {
        Self::default()
    }
}

/// Asserts that nothing is left of the profile `name`, as after a finished delete.
pub async fn assert_nothing_left(client: &SharedClient, domain: &str, name: &str) {
    assert_eq!(leftovers(client, domain, name).await, Leftovers::nothing());
}

/// What is left of the profile `name` (calls retried: the emulator may inject faults).
pub async fn leftovers(client: &SharedClient, domain: &str, name: &str) -> Leftovers {
    let profile = patiently(|| async {
        client
            .describe_user_profile(&DescribeUserProfileRequest {
                domain_id: Some(domain.to_owned()),
                user_profile_name: Some(name.to_owned()),
            })
            .await
    })
    .await;
    let profile_exists = match profile {
        Ok(_) => true,
        Err(e) if e.is_not_found() => false,
        Err(e) => panic!("DescribeUserProfile failed: {e}"),
    };
    let apps = patiently(|| async {
        client
            .list_apps(&ListAppsRequest {
                domain_id_equals: Some(domain.to_owned()),
                user_profile_name_equals: Some(name.to_owned()),
                max_results: Some(100),
                ..Default::default()
            })
            .await
    })
    .await
    .expect("ListApps answers");
    let live_apps = apps
        .apps
        .unwrap_or_default()
        .into_iter()
        .filter(|a| !matches!(a.status, Some(AppStatus::Deleted | AppStatus::Failed)))
        .map(|a| {
            format!(
                "{}/{} ({})",
                a.app_type.as_ref().map(WireEnum::as_str).unwrap_or("?"),
                a.app_name.unwrap_or_default(),
                a.status.as_ref().map(WireEnum::as_str).unwrap_or("?")
            )
        })
        .collect();
    let spaces = patiently(|| async {
        client
            .list_spaces(&ListSpacesRequest {
                domain_id_equals: Some(domain.to_owned()),
                max_results: Some(100),
                ..Default::default()
            })
            .await
    })
    .await
    .expect("ListSpaces answers");
    let owned_spaces = spaces
        .spaces
        .unwrap_or_default()
        .into_iter()
        .filter(|s| {
            s.ownership_settings_summary
                .as_ref()
                .and_then(|o| o.owner_user_profile_name.as_deref())
                .is_some_and(|o| o.eq_ignore_ascii_case(name))
        })
        .filter_map(|s| s.space_name)
        .collect();
    Leftovers {
        profile_exists,
        live_apps,
        owned_spaces,
    }
}

/// A call repeated while it fails transiently (injected throttling and 5xx).
async fn patiently<T, F, Fut>(mut call: F) -> Result<T, SageMakerError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SageMakerError>>,
{
    let mut attempts = 0;
    loop {
        match call().await {
            Err(e) if e.is_transient() && attempts < 50 => {
                attempts += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            other => return other,
        }
    }
}

/// Steps of a kind, in order.
pub fn steps_of(job: &JobDetail, kind: StepKind) -> Vec<&Step> {
    job.steps.iter().filter(|s| s.kind == kind).collect()
}

/// The resources of a job's delete-app steps that ended done, sorted.
pub fn deleted_apps(job: &JobDetail) -> Vec<String> {
    let mut apps: Vec<String> = steps_of(job, StepKind::DeleteApp)
        .into_iter()
        .filter(|s| s.status == StepStatus::Done)
        .map(|s| s.resource.clone())
        .collect();
    apps.sort();
    apps
}

/// The job once it finished; fails the test (instead of hanging) after a minute.
pub async fn finished(engine: &JobEngine, id: i64) -> JobDetail {
    tokio::time::timeout(Duration::from_secs(60), engine.wait_finished(id))
        .await
        .expect("the job finishes within a minute")
        .expect("the job can be read")
}

/// One Server-Sent Event.
#[derive(Debug, Clone)]
pub struct SseEvent {
    /// Its `event:` name (`message` when absent).
    pub name: String,
    /// Its `data:`, as JSON.
    pub data: serde_json::Value,
}

/// Reads events from an event-stream body until `done` says stop (or a minute passes).
pub async fn read_events(mut body: Body, mut done: impl FnMut(&SseEvent) -> bool) -> Vec<SseEvent> {
    let mut buffer = String::new();
    let mut events = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let mut name = String::from("message");
            let mut data = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    name = v.trim().to_owned();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim_start());
                }
            }
            if data.is_empty() {
                continue; // a keep-alive comment
            }
            let event = SseEvent {
                name,
                data: serde_json::from_str(&data).expect("event data is JSON"),
            };
            let stop = done(&event);
            events.push(event);
            if stop {
                return events;
            }
        }
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .expect("the stream goes on within a minute")
            .expect("the stream has not ended")
            .expect("the stream reads");
        if let Ok(data) = frame.into_data() {
            buffer.push_str(&String::from_utf8_lossy(&data));
        }
    }
}

/// Waits until job `id` of `engine` has a step that `reached` holds for, following the
/// job's events (and looking again every 100 ms, so that a missed event costs nothing).
pub async fn until_a_step(engine: &JobEngine, id: i64, reached: impl Fn(&Step) -> bool) {
    let mut events = engine.subscribe(id);
    while !engine.job(id).await.unwrap().steps.iter().any(&reached) {
        let _ = tokio::time::timeout(Duration::from_millis(100), events.recv()).await;
    }
}

/// A running job for `profile` as a process that crashed long ago left it: its lease ran
/// out, so the next claim takes it. Returns the job and the fence its rows are written
/// with until then.
pub async fn crashed_job(store: &Store, domain: &str, profile: &str) -> (Job, Fence) {
    let (job, fence) = store
        .create_job(
            &NewJob {
                domain_id: domain.to_owned(),
                profile_name: profile.to_owned(),
                keep_access: false,
            },
            &LeaseTerms::expired("a-crashed-replica"),
        )
        .await
        .unwrap();
    (job, fence.expect("no other job runs for the profile"))
}

/// A [`crashed_job`] for Alice whose plan `planner` made and recorded as round 0, as a
/// process that crashed right after planning left it.
pub async fn crashed_after_planning(planner: &JobEngine, domain: &str) -> (Job, Fence) {
    let store = planner.store();
    let (job, fence) = crashed_job(store, domain, ALICE).await;
    let plan = planner.plan(domain, ALICE).await.unwrap();
    let plan_step = NewStep {
        kind: StepKind::Plan,
        resource: format!("profile {ALICE}"),
        app_type: None,
        app_name: None,
        space_name: None,
        phase: Phase::Call,
        detail: None,
    };
    let plan_step = store.ensure_step(fence, 0, &plan_step).await.unwrap();
    store
        .record_plan(
            fence,
            0,
            plan_step.id,
            &plan.steps(),
            "test",
            ALICE,
            None,
            None,
        )
        .await
        .unwrap();
    (job, fence)
}

/// A step's row once its call was sent and accepted: running, waiting for AWS.
pub fn sent_and_waiting() -> StepUpdate {
    StepUpdate {
        status: Some(StepStatus::Running),
        phase: Some(Phase::Wait),
        add_call: true,
        started: true,
        ..Default::default()
    }
}
