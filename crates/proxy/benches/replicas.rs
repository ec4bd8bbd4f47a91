//! What running several replicas on PostgreSQL costs, measured on the real binary
//! (`studio-admin serve` processes, one emulator as SageMaker, the PostgreSQL server
//! named by `STUDIO_ADMIN_TEST_POSTGRES`, which `cargo xtask bench` starts):
//!
//! - takeover: the replica running a delete job is killed (SIGKILL); how long until the
//!   other replica has taken the job over (its `studio_admin_job_lease_takeovers_total`
//!   counter moves). Target: at most the lease (10 s here) + 5 s;
//! - API p50 on PostgreSQL versus SQLite, for listing profiles and creating one (each
//!   request also reads the session and writes the audit log): the ratio, measured;
//! - a delete job's wall time with two replicas running versus one (same database
//!   engine, same emulator timings; the median of three runs each, alternating). Target:
//!   no slower than 1.1 x.
//!
//! Prints a table and writes `target/bench-results/replicas.json`.
//!
//! `cargo xtask postgres` starts a server by hand and prints the variable to set; then
//! `cargo bench -p studio-admin-proxy --bench replicas`.

#[path = "support/mod.rs"]
mod support;

fn main() {
    bench::main();
}

/// The benchmark itself.
mod bench {
    use std::net::{Ipv4Addr, SocketAddr};
    use std::path::Path;
    use std::process::{Child, Command};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::{Duration, Instant};

    use serde_json::{Value, json};
    use sqlx::Connection as _;
    use studio_admin_emulator::{EmulatorConfig, RunningEmulator, Timings};
    use studio_admin_model::{
        AppStatus, AppType, CreateDomainRequest, DomainStatus, SpaceStatus, UserProfileStatus,
        UserSettings,
    };

    use crate::support::{
        ACCESS_KEY, REGION, Row, SECRET_KEY, app_request, private_space, profile_request, report,
        serve,
    };

    /// The binary Cargo built for this benchmark.
    const BIN: &str = env!("CARGO_BIN_EXE_studio-admin");
    /// The variable naming the PostgreSQL server (its admin database).
    const SERVER_VARIABLE: &str = "STUDIO_ADMIN_TEST_POSTGRES";
    /// The job lease the replicas run with.
    const LEASE: Duration = Duration::from_secs(10);
    /// The most a takeover may take: the lease, then a few renewal ticks.
    const TAKEOVER_LIMIT: Duration = Duration::from_secs(LEASE.as_secs() + 5);
    /// Delete-job runs per replica count (the median counts).
    const RUNS: usize = 3;
    /// The most two replicas may slow a delete job down.
    const TWO_REPLICA_LIMIT: f64 = 1.1;
    /// Rounds of the p50 comparison; each round measures both engines in turn.
    const ROUNDS: usize = 4;
    /// List requests per engine per round.
    const LISTS: usize = 50;
    /// Creates per engine per round.
    const CREATES: usize = 15;
    /// The emulator's latency per delete in the delete-job runs.
    const L: Duration = Duration::from_millis(400);

    const PASSWORD: &str = "correct horse battery staple";
    const LEAVER: &str = "leaver";

    pub fn main() {
        let server = std::env::var(SERVER_VARIABLE).unwrap_or_else(|_| {
            panic!(
                "{SERVER_VARIABLE} is not set: run `cargo xtask bench` (it starts a PostgreSQL \
                 server), or start one with `cargo xtask postgres` and set the variable it prints"
            )
        });
        crate::support::block_on(bench(&server));
    }

