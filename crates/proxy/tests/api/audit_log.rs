//! The audit log: one entry for every sign-in, sign-out and change, also when refused,
//! with who, what and the outcome, never a password, cookie, CSRF token or presigned URL;
//! filters, paging and the CSV and JSON exports.

use std::collections::BTreeSet;
use std::time::Duration;

use axum::http::Method;
use serde_json::{Value, json};
use studio_admin_proxy::auth::Clock;

use crate::helpers::{
    Browser, PASSWORD, TestApp, seed_iam_domain, seed_profile, sign_in, start_emulator,
};

/// Every entry, newest first, as the admin reads them.
async fn entries(admin: &Browser, query: &str) -> Vec<Value> {
    let reply = admin.get(&format!("/api/audit?limit=500{query}")).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()["entries"].as_array().expect("entries").clone()
}

#[tokio::test]
async fn every_change_is_recorded_with_its_outcome_and_never_a_secret() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    for name in ["leo", "doomed", "someone"] {
        seed_profile(&emulator, &domain, name, 100);
    }
    let app = TestApp::for_team_of(emulator, &domain, &Clock::system());
    assert_eq!(
        sign_in(app.router(), "leo", "wrong password").await.status,
        401
    );
    let leo = Browser::sign_in(app.router(), "leo").await;
    let ada = Browser::sign_in(app.router(), "ada").await;
    let rita = Browser::sign_in(app.router(), "rita").await;
    let vera = Browser::sign_in(app.router(), "vera").await;
    let profiles = format!("/api/domains/{domain}/profiles");

    let created = leo
        .post(&profiles, &json!({"UserProfileName": "newbie"}))
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let updated = leo
        .send(Method::PUT, &format!("{profiles}/newbie"), Some(&json!({})))
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text());
    let url = leo
        .post(&format!("{profiles}/leo/presigned-url"), &json!({}))
        .await;
    assert_eq!(url.status, 200, "{}", url.text());
    let presigned = url.json()["AuthorizedUrl"]
        .as_str()
        .expect("a URL")
        .to_owned();
    let job = leo.start_delete(&domain, "doomed").await;
    leo.send(Method::POST, &format!("/api/jobs/{job}/cancel"), None)
        .await;
    leo.send(Method::POST, &format!("/api/jobs/{job}/retry"), None)
        .await;
    let policy = leo
        .send(
            Method::PUT,
            &format!("/api/domains/{domain}/policy"),
            Some(&json!({"fixed": {}})),
        )
        .await;
    assert_eq!(policy.status, 200);
    let own = json!({"DomainId": domain, "UserProfileName": "rita"});
    let first = rita.post("/api/requests", &own).await;
    let first = first.json()["id"].clone();
    leo.send(Method::PUT, &format!("/api/requests/{first}"), Some(&own))
        .await;
    leo.post(
        &format!("/api/requests/{first}/reject"),
        &json!({"reason": "ask again"}),
    )
    .await;
    let second = rita.post("/api/requests", &own).await;
    let second = second.json()["id"].clone();
    let approved = ada
        .send(
            Method::POST,
            &format!("/api/requests/{second}/approve"),
            None,
        )
        .await;
    assert_eq!(approved.status, 200, "{}", approved.text());
    let refused = vera
        .post(&profiles, &json!({"UserProfileName": "sneaky"}))
        .await;
    assert_eq!(refused.status, 403);
    let no_token = leo.without_token();
    let csrf = no_token
        .send(Method::DELETE, &format!("{profiles}/someone"), None)
        .await;
    assert_eq!(csrf.status, 403);
    let out = leo.send(Method::DELETE, "/api/session", None).await;
    assert_eq!(out.status, 204);

    let all = entries(&ada, "").await;
    let actions: BTreeSet<&str> = all.iter().map(|e| e["action"].as_str().unwrap()).collect();
    let expected: BTreeSet<&str> = [
        "session.sign_in",
        "session.sign_out",
        "profile.create",
        "profile.update",
        "profile.delete",
        "job.cancel",
        "job.retry",
        "profile.presigned_url",
        "request.submit",
        "request.update",
        "request.approve",
        "request.reject",
        "policy.update",
    ]
    .into();
    assert_eq!(actions, expected);
    // 5 sign-ins, 7 changes to profiles, jobs and the policy, 5 to requests, 2 refusals
    // and the sign-out; reads are not changes: nothing else was recorded.
    assert_eq!(all.len(), 20, "{all:#?}");

    let find = |action: &str, outcome: &str| -> Value {
        all.iter()
            .find(|e| e["action"] == action && e["outcome"] == outcome)
            .unwrap_or_else(|| panic!("{action} {outcome} in {all:#?}"))
            .clone()
    };
    let create = find("profile.create", "ok");
    assert_eq!(create["actor"], "leo");
    assert_eq!(create["role"], "lead");
    assert_eq!(create["domain_id"], domain.as_str());
    assert_eq!(create["target"], "newbie");
    assert_eq!(create["status"], 201);
    assert_eq!(create["source_ip"], "192.0.2.10");
    assert!(
        create["arn"]
            .as_str()
            .is_some_and(|a| a.ends_with("/newbie"))
    );
    assert_eq!(create["summary"]["UserProfileName"], "newbie");
    assert!(create["request_id"].is_string());

    let failed_sign_in = find("session.sign_in", "refused");
    assert_eq!(failed_sign_in["actor"], "leo");
    assert_eq!(failed_sign_in["status"], 401);
    assert_eq!(failed_sign_in["message"], "name or password is wrong");

    let by_viewer = find("profile.create", "refused");
    assert_eq!(
        (by_viewer["actor"].as_str(), by_viewer["status"].as_u64()),
        (Some("vera"), Some(403))
    );
    let by_csrf = find("profile.delete", "refused");
    assert_eq!(by_csrf["target"], "someone");
    let approve = find("request.approve", "ok");
    assert_eq!(approve["actor"], "ada");
    assert!(
        approve["arn"]
            .as_str()
            .is_some_and(|a| a.ends_with("/rita"))
    );
    // The job may have finished before the cancel (409): its domain is known either way.
    let cancel = all
        .iter()
        .find(|e| e["action"] == "job.cancel")
        .expect("a cancel");
    assert_eq!(cancel["domain_id"], domain.as_str());
    assert_eq!(cancel["summary"]["profile"], "doomed");

    let export_json = ada.get("/api/audit/export?format=json").await.text();
    let export_csv = ada.get("/api/audit/export?format=csv").await.text();
    let cookie_value = leo.cookie.as_deref().unwrap().split('=').nth(1).unwrap();
    for secret in [
        PASSWORD,
        "wrong password",
        cookie_value,
        leo.csrf.as_deref().unwrap(),
        presigned.as_str(),
    ] {
        assert!(!export_json.contains(secret), "{secret} in the JSON export");
        assert!(!export_csv.contains(secret), "{secret} in the CSV export");
    }
}

