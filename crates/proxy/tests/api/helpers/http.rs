//! Requests to the in-process router and their replies read in full; a plain HTTP client
//! for servers on a socket.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt as _;
use serde_json::Value;
use tower::ServiceExt as _;

/// The string `member` of each item of the JSON list `list`, in order: `""` for an item
/// without it, nothing when `list` is not a list (the assertions on the result fail then).
pub fn strings(list: &Value, member: &str) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|item| item[member].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A response read in full.
#[derive(Debug)]
pub struct Reply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub bytes: Bytes,
}

impl Reply {
    /// The body as JSON (panics with the body when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|e| {
            panic!(
                "{}: body is not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.bytes)
            )
        })
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// A header's value, when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The message of an error answer's first problem (empty when there is none).
    pub fn message(&self) -> String {
        self.json()["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The id of the delete job a `DELETE` of a profile started (or found running),
    /// requiring the 202 it answers with.
    pub fn started_job(&self) -> i64 {
        assert_eq!(self.status, StatusCode::ACCEPTED, "{}", self.text());
        self.json()["id"].as_i64().expect("the answer is the job")
    }

    /// The `code` of an error answer (empty when there is none).
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

/// Sends `request` to `router` in-process; the response with its body unread (for event
/// streams, which never end).
pub async fn respond(router: &Router, request: Request<Body>) -> Response {
    router
        .clone()
        .oneshot(request)
        .await
        .expect("the router is infallible")
}

/// Sends `request` to `router` in-process and reads the whole answer.
pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = respond(router, request).await;
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

/// A plain HTTP client for servers on a socket. The crate builds reqwest with rustls and
/// no built-in crypto provider; the proxy installs aws-lc-rs when it builds its client,
/// and this does the same for tests that build an HTTP client first.
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    reqwest::Client::new()
}
