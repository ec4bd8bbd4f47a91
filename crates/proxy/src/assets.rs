//! Serving the built SPA: files from the assets directory, `index.html` for every other
//! path (the SPA routes on the client), with cache headers that let browsers keep hashed
//! files forever and always revalidate the page that names them.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use tower_http::services::{ServeDir, ServeFile};

/// Hashed files never change under their name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (the page, unhashed files) is revalidated on every use, so a new
/// release is picked up at once.
pub const NO_CACHE: &str = "no-cache";

/// The router that serves `dir`; every path it does not have gets `index.html`.
pub fn router(dir: &Path) -> Router {
    let index = dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(
            assets = %dir.display(),
            "no index.html in the assets directory; the web app is not built (run `cargo xtask bundle`, or pass --assets)"
        );
        let hint = not_built_page(dir);
        return Router::new().fallback(move || {
            let hint = hint.clone();
            async move { (StatusCode::NOT_FOUND, Html(hint)).into_response() }
        });
    }
    let files = ServeDir::new(dir).fallback(ServeFile::new(index));
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let served = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let value = if hashed && served && !is_html {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Whether the file name carries a content hash, as the bundle (and trunk) write them:
/// `studio-admin-web-1f2e3d4c5b6a7980_bg.wasm`, `chunk-12-0a1b2c3d4e5f6071.wasm`.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.split(['.', '_'])
        .next()
        .and_then(|stem| stem.rsplit_once('-'))
        .is_some_and(|(_, hash)| hash.len() >= 10 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

fn not_built_page(dir: &Path) -> String {
    let dir = dir.display().to_string();
    let dir = dir
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!doctype html><meta charset=\"utf-8\"><title>studio-admin</title>\
         <h1>The web app is not built</h1>\
         <p>There is no <code>index.html</code> in <code>{dir}</code>. Build it with \
         <code>cargo xtask bundle</code> (or <code>cargo xtask demo</code>), or point \
         <code>--assets</code> at the built directory. The API under <code>/api</code> works.</p>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_output_names_are_recognized_as_hashed() {
        assert!(is_hashed("/studio-admin-web-1f2e3d4c5b6a7980_bg.wasm"));
        assert!(is_hashed("/chunk-12-0a1b2c3d4e5f6071.wasm"));
        assert!(is_hashed("/split-loader-1f2e3d4c5b6a7980.js"));
        assert!(is_hashed("/studio-admin-web-1f2e3d4c5b6a7980.js"));
        assert!(is_hashed("/style-0a1b2c3d4e5f6071.css"));
    }

    #[test]
    fn plain_names_are_not_hashed() {
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/favicon.ico"));
        assert!(!is_hashed("/studio-admin-web.js"));
        assert!(!is_hashed("/profiles/alice-smith"));
        assert!(!is_hashed("/"));
    }
}
