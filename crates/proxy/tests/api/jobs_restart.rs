//! The real `studio-admin` binary killed with SIGKILL in the middle of a delete job, then
//! started again on the same `--db` file: the job finishes, nothing is left behind, and no
//! step appears twice.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use studio_admin_emulator::RunningEmulator;

use crate::helpers::binary::{Running, start, studio_admin};
use crate::helpers::jobs::{ALICE, assert_nothing_left, shared_client, slow_offboarding};
use crate::helpers::{ACCESS_KEY, SECRET_KEY, db_file, http};

/// Starts `studio-admin serve` against the emulator with the database `db` (and a short
/// lease, so that a killed process's jobs and batches are taken up again soon).
pub(crate) async fn start_proxy(emulator: &RunningEmulator, db: &Path, home: &Path) -> Running {
    let mut command = studio_admin(home);
    command
        .arg("serve")
        .arg("--no-auth")
        .args(["--listen", "127.0.0.1:0"])
        .arg("--db")
        .arg(db)
        // The killed process's lease runs out soon, so the next start takes its job.
        .args(["--job-lease-seconds", "2"])
        .args(["--endpoint-url", &emulator.url()])
        .args(["--region", "us-east-1"])
        .arg("--assets")
        .arg(home)
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    start(command, "studio-admin serving ").await
}

async fn job(http: &reqwest::Client, proxy: &Running, id: i64) -> Value {
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
    let (emulator, domain) =
        slow_offboarding(Duration::from_millis(500), Duration::from_secs(2)).await;
    let db = db_file();
    std::fs::write(db.dir.path().join("index.html"), "<!doctype html>").unwrap();
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
    let client = shared_client(&emulator);
    assert_nothing_left(&client, &domain, ALICE).await;
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
