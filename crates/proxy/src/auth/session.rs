//! The session cookie (`studio_admin_session`: HttpOnly, SameSite=Strict; behind TLS
//! `__Host-studio_admin_session`, `Secure`, which browsers accept only from this very
//! host over https, so a sibling subdomain or a plain-http page cannot plant one) and what
//! the auth layer learned about a request's session.

use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};

use super::roles::Principal;
use crate::error::AppError;

/// The cookie's name over plain http.
pub const COOKIE_NAME: &str = "studio_admin_session";

/// The cookie's name when cookies are `Secure`.
pub const SECURE_COOKIE_NAME: &str = "__Host-studio_admin_session";

/// The cookie's name for a request that came over TLS (`secure`) or not.
fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// What the auth layer learned about a request, for the session routes.
#[derive(Debug, Clone, Default)]
pub struct SessionContext {
    /// The token state-changing requests must carry (none in `--no-auth` mode).
    pub csrf_token: Option<String>,
    /// When the session ends (epoch ms; none for header and open identities).
    pub expires_at: Option<i64>,
    /// The stored digest of the request's session token, when it named a live session.
    pub token_digest: Option<String>,
    /// The client's address: the peer, or the address a trusted proxy forwarded.
    pub client_ip: Option<IpAddr>,
    /// Whether the request came over TLS (or the accounts file says it always does):
    /// cookies are then `Secure`.
    pub secure: bool,
    /// The request carried a cookie naming no live session: the answer clears it.
    pub stale_cookie: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for SessionContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Self>().cloned().unwrap_or_default())
    }
}

/// The principal if anyone is signed in (for routes that answer signed-out callers too).
#[derive(Debug, Clone)]
pub struct MaybePrincipal(pub Option<Principal>);

impl<S: Send + Sync> FromRequestParts<S> for MaybePrincipal {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parts.extensions.get::<Principal>().cloned()))
    }
}

/// The session token the request's cookies carry, if any (under the name for `secure`).
pub fn cookie_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// `Set-Cookie` for a new session of `max_age_secs`.
pub fn set_cookie(token: &str, max_age_secs: u64, secure: bool) -> HeaderValue {
    cookie(token, max_age_secs, secure)
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    cookie("", 0, secure)
}

fn cookie(value: &str, max_age_secs: u64, secure: bool) -> HeaderValue {
    let name = cookie_name(secure);
    let flag = if secure { "; Secure" } else { "" };
    let text =
        format!("{name}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_secs}{flag}");
    // Tokens are URL-safe base64: always a valid header value.
    HeaderValue::from_str(&text).expect("cookie text is ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; studio_admin_session=abc-_1; x=y"),
        );
        assert_eq!(cookie_token(&headers, false).as_deref(), Some("abc-_1"));
        assert_eq!(cookie_token(&HeaderMap::new(), false), None);
    }

    #[test]
    fn cookies_are_http_only_strict_and_secure_only_behind_tls() {
        let plain = set_cookie("t", 60, false);
        assert_eq!(
            plain,
            "studio_admin_session=t; HttpOnly; SameSite=Strict; Path=/; Max-Age=60"
        );
        assert!(
            clear_cookie(true)
                .to_str()
                .unwrap()
                .ends_with("Max-Age=0; Secure")
        );
    }

    #[test]
    fn secure_cookies_carry_the_host_prefix_and_only_that_name_is_read_behind_tls() {
        let secure = set_cookie("t", 60, true);
        assert_eq!(
            secure,
            "__Host-studio_admin_session=t; HttpOnly; SameSite=Strict; Path=/; Max-Age=60; Secure"
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("studio_admin_session=planted"),
        );
        assert_eq!(cookie_token(&headers, true), None);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("__Host-studio_admin_session=real"),
        );
        assert_eq!(cookie_token(&headers, true).as_deref(), Some("real"));
    }
}
