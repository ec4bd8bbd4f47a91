//! Two `studio-admin serve` processes on one PostgreSQL and one SageMaker (the emulator),
//! as behind a load balancer: a job runs once, on one replica, and everything about it
//! is seen and obeyed on both; a replica killed or paused mid-job is taken over within
//! its lease; sign-in lock-outs count on both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use studio_admin_emulator::RunningEmulator;
use studio_admin_proxy::store::DbTarget;
use tokio::time::Instant;

use crate::helpers::binary::{Running, start, studio_admin};
use crate::helpers::jobs::{ALICE, slow_offboarding};
use crate::helpers::postgres::fresh_database;
use crate::helpers::{ACCESS_KEY, SECRET_KEY, http};

/// The lease the replicas run with: short, so takeovers happen within a test.
const LEASE: Duration = Duration::from_secs(2);

/// The password of the accounts file's `lead`.
const PASSWORD: &str = "correct horse battery staple";

/// Two replicas on one database.
struct Pair {
    a: Running,
    b: Running,
    _home: tempfile::TempDir,
}

/// Starts two replicas on a fresh PostgreSQL database, against the emulator.
async fn replicas(emulator: &RunningEmulator) -> Pair {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("index.html"), "<!doctype html>").unwrap();
    let accounts = home.path().join("accounts.toml");
    std::fs::write(
        &accounts,
        format!(
            "[[users]]\nname = \"lead\"\npassword_hash = \"{}\"\nrole = \"admin\"\ndomains = [\"*\"]\n",
            studio_admin_proxy::auth::password::hash(PASSWORD)
        ),
    )
    .unwrap();
    let DbTarget::Postgres(url) = fresh_database().await else {
        unreachable!("a PostgreSQL database")
    };
    let a = replica(emulator, &url, home.path(), &accounts).await;
    let b = replica(emulator, &url, home.path(), &accounts).await;
    Pair { a, b, _home: home }
}

async fn replica(emulator: &RunningEmulator, db: &str, home: &Path, accounts: &Path) -> Running {
    let mut command = studio_admin(home);
    command
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(["--db", db])
        .args(["--job-lease-seconds", &LEASE.as_secs().to_string()])
        .args(["--endpoint-url", &emulator.url()])
        .args(["--region", "us-east-1"])
        .arg("--auth-config")
        .arg(accounts)
        .arg("--assets")
        .arg(home)
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    start(command, "studio-admin serving ").await
}

/// A signed-in client of one replica: its session cookie and CSRF token work on both
/// (sessions live in the shared database).
struct Session {
    http: reqwest::Client,
    cookie: String,
    csrf: String,
}

