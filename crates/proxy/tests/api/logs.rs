//! What the logs say: one structured line per request with its id, and never a secret.
//!
//! Each test listens on its own thread while other tests run without listening
//! ([`listen`] says how no line is missed).

use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, SageMakerClient};

use crate::helpers::logs::{Capture, listen};
use crate::helpers::{ACCESS_KEY, SECRET_KEY, Scripted, TestApp, aws_error, fast_retries, ok};

#[tokio::test]
async fn no_secret_key_session_token_or_signature_ever_reaches_the_logs() {
    const TOKEN: &str = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = listen(subscriber);

    let scripted = Scripted::start(|_, n| match n {
        0 => aws_error(400, "ThrottlingException", "slow down"),
        1 => ok(json!({"Domains": []})),
        _ => aws_error(
            400,
            "UnrecognizedClientException",
            &format!("The security token {TOKEN} included in the request is invalid"),
        ),
    })
    .await;
    let credentials =
        Credentials::new(ACCESS_KEY, SECRET_KEY, Some(TOKEN.to_owned()), None, "test");
    let mut config = ClientConfig::new(&scripted.url, "us-east-1");
    config.retry = fast_retries();
    let client = SageMakerClient::new(
        config,
        CredentialsCache::new(SharedCredentialsProvider::new(credentials)),
    )
    .expect("client builds");
    let app = TestApp::builder().scripted(scripted).client(client).build();
    let first = app.get("/api/domains").await;
    let second = app.get("/api/domains").await;
    assert_eq!(first.status, 200);
    assert_eq!(second.status, 403);
    assert!(!second.text().contains(TOKEN), "{}", second.text());

    let logs = capture.text();
    assert!(
        logs.contains("retrying sagemaker call"),
        "the logs were captured"
    );
    let signatures: Vec<String> = app
        .scripted()
        .calls()
        .iter()
        .filter_map(|c| c.headers.get("authorization")?.to_str().ok())
        .filter_map(|a| a.rsplit("Signature=").next().map(str::to_owned))
        .collect();
    assert_eq!(signatures.len(), 3);
    for secret in [SECRET_KEY, TOKEN]
        .into_iter()
        .chain(signatures.iter().map(String::as_str))
    {
        assert!(!logs.contains(secret), "{secret} leaked into the logs");
    }
}

#[tokio::test]
async fn each_request_is_logged_as_one_json_line_with_its_request_id_method_path_and_status() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = listen(subscriber);
    let scripted = Scripted::start(|_, _| ok(json!({"Domains": []}))).await;
    let app = TestApp::with_scripted(scripted);

    let reply = app
        .send(
            Request::get("/api/domains")
                .header("x-request-id", "trace-me-7")
                .body(Body::empty())
                .expect("valid request"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);

    let logs = capture.text();
    let line = logs
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|l| l["fields"]["message"] == "finished processing request")
        .unwrap_or_else(|| panic!("a response line in:\n{logs}"));
    assert_eq!(line["span"]["request_id"], "trace-me-7");
    assert_eq!(line["span"]["method"], "GET");
    assert_eq!(line["span"]["path"], "/api/domains");
    assert_eq!(line["fields"]["status"], 200);
}
