//! What an attacker and a bad day cost the running server, measured on the real binary
//! (`studio-admin serve --demo` with a database file):
//!
//! - 64 wrong passwords for one account sent at once: how many were checked (401; at
//!   most the account's limit of 5) and the server's peak memory meanwhile (each check is
//!   a ~19 MiB argon2id hash; the server caps how many run at once);
//! - 40 POSTs by nobody with a 60 KB `X-Request-Id` and a 50 KB body: the bytes the
//!   audit log stores per refused request;
//! - a graceful stop (SIGTERM) with 20 event streams open on a running delete job: how
//!   long until the process has exited (target: at most 10 s).
//!
//! Prints a table and writes `target/bench-results/hardening.json`.
//!
//! `cargo bench -p studio-admin-proxy --bench hardening`

#[path = "support/mod.rs"]
mod support;

fn main() {
    bench::main();
}

/// The benchmark itself.
mod bench {
    use std::path::Path;
    use std::process::{Child, Command};
    use std::time::{Duration, Instant};

    use serde_json::{Value, json};

    use crate::support::{Row, report, serve};

    /// The binary Cargo built for this benchmark.
    const BIN: &str = env!("CARGO_BIN_EXE_studio-admin");
    /// Guesses sent at once.
    const GUESSES: usize = 64;
    /// Refused requests of nobody.
    const STUFFED: usize = 40;
    /// Event streams open at the stop.
    const STREAMS: usize = 20;
    /// The most a graceful stop may take.
    const STOP_LIMIT: Duration = Duration::from_secs(10);

    pub fn main() {
        crate::support::block_on(bench());
    }

    async fn bench() {
        // reqwest is built without a default TLS provider; the proxy uses aws-lc-rs.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("studio-admin.db");
        let server = Server::start(dir.path(), &db);
        let http = reqwest::Client::new();
        let mut rows = Vec::new();

        // 1. Guesses at once.
        let before_kib = server.memory_kib("VmRSS");
        let guesses = (0..GUESSES).map(|i| {
            let (http, url) = (http.clone(), server.url.clone());
            async move {
                sign_in(&http, &url, "demo-lead", &format!("wrong {i}"))
                    .await
                    .status()
                    .as_u16()
            }
        });
        let statuses = futures_util::future::join_all(guesses).await;
        let checked = statuses.iter().filter(|s| **s == 401).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        let peak_kib = server.memory_kib("VmHWM");
        println!("{GUESSES} guesses: {checked} checked (401), {refused} refused (429)");
        rows.push(Row {
            name: format!("{GUESSES} parallel wrong passwords for one account: checked (401)"),
            value: checked as f64,
            unit: "answers".into(),
            target: Some("<= 5".into()),
            pass: Some(checked <= 5 && checked + refused == GUESSES),
        });
        rows.push(Row {
            name: "server memory before the guesses (RSS)".into(),
            value: before_kib as f64 / 1024.0,
            unit: "MiB".into(),
            target: None,
            pass: None,
        });
        rows.push(Row {
            name: "server peak memory during the guesses (VmHWM)".into(),
            value: peak_kib as f64 / 1024.0,
            unit: "MiB".into(),
            target: None,
            pass: None,
        });

        // 2. Refused requests of nobody, stuffed.
        let stuffed_id = "x".repeat(60 * 1024);
        let stuffed_body = json!({"UserProfileName": "a".repeat(50 * 1024)}).to_string();
        for _ in 0..STUFFED {
            let answer = http
                .post(format!(
                    "{}/api/domains/d-aaaaaaaaaaaa/profiles",
                    server.url
                ))
                .header("origin", &server.url)
                .header("content-type", "application/json")
                .header("x-request-id", &stuffed_id)
                .body(stuffed_body.clone())
                .send()
                .await
                .expect("the server answers");
            assert_eq!(answer.status(), 401);
        }
        let bytes = audit_bytes_of_creates(&db).await;
        let per_entry = bytes as f64 / STUFFED as f64;
        rows.push(Row {
            name: "audit bytes stored per refused request of nobody (60 KB request id)".into(),
            value: per_entry,
            unit: "bytes".into(),
            target: Some("<= 512".into()),
            pass: Some(per_entry <= 512.0),
        });

        // 3. A graceful stop with streams open.
        let admin = SignedIn::as_user(&http, &server.url, "demo-admin").await;
        let domain = admin.domain_with_apps().await;
        let job = admin.start_delete(&domain.0, &domain.1).await;
        // A session holds 8 streams: three sign-ins (three browsers) hold the 20.
        let mut watchers = vec![admin];
        for _ in 0..2 {
            watchers.push(SignedIn::as_user(&http, &server.url, "demo-admin").await);
        }
        let mut streams = Vec::new();
        for i in 0..STREAMS {
            let stream = watchers[i % watchers.len()]
                .get(&format!("/api/jobs/{job}/events"))
                .await;
            assert_eq!(stream.status(), 200);
            streams.push(stream);
        }
        let stopped = server.stop();
        rows.push(Row {
            name: format!("graceful stop with {STREAMS} event streams open"),
            value: stopped.as_secs_f64(),
            unit: "s".into(),
            target: Some(format!("<= {}", STOP_LIMIT.as_secs())),
            pass: Some(stopped <= STOP_LIMIT),
        });
        drop(streams);

        report("hardening", &rows, 70);
    }

