//! What the delete-job tests share: an emulator on a real socket with signature checks, the
//! proxy's signed client pointed at it, a team to offboard, short engine timings, and a
//! look at what is left of a profile afterwards.

#![allow(dead_code, missing_docs, unreachable_pub)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use studio_admin_emulator::{EmulatorConfig, Faults, RunningEmulator, Timings};
use studio_admin_model::{
    AppStatus, AppType, CreateAppRequest, CreateDomainRequest, CreateSpaceRequest,
    CreateUserProfileRequest, DescribeUserProfileRequest, DomainStatus, ListAppsRequest,
    ListSpacesRequest, OwnershipSettings, SharingType, SpaceSharingSettings, SpaceStatus,
    UserProfileStatus, WireEnum,
};
use studio_admin_proxy::backoff::Backoff;
use studio_admin_proxy::jobs::{JobDetail, JobEngine, JobsConfig, Step, StepKind};
use studio_admin_proxy::sagemaker::{
    ClientConfig, CredentialsCache, RetryPolicy, SageMakerClient, SageMakerError, SharedClient,
};
use studio_admin_proxy::store::Store;

pub const REGION: &str = "us-east-1";
pub const ACCESS_KEY: &str = "AKIDJOBSTESTJOBSTEST";
pub const SECRET_KEY: &str = "jobs/test/secret/key/never/logged/00000000";

/// The profile the tests offboard, and a colleague whose things must stay.
pub const ALICE: &str = "alice-martin";
pub const BOB: &str = "bob-okafor";

/// An emulator serving on a loopback port, with every transition taking `latency`.
pub async fn emulator(latency: Duration, faults: Faults) -> RunningEmulator {
    emulator_with(Timings::uniform(latency, Duration::from_secs(3600)), faults).await
}

/// Timings for [`team`]: quick, except that app deletion takes a second, so that the app
/// seeded as `Deleting` is still deleting when the job plans, and that `Pending` apps stay
/// pending.
pub fn team_timings() -> Timings {
    Timings {
        app_delete: Duration::from_secs(1),
        app_create: Duration::from_secs(3600),
        ..Timings::uniform(Duration::from_millis(80), Duration::from_secs(3600))
    }
}

/// An emulator serving on a loopback port with `timings`.
pub async fn emulator_with(timings: Timings, faults: Faults) -> RunningEmulator {
    let config = EmulatorConfig {
        region: REGION.to_owned(),
        credentials: Some((ACCESS_KEY.to_owned(), SECRET_KEY.to_owned())),
        timings,
        faults,
        ..EmulatorConfig::default()
    };
    let addr: SocketAddr = "127.0.0.1:0".parse().expect("loopback address");
    studio_admin_emulator::spawn(config, addr)
        .await
        .expect("the emulator starts")
}

/// The proxy's signed client for the emulator.
pub fn client(emulator: &RunningEmulator) -> SharedClient {
    client_for_url(&emulator.url())
}

/// The proxy's signed client for an emulator at `url`.
pub fn client_for_url(url: &str) -> SharedClient {
    let mut config = ClientConfig::new(url, REGION);
    config.retry = RetryPolicy {
        max_attempts: 3,
        backoff: Backoff {
            initial: Duration::from_millis(5),
            factor: 2.0,
            cap: Duration::from_millis(50),
            full_jitter: true,
        },
    };
    Arc::new(
        SageMakerClient::new(config, CredentialsCache::fixed(ACCESS_KEY, SECRET_KEY))
            .expect("a client for the emulator"),
    )
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
    }
}

