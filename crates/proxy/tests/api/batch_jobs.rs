//! A team file applied in the panel as a durable batch on the server
//! (`/api/domains/{domain}/batches`): rows written before and after their calls, an audit
//! entry per batch and per row, results as CSV, live progress, cancel, retry of failed
//! rows, and a server killed with SIGKILL mid-batch that finishes it when started again
//! without creating any profile twice.

use std::time::Duration;

use serde_json::{Value, json};
use studio_admin_api::{BatchDetail, BatchStatus, RowStatus};
use studio_admin_emulator::{Faults, Timings};

use crate::batch_apply::creates_of;
use crate::batch_plan::{ROLE, seed_with_role};
use crate::helpers::binary::Running;
use crate::helpers::{
    Browser, TestApp, db_file, http, seed_iam_domain, seed_sso_domain, start_emulator,
    start_emulator_with, team_accounts,
};
use crate::jobs_restart::start_proxy;
use crate::sso_access::person;

/// A file of `count` new profiles `member-1`.. with [`ROLE`].
fn team_of(count: usize) -> String {
    let mut file = String::from("UserProfileName,UserSettings.ExecutionRole\n");
    for n in 1..=count {
        file.push_str(&format!("member-{n},{ROLE}\n"));
    }
    file
}

/// Starts a batch of `file` as `who`; its detail.
async fn start_batch(who: &Browser, domain: &str, file: &str) -> BatchDetail {
    let reply = who
        .post(
            &format!("/api/domains/{domain}/batches"),
            &json!({ "file": file }),
        )
        .await;
    assert_eq!(reply.status, 202, "{}", reply.text());
    serde_json::from_value(reply.json()).expect("a batch")
}

/// Reads the batch until it has finished.
async fn finished(who: &Browser, domain: &str, id: i64) -> BatchDetail {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let reply = who
            .get(&format!("/api/domains/{domain}/batches/{id}"))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        let detail: BatchDetail = serde_json::from_value(reply.json()).expect("a batch");
        if detail.batch.status.is_finished() {
            return detail;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the batch never finished: {detail:#?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn row<'a>(detail: &'a BatchDetail, name: &str) -> &'a studio_admin_api::BatchRow {
    detail
        .rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name} in {detail:#?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_creates_its_rows_audits_each_and_a_retry_finishes_the_failed_ones() {
    let emulator = start_emulator().await;
    let domain = seed_sso_domain(&emulator, "research");
    person(&emulator, "ada.lovelace");
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, "d-bbbbbbbbbbbb"))
        .build();
    let leo = Browser::sign_in(app.router(), "leo").await;
    // grace is not in the directory yet: her row fails before anything is sent for it.
    let file = "UserProfileName,SingleSignOnUserIdentifier,SingleSignOnUserValue\n\
                ada,UserName,ada.lovelace\n\
                grace,UserName,grace.hopper\n";
    let started = start_batch(&leo, &domain, file).await;
    assert_eq!(started.batch.created_by, "leo");
    assert_eq!(started.batch.counts.total, 2);

    let first = finished(&leo, &domain, started.batch.id).await;
    assert_eq!(first.batch.status, BatchStatus::Failed, "{first:#?}");
    let ada = row(&first, "ada");
    assert_eq!(
        (ada.status, ada.outcome.as_deref()),
        (RowStatus::Done, Some("created"))
    );
    assert!(
        ada.profile_arn
            .as_deref()
            .unwrap_or_default()
            .starts_with("arn:aws:sagemaker:")
    );
    assert_eq!(ada.access.as_deref(), Some("direct"), "{ada:?}");
    let grace = row(&first, "grace");
    assert_eq!(grace.status, RowStatus::Failed);
    assert!(
        grace
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("nobody with the user name grace.hopper"),
        "{grace:?}"
    );
    let emulator = app.emulator();
    assert_eq!(creates_of(emulator, "grace"), 0);

    // The results, a line per row, for the lead to keep.
    let csv = leo
        .get(&format!(
            "/api/domains/{domain}/batches/{}/results.csv",
            started.batch.id
        ))
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let text = csv.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "row,name,outcome,profile_arn,access,error");
    assert!(
        lines[1].starts_with("1,ada,created,arn:aws:sagemaker:") && lines[1].ends_with(",direct,"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("2,grace,failed,,,nobody with the user name"),
        "{text}"
    );

    // Once grace is in the directory, a retry runs her row only.
    person(emulator, "grace.hopper");
    let retry = leo
        .post(
            &format!("/api/domains/{domain}/batches/{}/retry", started.batch.id),
            &json!({}),
        )
        .await;
    assert_eq!(retry.status, 202, "{}", retry.text());
    let second = finished(&leo, &domain, started.batch.id).await;
    assert_eq!(second.batch.status, BatchStatus::Succeeded, "{second:#?}");
    assert_eq!(second.batch.attempt, 2);
    assert_eq!(row(&second, "grace").outcome.as_deref(), Some("created"));
    assert_eq!(creates_of(emulator, "ada"), 1);
    assert_eq!(creates_of(emulator, "grace"), 1);

    // One audit entry for the batch, one for each row that ended, one for the retry.
    let ada_admin = Browser::sign_in(app.router(), "ada").await;
    let audit = ada_admin.get("/api/audit?limit=100").await.json();
    let actions: Vec<(String, String, String)> = audit["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| {
            e["action"]
                .as_str()
                .unwrap_or_default()
                .starts_with("batch.")
        })
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (text("action"), text("target"), text("outcome"))
        })
        .collect();
    let batch = format!("batch {}", started.batch.id);
    for expected in [
        ("batch.apply".to_owned(), batch.clone(), "ok".to_owned()),
        ("batch.row".to_owned(), "ada".to_owned(), "ok".to_owned()),
        (
            "batch.row".to_owned(),
            "grace".to_owned(),
            "failed".to_owned(),
        ),
        ("batch.row".to_owned(), "grace".to_owned(), "ok".to_owned()),
        ("batch.retry".to_owned(), batch.clone(), "ok".to_owned()),
    ] {
        assert!(
            actions.contains(&expected),
            "{expected:?} missing from {actions:#?}"
        );
    }
    assert_eq!(actions.len(), 5, "{actions:#?}");

    // A finished batch's event stream sends it whole once and ends.
    let events = leo
        .get(&format!(
            "/api/domains/{domain}/batches/{}/events",
            started.batch.id
        ))
        .await;
    assert_eq!(events.status, 200);
    let text = events.text();
    assert_eq!(text.matches("event: batch").count(), 1, "{text}");
    assert!(text.contains("\"status\":\"succeeded\""), "{text}");
}

