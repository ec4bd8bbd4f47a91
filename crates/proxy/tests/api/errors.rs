//! Every error the API can answer with, in-process (`oneshot`): bad input refused before
//! AWS is called, and each AWS error code mapped to its status with AWS's message kept.
//! AWS's answers come from a scripted SageMaker over real HTTP.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde_json::json;
use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, SageMakerClient};

use crate::helpers::{
    ACCESS_KEY, Answer, Call, Reply, SECRET_KEY, Scripted, TestApp, aws_error, client_with,
    fast_retries, ok, strings,
};

const DOMAIN: &str = "d-abc123def456";

/// A scripted SageMaker with an IAM domain whose every other call gets `answer`.
async fn sagemaker_answering(
    answer: impl Fn(&Call, usize) -> Answer + Send + Sync + 'static,
) -> Scripted {
    Scripted::start(move |call, n| match call.operation.as_str() {
        "DescribeDomain" => ok(json!({"DomainId": DOMAIN, "AuthMode": "IAM",
                                      "AppNetworkAccessType": "PublicInternetOnly"})),
        _ => answer(call, n),
    })
    .await
}

/// The app in front of [`sagemaker_answering`] `answer`.
async fn app_answering(answer: impl Fn(&Call, usize) -> Answer + Send + Sync + 'static) -> TestApp {
    TestApp::with_scripted(sagemaker_answering(answer).await)
}

/// The app in front of a SageMaker that answers every call with an empty success: for
/// requests the proxy must refuse before asking AWS.
async fn app_answering_ok() -> TestApp {
    app_answering(|_, _| ok(json!({}))).await
}

/// Creates a profile in [`DOMAIN`] with the raw `body` declared as `content_type`.
async fn post_profile_raw(
    app: &TestApp,
    content_type: &str,
    body: impl Into<axum::body::Body>,
) -> Reply {
    app.send_raw(
        Method::POST,
        &format!("/api/domains/{DOMAIN}/profiles"),
        content_type,
        body,
    )
    .await
}

/// Creates a profile in [`DOMAIN`] with the JSON `body`.
async fn post_profile(app: &TestApp, body: &serde_json::Value) -> Reply {
    app.send_json(
        Method::POST,
        &format!("/api/domains/{DOMAIN}/profiles"),
        body,
    )
    .await
}