async fn sign_in(replica: &Running) -> Session {
    let http = http();
    let response = http
        .post(format!("{}/api/session", replica.url))
        .header("origin", &replica.url)
        .header("content-type", "application/json")
        .body(json!({"name": "lead", "password": PASSWORD}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "the lead signs in");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    let csrf = body["csrf_token"].as_str().unwrap_or_default().to_owned();
    Session { http, cookie, csrf }
}

impl Session {
    async fn send(&self, replica: &Running, method: reqwest::Method, path: &str) -> (u16, Value) {
        let response = self
            .http
            .request(method, format!("{}{path}", replica.url))
            .header("cookie", &self.cookie)
            .header("origin", &replica.url)
            .header("x-csrf-token", &self.csrf)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.bytes().await.unwrap();
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    async fn job(&self, replica: &Running, id: i64) -> Value {
        let (status, job) = self
            .send(replica, reqwest::Method::GET, &format!("/api/jobs/{id}"))
            .await;
        assert_eq!(status, 200, "{job}");
        job
    }

    /// Starts deleting Alice on `replica`; the job's id.
    async fn delete_alice(&self, replica: &Running, domain: &str) -> i64 {
        let (status, job) = self
            .send(
                replica,
                reqwest::Method::DELETE,
                &format!("/api/domains/{domain}/profiles/{ALICE}"),
            )
            .await;
        assert!(status == 202 || status == 200, "{status} {job}");
        job["id"].as_i64().unwrap()
    }

    /// Waits until the job is no longer running (read from `replica`).
    async fn finished(&self, replica: &Running, id: i64, within: Duration) -> Value {
        let deadline = Instant::now() + within;
        loop {
            let job = self.job(replica, id).await;
            if job["status"] != "running" {
                return job;
            }
            assert!(
                Instant::now() < deadline,
                "still running after {within:?}: {job:#}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until some app delete of the job was sent (read from `replica`).
    async fn deleting(&self, replica: &Running, id: i64) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let job = self.job(replica, id).await;
            let sent = steps(&job)
                .iter()
                .any(|s| s["kind"] == "delete_app" && s["calls"].as_i64() > Some(0));
            if sent {
                assert_eq!(job["status"], "running", "{job:#}");
                return job;
            }
            assert!(
                Instant::now() < deadline,
                "the deletes never started: {job:#}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn steps(job: &Value) -> Vec<Value> {
    job["steps"].as_array().cloned().unwrap_or_default()
}

/// Alice with two apps, a private space with an app; app deletes take a while.
async fn offboarding() -> (RunningEmulator, String) {
    slow_offboarding(Duration::from_millis(300), Duration::from_millis(2500)).await
}

/// Delete requests SageMaker received, per resource.
fn deletes_per_resource(emulator: &RunningEmulator) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for operation in ["DeleteApp", "DeleteSpace", "DeleteUserProfile"] {
        for call in emulator.emulator().calls_of(operation) {
            let key = format!("{operation} {:?}", call.ids);
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_on_one_replica_sees_every_step_of_a_job_the_other_runs() {
    let (emulator, domain) = offboarding().await;
    let pair = replicas(&emulator).await;
    let lead = sign_in(&pair.a).await;
    let id = lead.delete_alice(&pair.a, &domain).await;

    // The stream is read from B while A runs the job.
    let mut stream = lead
        .http
        .get(format!("{}/api/jobs/{id}/events", pair.b.url))
        .header("cookie", &lead.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut last = Value::Null;
    let mut buffer = String::new();
    let ended = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(chunk) = stream.chunk().await.unwrap() {
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let event: String = buffer.drain(..end + 2).collect();
                let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) else {
                    continue;
                };
                let Ok(value) = serde_json::from_str::<Value>(data.trim()) else {
                    continue;
                };
                let step_list = if value["steps"].is_array() {
                    last = value.clone();
                    steps(&value)
                } else if value["kind"].is_string() {
                    vec![value.clone()]
                } else {
                    Vec::new()
                };
                for step in step_list {
                    seen.entry(step["resource"].as_str().unwrap_or_default().to_owned())
                        .or_default()
                        .insert(step["status"].as_str().unwrap_or_default().to_owned());
                }
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream on B ends when the job ends");
    let job = lead.job(&pair.b, id).await;
    assert_eq!(job["status"], "succeeded", "{job:#}");
    assert_eq!(
        last["status"], "succeeded",
        "the stream's last snapshot is the end"
    );
    for step in steps(&job) {
        let resource = step["resource"].as_str().unwrap();
        let statuses = seen
            .get(resource)
            .unwrap_or_else(|| panic!("B's stream never showed {resource}"));
        assert!(
            statuses.contains("done"),
            "B's stream saw {resource} only as {statuses:?}"
        );
    }
    assert!(
        seen.values().any(|s| s.contains("running")),
        "B saw steps while they ran: {seen:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_mid_job_has_its_job_finished_by_the_other_within_the_lease() {
    let (emulator, domain) = offboarding().await;
    let mut pair = replicas(&emulator).await;
    let lead = sign_in(&pair.b).await;
    let id = lead.delete_alice(&pair.a, &domain).await;
    let at_kill = lead.deleting(&pair.b, id).await;
    pair.a.child.kill().unwrap();
    let killed_at = Instant::now();
    let in_flight = steps(&at_kill)
        .iter()
        .filter(|s| s["status"] == "running")
        .count();

    // B takes over within the lease (and its renewal tick) and finishes.
    let job = lead.finished(&pair.b, id, Duration::from_secs(60)).await;
    assert_eq!(job["status"], "succeeded", "{job:#}");
    let took = killed_at.elapsed();
    assert!(
        took < Duration::from_secs(40),
        "finished {took:?} after the kill"
    );
    // No delete was sent twice, but for the ones in flight at the kill.
    let counts = deletes_per_resource(&emulator);
    let repeated: usize = counts.values().map(|n| n.saturating_sub(1)).sum();
    assert!(
        repeated <= in_flight,
        "{repeated} repeated deletes, {in_flight} in flight: {counts:#?}"
    );
    assert!(counts.values().all(|n| *n <= 2), "{counts:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_sent_to_one_replica_stops_the_runner_on_the_other() {
    let (emulator, domain) = offboarding().await;
    let pair = replicas(&emulator).await;
    let lead = sign_in(&pair.a).await;
    let id = lead.delete_alice(&pair.a, &domain).await;
    lead.deleting(&pair.a, id).await;
    let (status, _) = lead
        .send(
            &pair.b,
            reqwest::Method::POST,
            &format!("/api/jobs/{id}/cancel"),
        )
        .await;
    assert_eq!(
        status, 202,
        "the cancel is accepted on the replica not running the job"
    );

    let job = lead.finished(&pair.b, id, Duration::from_secs(15)).await;
    assert_eq!(job["status"], "cancelled", "{job:#}");
    let profile = steps(&job)
        .into_iter()
        .find(|s| s["kind"] == "delete_profile")
        .unwrap();
    assert_eq!(
        profile["calls"], 0,
        "the profile's delete was never sent: {job:#}"
    );
    // Past two leases nothing has reopened it, and SageMaker got no profile delete.
    tokio::time::sleep(LEASE * 2).await;
    assert_eq!(lead.job(&pair.a, id).await["status"], "cancelled");
    assert!(emulator.emulator().calls_of("DeleteUserProfile").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_parallel_deletes_of_one_profile_over_both_replicas_make_one_job() {
    let (emulator, domain) = offboarding().await;
    let pair = replicas(&emulator).await;
    let lead = sign_in(&pair.a).await;
    let lead = &lead;
    let (a, b, domain) = (&pair.a, &pair.b, domain.as_str());
    let ids = futures_util::future::join_all((0..100).map(|n| async move {
        let replica = if n % 2 == 0 { a } else { b };
        lead.delete_alice(replica, domain).await
    }))
    .await;
    let distinct: BTreeSet<i64> = ids.into_iter().collect();
    assert_eq!(distinct.len(), 1, "{distinct:?}");
    let id = *distinct.first().unwrap();
    let job = lead.finished(&pair.b, id, Duration::from_secs(60)).await;
    assert_eq!(job["status"], "succeeded", "{job:#}");
    assert_eq!(emulator.emulator().calls_of("DeleteUserProfile").len(), 1);
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_paused_past_its_lease_cannot_write_when_it_wakes() {
    let (emulator, domain) = offboarding().await;
    let pair = replicas(&emulator).await;
    let lead = sign_in(&pair.b).await;
    let id = lead.delete_alice(&pair.a, &domain).await;
    lead.deleting(&pair.b, id).await;
    let pid = pair.a.child.id().to_string();
    let signal = |name: &str| {
        let status = std::process::Command::new("kill")
            .args([name, &pid])
            .status()
            .unwrap();
        assert!(status.success());
    };
    signal("-STOP");
    // B takes the job over once A's lease runs out, and finishes it.
    let job = lead.finished(&pair.b, id, Duration::from_secs(60)).await;
    assert_eq!(job["status"], "succeeded", "{job:#}");
    signal("-CONT");
    // A wakes with a runner that still thinks it holds the job: its writes are refused.
    tokio::time::sleep(LEASE * 2).await;
    let after = lead.job(&pair.b, id).await;
    assert_eq!(after, job, "nothing A wrote after waking landed");
    let counts = deletes_per_resource(&emulator);
    assert!(counts.values().all(|n| *n <= 2), "{counts:#?}");
    // A serves again and sees the job as B left it.
    assert_eq!(lead.job(&pair.a, id).await, job);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_failed_sign_ins_spread_over_both_replicas_lock_the_account_on_both() {
    let (emulator, _) = offboarding().await;
    let pair = replicas(&emulator).await;
    let http = http();
    let attempt = |replica: &Running, password: &str| {
        let request = http
            .post(format!("{}/api/session", replica.url))
            .header("origin", &replica.url)
            .header("content-type", "application/json")
            .body(json!({"name": "lead", "password": password}).to_string());
        async move { request.send().await.unwrap().status().as_u16() }
    };
    for n in 0..5 {
        let replica = if n % 2 == 0 { &pair.a } else { &pair.b };
        assert_eq!(attempt(replica, "wrong").await, 401, "attempt {n}");
    }
    // Locked on both, even with the right password.
    assert_eq!(attempt(&pair.a, PASSWORD).await, 429);
    assert_eq!(attempt(&pair.b, PASSWORD).await, 429);
}
