//! The real server on a free port, over real HTTP, in front of the emulator with signature
//! verification on: what the browser sees end to end, and that a proxy signing wrongly is
//! refused.

use std::collections::BTreeSet;

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};
use studio_admin_emulator::RunningEmulator;

use crate::helpers::{
    ACCESS_KEY, SECRET_KEY, SpawnedApp, TestApp, client_with, http, seed_iam_domain, seed_profile,
    start_emulator,
};

/// The app on a socket in front of `emulator`, signing with the given keys.
async fn spawn_signing_with(
    emulator: RunningEmulator,
    access_key: &str,
    secret_key: &str,
) -> SpawnedApp {
    let client = client_with(&emulator.url(), access_key, secret_key);
    let app = TestApp::builder().emulator(emulator).client(client).build();
    app.spawn().await
}

async fn json_of(response: reqwest::Response) -> Value {
    let bytes = response.bytes().await.expect("body");
    serde_json::from_slice(&bytes).expect("JSON body")
}

#[tokio::test]
async fn the_server_lists_domains_over_http_through_the_verifying_emulator() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = TestApp::with_emulator(emulator).spawn().await;

    let response = app.get("/api/domains").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let body: Value = json_of(response).await;
    assert_eq!(body["domains"][0]["DomainId"], domain.as_str());
}

#[tokio::test]
async fn a_proxy_signing_with_the_wrong_secret_is_refused_with_403() {
    let emulator = start_emulator().await;
    seed_iam_domain(&emulator, "team");
    let app = spawn_signing_with(emulator, ACCESS_KEY, "a-wrong-secret-key").await;

    let response = app.get("/api/domains").await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body: Value = json_of(response).await;
    assert_eq!(body["code"], "InvalidSignatureException");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("signature we calculated does not match"),
        "{body}"
    );
}

#[tokio::test]
async fn a_proxy_with_an_unknown_access_key_is_refused_with_403() {
    let emulator = start_emulator().await;
    let app = spawn_signing_with(emulator, "AKIDUNKNOWNUNKNOWN00", SECRET_KEY).await;
    let response = app.get("/api/domains").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let body: Value = json_of(response).await;
    assert_eq!(body["code"], "UnrecognizedClientException");
}

#[tokio::test]
async fn a_profile_created_over_http_is_then_described_with_its_arn() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = TestApp::with_emulator(emulator).spawn().await;

    let created = app
        .post_json(
            &format!("/api/domains/{domain}/profiles"),
            &json!({"UserProfileName": "over-http"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let arn = json_of(created).await["UserProfileArn"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    let detail = json_of(
        app.get(&format!("/api/domains/{domain}/profiles/over-http"))
            .await,
    )
    .await;
    assert_eq!(detail["profile"]["UserProfileArn"], arn.as_str());
    assert_eq!(detail["profile"]["Status"], "InService");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_parallel_clients_listing_and_creating_lose_nothing() {
    const CLIENTS: usize = 200;
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    seed_profile(&emulator, &domain, "already-there", 100);
    let app = TestApp::with_emulator(emulator).spawn().await;

    let outcomes = join_all((0..CLIENTS).map(|i| {
        let app = &app;
        let domain = &domain;
        async move {
            let http = http();
            let created = http
                .post(format!("{}/api/domains/{domain}/profiles", app.address))
                .header("content-type", "application/json")
                .body(json!({"UserProfileName": format!("user-{i:03}")}).to_string())
                .send()
                .await
                .expect("create answered");
            let listed = http
                .get(format!(
                    "{}/api/domains/{domain}/profiles?limit=100",
                    app.address
                ))
                .send()
                .await
                .expect("list answered");
            (created.status(), listed.status())
        }
    }))
    .await;

    for (i, (created, listed)) in outcomes.iter().enumerate() {
        assert_eq!(*created, StatusCode::CREATED, "client {i} create");
        assert_eq!(*listed, StatusCode::OK, "client {i} list");
    }
    let mut names = BTreeSet::new();
    let mut next: Option<String> = None;
    loop {
        let mut path = format!("/api/domains/{domain}/profiles?limit=100");
        if let Some(token) = &next {
            path = format!(
                "{path}&next={}",
                token
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect::<String>()
            );
        }
        let page = json_of(app.get(&path).await).await;
        for p in page["profiles"].as_array().expect("profiles") {
            assert!(
                names.insert(p["UserProfileName"].as_str().unwrap_or_default().to_owned()),
                "listed twice: {p}"
            );
        }
        match page["next"].as_str() {
            Some(token) => next = Some(token.to_owned()),
            None => break,
        }
    }
    let expected: BTreeSet<String> = (0..CLIENTS)
        .map(|i| format!("user-{i:03}"))
        .chain(["already-there".to_owned()])
        .collect();
    assert_eq!(names, expected);
}
