//! The application under test: [`TestApp::builder`] takes what a test needs (which
//! SageMaker, sign-in settings, clock, database file, peer address, delete-job timings)
//! and gives the in-process router for `oneshot` calls, or the real server on a socket.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, Request};
use axum::response::Response;
use serde_json::Value;
use studio_admin_emulator::RunningEmulator;
use studio_admin_proxy::auth::{Account, AuthSettings, Clock};
use studio_admin_proxy::jobs::JobsConfig;
use studio_admin_proxy::prices::Prices;
use studio_admin_proxy::sagemaker::SageMakerClient;
use studio_admin_proxy::store::DbTarget;
use studio_admin_proxy::{AppState, Settings, app};
use tokio::net::TcpListener;

use super::browser::team_accounts;
use super::http::{Reply, http, respond, send};
use super::sagemaker::client;
use super::scripted::Scripted;

/// The SageMaker a [`TestApp`] talks to, kept running as long as the app.
#[derive(Debug)]
enum Backend {
    Emulator(RunningEmulator),
    Scripted(Scripted),
}

/// A browser's address: the peer of the in-process router unless a test says otherwise.
pub const BROWSER_IP: [u8; 4] = [192, 0, 2, 10];
/// The reverse proxy's address (trusted with identity headers when so configured).
pub const PROXY_IP: [u8; 4] = [127, 0, 0, 1];

/// A SQLite file in a fresh temporary directory (removed with it).
#[derive(Debug)]
pub struct DbFile {
    /// The directory (also a place for other files of the test).
    pub dir: tempfile::TempDir,
    /// The database file in it.
    pub path: PathBuf,
}

/// A database file that does not exist yet.
pub fn db_file() -> DbFile {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("studio-admin.db");
    DbFile { dir, path }
}

/// The app for `state`, as reached from the address `peer`.
pub fn router_for(state: AppState, peer: [u8; 4]) -> Router {
    app(state).layer(MockConnectInfo(SocketAddr::from((peer, 40_000))))
}

/// What [`TestApp::builder`] starts from: the single-user mode, no built SPA, the jobs in
/// memory, reached from a browser's address.
#[derive(Debug)]
pub struct TestAppBuilder {
    sagemaker: Option<Backend>,
    client: Option<SageMakerClient>,
    auth: AuthSettings,
    clock: Option<Clock>,
    peer: [u8; 4],
    assets: PathBuf,
    db: Option<DbFile>,
    /// A database file another app of the test owns (a restart on the same file).
    db_at: Option<PathBuf>,
    jobs: Option<JobsConfig>,
    prices: Option<Prices>,
}

impl TestAppBuilder {
    /// Signs for and talks to `emulator` (which lives as long as the app).
    pub fn emulator(mut self, emulator: RunningEmulator) -> Self {
        self.sagemaker = Some(Backend::Emulator(emulator));
        self
    }

    /// Signs for and talks to `scripted` (which lives as long as the app).
    pub fn scripted(mut self, scripted: Scripted) -> Self {
        self.sagemaker = Some(Backend::Scripted(scripted));
        self
    }

    /// Talks through `client` instead of the test-key client of the SageMaker above
    /// (other keys or credentials, timeouts, an endpoint nobody listens on).
    pub fn client(mut self, client: SageMakerClient) -> Self {
        self.client = Some(client);
        self
    }

    /// How people are recognized (the single-user mode when not called).
    pub fn auth(mut self, settings: AuthSettings) -> Self {
        self.auth = settings;
        self
    }

    /// Signing in with a password, to `accounts`.
    pub fn accounts(self, accounts: Vec<Account>) -> Self {
        self.auth(AuthSettings::accounts(accounts))
    }

    /// The clock sessions and sign-in lockouts are measured on.
    pub fn clock(mut self, clock: &Clock) -> Self {
        self.clock = Some(clock.clone());
        self
    }

    /// The address the in-process router sees requests come from.
    pub fn peer(mut self, peer: [u8; 4]) -> Self {
        self.peer = peer;
        self
    }

    /// Serves the built SPA from `dir`.
    pub fn assets(mut self, dir: &Path) -> Self {
        self.assets = dir.to_path_buf();
        self
    }

    /// Keeps jobs, sessions, the audit log and requests in `db` (kept as long as the app).
    pub fn db(mut self, db: DbFile) -> Self {
        self.db = Some(db);
        self
    }

    /// Keeps its state in the file `path`, which another app of the test made (the same
    /// server restarted).
    pub fn db_at(mut self, path: &Path) -> Self {
        self.db_at = Some(path.to_path_buf());
        self
    }

    /// Runs delete jobs with `config` instead of AWS's timings.
    pub fn jobs(mut self, config: JobsConfig) -> Self {
        self.jobs = Some(config);
        self
    }

    /// Estimates costs with `prices` (as `--prices FILE` does).
    pub fn prices(mut self, prices: Prices) -> Self {
        self.prices = Some(prices);
        self
    }

    /// The app; panics without a SageMaker or a client.
    pub fn build(self) -> TestApp {
        let client = match (self.client, &self.sagemaker) {
            (Some(client), _) => client,
            (None, Some(Backend::Emulator(emulator))) => client(&emulator.url()),
            (None, Some(Backend::Scripted(scripted))) => client(&scripted.url),
            (None, None) => panic!("a TestApp needs .emulator(), .scripted() or .client()"),
        };
        let auth = match self.clock {
            Some(clock) => self.auth.with_clock(clock),
            None => self.auth,
        };
        // Tests address the site as `admin.test`.
        let auth = super::browser::for_site(auth);
        let settings = Settings {
            assets_dir: self.assets,
            db: match (self.db.as_ref(), self.db_at) {
                (Some(db), _) => DbTarget::Sqlite(db.path.clone()),
                (None, Some(path)) => DbTarget::Sqlite(path),
                (None, None) => DbTarget::Memory,
            },
            auth,
            jobs: self.jobs.unwrap_or_default(),
        };
        let state = AppState::new(Arc::new(client), settings);
        let state = match self.prices {
            Some(prices) => state.with_prices(prices),
            None => state,
        };
        TestApp {
            router: router_for(state.clone(), self.peer),
            state,
            sagemaker: self.sagemaker,
            _db: self.db,
        }
    }
}

