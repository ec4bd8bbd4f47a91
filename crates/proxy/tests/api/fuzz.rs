//! Every route that takes a path parameter or a body, driven with generated input:
//! percent-encoded odd names and ids, and bodies of every shape (bytes that are not JSON,
//! JSON of the wrong shape, real requests with members changed). Whatever arrives, the
//! proxy answers in time, without a panic and without a 5xx.

use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use studio_admin_api::encode;
use studio_admin_proxy::auth::Clock;
use studio_admin_proxy::routes::ApiRoute;

use crate::helpers::{
    Browser, HOST, ORIGIN, TestApp, seed_iam_domain, seed_profile, start_emulator,
};

/// How long any one answer may take.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// Generated cases per route.
const CASES: u32 = 48;

/// A path segment: sometimes a real one, often something odd.
fn segment(real: String) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(real),
        "[a-zA-Z0-9-]{1,70}",
        any::<String>(),
        Just(String::new()),
        Just("..".to_owned()),
        (0_i64..4, any::<i64>()).prop_map(|(small, big)| if small == 0 {
            big.to_string()
        } else {
            small.to_string()
        }),
        Just("9".repeat(40)),
        Just("%00".to_owned()),
    ]
}

/// A body: nothing, bytes, JSON of any shape, or a real request with a member changed.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let json_value = any::<String>()
        .prop_map(Value::String)
        .boxed()
        .prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map("[A-Za-z]{1,20}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        });
    let member = prop_oneof![
        Just("UserProfileName"),
        Just("DomainId"),
        Just("UserSettings"),
        Just("Tags"),
        Just("SingleSignOnUserValue"),
        Just("fixed"),
        Just("reason"),
        Just("name"),
        Just("password"),
        Just("ExpiresInSeconds"),
    ];
    let mutated = (member, json_value.clone(), any::<i64>()).prop_map(|(member, value, n)| {
        let mut base = json!({
            "DomainId": "d-aaaaaaaaaaaa", "UserProfileName": "alice",
            "UserSettings": {"ExecutionRole": "arn:aws:iam::111122223333:role/r"},
            "fixed": {}, "reason": "no", "name": "leo", "password": "x"
        });
        base[member] = if n % 2 == 0 { value } else { json!(n) };
        base.to_string().into_bytes()
    });
    prop_oneof![
        Just(Vec::new()),
        proptest::collection::vec(any::<u8>(), 0..200),
        json_value.prop_map(|v| v.to_string().into_bytes()),
        mutated,
    ]
}

/// The path of `route` with its parameters replaced by `values`, in order.
fn fill(route: &ApiRoute, values: &[String]) -> String {
    let mut values = values.iter();
    let filled: Vec<String> = route
        .path
        .split('/')
        .map(|part| {
            if part.starts_with('{') {
                encode(values.next().map_or("x", String::as_str))
            } else {
                part.to_owned()
            }
        })
        .collect();
    format!("/api{}", filled.join("/"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_generated_path_or_body_makes_any_route_panic_fail_or_hang() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    seed_profile(&emulator, &domain, "alice", 100);
    let app = TestApp::for_team_of(emulator, &domain, &Clock::system());
    let admin = Browser::sign_in(app.router(), "ada").await;
    let routes: Vec<ApiRoute> = studio_admin_proxy::routes::routes()
        .table()
        .iter()
        .filter(|r| r.path.contains('{') || r.method != axum::http::Method::GET)
        // Signing in is argon2 at its real cost per case; its body is fuzzed by a few
        // cases only, below.
        .filter(|r| r.path != "/session")
        .cloned()
        .collect();
    assert!(routes.len() >= 15, "every route with input: {routes:?}");
    let handle = tokio::runtime::Handle::current();
    let mut failures = Vec::new();
    for route in routes.iter().chain(std::iter::once(&ApiRoute {
        method: axum::http::Method::POST,
        path: "/session",
        action: None,
    })) {
        let params = route.path.matches('{').count();
        let cases = if route.path == "/session" { 8 } else { CASES };
        let strategy = (
            proptest::collection::vec(segment(domain.clone()), params..=params),
            body(),
        );
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let outcome = runner.run(&strategy, |(values, body)| {
            let path = fill(route, &values);
            let mut request = Request::builder()
                .method(route.method.clone())
                .uri(&path)
                .header("host", HOST)
                .header("origin", ORIGIN)
                .header("content-type", "application/json");
            if let Some(cookie) = &admin.cookie {
                request = request.header("cookie", cookie);
            }
            if let Some(token) = &admin.csrf {
                request = request.header("x-csrf-token", token);
            }
            let Ok(request) = request.body(Body::from(body.clone())) else {
                // Not a request an HTTP client could send (a path hyper refuses).
                return Ok(());
            };
            let answered = tokio::task::block_in_place(|| {
                handle.block_on(tokio::time::timeout(ANSWER_WITHIN, app.respond(request)))
            });
            let Ok(response) = answered else {
                return Err(TestCaseError::fail(format!(
                    "{path}: no answer within {ANSWER_WITHIN:?}"
                )));
            };
            let status = response.status();
            if status.is_server_error() {
                return Err(TestCaseError::fail(format!(
                    "{} {path} with {:?}: {status}",
                    route.method,
                    String::from_utf8_lossy(&body)
                )));
            }
            Ok(())
        });
        if let Err(e) = outcome {
            failures.push(format!("{} {}: {e}", route.method, route.path));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
