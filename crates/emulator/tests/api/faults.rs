//! Fault injection: throttling, internal failures, latency and per-operation delays.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use studio_admin_emulator::{Emulator, EmulatorConfig, Faults};

use crate::support::{Client, config};

fn with_faults(faults: Faults) -> Client {
    Client::of(Emulator::new(EmulatorConfig { faults, ..config() }))
}

#[tokio::test]
async fn a_throttle_rate_of_one_throttles_every_request() {
    let client = with_faults(Faults {
        throttle_rate: 1.0,
        ..Faults::default()
    });
    for _ in 0..5 {
        let reply = client.call("ListDomains", json!({})).await;
        reply.expect_error("ThrottlingException");
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(reply.message(), "Rate exceeded");
    }
}

#[tokio::test]
async fn a_failure_rate_of_one_fails_every_request_with_500() {
    let client = with_faults(Faults {
        internal_failure_rate: 1.0,
        ..Faults::default()
    });
    let reply = client.call("ListDomains", json!({})).await;
    reply.expect_error("InternalFailure");
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn a_throttle_rate_of_one_half_throttles_some_requests_but_not_all() {
    let client = with_faults(Faults {
        throttle_rate: 0.5,
        ..Faults::default()
    });
    let mut throttled = 0;
    for _ in 0..200 {
        if client.call("ListDomains", json!({})).await.code() == "ThrottlingException" {
            throttled += 1;
        }
    }
    // 200 draws at p = 0.5: outside 50..150 has a probability far below one in a billion.
    assert!(
        (50..150).contains(&throttled),
        "{throttled} of 200 throttled"
    );
}

#[tokio::test]
async fn faults_come_after_the_signature_check() {
    let client = with_faults(Faults {
        throttle_rate: 1.0,
        ..Faults::default()
    });
    let signing = crate::support::Signing {
        secret: "wrong".to_owned(),
        ..Default::default()
    };
    let request = crate::support::signed_request("ListDomains", "{}", &signing);
    let reply = crate::support::send(&client.router, request.map(axum::body::Body::from)).await;
    reply.expect_error("InvalidSignatureException");
}

#[tokio::test(start_paused = true)]
async fn latency_and_operation_delays_hold_requests_back() {
    let client = with_faults(Faults {
        latency: Duration::from_millis(100),
        operation_delays: [("CreateDomain".to_owned(), Duration::from_secs(2))].into(),
        ..Faults::default()
    });
    let start = tokio::time::Instant::now();
    client.call("ListDomains", json!({})).await.ok();
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(100) && waited < Duration::from_millis(110),
        "{waited:?}"
    );
    let start = tokio::time::Instant::now();
    client.domain("team").await;
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(2100) && waited < Duration::from_millis(2110),
        "{waited:?}"
    );
}