#[tokio::test]
async fn a_file_with_an_invalid_row_is_refused_at_its_row_and_nothing_is_stored() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, "d-bbbbbbbbbbbb"))
        .build();
    let leo = Browser::sign_in(app.router(), "leo").await;
    let file =
        format!("UserProfileName,UserSettings.ExecutionRole\nfine,{ROLE}\nbad_name!,{ROLE}\n");
    let reply = leo
        .post(
            &format!("/api/domains/{domain}/batches"),
            &json!({ "file": file }),
        )
        .await;
    assert_eq!(reply.status, 422, "{}", reply.text());
    let body = reply.json();
    let paths: Vec<&str> = body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|p| p["path"].as_str())
        .collect();
    assert!(paths.contains(&"row 2: UserProfileName"), "{body:#}");
    let listed = leo
        .get(&format!("/api/domains/{domain}/batches"))
        .await
        .json();
    assert_eq!(listed["batches"], json!([]));
    assert!(
        app.emulator()
            .emulator()
            .calls_of("CreateUserProfile")
            .is_empty()
    );
}

#[tokio::test]
async fn only_leads_of_the_domain_and_admins_run_batches_and_everyone_there_follows_them() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    seed_with_role(&emulator, &domain, "kept", ROLE);
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, "d-bbbbbbbbbbbb"))
        .build();
    // Only unchanged rows: the batch is done at once and sends nothing.
    let file = format!("UserProfileName,UserSettings.ExecutionRole\nkept,{ROLE}\n");
    for name in ["vera", "rita", "lou"] {
        let who = Browser::sign_in(app.router(), name).await;
        let reply = who
            .post(
                &format!("/api/domains/{domain}/batches"),
                &json!({ "file": file }),
            )
            .await;
        assert!(
            reply.status == 403 || reply.status == 404,
            "{name}: {}",
            reply.status
        );
    }
    let ada = Browser::sign_in(app.router(), "ada").await;
    let started = start_batch(&ada, &domain, &file).await;
    let vera = Browser::sign_in(app.router(), "vera").await;
    let done = finished(&vera, &domain, started.batch.id).await;
    assert_eq!(done.batch.status, BatchStatus::Succeeded);
    assert_eq!(row(&done, "kept").outcome.as_deref(), Some("unchanged"));
    let cancel = vera
        .post(
            &format!("/api/domains/{domain}/batches/{}/cancel", started.batch.id),
            &json!({}),
        )
        .await;
    assert_eq!(cancel.status, 403);
    // A batch of one domain is not found under another.
    let elsewhere = ada
        .get(&format!(
            "/api/domains/d-bbbbbbbbbbbb/batches/{}",
            started.batch.id
        ))
        .await;
    assert_eq!(elsewhere.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_leaves_rows_not_started_and_a_retry_runs_them_creating_nothing_twice() {
    let slow = Faults {
        latency: Duration::from_millis(150),
        ..Faults::default()
    };
    let emulator = start_emulator_with(Timings::default(), slow).await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, "d-bbbbbbbbbbbb"))
        .build();
    let leo = Browser::sign_in(app.router(), "leo").await;
    let started = start_batch(&leo, &domain, &team_of(40)).await;
    let id = started.batch.id;
    let cancel = leo
        .post(
            &format!("/api/domains/{domain}/batches/{id}/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(cancel.status, 202, "{}", cancel.text());
    let cancelled = finished(&leo, &domain, id).await;
    assert_eq!(
        cancelled.batch.status,
        BatchStatus::Cancelled,
        "{cancelled:#?}"
    );
    let counts = cancelled.batch.counts;
    assert!(counts.cancelled > 0, "{counts:?}");
    assert_eq!(counts.done + counts.cancelled, 40, "{counts:?}");
    // A finished batch cannot be cancelled again.
    let again = leo
        .post(
            &format!("/api/domains/{domain}/batches/{id}/cancel"),
            &json!({}),
        )
        .await;
    assert_eq!(again.status, 409);

    let retry = leo
        .post(
            &format!("/api/domains/{domain}/batches/{id}/retry"),
            &json!({}),
        )
        .await;
    assert_eq!(retry.status, 202, "{}", retry.text());
    let done = finished(&leo, &domain, id).await;
    assert_eq!(done.batch.status, BatchStatus::Succeeded, "{done:#?}");
    assert_eq!(done.batch.counts.done, 40);
    for n in 1..=40 {
        assert_eq!(
            creates_of(app.emulator(), &format!("member-{n}")),
            1,
            "member-{n}"
        );
    }
}

async fn read(http: &reqwest::Client, proxy: &Running, path: &str) -> Value {
    let response = http
        .get(format!("{}{path}", proxy.url))
        .send()
        .await
        .expect("the proxy answers");
    assert_eq!(response.status(), 200);
    serde_json::from_slice(&response.bytes().await.expect("the body reads")).expect("JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_batch_finishes_it_when_started_again_and_creates_nothing_twice() {
    // Some creates' answers are lost as well: those rows are settled by looking.
    let faults = Faults {
        latency: Duration::from_millis(100),
        lost_answer_rate: 0.1,
        ..Faults::default()
    };
    let emulator = start_emulator_with(Timings::default(), faults).await;
    let domain = seed_iam_domain(&emulator, "team");
    let db = db_file();
    std::fs::write(db.dir.path().join("index.html"), "<!doctype html>").unwrap();
    let http = http();
    let rows = 60;

    let first = start_proxy(&emulator, &db.path, db.dir.path()).await;
    let started = http
        .post(format!("{}/api/domains/{domain}/batches", first.url))
        .header("content-type", "application/json")
        .body(json!({ "file": team_of(rows) }).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 202);
    let body: Value = serde_json::from_slice(&started.bytes().await.unwrap()).unwrap();
    let id = body["batch"]["id"].as_i64().unwrap();
    let path = format!("/api/domains/{domain}/batches/{id}");
    // Killed once some rows are done and others are not.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let batch = read(&http, &first, &path).await;
        let done = batch["batch"]["counts"]["done"].as_u64().unwrap_or(0);
        if done >= 5 {
            assert_eq!(
                batch["batch"]["status"], "running",
                "killed mid-batch: {batch:#}"
            );
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no row finished: {batch:#}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(first); // SIGKILL: no shutdown, no last write

    let second = start_proxy(&emulator, &db.path, db.dir.path()).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    let batch = loop {
        let batch = read(&http, &second, &path).await;
        if batch["batch"]["status"] != "running" {
            break batch;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the batch never finished: {batch:#}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(batch["batch"]["status"], "succeeded", "{batch:#}");
    assert_eq!(batch["batch"]["counts"]["done"], rows, "{batch:#}");
    for n in 1..=rows {
        assert_eq!(
            creates_of(&emulator, &format!("member-{n}")),
            1,
            "member-{n}: {batch:#}"
        );
    }
}