/// The proxy's application in front of a test SageMaker.
#[derive(Debug)]
pub struct TestApp {
    /// What the handlers share: the client, jobs, database, sign-in.
    pub state: AppState,
    router: Router,
    sagemaker: Option<Backend>,
    _db: Option<DbFile>,
}

impl TestApp {
    /// A builder starting from the single-user mode (every caller is the admin `local`).
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            sagemaker: None,
            client: None,
            auth: AuthSettings::open(),
            clock: None,
            peer: BROWSER_IP,
            assets: PathBuf::from("/nonexistent/dist"),
            db: None,
            db_at: None,
            jobs: None,
            prices: None,
        }
    }

    /// The single-user app in front of `emulator` (`builder().emulator(emulator).build()`).
    pub fn with_emulator(emulator: RunningEmulator) -> Self {
        Self::builder().emulator(emulator).build()
    }

    /// In front of `emulator`, knowing people as `auth` says.
    pub fn with_auth(emulator: RunningEmulator, auth: AuthSettings) -> Self {
        Self::builder().emulator(emulator).auth(auth).build()
    }

    /// The team's accounts (of `d-aaaaaaaaaaaa`, see [`team_accounts`]) on `clock`, in
    /// front of `emulator`.
    pub fn for_team(emulator: RunningEmulator, clock: &Clock) -> Self {
        Self::for_team_of(emulator, "d-aaaaaaaaaaaa", clock)
    }

    /// The team's accounts of `domain` (and `lou` of `d-bbbbbbbbbbbb`, see
    /// [`team_accounts`]) on `clock`, in front of `emulator`.
    pub fn for_team_of(emulator: RunningEmulator, domain: &str, clock: &Clock) -> Self {
        Self::builder()
            .emulator(emulator)
            .accounts(team_accounts(domain, "d-bbbbbbbbbbbb"))
            .clock(clock)
            .build()
    }

    /// The single-user app in front of `scripted` (`builder().scripted(scripted).build()`).
    pub fn with_scripted(scripted: Scripted) -> Self {
        Self::builder().scripted(scripted).build()
    }

    /// The in-process router, as reached from the builder's peer address.
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// The same app as reached from `peer`.
    pub fn router_from(&self, peer: [u8; 4]) -> Router {
        router_for(self.state.clone(), peer)
    }

    /// The emulator behind the app (to seed more data); panics for another SageMaker.
    pub fn emulator(&self) -> &RunningEmulator {
        match &self.sagemaker {
            Some(Backend::Emulator(emulator)) => emulator,
            other => panic!("the app talks to {other:?}, not an emulator"),
        }
    }

    /// The scripted SageMaker behind the app (what it was asked); panics for another.
    pub fn scripted(&self) -> &Scripted {
        match &self.sagemaker {
            Some(Backend::Scripted(scripted)) => scripted,
            other => panic!("the app talks to {other:?}, not a scripted SageMaker"),
        }
    }

    /// Sends `request` in-process; the response with its body unread (event streams).
    pub async fn respond(&self, request: Request<Body>) -> Response {
        respond(&self.router, request).await
    }

    /// Sends `request` in-process and reads the whole answer.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        send(&self.router, request).await
    }

    /// `method path` without a body or headers.
    pub async fn call(&self, method: Method, path: &str) -> Reply {
        let request = Request::builder().method(method).uri(path);
        self.send(request.body(Body::empty()).expect("valid request"))
            .await
    }

    /// Starts deleting `profile` of `domain`; the job's id.
    pub async fn start_delete(&self, domain: &str, profile: &str) -> i64 {
        let path = format!("/api/domains/{domain}/profiles/{profile}");
        self.call(Method::DELETE, &path).await.started_job()
    }

    /// The delete plan of `profile` of `domain` (`GET .../delete-plan`).
    pub async fn delete_plan(&self, domain: &str, profile: &str) -> Reply {
        self.get(&format!(
            "/api/domains/{domain}/profiles/{profile}/delete-plan"
        ))
        .await
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path).await
    }

    /// `method path` with a JSON body.
    pub async fn send_json(&self, method: Method, path: &str, body: &Value) -> Reply {
        self.send_raw(method, path, "application/json", body.to_string())
            .await
    }

    /// `method path` with any body and content type.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: impl Into<Body>,
    ) -> Reply {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", content_type);
        self.send(request.body(body.into()).expect("valid request"))
            .await
    }

    /// Serves the app on a free loopback port, as `studio-admin serve` does (the peer is
    /// the real one).
    pub async fn spawn(self) -> SpawnedApp {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a free port");
        let address = format!("http://{}", listener.local_addr().expect("bound address"));
        let service = app(self.state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, service).await });
        SpawnedApp {
            address,
            http: http(),
            _app: self,
        }
    }
}

/// The app served on a socket, reached over real HTTP.
#[derive(Debug)]
pub struct SpawnedApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// A plain HTTP client.
    pub http: reqwest::Client,
    _app: TestApp,
}

impl SpawnedApp {
    /// `GET path` over HTTP.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("the proxy answers")
    }

    /// `POST path` with a JSON body over HTTP.
    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.address))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("the proxy answers")
    }
}