/// A job database file in a fresh temporary directory.
pub struct DbFile {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn db_file() -> DbFile {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("jobs.db");
    DbFile { dir, path }
}

/// An engine with its own database file.
pub async fn engine(client: SharedClient, db: &Path, config: JobsConfig) -> JobEngine {
    let store = Store::open(db).await.expect("the job database opens");
    JobEngine::new(store, client, config)
}

/// An IAM-mode domain; returns its id.
pub fn domain(emulator: &RunningEmulator) -> String {
    emulator
        .emulator()
        .seed_domain(
            CreateDomainRequest {
                domain_name: Some("ml-platform".to_owned()),
                auth_mode: Some(studio_admin_model::AuthMode::Iam),
                vpc_id: Some("vpc-0a1b2c3d4e5f67890".to_owned()),
                subnet_ids: Some(vec!["subnet-0f1e2d3c4b5a69788".to_owned()]),
                ..Default::default()
            },
            DomainStatus::InService,
            Duration::from_secs(86_400),
        )
        .expect("the domain is seeded")
}

pub fn profile(emulator: &RunningEmulator, domain: &str, name: &str) {
    emulator
        .emulator()
        .seed_user_profile(
            CreateUserProfileRequest {
                domain_id: Some(domain.to_owned()),
                user_profile_name: Some(name.to_owned()),
                ..Default::default()
            },
            UserProfileStatus::InService,
            Duration::from_secs(3600),
        )
        .expect("the profile is seeded");
}

/// Where an app runs.
#[derive(Debug, Clone, Copy)]
pub enum On<'a> {
    User(&'a str),
    Space(&'a str),
}

pub fn app(
    emulator: &RunningEmulator,
    domain: &str,
    on: On<'_>,
    app_type: AppType,
    name: &str,
    status: AppStatus,
) {
    let (user, space) = match on {
        On::User(u) => (Some(u.to_owned()), None),
        On::Space(s) => (None, Some(s.to_owned())),
    };
    emulator
        .emulator()
        .seed_app(
            CreateAppRequest {
                domain_id: Some(domain.to_owned()),
                user_profile_name: user,
                space_name: space,
                app_type: Some(app_type),
                app_name: Some(name.to_owned()),
                ..Default::default()
            },
            status,
            Duration::from_secs(600),
        )
        .expect("the app is seeded");
}

pub fn space(
    emulator: &RunningEmulator,
    domain: &str,
    name: &str,
    owner: &str,
    sharing: SharingType,
) {
    emulator
        .emulator()
        .seed_space(
            CreateSpaceRequest {
                domain_id: Some(domain.to_owned()),
                space_name: Some(name.to_owned()),
                ownership_settings: Some(OwnershipSettings {
                    owner_user_profile_name: Some(owner.to_owned()),
                }),
                space_sharing_settings: Some(SpaceSharingSettings {
                    sharing_type: Some(sharing),
                }),
                ..Default::default()
            },
            SpaceStatus::InService,
            Duration::from_secs(3600),
        )
        .expect("the space is seeded");
}

/// Alice with apps in every state and two spaces she owns (with apps), and Bob with an
/// app and a shared space of his own that Alice's delete must leave alone.
pub fn team(emulator: &RunningEmulator, domain: &str) {
    use AppStatus::{Deleted, Deleting, Failed, InService, Pending};
    use AppType::{Canvas, CodeEditor, JupyterLab, JupyterServer, KernelGateway, TensorBoard};
    profile(emulator, domain, ALICE);
    profile(emulator, domain, BOB);
    let alice = On::User(ALICE);
    app(emulator, domain, alice, JupyterServer, "default", InService);
    app(
        emulator,
        domain,
        alice,
        KernelGateway,
        "datascience-1",
        InService,
    );
    app(
        emulator,
        domain,
        alice,
        KernelGateway,
        "pending-kernel",
        Pending,
    );
    app(emulator, domain, alice, TensorBoard, "tb-leaving", Deleting);
    app(emulator, domain, alice, Canvas, "default", Failed);
    app(
        emulator,
        domain,
        alice,
        KernelGateway,
        "old-kernel",
        Deleted,
    );
    space(
        emulator,
        domain,
        "alice-private",
        ALICE,
        SharingType::Private,
    );
    app(
        emulator,
        domain,
        On::Space("alice-private"),
        JupyterLab,
        "default",
        InService,
    );
    app(
        emulator,
        domain,
        On::Space("alice-private"),
        CodeEditor,
        "default",
        Failed,
    );
    space(
        emulator,
        domain,
        "alice-team-notes",
        ALICE,
        SharingType::Shared,
    );
    app(
        emulator,
        domain,
        On::Space("alice-team-notes"),
        JupyterLab,
        "default",
        Pending,
    );
    app(
        emulator,
        domain,
        On::User(BOB),
        JupyterServer,
        "default",
        InService,
    );
    space(emulator, domain, "bob-shared", BOB, SharingType::Shared);
    app(
        emulator,
        domain,
        On::Space("bob-shared"),
        JupyterLab,
        "default",
        InService,
    );
}

/// What is left of a profile in SageMaker: whether it still exists, its apps that are not
/// Deleted or Failed, and the spaces it owns. Calls are retried (the emulator may inject
/// faults).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Leftovers {
    pub profile_exists: bool,
    pub live_apps: Vec<String>,
    pub owned_spaces: Vec<String>,
}

impl Leftovers {
    pub fn nothing() -> Self {
        Self::default()
    }
}

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
pub async fn patiently<T, F, Fut>(mut call: F) -> Result<T, SageMakerError>
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
        .filter(|s| s.status == studio_admin_proxy::jobs::StepStatus::Done)
        .map(|s| s.resource.clone())
        .collect();
    apps.sort();
    apps
}

/// Fails the test (instead of hanging) when a job does not finish in a minute.
pub async fn finished(engine: &JobEngine, id: i64) -> JobDetail {
    tokio::time::timeout(Duration::from_secs(60), engine.wait_finished(id))
        .await
        .expect("the job finishes within a minute")
        .expect("the job can be read")
}

/// The delete and job routes under `/api`, with the engine as their only state (as the
/// proxy nests them, without the rest of the application), called by the single-user
/// mode's admin.
pub fn api(engine: JobEngine) -> axum::Router {
    use studio_admin_proxy::auth::Principal;
    use studio_admin_proxy::routes;
    let routes = routes::delete::router::<JobEngine>()
        .merge(routes::jobs::router::<JobEngine>())
        .into_router(|router| router);
    axum::Router::new()
        .nest("/api", routes)
        .with_state(engine)
        .layer(axum::Extension(Principal::open()))
}

/// An answer of the API, its body read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: axum::http::StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: serde_json::Value,
}

/// `method path` through the router, in-process.
pub async fn call(app: &axum::Router, method: axum::http::Method, path: &str) -> Reply {
    use http_body_util::BodyExt as _;
    use tower::ServiceExt as _;
    let request = axum::http::Request::builder()
        .method(method)
        .uri(path)
        .body(axum::body::Body::empty())
        .expect("a valid request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body reads")
        .to_bytes();
    let body = if bytes.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "{status}: not JSON ({e}): {}",
                String::from_utf8_lossy(&bytes)
            )
        })
    };
    Reply {
        status,
        headers,
        body,
    }
}

/// One Server-Sent Event.
#[derive(Debug, Clone)]
pub struct SseEvent {
    pub name: String,
    pub data: serde_json::Value,
}

/// Reads events from an event-stream body until `done` says stop (or a minute passes).
pub async fn read_events(
    body: axum::body::Body,
    mut done: impl FnMut(&SseEvent) -> bool,
) -> Vec<SseEvent> {
    use http_body_util::BodyExt as _;
    let mut body = body;
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
