//! The whole HTTP application: the API under `/api`, the SPA everywhere else, and the
//! layers every response passes through. Tests call [`app`] in-process with `oneshot`.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, header};
use axum::middleware;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::extract::BODY_LIMIT;
use crate::state::AppState;
use crate::{assets, audit, auth, headers, routes};

/// The header carrying each request's id (set when the client sent none, echoed back).
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Builds the application for `state`.
pub fn app(state: AppState) -> Router {
    let spa = assets::router(&state.settings.assets_dir);
    // Requests for names this server does not answer to are refused before anything runs.
    let host_check = middleware::from_fn_with_state(state.auth.clone(), auth::check_host);
    let auth = middleware::from_fn_with_state(state.auth.clone(), auth::resolve);
    let api = routes::routes()
        // Who is asking and the CSRF checks run once a route matched and its audited
        // action is named, so refusals are recorded as the change they refused.
        .into_router(|router| router.route_layer(auth))
        .fallback(routes::not_found)
        .layer(middleware::from_fn_with_state(state.clone(), audit::record))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // API answers describe live AWS state: never keep them.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        // Gzip or brotli, as the browser accepts; small bodies and event streams stay
        // plain. The SPA's files come precompressed (see `assets`).
        .layer(CompressionLayer::new())
        .with_state(state);
    let router = Router::new().nest("/api", api).fallback_service(spa);
    headers::apply(router.layer(host_check))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Runs first: a client's request id is kept only when it is short and plain, so
        // logs and the audit log never store what a client stuffed into it.
        .layer(middleware::map_request(drop_unplain_request_id))
}

/// Longest request id taken from a client.
const MAX_REQUEST_ID: usize = 64;

/// Removes a client's `X-Request-Id` unless it is 1 to [`MAX_REQUEST_ID`] letters,
/// digits, `-`, `_` or `.` (a UUID, a load balancer's trace id); a fresh one is then made.
async fn drop_unplain_request_id(mut request: Request) -> Request {
    let plain = |value: &[u8]| {
        (1..=MAX_REQUEST_ID).contains(&value.len())
            && value
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    let ids = request.headers().get_all(REQUEST_ID_HEADER);
    let keep = ids.iter().count() == 1 && ids.iter().all(|v| plain(v.as_bytes()));
    if !keep {
        request.headers_mut().remove(REQUEST_ID_HEADER);
    }
    request
}

/// The span every log line of a request belongs to. Only method, path and request id:
/// headers (cookies, tokens) and bodies are never logged.
fn request_span(request: &Request) -> tracing::Span {
    let request_id = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %request_id,
    )
}
