//! The real `studio-admin` binary killed with SIGKILL in the middle of a delete job, then
//! started again on the same `--db` file: the job finishes, nothing is left behind, and no
//! step appears twice.

mod jobs_support;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use jobs_support::*;
use serde_json::Value;
use studio_admin_emulator::{Faults, RunningEmulator, Timings};
use studio_admin_model::{AppStatus, AppType, SharingType};

/// A running `studio-admin serve` and the URL it printed.
struct Proxy {
    child: Child,
    url: String,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary against the emulator with the job database `db`.
async fn start_proxy(emulator: &RunningEmulator, db: &Path, assets: &Path) -> Proxy {
    let mut child = Command::new(env!("CARGO_BIN_EXE_studio-admin"))
        .arg("serve")
        .arg("--no-auth")
        .args(["--listen", "127.0.0.1:0"])
        .arg("--db")
        .arg(db)
        .args(["--endpoint-url", &emulator.url()])
        .args(["--region", REGION])
        .arg("--assets")
        .arg(assets)
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_PROFILE")
        .env("AWS_CONFIG_FILE", assets.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            assets.join("no-aws-credentials"),
        )
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the studio-admin binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    // The binary prints `studio-admin serving http://127.0.0.1:PORT/` once it listens.
    let url = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let url = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| {
                line.strip_prefix("studio-admin serving ")
                    .map(str::to_owned)
            })
            .expect("the binary prints the URL it serves");
        // Keep draining, so the binary never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        url
    })
    .await
    .unwrap();
    Proxy {
        child,
        url: url.trim_end_matches('/').to_owned(),
    }
}

fn http() -> reqwest::Client {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    reqwest::Client::new()
}

async fn job(http: &reqwest::Client, proxy: &Proxy, id: i64) -> Value {
    let response = http
        .get(format!("{}/api/jobs/{id}", proxy.url))
        .send()
        .await
        .expect("the proxy answers");
    assert_eq!(response.status(), 200);
    serde_json::from_slice(&response.bytes().await.expect("the body reads"))
        .expect("the job is JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_killed_mid_job_finishes_the_job_when_started_again() {
    let timings = Timings {
        app_delete: Duration::from_secs(2),
        app_create: Duration::from_secs(3600),
        ..Timings::uniform(Duration::from_millis(500), Duration::from_secs(3600))
    };
    let emulator = emulator_with(timings, Faults::default()).await;
    let domain = domain(&emulator);
    profile(&emulator, &domain, ALICE);
    let alice = On::User(ALICE);
    app(
        &emulator,
        &domain,
        alice,
        AppType::JupyterServer,
        "default",
        AppStatus::InService,
    );
    app(
        &emulator,
        &domain,
        alice,
        AppType::KernelGateway,
        "k1",
        AppStatus::InService,
    );
    space(
        &emulator,
        &domain,
        "alice-private",
        ALICE,
        SharingType::Private,
    );
    let private = On::Space("alice-private");
    app(
        &emulator,
        &domain,
        private,
        AppType::JupyterLab,
        "default",
        AppStatus::InService,
    );
    let db = db_file();
    std::fs::write(db.dir.path().join("index.html"), "<!doctype html>").unwrap();
    for empty in ["no-aws-config", "no-aws-credentials"] {
        std::fs::write(db.dir.path().join(empty), "").unwrap();
    }
    let http = http();

    let first = start_proxy(&emulator, &db.path, db.dir.path()).await;
    let started = http
        .delete(format!(
            "{}/api/domains/{domain}/profiles/{ALICE}",
            first.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 202);
    let body: Value = serde_json::from_slice(&started.bytes().await.unwrap()).unwrap();
    let id = body["id"].as_i64().unwrap();
    // Kill it while AWS is deleting the apps: their deletes were sent, nothing is done.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let job = job(&http, &first, id).await;
        let sent = job["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == "delete_app" && s["phase"] == "wait")
            .count();
        if sent > 0 {
            assert_eq!(job["status"], "running", "killed mid-job: {job:#}");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the deletes never started: {job:#}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(first); // SIGKILL: no shutdown, no last write

    let second = start_proxy(&emulator, &db.path, db.dir.path()).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    let job = loop {
        let job = job(&http, &second, id).await;
        if job["status"] != "running" {
            break job;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the resumed job never finished: {job:#}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };

    assert_eq!(job["status"], "succeeded", "{job:#}");
    let client = client(&emulator);
    assert_eq!(
        leftovers(&client, &domain, ALICE).await,
        Leftovers::nothing()
    );
    let mut seen = HashSet::new();
    for step in job["steps"].as_array().unwrap() {
        let key = (
            step["round"].clone(),
            step["kind"].clone(),
            step["resource"].clone(),
        );
        assert!(seen.insert(key.clone()), "{key:?} appears twice: {job:#}");
        assert_eq!(step["status"], "done", "{step:#}");
    }
    let apps = job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "delete_app")
        .count();
    assert_eq!(apps, 3, "{job:#}");
}
