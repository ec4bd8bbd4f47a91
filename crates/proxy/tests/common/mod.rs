//! Helpers shared by the integration tests: a scripted SageMaker (canned answers over real
//! HTTP, every request recorded), clients and apps pointed at it, and `oneshot` calls.

#![allow(dead_code, missing_docs, unreachable_pub)]

pub mod emulator;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt as _;
use serde_json::Value;
use studio_admin_proxy::auth::AuthSettings;
use studio_admin_proxy::backoff::Backoff;
use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, RetryPolicy, SageMakerClient};
use studio_admin_proxy::{AppState, Settings, app};
use tokio::net::TcpListener;

pub const ACCESS_KEY: &str = "AKIDTESTTESTTESTTEST";
pub const SECRET_KEY: &str = "test/secret/key/that/must/never/leak00000";

/// One request the scripted SageMaker received.
#[derive(Debug, Clone)]
pub struct Call {
    /// The operation, from `X-Amz-Target` without the `SageMaker.` prefix.
    pub operation: String,
    pub headers: HeaderMap,
    pub body: Value,
    /// The body exactly as received.
    pub raw: Bytes,
}

/// What the scripted SageMaker answers.
pub struct Answer {
    pub status: StatusCode,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    /// Wait this long before answering (timeouts).
    pub delay: Duration,
}

impl Answer {
    /// The same answer, after `delay`.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The same answer with one more header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// 200 with `body`.
// By value so that scripts read `ok(json!({...}))`.
#[allow(clippy::needless_pass_by_value)]
pub fn ok(body: Value) -> Answer {
    Answer {
        status: StatusCode::OK,
        headers: Vec::new(),
        body: body.to_string(),
        delay: Duration::ZERO,
    }
}

/// An awsJson1.1 error.
pub fn aws_error(status: u16, code: &str, message: &str) -> Answer {
    Answer {
        status: StatusCode::from_u16(status).expect("valid status"),
        headers: vec![("x-amzn-requestid", "req-0000-test".to_owned())],
        body: serde_json::json!({"__type": code, "Message": message}).to_string(),
        delay: Duration::ZERO,
    }
}

type Script = dyn Fn(&Call, usize) -> Answer + Send + Sync;

/// A fake SageMaker over real HTTP whose answers come from a closure (given the call and
/// how many calls of that operation came before it).
pub struct Scripted {
    pub url: String,
    calls: Arc<Mutex<Vec<Call>>>,
}

impl Scripted {
    pub async fn start(script: impl Fn(&Call, usize) -> Answer + Send + Sync + 'static) -> Self {
        let calls: Arc<Mutex<Vec<Call>>> = Arc::default();
        let script: Arc<Script> = Arc::new(script);
        let recorded = calls.clone();
        let router = Router::new().fallback(move |headers: HeaderMap, body: Bytes| {
            let recorded = recorded.clone();
            let script = script.clone();
            async move {
                let operation = headers
                    .get("x-amz-target")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .trim_start_matches("SageMaker.")
                    .to_owned();
                let call = Call {
                    operation,
                    headers,
                    body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                    raw: body,
                };
                let before = {
                    let mut calls = recorded.lock().expect("not poisoned");
                    let before = calls
                        .iter()
                        .filter(|c| c.operation == call.operation)
                        .count();
                    calls.push(call.clone());
                    before
                };
                let answer = script(&call, before);
                tokio::time::sleep(answer.delay).await;
                let mut response: Response = (answer.status, answer.body).into_response();
                response.headers_mut().insert(
                    "content-type",
                    "application/x-amz-json-1.1".parse().expect("valid header"),
                );
                for (name, value) in answer.headers {
                    response
                        .headers_mut()
                        .insert(name, value.parse().expect("valid header"));
                }
                response
            }
        });
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self {
            url: format!("http://{addr}/"),
            calls,
        }
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().expect("not poisoned").clone()
    }

    /// The operations called so far, in order.
    pub fn operations(&self) -> Vec<String> {
        self.calls().into_iter().map(|c| c.operation).collect()
    }
}

/// A plain HTTP client for talking to servers under test. The crate builds reqwest with
/// rustls and no built-in crypto provider; the proxy installs aws-lc-rs when it builds its
/// client, and this does the same for tests that build an HTTP client first.
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    reqwest::Client::new()
}

/// Fast retries, so that tests of retrying do not wait.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        backoff: Backoff {
            initial: Duration::from_millis(1),
            factor: 2.0,
            cap: Duration::from_millis(5),
            full_jitter: true,
        },
    }
}

/// A client for `url` signing with the test keys.
pub fn client(url: &str) -> SageMakerClient {
    client_with(url, ACCESS_KEY, SECRET_KEY)
}

/// A client for `url` signing with the given keys.
pub fn client_with(url: &str, access_key: &str, secret_key: &str) -> SageMakerClient {
    let mut config = ClientConfig::new(url, "us-east-1");
    config.retry = fast_retries();
    config.attempt_timeout = Duration::from_secs(5);
    SageMakerClient::new(config, CredentialsCache::fixed(access_key, secret_key))
        .expect("client builds")
}

/// The app in front of `client`, serving assets from `assets` (a directory that may not
/// exist), in the single-user mode (every caller is the admin `local`).
pub fn app_with(client: SageMakerClient, assets: PathBuf) -> Router {
    app(AppState::new(
        Arc::new(client),
        Settings {
            assets_dir: assets,
            db_path: None,
            auth: AuthSettings::open(),
        },
    ))
}

/// The app in front of the scripted SageMaker, without a built SPA.
pub fn app_for(scripted: &Scripted) -> Router {
    app_with(client(&scripted.url), PathBuf::from("/nonexistent/dist"))
}

/// A response read in full.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Bytes,
}

impl Reply {
    /// The body as JSON (panics with the body when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.bytes)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Sends `request` to `app` in-process.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    use tower::ServiceExt as _;
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("the router is infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body reads")
        .to_bytes();
    Reply {
        status,
        headers,
        bytes,
    }
}

/// `GET path`.
pub async fn get(app: &Router, path: &str) -> Reply {
    send(
        app,
        Request::get(path)
            .body(Body::empty())
            .expect("valid request"),
    )
    .await
}

/// `method path` with a JSON body.
pub async fn send_json(app: &Router, method: Method, path: &str, body: &Value) -> Reply {
    send_raw(app, method, path, "application/json", body.to_string()).await
}

/// `method path` with any body and content type.
pub async fn send_raw(
    app: &Router,
    method: Method,
    path: &str,
    content_type: &str,
    body: impl Into<Body>,
) -> Reply {
    send(
        app,
        Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", content_type)
            .body(body.into())
            .expect("valid request"),
    )
    .await
}
