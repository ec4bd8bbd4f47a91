//! The middleware in front of every API route: finds out who is asking (reverse-proxy
//! headers from a trusted peer, the session cookie, or the open mode's `local`), refuses
//! forged identity headers and cross-site requests, and hands the principal to the
//! handlers through the request's extensions.

use std::net::{IpAddr, SocketAddr};

use axum::extract::connect_info::{ConnectInfo, MockConnectInfo};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use studio_admin_api::AuditAction;

use super::session::{self, SessionContext};
use super::{Auth, Mode, Principal, csrf, header as header_auth, tokens};
use crate::audit::Note;
use crate::error::AppError;

/// How stale a session's last use may be before a request records it again.
const TOUCH_EVERY_MS: i64 = 60_000;

/// Resolves the principal of `request` (see the module's doc).
pub async fn resolve(State(auth): State<Auth>, mut request: Request, next: Next) -> Response {
    let note = Note::of(request.extensions());
    let peer = peer_ip(&request);
    let trusted = auth.trusted_peer(peer);
    let headers = request.headers();
    let client_ip = client_address(peer, headers, |ip| auth.trusted_peer(Some(ip)));
    note.set_source_ip(client_ip);
    let forwarded_https = trusted
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    let mut context = SessionContext {
        client_ip,
        secure: auth.settings().secure_cookies || forwarded_https,
        ..SessionContext::default()
    };
    let principal = match identify(&auth, headers, trusted, &mut context, &note).await {
        Ok(principal) => principal,
        Err(refusal) => return refusal.into_response(),
    };
    if let Some(principal) = &principal {
        note.set_actor(&principal.name, Some(principal.role));
    }
    let path = api_path(&request);
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    if let Err(refusal) = csrf::check(
        auth.settings().mode,
        request.method(),
        &path,
        host,
        request.headers(),
        principal.as_ref(),
        &context,
    ) {
        return with_stale_cookie_cleared(refusal.into_response(), &context);
    }
    if let Some(principal) = principal {
        request.extensions_mut().insert(principal);
    }
    request.extensions_mut().insert(context.clone());
    with_stale_cookie_cleared(next.run(request).await, &context)
}

/// Who the headers or the cookie name, if anyone.
async fn identify(
    auth: &Auth,
    headers: &HeaderMap,
    trusted: bool,
    context: &mut SessionContext,
    note: &Note,
) -> Result<Option<Principal>, AppError> {
    if let Some(config) = &auth.settings().header
        && let Some(user) = header_auth::user(config, headers)
    {
        if header_auth::repeated(config, headers) {
            note.set_action(AuditAction::DuplicateIdentityHeader);
            tracing::warn!(ip = ?context.client_ip, "a request with two identity headers refused");
            return Err(AppError::DuplicateIdentityHeader);
        }
        if !trusted {
            note.set_action(AuditAction::UntrustedHeader);
            note.set_summary(serde_json::json!({ "claimed_user": user }));
            tracing::warn!(ip = ?context.client_ip, "identity header from an untrusted peer refused");
            return Err(AppError::UntrustedIdentityHeader);
        }
        let principal = header_auth::principal(config, headers, user)?;
        context.csrf_token = Some(auth.header_csrf(&principal.name).await?);
        return Ok(Some(principal));
    }
    if auth.settings().mode == Mode::Open {
        return Ok(Some(Principal::open()));
    }
    let Some(token) = session::cookie_token(headers, context.secure) else {
        return Ok(None);
    };
    let digest = tokens::digest(&token);
    let now = auth.now_ms();
    let row = auth.store().session(&digest).await?;
    let account = row.as_ref().and_then(|row| {
        auth.session_is_live(row, now)
            .then(|| auth.settings().account(&row.name))
            .flatten()
    });
    match (row, account) {
        (Some(row), Some(account)) => {
            // Written at most once a minute: the idle timeout needs no finer grain.
            if now - row.last_seen_at >= TOUCH_EVERY_MS {
                auth.store().touch_session(&digest, now).await?;
            }
            context.csrf_token = Some(auth.session_csrf(&digest).await?);
            context.expires_at = Some(row.expires_at);
            context.token_digest = Some(digest);
            Ok(Some(account.principal()))
        }
        (row, _) => {
            if row.is_some() {
                // Expired, idle too long, or the account is gone from the accounts file.
                auth.store().delete_session(&digest).await?;
            }
            context.stale_cookie = true;
            Ok(None)
        }
    }
}

/// Adds a `Set-Cookie` clearing a stale session cookie, unless the answer sets one itself.
fn with_stale_cookie_cleared(mut response: Response, context: &SessionContext) -> Response {
    if context.stale_cookie && !response.headers().contains_key(header::SET_COOKIE) {
        response
            .headers_mut()
            .insert(header::SET_COOKIE, session::clear_cookie(context.secure));
    }
    response
}

/// The address of the TCP peer (a reverse proxy, or the browser itself).
pub fn peer_ip(request: &Request) -> Option<IpAddr> {
    let extensions = request.extensions();
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .or_else(|| {
            extensions
                .get::<MockConnectInfo<SocketAddr>>()
                .map(|MockConnectInfo(addr)| addr.ip())
        })
}

/// The client's address: the peer, unless the peer is a trusted proxy; then the
/// right-most `X-Forwarded-For` address that is not a trusted proxy (each proxy appends
/// the address it received from, so everything left of the first untrusted hop may be
/// forged by the client). A hop that is not an address ends the walk.
pub fn client_address(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted: impl Fn(IpAddr) -> bool,
) -> Option<IpAddr> {
    let mut client = peer?;
    if !trusted(client) {
        return Some(client);
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.iter().rev() {
        let Some(ip) = parse_hop(hop.trim()) else {
            break;
        };
        client = ip;
        if !trusted(ip) {
            break;
        }
    }
    Some(client)
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`192.0.2.1:4711`,
/// `[2001:db8::1]:443`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

/// The request's path relative to `/api`, whether or not the router was nested.
pub fn api_path(request: &Request) -> String {
    let path = request.uri().path();
    path.strip_prefix("/api").unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn forwarded(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn the_client_is_the_right_most_forwarded_address_that_is_not_a_trusted_proxy() {
        let trusted = |a: IpAddr| a.to_string().starts_with("10.0.0.");
        let headers = forwarded(&["198.51.100.9, 203.0.113.5", "10.0.0.2"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &headers, trusted),
            Some(ip("203.0.113.5")),
            "the forged 198.51.100.9 left of the real client is ignored"
        );
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let headers = forwarded(&["203.0.113.5"]);
        assert_eq!(
            client_address(Some(ip("192.0.2.10")), &headers, |_| false),
            Some(ip("192.0.2.10"))
        );
    }

    #[test]
    fn a_trusted_peer_without_forwarding_or_with_garbage_is_its_own_client() {
        let trusted = |a: IpAddr| a == ip("10.0.0.1");
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &HeaderMap::new(), trusted),
            Some(ip("10.0.0.1"))
        );
        let headers = forwarded(&["not-an-address"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &headers, trusted),
            Some(ip("10.0.0.1"))
        );
        let headers = forwarded(&["[2001:db8::7]:443"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &headers, trusted),
            Some(ip("2001:db8::7"))
        );
    }
}