    async fn bench(server: &str) {
        // reqwest is built without a default TLS provider; the proxy uses aws-lc-rs.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut rows = Vec::new();

        // 1. Takeover after SIGKILL of the job's owner.
        let took = takeover(server).await;
        rows.push(Row {
            name: format!(
                "takeover of a killed replica's job (lease {} s)",
                LEASE.as_secs()
            ),
            value: took.as_secs_f64(),
            unit: "s".into(),
            target: Some(format!("<= {}", TAKEOVER_LIMIT.as_secs())),
            pass: Some(took <= TAKEOVER_LIMIT),
        });

        // 2. API p50, PostgreSQL versus SQLite.
        let (sqlite, postgres) = p50s(server).await;
        for (what, on_sqlite, on_postgres) in [
            ("list profiles", sqlite.list, postgres.list),
            ("create a profile", sqlite.create, postgres.create),
        ] {
            rows.push(Row::measured(
                &format!("{what}: p50 on SQLite"),
                ms(on_sqlite),
                "ms",
            ));
            rows.push(Row::measured(
                &format!("{what}: p50 on PostgreSQL"),
                ms(on_postgres),
                "ms",
            ));
            rows.push(Row::measured(
                &format!("{what}: p50 PostgreSQL / SQLite"),
                on_postgres.as_secs_f64() / on_sqlite.as_secs_f64(),
                "ratio",
            ));
        }

        // 3. A delete job with one replica and with two.
        let mut one = Vec::new();
        let mut two = Vec::new();
        for run in 0..RUNS {
            // Alternate which goes first, so that a warming machine favours neither.
            let order: [usize; 2] = if run % 2 == 0 { [1, 2] } else { [2, 1] };
            for replicas in order {
                let wall = delete_job(server, replicas).await;
                if replicas == 1 { &mut one } else { &mut two }.push(wall);
            }
        }
        let (one, two) = (median(&mut one), median(&mut two));
        let ratio = two.as_secs_f64() / one.as_secs_f64();
        rows.push(Row::measured(
            "delete job wall time, one replica (median of 3)",
            ms(one),
            "ms",
        ));
        rows.push(Row::measured(
            "delete job wall time, two replicas (median of 3)",
            ms(two),
            "ms",
        ));
        rows.push(Row {
            name: "delete job wall time, two replicas / one".into(),
            value: ratio,
            unit: "ratio".into(),
            target: Some(format!("<= {TWO_REPLICA_LIMIT}")),
            pass: Some(ratio <= TWO_REPLICA_LIMIT),
        });

        report("replicas", &rows, 55);
    }

