//! The emulator over a real socket: spawned on port 0, called with signed requests by an
//! HTTP client, shut down gracefully.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use studio_admin_emulator::spawn;

use crate::support::{Signing, config, signed_request_to};

async fn post(host: &str, operation: &str, body: &str, signing: &Signing) -> (u16, Value) {
    let request =
        signed_request_to(host, operation, body, signing).map(|b| Full::new(Bytes::from(b)));
    let client = HttpClient::builder(TokioExecutor::new()).build_http();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn a_spawned_emulator_serves_signed_requests_and_refuses_wrong_ones() {
    let running = spawn(config(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let host = running.addr().to_string();
    assert_eq!(running.url(), format!("http://{host}"));

    let (status, body) = post(
        &host,
        "CreateDomain",
        r#"{"DomainName": "team", "AuthMode": "IAM", "DefaultUserSettings": {}}"#,
        &Signing::default(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post(&host, "ListDomains", "{}", &Signing::default()).await;
    assert_eq!(status, 200);
    assert_eq!(body["Domains"][0]["DomainName"], "team");

    let wrong = Signing {
        secret: "wrong".to_owned(),
        ..Signing::default()
    };
    let (status, body) = post(&host, "ListDomains", "{}", &wrong).await;
    assert_eq!(status, 403);
    assert_eq!(body["__type"], "InvalidSignatureException");

    running.shutdown().await.unwrap();
    assert!(
        tokio::net::TcpStream::connect(&host).await.is_err(),
        "nothing listens after shutdown"
    );
}

#[tokio::test]
async fn two_emulators_on_port_zero_get_different_ports() {
    let a = spawn(config(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let b = spawn(config(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    assert_ne!(a.addr(), b.addr());
}
