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

/// Resolves the principal of `request` (see the module's doc).
pub async fn resolve(State(auth): State<Auth>, mut request: Request, next: Next) -> Response {
    let note = Note::of(request.extensions());
    let peer = peer_ip(&request);
    let trusted = auth.trusted_peer(peer);
    let headers = request.headers();
    let client_ip = if trusted {
        forwarded_for(headers).or(peer)
    } else {
        peer
    };
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
    let Some(token) = session::cookie_token(headers) else {
        return Ok(None);
    };
    let digest = tokens::digest(&token);
    let now = auth.now_ms();
    let row = auth.store().session(&digest).await?;
    let account = row.as_ref().and_then(|row| {
        (row.expires_at > now)
            .then(|| auth.settings().account(&row.name))
            .flatten()
    });
    match (row, account) {
        (Some(row), Some(account)) => {
            context.csrf_token = Some(auth.session_csrf(&digest).await?);
            context.expires_at = Some(row.expires_at);
            context.token_digest = Some(digest);
            Ok(Some(account.principal()))
        }
        (row, _) => {
            if row.is_some() {
                // Expired, or the account is gone from the accounts file.
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

/// The client a trusted proxy says it forwarded for: the last `X-Forwarded-For` entry
/// (the one that proxy appended itself).
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|last| last.trim().parse().ok())
}

/// The request's path relative to `/api`, whether or not the router was nested.
pub fn api_path(request: &Request) -> String {
    let path = request.uri().path();
    path.strip_prefix("/api").unwrap_or(path).to_owned()
}