    /// Two replicas; a delete job started on A; A killed once its first deletes are
    /// sent. How long until B has taken the job over.
    async fn takeover(server: &str) -> Duration {
        let timings = Timings {
            app_delete: Duration::from_millis(2500),
            app_create: Duration::from_secs(3600),
            ..Timings::uniform(Duration::from_millis(300), Duration::from_secs(3600))
        };
        let (emulator, domain) = offboarding(timings).await;
        let home = Home::new();
        let db = fresh_database(server).await;
        let mut a = Replica::start(&emulator, &db, &home);
        let b = Replica::start(&emulator, &db, &home);
        let lead = Session::sign_in(&b).await;
        let id = lead.delete(&a, &domain).await;
        lead.wait_deleting(&b, id).await;
        a.kill();
        let killed = Instant::now();
        loop {
            if lead.takeovers(&b).await > 0.0 {
                break;
            }
            assert!(
                killed.elapsed() < Duration::from_secs(120),
                "B never took the job over"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let took = killed.elapsed();
        let job = lead.finished(&b, id).await;
        assert_eq!(job["status"], "succeeded", "{job:#}");
        took
    }

    /// The p50 of each engine.
    struct Latencies {
        list: Duration,
        create: Duration,
    }

    /// One server on a SQLite file and one on PostgreSQL, against one emulator; list and
    /// create through each, in alternating rounds.
    async fn p50s(server: &str) -> (Latencies, Latencies) {
        let emulator = emulator(Timings::instant()).await;
        let domain = seed_domain(&emulator);
        for i in 0..40 {
            seed_profile(&emulator, &domain, &format!("member-{i:02}"));
        }
        let home = Home::new();
        let sqlite_db = format!("sqlite:{}", home.path().join("panel.db").display());
        let postgres_db = fresh_database(server).await;
        let servers = [
            Replica::start(&emulator, &sqlite_db, &home),
            Replica::start(&emulator, &postgres_db, &home),
        ];
        let mut sessions = Vec::new();
        for replica in &servers {
            sessions.push(Session::sign_in(replica).await);
        }
        let mut lists = [Vec::new(), Vec::new()];
        let mut creates = [Vec::new(), Vec::new()];
        let list_path = format!("/api/domains/{domain}/profiles?limit=50");
        let create_path = format!("/api/domains/{domain}/profiles");
        for round in 0..ROUNDS {
            for (engine, (replica, session)) in servers.iter().zip(&sessions).enumerate() {
                for _ in 0..LISTS {
                    let started = Instant::now();
                    let (status, body) = session.send(replica, "GET", &list_path, None).await;
                    lists[engine].push(started.elapsed());
                    assert_eq!(status, 200, "{body}");
                }
                for i in 0..CREATES {
                    let body = json!({"UserProfileName": format!("new-{engine}-{round}-{i}")});
                    let started = Instant::now();
                    let (status, answer) = session
                        .send(replica, "POST", &create_path, Some(&body))
                        .await;
                    creates[engine].push(started.elapsed());
                    assert!(status == 200 || status == 201, "{status} {answer}");
                }
            }
        }
        let [sqlite_lists, postgres_lists] = &mut lists;
        let [sqlite_creates, postgres_creates] = &mut creates;
        (
            Latencies {
                list: median(sqlite_lists),
                create: median(sqlite_creates),
            },
            Latencies {
                list: median(postgres_lists),
                create: median(postgres_creates),
            },
        )
    }

    /// `replicas` replicas on a fresh PostgreSQL database; a delete job asked of the last
    /// one; its wall time from the request to its end.
    async fn delete_job(server: &str, replicas: usize) -> Duration {
        let timings = Timings {
            app_create: Duration::from_secs(3600),
            ..Timings::uniform(L, Duration::from_secs(3600))
        };
        let (emulator, domain) = offboarding(timings).await;
        let home = Home::new();
        let db = fresh_database(server).await;
        let running: Vec<Replica> = (0..replicas)
            .map(|_| Replica::start(&emulator, &db, &home))
            .collect();
        let asked = running.last().expect("at least one replica");
        let lead = Session::sign_in(asked).await;
        let started = Instant::now();
        let id = lead.delete(asked, &domain).await;
        let job = lead.finished(&running[0], id).await;
        let wall = started.elapsed();
        assert_eq!(job["status"], "succeeded", "{job:#}");
        wall
    }

    /// The middle value (sorts `values`).
    fn median(values: &mut [Duration]) -> Duration {
        values.sort();
        values[values.len() / 2]
    }

    /// A new, empty database on the server; its URL.
    async fn fresh_database(server: &str) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "studio_admin_bench_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = sqlx::postgres::PgConnection::connect(server)
            .await
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {server}: {e}"));
        // The name is made here of letters, digits and underscores only.
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("the database is created");
        let (base, query) = server.split_once('?').unwrap_or((server, ""));
        let scheme_end = base.find("://").map_or(0, |i| i + 3);
        let host = base[scheme_end..]
            .find('/')
            .map_or(base, |slash| &base[..scheme_end + slash]);
        if query.is_empty() {
            format!("{host}/{name}")
        } else {
            format!("{host}/{name}?{query}")
        }
    }

    /// An emulator checking the bench's keys, with `timings`.
    async fn emulator(timings: Timings) -> RunningEmulator {
        let config = EmulatorConfig {
            region: REGION.to_owned(),
            credentials: Some((ACCESS_KEY.to_owned(), SECRET_KEY.to_owned())),
            timings,
            ..EmulatorConfig::default()
        };
        studio_admin_emulator::spawn(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .expect("the emulator starts")
    }

    /// An InService IAM domain with a default execution role; its id.
    fn seed_domain(emulator: &RunningEmulator) -> String {
        emulator
            .emulator()
            .seed_domain(
                CreateDomainRequest {
                    domain_name: Some("bench".to_owned()),
                    default_user_settings: Some(UserSettings {
                        execution_role: Some(
                            "arn:aws:iam::123456789012:role/StudioExecution".to_owned(),
                        ),
                        ..UserSettings::default()
                    }),
                    ..CreateDomainRequest::default()
                },
                DomainStatus::InService,
                Duration::from_secs(86_400),
            )
            .expect("the domain is seeded")
    }

    fn seed_profile(emulator: &RunningEmulator, domain: &str, name: &str) {
        emulator
            .emulator()
            .seed_user_profile(
                profile_request(domain, name),
                UserProfileStatus::InService,
                Duration::from_secs(3600),
            )
            .expect("the profile is seeded");
    }

    /// An emulator holding the leaver: two apps of their own and a private space with
    /// one app.
    async fn offboarding(timings: Timings) -> (RunningEmulator, String) {
        let emulator = emulator(timings).await;
        let domain = seed_domain(&emulator);
        seed_profile(&emulator, &domain, LEAVER);
        let app = |user: Option<&str>, space: Option<&str>, app_type, name: &str| {
            emulator
                .emulator()
                .seed_app(
                    app_request(&domain, user, space, app_type, name),
                    AppStatus::InService,
                    Duration::from_secs(600),
                )
                .expect("the app is seeded");
        };
        app(Some(LEAVER), None, AppType::JupyterServer, "default");
        app(Some(LEAVER), None, AppType::KernelGateway, "kernel-1");
        emulator
            .emulator()
            .seed_space(
                private_space(&domain, "leaver-private", LEAVER),
                SpaceStatus::InService,
                Duration::from_secs(3600),
            )
            .expect("the space is seeded");
        app(None, Some("leaver-private"), AppType::JupyterLab, "default");
        (emulator, domain)
    }

    /// A home directory for the replicas: the SPA's stand-in page and the accounts file.
    struct Home(tempfile::TempDir);

    impl Home {
        fn new() -> Self {
            let dir = tempfile::tempdir().expect("a temporary directory");
            std::fs::write(dir.path().join("index.html"), "<!doctype html>")
                .expect("the page is written");
            let accounts = format!(
                "[[users]]\nname = \"lead\"\npassword_hash = \"{}\"\nrole = \"admin\"\ndomains = [\"*\"]\n",
                studio_admin_proxy::auth::password::hash(PASSWORD)
            );
            std::fs::write(dir.path().join("accounts.toml"), accounts)
                .expect("the accounts file is written");
            Self(dir)
        }

        fn path(&self) -> &Path {
            self.0.path()
        }
    }

    /// A `studio-admin serve` process, killed when dropped.
    struct Replica {
        child: Child,
        url: String,
    }

    impl Replica {
        fn start(emulator: &RunningEmulator, db: &str, home: &Home) -> Self {
            let mut command = Command::new(BIN);
            for var in [
                "AWS_REGION",
                "AWS_DEFAULT_REGION",
                "AWS_PROFILE",
                "AWS_SESSION_TOKEN",
                "AWS_ENDPOINT_URL",
                "AWS_ENDPOINT_URL_SAGEMAKER",
                "STUDIO_ADMIN_DB",
                "STUDIO_ADMIN_DEMO",
                "STUDIO_ADMIN_NO_AUTH",
            ] {
                command.env_remove(var);
            }
            command
                .arg("serve")
                .args(["--listen", "127.0.0.1:0", "--db", db])
                .args(["--job-lease-seconds", &LEASE.as_secs().to_string()])
                .args(["--endpoint-url", &emulator.url(), "--region", REGION])
                .arg("--auth-config")
                .arg(home.path().join("accounts.toml"))
                .arg("--assets")
                .arg(home.path())
                .env("HOME", home.path())
                .env("AWS_CONFIG_FILE", home.path().join("no-config"))
                .env(
                    "AWS_SHARED_CREDENTIALS_FILE",
                    home.path().join("no-credentials"),
                )
                .env("AWS_EC2_METADATA_DISABLED", "true")
                .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
                .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
                .env("RUST_LOG", "warn");
            // The server prints its URL once it listens; it does not call the emulator
            // (served by this process's runtime) before that.
            let (child, url) = serve(&mut command);
            Self { child, url }
        }

        /// SIGKILL: the process dies holding its leases.
        fn kill(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    impl Drop for Replica {
        fn drop(&mut self) {
            self.kill();
        }
    }

    /// The lead signed in; the session works on every replica of one database.
    struct Session {
        http: reqwest::Client,
        cookie: String,
        csrf: String,
    }

    impl Session {
        async fn sign_in(replica: &Replica) -> Self {
            let http = reqwest::Client::new();
            let answer = http
                .post(format!("{}/api/session", replica.url))
                .header("origin", &replica.url)
                .header("content-type", "application/json")
                .body(json!({"name": "lead", "password": PASSWORD}).to_string())
                .send()
                .await
                .expect("the server answers");
            assert_eq!(answer.status(), 200, "the lead signs in");
            let cookie = answer
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .filter_map(|v| v.split(';').next())
                .collect::<Vec<_>>()
                .join("; ");
            let body: Value =
                serde_json::from_slice(&answer.bytes().await.expect("the body reads"))
                    .expect("a JSON body");
            let csrf = body["csrf_token"].as_str().unwrap_or_default().to_owned();
            Self { http, cookie, csrf }
        }

        async fn send(
            &self,
            replica: &Replica,
            method: &str,
            path: &str,
            body: Option<&Value>,
        ) -> (u16, Value) {
            let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
            let mut request = self
                .http
                .request(method, format!("{}{path}", replica.url))
                .header("cookie", &self.cookie)
                .header("origin", &replica.url)
                .header("x-csrf-token", &self.csrf);
            if let Some(body) = body {
                request = request
                    .header("content-type", "application/json")
                    .body(body.to_string());
            }
            let answer = request.send().await.expect("the server answers");
            let status = answer.status().as_u16();
            let bytes = answer.bytes().await.expect("the body reads");
            (
                status,
                serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            )
        }

        /// Starts deleting the leaver on `replica`; the job's id.
        async fn delete(&self, replica: &Replica, domain: &str) -> i64 {
            let path = format!("/api/domains/{domain}/profiles/{LEAVER}");
            let (status, job) = self.send(replica, "DELETE", &path, None).await;
            assert!(status == 202 || status == 200, "{status} {job}");
            job["id"].as_i64().expect("a job id")
        }

        async fn job(&self, replica: &Replica, id: i64) -> Value {
            let (status, job) = self
                .send(replica, "GET", &format!("/api/jobs/{id}"), None)
                .await;
            assert_eq!(status, 200, "{job}");
            job
        }

        /// Waits until the job has sent an app delete.
        async fn wait_deleting(&self, replica: &Replica, id: i64) {
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                let job = self.job(replica, id).await;
                let sent = job["steps"].as_array().is_some_and(|steps| {
                    steps
                        .iter()
                        .any(|s| s["kind"] == "delete_app" && s["calls"].as_i64() > Some(0))
                });
                if sent {
                    return;
                }
                assert!(
                    Instant::now() < deadline,
                    "the deletes never started: {job:#}"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }

        /// Waits until the job is no longer running; the job.
        async fn finished(&self, replica: &Replica, id: i64) -> Value {
            let deadline = Instant::now() + Duration::from_secs(120);
            loop {
                let job = self.job(replica, id).await;
                if job["status"] != "running" {
                    return job;
                }
                assert!(Instant::now() < deadline, "still running: {job:#}");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }

        /// The replica's lease-takeover counter, from its Prometheus metrics.
        async fn takeovers(&self, replica: &Replica) -> f64 {
            let text = self
                .http
                .get(format!("{}/metrics", replica.url))
                .send()
                .await
                .expect("the server answers")
                .text()
                .await
                .expect("the metrics read");
            text.lines()
                .filter(|l| l.starts_with("studio_admin_job_lease_takeovers_total"))
                .filter_map(|l| l.split_whitespace().last()?.parse::<f64>().ok())
                .sum()
        }
    }
}
