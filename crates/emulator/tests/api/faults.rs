//! Fault injection: throttling, internal failures, latency and per-operation delays.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use studio_admin_emulator::{CallOutcome, Emulator, EmulatorConfig, Faults};

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
    client.ok("ListDomains", json!({})).await;
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

#[tokio::test]
async fn a_lost_answer_reads_as_a_failure_although_the_change_took_effect_and_the_log_says_so() {
    let emulator = Emulator::new(config());
    let client = Client::of(emulator.clone());
    let domain = client.domain("team").await;
    emulator.lose_next_answers("CreateUserProfile", 1);
    let body = json!({"DomainId": domain, "UserProfileName": "alice"});
    let lost = client.call("CreateUserProfile", body.clone()).await;
    lost.expect_error("InternalFailure");
    assert_eq!(lost.status, StatusCode::INTERNAL_SERVER_ERROR);
    // The profile exists all the same: a blind retry is refused as a duplicate.
    let described = client
        .ok(
            "DescribeUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice"}),
        )
        .await;
    assert_eq!(described["UserProfileName"], "alice");
    client
        .fails("CreateUserProfile", body, "ResourceInUse")
        .await;

    let creates = emulator.calls_of("CreateUserProfile");
    let outcomes: Vec<_> = creates.iter().map(|c| c.outcome.clone()).collect();
    assert_eq!(
        outcomes,
        [
            CallOutcome::AnswerLost,
            CallOutcome::Error("ResourceInUse".to_owned())
        ]
    );
    assert_eq!(creates.iter().filter(|c| c.took_effect()).count(), 1);
    assert_eq!(creates[0].id("UserProfileName"), Some("alice"));
    assert_eq!(creates[0].id("DomainId"), Some(domain.as_str()));
}

#[tokio::test]
async fn reads_never_lose_their_answer_whatever_the_rate() {
    let emulator = Emulator::new(EmulatorConfig {
        faults: Faults {
            lost_answer_rate: 1.0,
            ..Faults::default()
        },
        ..config()
    });
    let client = Client::of(emulator.clone());
    client.ok("ListDomains", json!({})).await;
    let created = client
        .call(
            "CreateDomain",
            json!({"DomainName": "team", "AuthMode": "IAM", "DefaultUserSettings": {}}),
        )
        .await;
    created.expect_error("InternalFailure");
    assert_eq!(
        emulator
            .calls()
            .iter()
            .map(|c| (c.operation.as_str(), c.outcome.clone()))
            .collect::<Vec<_>>(),
        [
            ("ListDomains", CallOutcome::Ok),
            ("CreateDomain", CallOutcome::AnswerLost)
        ]
    );
}
