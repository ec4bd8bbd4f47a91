//! SigV4 at the front door: signed requests pass, everything else is refused as AWS
//! refuses it.

use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use studio_admin_emulator::{Emulator, EmulatorConfig};

use crate::support::{Client, Reply, Signing, send, signed_request};

async fn call_signed(client: &Client, body: &str, signing: &Signing) -> Reply {
    let request = signed_request("ListDomains", body, signing);
    send(&client.router, request.map(Body::from)).await
}

/// A correctly signed ListDomains, changed by `change` after signing, and its reply.
async fn tampered(client: &Client, change: impl FnOnce(&mut Request<String>)) -> Reply {
    let mut request = signed_request("ListDomains", "{}", &Signing::default());
    change(&mut request);
    send(&client.router, request.map(Body::from)).await
}

#[tokio::test]
async fn a_correctly_signed_request_is_served() {
    let client = Client::new();
    let reply = call_signed(&client, "{}", &Signing::default()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[tokio::test]
async fn a_request_signed_with_the_wrong_secret_is_refused_as_aws_refuses_it() {
    let client = Client::new();
    let signing = Signing {
        secret: "not-the-secret".to_owned(),
        ..Signing::default()
    };
    let reply = call_signed(&client, "{}", &signing).await;
    reply.expect_error("InvalidSignatureException");
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(
        reply.message().starts_with(
            "The request signature we calculated does not match the signature you provided."
        ),
        "{}",
        reply.message()
    );
}

#[tokio::test]
async fn a_body_changed_after_signing_is_refused() {
    let client = Client::new();
    let request = signed_request("ListDomains", r#"{"MaxResults": 5}"#, &Signing::default());
    let tampered = request.map(|_| Body::from(r#"{"MaxResults": 50}"#));
    let reply = send(&client.router, tampered).await;
    reply.expect_error("InvalidSignatureException");
}

#[tokio::test]
async fn a_signed_header_changed_after_signing_is_refused() {
    let client = Client::new();
    let reply = tampered(&client, |request| {
        let target = "SageMaker.ListUserProfiles".parse().unwrap();
        request.headers_mut().insert("x-amz-target", target);
    })
    .await;
    reply.expect_error("InvalidSignatureException");
}

#[tokio::test]
async fn an_unknown_access_key_is_an_unrecognized_client() {
    let client = Client::new();
    let signing = Signing {
        key_id: "AKIAUNKNOWNKEY000000".to_owned(),
        ..Signing::default()
    };
    let reply = call_signed(&client, "{}", &signing).await;
    reply.expect_error("UnrecognizedClientException");
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.message(),
        "The security token included in the request is invalid."
    );
}

#[tokio::test]
async fn a_request_signed_six_minutes_ago_has_an_expired_signature() {
    let client = Client::new();
    let signing = Signing {
        time: SystemTime::now() - Duration::from_secs(6 * 60),
        ..Signing::default()
    };
    let reply = call_signed(&client, "{}", &signing).await;
    reply.expect_error("InvalidSignatureException");
    assert!(
        reply.message().starts_with("Signature expired: "),
        "{}",
        reply.message()
    );
    assert!(
        reply.message().ends_with(" - 5 min.)"),
        "{}",
        reply.message()
    );
}

#[tokio::test]
async fn a_request_signed_six_minutes_ahead_is_not_yet_current() {
    let client = Client::new();
    let signing = Signing {
        time: SystemTime::now() + Duration::from_secs(6 * 60),
        ..Signing::default()
    };
    let reply = call_signed(&client, "{}", &signing).await;
    reply.expect_error("InvalidSignatureException");
    assert!(
        reply.message().starts_with("Signature not yet current: "),
        "{}",
        reply.message()
    );
}

#[tokio::test]
async fn a_clock_four_minutes_off_is_within_the_allowed_skew() {
    let client = Client::new();
    for offset in [-4i64 * 60, 4 * 60] {
        let time = if offset < 0 {
            SystemTime::now() - Duration::from_secs(offset.unsigned_abs())
        } else {
            SystemTime::now() + Duration::from_secs(offset.unsigned_abs())
        };
        let signing = Signing {
            time,
            ..Signing::default()
        };
        let reply = call_signed(&client, "{}", &signing).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "offset {offset}: {}",
            reply.body
        );
    }
}

#[tokio::test]
async fn a_request_signed_for_another_service_is_refused() {
    let client = Client::new();
    let signing = Signing {
        service: "s3".to_owned(),
        ..Signing::default()
    };
    let reply = call_signed(&client, "{}", &signing).await;
    reply.expect_error_saying(
        "InvalidSignatureException",
        "Credential should be scoped to correct service: 'sagemaker'",
    );
}

#[tokio::test]
async fn a_request_signed_for_another_region_is_refused() {
    let client = Client::new();
    let signing = Signing {
        region: "eu-west-1".to_owned(),
        ..Signing::default()
    };
    let reply = call_signed(&client, "{}", &signing).await;
    reply.expect_error_saying("InvalidSignatureException", "valid region");
}

#[tokio::test]
async fn a_request_without_authorization_is_refused() {
    let client = Client::new();
    let reply = tampered(&client, |request| {
        request.headers_mut().remove("authorization");
    })
    .await;
    reply.expect_error("MissingAuthenticationTokenException");
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_truncated_authorization_header_is_an_incomplete_signature() {
    let client = Client::new();
    let reply = tampered(&client, |request| {
        let auth = request.headers()["authorization"].to_str().unwrap();
        let cut = auth.split(", Signature=").next().unwrap().parse().unwrap();
        request.headers_mut().insert("authorization", cut);
    })
    .await;
    reply.expect_error_saying("IncompleteSignatureException", "'Signature'");
}

#[tokio::test]
async fn without_credentials_configured_any_well_formed_signature_is_accepted() {
    let client = Client::of(Emulator::new(EmulatorConfig::default()));
    let signing = Signing {
        key_id: "AKIAANYTHING".to_owned(),
        secret: "anything".to_owned(),
        ..Signing::default()
    };
    let reply = call_signed(&client, "{}", &signing).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let mut request = signed_request("ListDomains", "{}", &signing);
    request.headers_mut().remove("authorization");
    let reply = send(&client.router, request.map(Body::from)).await;
    reply.expect_error("MissingAuthenticationTokenException");
}

#[tokio::test]
async fn a_session_token_the_emulator_did_not_issue_is_refused() {
    let client = Client::new();
    let reply = tampered(&client, |request| {
        let token = "FwoGZXIvYXdzEXAMPLE".parse().unwrap();
        request.headers_mut().insert("x-amz-security-token", token);
    })
    .await;
    reply.expect_error("UnrecognizedClientException");
}
