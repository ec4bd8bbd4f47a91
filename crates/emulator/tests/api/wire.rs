//! The awsJson1.1 protocol: targets, content types, error shapes, request ids.

use axum::body::Body;
use axum::http::StatusCode;
use serde_json::json;

use crate::support::{Client, Signing, send, signed_request};

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let client = Client::new();
    let ok = client.call("ListDomains", json!({})).await;
    let err = client
        .call("DescribeDomain", json!({"DomainId": "d-000000000000"}))
        .await;
    for reply in [ok, err] {
        let id = reply.headers["x-amzn-requestid"].to_str().unwrap();
        assert_eq!(id.len(), 36, "{id}");
    }
}

#[tokio::test]
async fn a_successful_call_answers_json_of_the_output_shape() {
    let client = Client::new();
    let reply = client.call("ListDomains", json!({})).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "application/x-amz-json-1.1");
    assert_eq!(reply.body, json!({"Domains": []}));
}

#[tokio::test]
async fn errors_carry_type_message_and_error_type_header() {
    let client = Client::new();
    let reply = client
        .call("DescribeDomain", json!({"DomainId": "d-000000000000"}))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.code(), "ResourceNotFound");
    assert!(
        reply.message().contains("d-000000000000"),
        "{}",
        reply.message()
    );
    assert_eq!(reply.headers["x-amzn-errortype"], "ResourceNotFound");
}

#[tokio::test]
async fn an_unknown_operation_is_an_unknown_operation_exception() {
    let client = Client::new();
    let reply = client.call("ListNotebookInstances", json!({})).await;
    reply.expect_error("UnknownOperationException");
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_target_of_another_service_is_an_unknown_operation() {
    let client = Client::new();
    let mut request = signed_request("ListDomains", "{}", &Signing::default());
    request.headers_mut().insert(
        "x-amz-target",
        "DynamoDB_20120810.ListTables".parse().unwrap(),
    );
    // Re-sign with the changed target so the signature itself is right.
    request.headers_mut().remove("authorization");
    request.headers_mut().remove("x-amz-date");
    crate::support::sign_request(&mut request, &Signing::default());
    let reply = send(&client.router, request.map(Body::from)).await;
    reply.expect_error("UnknownOperationException");
}

#[tokio::test]
async fn malformed_json_is_a_serialization_exception() {
    let client = Client::new();
    let reply = client.call_raw("ListDomains", "{\"MaxResults\": ").await;
    reply.expect_error("SerializationException");
}

#[tokio::test]
async fn a_member_of_the_wrong_type_is_a_serialization_exception() {
    let client = Client::new();
    let reply = client
        .call("ListDomains", json!({"MaxResults": "ten"}))
        .await;
    reply.expect_error("SerializationException");
}

#[tokio::test]
async fn an_unknown_member_is_refused_with_its_path() {
    let (client, domain) = Client::with_team(&[]).await;
    let reply = client
        .call(
            "CreateUserProfile",
            json!({"DomainId": domain, "UserProfileName": "alice", "UserSettings": {"ExecutionRol": "x"}}),
        )
        .await;
    reply.expect_error_saying("SerializationException", "UserSettings.ExecutionRol");
}

#[tokio::test]
async fn an_empty_body_is_an_empty_input() {
    let client = Client::new();
    let reply = client.call_raw("ListDomains", "").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[tokio::test]
async fn other_paths_are_not_the_api() {
    let client = Client::new();
    let request = axum::http::Request::get("/nothing-here")
        .body(Body::empty())
        .unwrap();
    let reply = send(&client.router, request).await;
    reply.expect_error("UnknownOperationException");
    assert!(reply.headers.contains_key("x-amzn-requestid"));
}
