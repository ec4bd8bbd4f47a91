//! CSRF protection of every state-changing API request: the `Origin` must be the site's
//! own, and `X-CSRF-Token` must be the session's token. `POST /api/session` (signing in)
//! has no session yet and needs only the Origin; `--no-auth` mode has no tokens and refuses
//! only a present, foreign Origin.

use axum::http::{HeaderMap, Method, header};

use super::session::SessionContext;
use super::{Mode, Principal, tokens};
use crate::error::AppError;

/// The header carrying the CSRF token.
pub const TOKEN_HEADER: &str = "x-csrf-token";

/// Whether `method` changes state (and so needs the checks).
pub fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Checks a request to `path` (relative to `/api`) addressed to `host` (the `Host`
/// header, or HTTP/2's `:authority`).
pub fn check(
    mode: Mode,
    method: &Method,
    path: &str,
    host: Option<&str>,
    headers: &HeaderMap,
    principal: Option<&Principal>,
    context: &SessionContext,
) -> Result<(), AppError> {
    if !changes_state(method) {
        return Ok(());
    }
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    let own = host.map(|host| own_origin(host, context.secure));
    match (mode, origin) {
        (Mode::Open, None) => return Ok(()),
        (Mode::Open, Some(origin)) if Some(&origin) == own.as_ref() => return Ok(()),
        (Mode::SignIn, Some(origin)) if Some(&origin) == own.as_ref() => {}
        _ => return Err(AppError::CsrfOriginMismatch),
    }
    if *method == Method::POST && path == "/session" {
        return Ok(());
    }
    // Signed out: the route answers 401 (or, for sign-out, clears the cookie).
    if principal.is_none() {
        return Ok(());
    }
    let given = headers.get(TOKEN_HEADER).and_then(|v| v.to_str().ok());
    match (given, context.csrf_token.as_deref()) {
        (Some(given), Some(expected)) if tokens::same(given, expected) => Ok(()),
        _ => Err(AppError::CsrfTokenInvalid),
    }
}

/// `scheme://host[:port]` of the site as the browser addressed it.
fn own_origin(host: &str, secure: bool) -> String {
    let scheme = if secure { "https" } else { "http" };
    format!("{scheme}://{}", host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;
    use crate::auth::Principal;

    const HOST: &str = "admin.example:8080";

    fn headers(origin: Option<&'static str>, token: Option<&'static str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, HeaderValue::from_static(origin));
        }
        if let Some(token) = token {
            headers.insert(TOKEN_HEADER, HeaderValue::from_static(token));
        }
        headers
    }

    fn context() -> SessionContext {
        SessionContext {
            csrf_token: Some("tok".to_owned()),
            ..SessionContext::default()
        }
    }

    #[test]
    fn the_own_origin_and_the_token_pass_and_anything_else_is_refused() {
        let me = Principal::open();
        let check = |h: &HeaderMap| {
            check(
                Mode::SignIn,
                &Method::POST,
                "/validate",
                Some(HOST),
                h,
                Some(&me),
                &context(),
            )
        };
        assert!(check(&headers(Some("http://admin.example:8080"), Some("tok"))).is_ok());
        assert!(matches!(
            check(&headers(None, Some("tok"))),
            Err(AppError::CsrfOriginMismatch)
        ));
        assert!(matches!(
            check(&headers(Some("https://admin.example:8080"), Some("tok"))),
            Err(AppError::CsrfOriginMismatch)
        ));
        assert!(matches!(
            check(&headers(Some("http://admin.example:8080"), Some("other"))),
            Err(AppError::CsrfTokenInvalid)
        ));
    }

    #[test]
    fn open_mode_refuses_only_a_foreign_origin() {
        let me = Principal::open();
        let none = SessionContext::default();
        let open = |h: &HeaderMap| {
            check(
                Mode::Open,
                &Method::DELETE,
                "/x",
                Some(HOST),
                h,
                Some(&me),
                &none,
            )
        };
        assert!(open(&headers(None, None)).is_ok());
        assert!(open(&headers(Some("http://admin.example:8080"), None)).is_ok());
        assert!(open(&headers(Some("http://evil.example"), None)).is_err());
    }
}
