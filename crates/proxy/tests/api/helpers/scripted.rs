//! A scripted SageMaker: canned answers over real HTTP, every request recorded.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::net::TcpListener;

/// One request the scripted SageMaker received.
#[derive(Debug, Clone)]
pub struct Call {
    /// The operation, from `X-Amz-Target` without the `SageMaker.` prefix.
    pub operation: String,
    /// The request's headers (the signature among them).
    pub headers: HeaderMap,
    /// The body exactly as received.
    pub raw: Bytes,
}

impl Call {
    /// A header the request carried, as text (empty when it did not).
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// What the scripted SageMaker answers.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: StatusCode,
    /// Headers besides the awsJson1.1 content type.
    pub headers: Vec<(&'static str, String)>,
    /// The body, as sent.
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

/// An awsJson1.1 error with AWS's request id header.
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
#[derive(Debug)]
pub struct Scripted {
    /// Its endpoint URL, for a client.
    pub url: String,
    calls: Arc<Mutex<Vec<Call>>>,
}

impl Scripted {
    /// Serves `script` on a free loopback port.
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

    /// The last request received (panics when there was none).
    pub fn last_call(&self) -> Call {
        self.calls().pop().expect("a call was received")
    }

    /// The operations called so far, in order.
    pub fn operations(&self) -> Vec<String> {
        self.calls().into_iter().map(|c| c.operation).collect()
    }
}
