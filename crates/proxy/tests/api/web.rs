//! The web side, in-process (`oneshot`): the SPA's files with their cache headers and
//! compression, client-side routes falling back to `index.html`, and the security
//! headers and request id on every kind of response.

use std::path::Path;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;
use studio_admin_proxy::headers::CONTENT_SECURITY_POLICY;

use crate::helpers::{Reply, Scripted, TestApp, aws_error, ok};

const INDEX: &str = "<!doctype html><title>studio-admin</title><script type=module src=/studio-admin-web-1f2e3d4c5b6a7980.js></script>";
const HASHED_JS: &str = "studio-admin-web-1f2e3d4c5b6a7980.js";

/// A built SPA in a temporary directory.
fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("write asset");
    };
    write("index.html", INDEX);
    write(
        HASHED_JS,
        &"export function start() { return 42; }\n".repeat(200),
    );
    write("favicon.ico", "icon");
    dir
}

async fn app_serving(dir: &Path) -> TestApp {
    let scripted = Scripted::start(|call, _| match call.operation.as_str() {
        "ListDomains" => ok(json!({"Domains": []})),
        _ => aws_error(400, "ResourceNotFound", "no such thing"),
    })
    .await;
    TestApp::builder().scripted(scripted).assets(dir).build()
}

/// The app serving a built SPA from a temporary directory, which lives as long as the
/// caller keeps it.
async fn serving_dist() -> (tempfile::TempDir, TestApp) {
    let dir = dist();
    let app = app_serving(dir.path()).await;
    (dir, app)
}

/// `reply` is a file the browser must revalidate before each use.
#[track_caller]
fn assert_revalidated(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), Some("no-cache"));
}

/// `reply` is the SPA's page: HTML, never cached.
#[track_caller]
fn assert_the_page(reply: &Reply) {
    assert_revalidated(reply);
    assert_eq!(reply.text(), INDEX);
    assert!(
        reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
}

fn get_with(path: &str, header: (&str, &str)) -> Request<Body> {
    Request::get(path)
        .header(header.0, header.1)
        .body(Body::empty())
        .expect("valid request")
}

#[tokio::test]
async fn the_page_is_served_at_the_root_and_client_side_routes_fall_back_to_it() {
    let (_dist, app) = serving_dist().await;
    for path in ["/", "/domains/d-abc123def456/profiles/alice"] {
        assert_the_page(&app.get(path).await);
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_forever() {
    let (_dist, app) = serving_dist().await;
    let reply = app.get(&format!("/{HASHED_JS}")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text().starts_with("export function start()"));
    assert_eq!(
        reply.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(
        reply
            .header("content-type")
            .is_some_and(|t| t.contains("javascript"))
    );
}

#[tokio::test]
async fn unhashed_files_are_revalidated() {
    let (_dist, app) = serving_dist().await;
    assert_revalidated(&app.get("/favicon.ico").await);
}

#[tokio::test]
async fn an_unknown_api_path_never_falls_back_to_the_page() {
    let (_dist, app) = serving_dist().await;
    let reply = app.get("/api/domains/d-abc123def456/nothing-here").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.json()["errors"].is_array());
}

#[tokio::test]
async fn assets_are_compressed_with_gzip_or_brotli_as_the_browser_accepts() {
    let (_dist, app) = serving_dist().await;
    let plain = app.get(&format!("/{HASHED_JS}")).await;
    let gzip = app
        .send(get_with(
            &format!("/{HASHED_JS}"),
            ("accept-encoding", "gzip"),
        ))
        .await;
    let brotli = app
        .send(get_with(
            &format!("/{HASHED_JS}"),
            ("accept-encoding", "br"),
        ))
        .await;
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert!(gzip.bytes.len() < plain.bytes.len() / 4);
    assert!(brotli.bytes.len() < plain.bytes.len() / 4);
    assert_eq!(
        brotli.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
}

#[tokio::test]
async fn api_answers_are_compressed_too() {
    let (_dist, app) = serving_dist().await;
    let reply = app
        .send(get_with(
            "/api/no-such-route-with-a-long-enough-name-to-compress",
            ("accept-encoding", "gzip"),
        ))
        .await;
    assert_eq!(reply.header("content-encoding"), Some("gzip"));
}

#[tokio::test]
async fn without_a_built_app_the_page_explains_how_to_build_it() {
    let missing = tempfile::tempdir().expect("temp dir");
    let app = app_serving(&missing.path().join("dist")).await;
    let reply = app.get("/").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.text().contains("cargo xtask bundle"));
    let api = app.get("/api/domains").await;
    assert_eq!(api.status, StatusCode::OK, "the API works without the app");
}

/// One of each kind of response: the page, an asset, API success, API errors of several
/// kinds, an unknown API route, a wrong method.
async fn every_kind_of_response(app: &TestApp) -> Vec<(String, Reply)> {
    vec![
        ("page".into(), app.get("/").await),
        ("asset".into(), app.get(&format!("/{HASHED_JS}")).await),
        ("client route".into(), app.get("/profiles").await),
        ("api ok".into(), app.get("/api/domains").await),
        (
            "api aws error".into(),
            app.get("/api/domains/d-abc123def456/profiles/alice").await,
        ),
        (
            "api validation error".into(),
            app.send_json(
                Method::POST,
                "/api/validate",
                &json!({"UserProfileName": "-"}),
            )
            .await,
        ),
        (
            "api malformed json".into(),
            app.send_raw(Method::POST, "/api/validate", "application/json", "{")
                .await,
        ),
        ("api unknown route".into(), app.get("/api/nope").await),
        (
            "api wrong method".into(),
            app.send_json(Method::DELETE, "/api/domains", &json!({}))
                .await,
        ),
    ]
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (_dist, app) = serving_dist().await;
    for (kind, reply) in every_kind_of_response(&app).await {
        assert_eq!(
            reply.header("content-security-policy"),
            Some(CONTENT_SECURITY_POLICY),
            "{kind}"
        );
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{kind}"
        );
        assert_eq!(
            reply.header("referrer-policy"),
            Some("no-referrer"),
            "{kind}"
        );
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{kind}");
    }
}

#[tokio::test]
async fn the_policy_allows_only_this_origin_and_webassembly() {
    let (_dist, app) = serving_dist().await;
    let reply = app.get("/").await;
    let policy = reply.header("content-security-policy").expect("a policy");
    for directive in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"));
    assert!(!policy.contains("'unsafe-eval'"));
}

#[tokio::test]
async fn every_response_gets_a_request_id_and_a_given_one_is_echoed() {
    let (_dist, app) = serving_dist().await;
    let mut ids = Vec::new();
    for (kind, reply) in every_kind_of_response(&app).await {
        let id = reply
            .header("x-request-id")
            .unwrap_or_else(|| panic!("{kind} has a request id"));
        ids.push(id.to_owned());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 9, "each request has its own id");

    let echoed = app
        .send(get_with("/api/domains", ("x-request-id", "trace-me-42")))
        .await;
    assert_eq!(echoed.header("x-request-id"), Some("trace-me-42"));
}

#[tokio::test]
async fn api_answers_are_never_stored_by_caches() {
    let (_dist, app) = serving_dist().await;
    for path in ["/api/domains", "/api/nope"] {
        let reply = app.get(path).await;
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{path}");
    }
}
