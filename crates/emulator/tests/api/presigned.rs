//! CreatePresignedDomainUrl: IAM domains only, and URLs that expire.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};

use crate::support::{Client, HOST, send};

/// Opens a presigned URL through the router; returns the status.
async fn open(client: &Client, url: &str) -> (StatusCode, String) {
    let path = url
        .strip_prefix(&format!("http://{HOST}"))
        .unwrap_or_else(|| panic!("the URL leads back to the emulator: {url}"));
    let reply = send(
        &client.router,
        Request::get(path).body(Body::empty()).unwrap(),
    )
    .await;
    (reply.status, reply.body.as_str().unwrap_or("").to_owned())
}

/// The URL CreatePresignedDomainUrl answers for `body`.
async fn presign(client: &Client, body: Value) -> String {
    let reply = client.ok("CreatePresignedDomainUrl", body).await;
    reply["AuthorizedUrl"].as_str().unwrap().to_owned()
}

/// Alice's URL (with the default expiry) in a new domain `team`.
async fn alices_url(client: &Client) -> String {
    let domain = client.team(&["alice"]).await;
    presign(
        client,
        json!({"DomainId": domain, "UserProfileName": "alice"}),
    )
    .await
}

#[tokio::test(start_paused = true)]
async fn a_presigned_url_works_until_it_expires() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    let url = presign(
        &client,
        json!({"DomainId": domain, "UserProfileName": "alice", "ExpiresInSeconds": 5}),
    )
    .await;
    assert!(
        url.contains(&format!("/studio/{domain}/auth?token=")),
        "{url}"
    );
    let (status, page) = open(&client, &url).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("alice"), "{page}");
    tokio::time::advance(Duration::from_secs(6)).await;
    let (status, page) = open(&client, &url).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("expired"), "{page}");
}

#[tokio::test(start_paused = true)]
async fn a_presigned_url_lasts_five_minutes_by_default() {
    let client = Client::new();
    let url = alices_url(&client).await;
    tokio::time::advance(Duration::from_secs(295)).await;
    assert_eq!(open(&client, &url).await.0, StatusCode::OK);
    tokio::time::advance(Duration::from_secs(10)).await;
    assert_eq!(open(&client, &url).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_altered_presigned_url_is_refused() {
    let client = Client::new();
    let url = alices_url(&client).await;
    let forged = format!("{}x", &url[..url.len() - 1]);
    assert_eq!(open(&client, &forged).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_sso_domain_has_no_presigned_urls() {
    let client = Client::new();
    let sso = client.sso_domain("sso").await;
    client.person("maria");
    client.sso_profile(&sso, "maria", "maria").await;
    client
        .call(
            "CreatePresignedDomainUrl",
            json!({"DomainId": sso, "UserProfileName": "maria"}),
        )
        .await
        .expect_error_saying("ValidationException", "IAM");
}

#[tokio::test]
async fn an_expiry_above_five_minutes_is_a_validation_exception() {
    let (client, domain) = Client::with_team(&["alice"]).await;
    client
        .call(
            "CreatePresignedDomainUrl",
            json!({"DomainId": domain, "UserProfileName": "alice", "ExpiresInSeconds": 301}),
        )
        .await
        .expect_error_saying(
            "ValidationException",
            "at 'expiresInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300",
        );
}

#[tokio::test]
async fn another_users_private_space_cannot_be_opened() {
    let (client, domain) = Client::with_team(&["alice", "bob"]).await;
    client.space(&domain, "alice-lab", "alice", "Private").await;
    client
        .invalid(
            "CreatePresignedDomainUrl",
            json!({"DomainId": domain, "UserProfileName": "bob", "SpaceName": "alice-lab"}),
        )
        .await;
    presign(
        &client,
        json!({"DomainId": domain, "UserProfileName": "alice", "SpaceName": "alice-lab"}),
    )
    .await;
}