fn first_message(body: &serde_json::Value) -> String {
    body["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn detail_status_for(answer: Answer) -> (StatusCode, serde_json::Value) {
    let answer = std::sync::Arc::new(std::sync::Mutex::new(Some(answer)));
    let scripted = Scripted::start(move |call, _| match call.operation.as_str() {
        "DescribeUserProfile" => answer
            .lock()
            .expect("not poisoned")
            .take()
            .unwrap_or_else(|| aws_error(500, "InternalFailure", "again")),
        "ListApps" => ok(json!({"Apps": []})),
        _ => ok(json!({"Spaces": []})),
    })
    .await;
    let app = TestApp::with_scripted(scripted);
    let reply = app
        .get(&format!("/api/domains/{DOMAIN}/profiles/alice"))
        .await;
    (reply.status, reply.json())
}

/// The profile detail's answer when DescribeUserProfile fails with AWS's `code` and
/// `message`: asserts its HTTP status and that AWS's code is kept; returns the body.
async fn detail_error(code: &str, message: &str, status: StatusCode) -> serde_json::Value {
    let (got, body) = detail_status_for(aws_error(400, code, message)).await;
    assert_eq!(got, status, "{body}");
    assert_eq!(body["code"], code);
    body
}

#[tokio::test]
async fn aws_refusals_keep_awss_code_message_and_request_id_with_a_status_for_the_code() {
    for (code, message, status) in [
        (
            "ResourceNotFound",
            "User profile alice does not exist",
            StatusCode::NOT_FOUND,
        ),
        (
            "AccessDeniedException",
            "User: arn:aws:sts::123456789012:assumed-role/panel is not authorized to perform: sagemaker:DescribeUserProfile",
            StatusCode::FORBIDDEN,
        ),
        (
            "ValidationException",
            "1 validation error detected: Value 'x' at 'domainId' failed to satisfy constraint",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // A code the proxy does not know: a client error all the same.
        (
            "SomeNewException",
            "Something AWS added",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let body = detail_error(code, message, status).await;
        assert_eq!(first_message(&body), message);
        assert_eq!(body["aws_request_id"], "req-0000-test", "{code}");
    }
}

#[tokio::test]
async fn resource_in_use_is_a_409() {
    let app =
        app_answering(|_, _| aws_error(400, "ResourceInUse", "Resource already exists: alice"))
            .await;
    let reply = post_profile(&app, &json!({"UserProfileName": "alice"})).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json()["code"], "ResourceInUse");
    assert_eq!(
        first_message(&reply.json()),
        "Resource already exists: alice"
    );
}

#[tokio::test]
async fn resource_limit_exceeded_is_a_429_and_is_not_retried() {
    let app = app_answering(|_, _| {
        aws_error(
            400,
            "ResourceLimitExceeded",
            "The account-level service limit 'Maximum number of user profiles' is 100",
        )
    })
    .await;
    let reply = post_profile(&app, &json!({"UserProfileName": "alice"})).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(first_message(&reply.json()).contains("service limit"));
    let creates = app
        .scripted()
        .operations()
        .iter()
        .filter(|o| *o == "CreateUserProfile")
        .count();
    assert_eq!(creates, 1);
}

#[tokio::test]
async fn throttling_on_every_attempt_is_retried_then_a_503_with_retry_after() {
    let scripted =
        Scripted::start(|_, _| aws_error(400, "ThrottlingException", "Rate exceeded")).await;
    let app = TestApp::with_scripted(scripted);
    let (status, body) = {
        let reply = app.get("/api/domains").await;
        let retry_after = reply.header("retry-after").map(str::to_owned);
        assert_eq!(retry_after.as_deref(), Some("1"));
        (reply.status, reply.json())
    };
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["code"], "ThrottlingException");
    assert_eq!(first_message(&body), "Rate exceeded");
    assert_eq!(
        app.scripted().operations(),
        ["ListDomains", "ListDomains", "ListDomains", "ListDomains"],
        "four attempts in all"
    );
}

#[tokio::test]
async fn throttling_that_stops_in_time_is_invisible_to_the_browser() {
    let scripted = Scripted::start(|_, n| {
        if n < 2 {
            aws_error(400, "ThrottlingException", "Rate exceeded")
        } else {
            ok(json!({"Domains": []}))
        }
    })
    .await;
    let app = TestApp::with_scripted(scripted);
    let reply = app.get("/api/domains").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(app.scripted().operations().len(), 3);
}

#[tokio::test]
async fn a_server_error_on_every_attempt_is_a_502() {
    let scripted = Scripted::start(|_, _| {
        aws_error(500, "InternalFailure", "We encountered an internal error")
    })
    .await;
    let app = TestApp::with_scripted(scripted);
    let reply = app.get("/api/domains").await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert_eq!(reply.json()["code"], "InternalFailure");
    assert_eq!(app.scripted().operations().len(), 4);
}

#[tokio::test]
async fn an_unreachable_sagemaker_is_a_502_naming_the_endpoint() {
    // A port that was just free: nothing listens there.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let url = format!("http://127.0.0.1:{port}/");
    let app = TestApp::builder()
        .client(client_with(&url, ACCESS_KEY, SECRET_KEY))
        .build();
    let reply = app.get("/api/domains").await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    let message = first_message(&reply.json());
    assert!(message.contains(&url), "{message}");
    assert!(message.contains("could not reach SageMaker"), "{message}");
}

#[tokio::test]
async fn a_sagemaker_that_does_not_answer_in_time_is_a_504() {
    let scripted =
        Scripted::start(|_, _| ok(json!({"Domains": []})).after(Duration::from_secs(2))).await;
    let mut config = ClientConfig::new(&scripted.url, "us-east-1");
    config.attempt_timeout = Duration::from_millis(100);
    config.retry = fast_retries();
    let client = SageMakerClient::new(config, CredentialsCache::fixed(ACCESS_KEY, SECRET_KEY))
        .expect("client builds");
    let app = TestApp::builder().scripted(scripted).client(client).build();
    let reply = app.get("/api/domains").await;
    assert_eq!(reply.status, StatusCode::GATEWAY_TIMEOUT);
    assert!(first_message(&reply.json()).contains("timed out after 4 attempt(s)"));
    assert_eq!(app.scripted().operations().len(), 4, "timeouts are retried");
}

#[tokio::test]
async fn malformed_json_is_a_400_with_line_and_column_and_no_aws_call() {
    let app = app_answering_ok().await;
    let reply = post_profile_raw(
        &app,
        "application/json",
        "{\n  \"UserProfileName\": \"alice\",\n  oops\n}",
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let body = reply.json();
    assert_eq!(body["errors"][0]["line"], 3);
    assert_eq!(body["errors"][0]["column"], 3);
    assert!(first_message(&body).starts_with("invalid JSON at line 3, column 3"));
    assert!(app.scripted().operations().is_empty());
}

#[tokio::test]
async fn a_member_of_the_wrong_type_is_a_400_with_its_position() {
    let app = app_answering_ok().await;
    let reply = post_profile_raw(&app, "application/json", r#"{"UserProfileName": 42}"#).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["errors"][0]["line"], 1);
}

#[tokio::test]
async fn an_unknown_member_is_a_422_at_its_path_and_no_aws_call() {
    let app = app_answering_ok().await;
    let reply = post_profile(
        &app,
        &json!({"UserProfileName": "alice",
                "UserSettings": {"JupyterServerAppSetings": {}}}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.json()["errors"][0]["path"],
        "UserSettings.JupyterServerAppSetings"
    );
    assert!(app.scripted().operations().is_empty());
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413() {
    let app = app_answering_ok().await;
    let huge = format!(
        r#"{{"UserProfileName": "alice", "Tags": [{{"Key": "k", "Value": "{}"}}]}}"#,
        "x".repeat(studio_admin_proxy::extract::BODY_LIMIT)
    );
    let reply = post_profile_raw(&app, "application/json", huge).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(first_message(&reply.json()).contains("larger than 65536 bytes"));
    assert!(app.scripted().operations().is_empty());
}

#[tokio::test]
async fn a_body_not_declared_as_json_is_a_415() {
    let app = app_answering_ok().await;
    let reply = post_profile_raw(&app, "text/plain", r#"{"UserProfileName": "alice"}"#).await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn an_invalid_body_is_a_422_listing_every_problem_and_aws_is_not_asked_to_create() {
    let app = app_answering(|_, _| ok(json!({"UserProfileArn": "x"}))).await;
    let reply = post_profile(
        &app,
        &json!({"UserSettings": {"ExecutionRole": "not-a-role"}}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let paths = strings(&reply.json()["errors"], "path");
    assert!(paths.contains(&"UserProfileName".to_owned()), "{paths:?}");
    assert!(
        paths.contains(&"UserSettings.ExecutionRole".to_owned()),
        "{paths:?}"
    );
    assert!(
        !app.scripted()
            .operations()
            .contains(&"CreateUserProfile".to_owned())
    );
}

#[tokio::test]
async fn a_malformed_domain_id_is_a_422_before_aws_is_called() {
    let app = app_answering_ok().await;
    let reply = app
        .send_json(
            Method::POST,
            "/api/domains/not-a-domain/profiles",
            &json!({"UserProfileName": "alice"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.json()["errors"][0]["path"], "DomainId");
    assert!(app.scripted().operations().is_empty());
}

#[tokio::test]
async fn an_unknown_api_route_is_a_json_404_not_the_web_app() {
    let app = app_answering_ok().await;
    let reply = app.get("/api/no/such/route").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        first_message(&reply.json()),
        "no API route /api/no/such/route"
    );
}

#[tokio::test]
async fn a_wrong_method_on_an_api_route_is_a_405() {
    let app = app_answering_ok().await;
    let reply = app
        .send_json(Method::PATCH, "/api/domains", &json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn secrets_that_aws_quotes_never_reach_the_browser() {
    let secret = SECRET_KEY;
    let scripted = Scripted::start(move |_, _| {
        aws_error(
            400,
            "SignatureDoesNotMatch",
            &format!(
                "The request signature we calculated does not match (key {secret}).\n\n\
                 The Canonical String for this request should have been\n'POST\n/\n'"
            ),
        )
    })
    .await;
    let app = TestApp::with_scripted(scripted);
    let reply = app.get("/api/domains").await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let text = reply.text();
    assert!(!text.contains(secret), "{text}");
    assert!(!text.contains("Canonical String"), "{text}");
    assert!(text.contains("does not match"), "{text}");
}

#[derive(Debug)]
struct NoCredentials;

impl aws_credential_types::provider::ProvideCredentials for NoCredentials {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        aws_credential_types::provider::future::ProvideCredentials::ready(Err(
            aws_credential_types::provider::error::CredentialsError::not_loaded(
                "no providers in chain provided credentials",
            ),
        ))
    }
}

#[tokio::test]
async fn missing_aws_credentials_are_a_500_that_says_so_and_nothing_is_sent() {
    let scripted = Scripted::start(|_, _| ok(json!({"Domains": []}))).await;
    let client = SageMakerClient::new(
        ClientConfig::new(&scripted.url, "us-east-1"),
        CredentialsCache::new(
            aws_credential_types::provider::SharedCredentialsProvider::new(NoCredentials),
        ),
    )
    .expect("client builds");
    let app = TestApp::builder().scripted(scripted).client(client).build();
    let reply = app.get("/api/domains").await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let message = first_message(&reply.json());
    assert!(
        message.starts_with("could not load AWS credentials"),
        "{message}"
    );
    assert!(message.contains("no providers in chain"), "{message}");
    assert!(app.scripted().operations().is_empty());
}