#[tokio::test]
async fn the_log_filters_pages_and_exports_as_csv_and_json() {
    let emulator = start_emulator().await;
    let clock = Clock::manual(1_700_000_000_000);
    let app = TestApp::for_team(emulator, &clock);
    for name in ["leo", "vera", "leo"] {
        assert_eq!(
            sign_in(app.router(), name, "nope, \"quoted\"").await.status,
            401
        );
        clock.advance(Duration::from_secs(60));
    }
    let ada = Browser::sign_in(app.router(), "ada").await;

    let leo_only = entries(&ada, "&actor=LEO").await;
    assert_eq!(leo_only.len(), 2);
    let refused = entries(&ada, "&outcome=refused&action=session.sign_in").await;
    assert_eq!(refused.len(), 3);
    let since = 1_700_000_000_000_i64 + 60_000;
    let window = entries(&ada, &format!("&since={since}&until={}", since + 60_000)).await;
    assert_eq!(window.len(), 1);
    assert_eq!(window[0]["actor"], "vera");

    let page = ada.get("/api/audit?limit=3").await.json();
    assert_eq!(page["entries"].as_array().map(Vec::len), Some(3));
    assert_eq!(page["entries"][0]["actor"], "ada", "newest first");
    let next = page["next"].as_i64().expect("another page");
    let rest = ada
        .get(&format!("/api/audit?limit=3&before={next}"))
        .await
        .json();
    assert_eq!(rest["entries"].as_array().map(Vec::len), Some(1));
    assert!(rest.get("next").is_none());
    assert_eq!(ada.get("/api/audit?limit=0").await.status, 400);

    let csv = ada.get("/api/audit/export?format=csv&actor=vera").await;
    assert_eq!(csv.status, 200);
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"studio-admin-audit.csv\"")
    );
    assert!(
        csv.header("content-type")
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let text = csv.text();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "id,at,actor,role,source_ip,action,domain_id,target,arn,summary,outcome,status,message,request_id"
        )
    );
    let row = lines.next().expect("vera's entry");
    assert!(row.contains(",vera,,192.0.2.10,session.sign_in,"), "{row}");
    assert!(
        row.contains(",refused,401,name or password is wrong,"),
        "{row}"
    );
    assert_eq!(lines.next(), Some(""), "one row and a final line end");

    let json = ada.get("/api/audit/export?format=json").await;
    assert_eq!(
        json.header("content-disposition"),
        Some("attachment; filename=\"studio-admin-audit.json\"")
    );
    assert_eq!(json.json()["entries"].as_array().map(Vec::len), Some(4));
    assert_eq!(ada.get("/api/audit/export?format=xml").await.status, 400);
}
