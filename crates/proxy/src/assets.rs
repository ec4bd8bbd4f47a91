//! Serving the built SPA: files from the assets directory, `index.html` for every other
//! path (the SPA routes on the client), with cache headers that let browsers keep hashed
//! files forever and always revalidate the page that names them.
//!
//! `cargo xtask bundle` writes a brotli (`NAME.br`) and a gzip (`NAME.gz`) copy beside
//! every file, compressed once at their best; the copy the browser accepts is sent as it
//! is. Only a file without copies (a directory not built by the bundle, such as trunk's)
//! is compressed on each request, and a response that already has an encoding is never
//! compressed again.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use tower_http::compression::CompressionLayer;
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
    // Brotli first when the browser accepts both (tower-http prefers it on equal weights).
    let page = ServeFile::new(index)
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(page);
    Router::new()
        .fallback_service(files)
        // Passes on every response that already has an encoding (a precompressed copy).
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(cache_control))
}

/// Cache headers by name, and `Vary: Accept-Encoding` on every answer: the same address
/// answers differently encoded bytes to browsers that accept different encodings.
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
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    let varies = headers.get_all(header::VARY).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
        })
    });
    if !varies {
        headers.append(header::VARY, header::ACCEPT_ENCODING.into());
    }
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
    use axum::body::Body;
    use axum::http::HeaderMap;
    use http_body_util::BodyExt as _;
    use tower::ServiceExt as _;

    use super::*;

    const INDEX: &str = "<!doctype html><title>studio-admin</title>";
    const WASM: &str = "studio-admin-web-1f2e3d4c5b6a7980_bg.wasm";
    /// Stand-ins for the copies: the server must send them as they are, so a test tells
    /// them apart from the original and from anything compressed on the way.
    const WASM_BR: &[u8] = b"the brotli copy";
    const WASM_GZ: &[u8] = b"the gzip copy";

    /// A bundle in a temporary directory: the page and a module, each with its copies.
    fn bundle() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, bytes: &[u8]| {
            std::fs::write(dir.path().join(name), bytes).expect("write asset");
        };
        write("index.html", INDEX.as_bytes());
        write("index.html.br", b"the page's brotli copy");
        write("index.html.gz", b"the page's gzip copy");
        write(WASM, &b"\0asm module ".repeat(100));
        write(&format!("{WASM}.br"), WASM_BR);
        write(&format!("{WASM}.gz"), WASM_GZ);
        dir
    }

    /// The answer to a GET of `path` with `Accept-Encoding: accept` (none when empty).
    async fn get(dir: &Path, path: &str, accept: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let mut request = Request::get(path);
        if !accept.is_empty() {
            request = request.header(header::ACCEPT_ENCODING, accept);
        }
        let response = router(dir)
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("answered");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes().to_vec();
        (parts.status, parts.headers, bytes)
    }

    fn header(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
        headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts that a browser sending `accept` gets the module's precompressed copy
    /// `expected`, labelled `encoding`, typed, varying by encoding and cached for good.
    async fn assert_copy_served(accept: &str, expected: &[u8], encoding: &str) {
        let dir = bundle();
        let (status, headers, body) = get(dir.path(), &format!("/{WASM}"), accept).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, expected);
        assert_eq!(header(&headers, header::CONTENT_ENCODING), Some(encoding));
        assert_eq!(
            header(&headers, header::CONTENT_TYPE),
            Some("application/wasm")
        );
        assert_eq!(header(&headers, header::VARY), Some("accept-encoding"));
        assert_eq!(header(&headers, header::CACHE_CONTROL), Some(IMMUTABLE));
    }

    #[tokio::test]
    async fn a_browser_that_accepts_brotli_gets_the_brotli_copy_as_written() {
        assert_copy_served("gzip, deflate, br, zstd", WASM_BR, "br").await;
    }

    #[tokio::test]
    async fn a_browser_that_accepts_only_gzip_gets_the_gzip_copy() {
        assert_copy_served("gzip", WASM_GZ, "gzip").await;
    }

    #[tokio::test]
    async fn a_browser_that_accepts_no_encoding_gets_the_file_itself() {
        let dir = bundle();
        for accept in ["", "identity", "br;q=0, gzip;q=0"] {
            let (status, headers, body) = get(dir.path(), &format!("/{WASM}"), accept).await;
            assert_eq!(status, StatusCode::OK, "{accept}");
            assert_eq!(body, b"\0asm module ".repeat(100), "{accept}");
            assert_eq!(header(&headers, header::CONTENT_ENCODING), None, "{accept}");
            assert_eq!(
                header(&headers, header::VARY),
                Some("accept-encoding"),
                "{accept}"
            );
        }
    }

    #[tokio::test]
    async fn a_client_side_route_gets_the_page_in_the_encoding_accepted_and_never_cached() {
        let dir = bundle();
        let (status, headers, body) =
            get(dir.path(), "/domains/d-abc123def456/add-user", "br").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, b"the page's brotli copy");
        assert_eq!(header(&headers, header::CONTENT_ENCODING), Some("br"));
        assert!(
            header(&headers, header::CONTENT_TYPE).is_some_and(|t| t.starts_with("text/html")),
            "{headers:?}"
        );
        assert_eq!(header(&headers, header::CACHE_CONTROL), Some(NO_CACHE));
        assert_eq!(header(&headers, header::VARY), Some("accept-encoding"));

        let (status, headers, body) = get(dir.path(), "/domains", "").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, INDEX.as_bytes());
        assert_eq!(header(&headers, header::CONTENT_ENCODING), None);
    }

    #[tokio::test]
    async fn the_page_at_the_root_comes_precompressed_and_never_cached() {
        let dir = bundle();
        let (status, headers, body) = get(dir.path(), "/", "gzip").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, b"the page's gzip copy");
        assert_eq!(header(&headers, header::CONTENT_ENCODING), Some("gzip"));
        assert_eq!(header(&headers, header::CACHE_CONTROL), Some(NO_CACHE));
    }

    #[tokio::test]
    async fn a_file_without_copies_is_compressed_on_the_way_once() {
        let dir = bundle();
        let css = "main-0a1b2c3d4e5f6071.css";
        let text = "body { margin: 0 }\n".repeat(200);
        std::fs::write(dir.path().join(css), &text).expect("write");
        let (status, headers, body) = get(dir.path(), &format!("/{css}"), "gzip").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(header(&headers, header::CONTENT_ENCODING), Some("gzip"));
        assert!(body.len() < text.len() / 4, "{} bytes", body.len());
        assert_eq!(
            headers.get_all(header::VARY).iter().count(),
            1,
            "{headers:?}"
        );
        assert_eq!(header(&headers, header::CACHE_CONTROL), Some(IMMUTABLE));
    }

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