    /// `POST /api/session` from the site's own origin.
    async fn sign_in(
        http: &reqwest::Client,
        url: &str,
        name: &str,
        password: &str,
    ) -> reqwest::Response {
        http.post(format!("{url}/api/session"))
            .header("origin", url)
            .header("content-type", "application/json")
            .body(json!({"name": name, "password": password}).to_string())
            .send()
            .await
            .expect("the server answers")
    }

    /// An answer's body as JSON.
    async fn json_of(answer: reqwest::Response) -> Value {
        let bytes = answer.bytes().await.expect("the body reads");
        serde_json::from_slice(&bytes).expect("a JSON body")
    }

    /// The bytes the audit log holds in its entries of refused creates (every column).
    async fn audit_bytes_of_creates(db: &Path) -> i64 {
        use sqlx::ConnectOptions as _;
        let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(db)
            .read_only(true)
            .connect()
            .await
            .expect("the database opens");
        sqlx::query_scalar(
            "SELECT SUM(8 + 8 + LENGTH(actor) + IFNULL(LENGTH(role), 0)
                        + IFNULL(LENGTH(source_ip), 0) + LENGTH(action)
                        + IFNULL(LENGTH(domain_id), 0) + IFNULL(LENGTH(target), 0)
                        + IFNULL(LENGTH(arn), 0) + IFNULL(LENGTH(summary), 0)
                        + LENGTH(outcome) + 8 + IFNULL(LENGTH(message), 0)
                        + IFNULL(LENGTH(request_id), 0))
             FROM audit WHERE action = 'profile.create'",
        )
        .fetch_one(&mut connection)
        .await
        .expect("the audit table reads")
    }

    /// A browser signed in to the server.
    struct SignedIn {
        http: reqwest::Client,
        url: String,
        cookie: String,
        csrf: String,
    }

    impl SignedIn {
        async fn as_user(http: &reqwest::Client, url: &str, name: &str) -> Self {
            let answer = sign_in(http, url, name, "demo").await;
            if answer.status() != 200 {
                let status = answer.status();
                let body = answer.text().await.unwrap_or_default();
                panic!("{name} cannot sign in: {status} {body}");
            }
            let cookie = answer
                .headers()
                .get("set-cookie")
                .and_then(|v| v.to_str().ok())
                .and_then(|c| c.split(';').next())
                .expect("a session cookie")
                .to_owned();
            let body = json_of(answer).await;
            Self {
                http: http.clone(),
                url: url.to_owned(),
                cookie,
                csrf: body["csrf_token"].as_str().unwrap_or_default().to_owned(),
            }
        }

        async fn get(&self, path: &str) -> reqwest::Response {
            self.http
                .get(format!("{}{path}", self.url))
                .header("cookie", &self.cookie)
                .send()
                .await
                .expect("the server answers")
        }

        /// A demo domain and a profile in it that has apps (so that its delete runs a
        /// while).
        async fn domain_with_apps(&self) -> (String, String) {
            let domains = json_of(self.get("/api/domains").await).await;
            for domain in domains["domains"].as_array().unwrap() {
                let id = domain["DomainId"].as_str().unwrap();
                let page = json_of(
                    self.get(&format!("/api/domains/{id}/profiles?limit=100"))
                        .await,
                )
                .await;
                for profile in page["profiles"].as_array().unwrap() {
                    let name = profile["UserProfileName"].as_str().unwrap();
                    let detail = json_of(
                        self.get(&format!("/api/domains/{id}/profiles/{name}"))
                            .await,
                    )
                    .await;
                    let live = detail["apps"]
                        .as_array()
                        .is_some_and(|apps| apps.iter().any(|a| a["Status"] == "InService"));
                    if live {
                        return (id.to_owned(), name.to_owned());
                    }
                }
            }
            panic!("the demo seed has a profile with a running app");
        }

        async fn start_delete(&self, domain: &str, name: &str) -> i64 {
            let answer = self
                .http
                .delete(format!("{}/api/domains/{domain}/profiles/{name}", self.url))
                .header("cookie", &self.cookie)
                .header("origin", &self.url)
                .header("x-csrf-token", &self.csrf)
                .send()
                .await
                .expect("the server answers");
            assert_eq!(answer.status(), 202);
            let job = json_of(answer).await;
            job["id"].as_i64().unwrap()
        }
    }

    /// `studio-admin serve --demo` on a free loopback port with a database file.
    struct Server {
        child: Child,
        url: String,
    }

    impl Server {
        fn start(home: &Path, db: &Path) -> Self {
            let (child, url) = serve(
                Command::new(BIN)
                    .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--db"])
                    .arg(db)
                    .env("HOME", home)
                    .env("RUST_LOG", "warn")
                    .env_remove("AWS_PROFILE"),
            );
            Self { child, url }
        }

        /// A line of `/proc/<pid>/status` in KiB (`VmRSS`, `VmHWM`).
        fn memory_kib(&self, field: &str) -> u64 {
            let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
                .expect("the process's status");
            status
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{field}:")))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .expect("a memory figure")
        }

        /// Sends SIGTERM and waits for the process to exit; how long that took.
        fn stop(mut self) -> Duration {
            let started = Instant::now();
            let _ = Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status();
            loop {
                if self.child.try_wait().ok().flatten().is_some() {
                    return started.elapsed();
                }
                if started.elapsed() > Duration::from_secs(60) {
                    let _ = self.child.kill();
                    return started.elapsed();
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
