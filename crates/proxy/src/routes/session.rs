//! Signing in and out, and who is signed in.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/session` | 200 [`SessionInfo`] (its `user` is null when nobody is signed in) |
//! | `POST /api/session` `{"name","password"}` | 200 [`SessionInfo`] + the session cookie |
//! | `DELETE /api/session` | 204, the session ended and its cookie cleared |

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use studio_admin_api::{AuditAction, EpochMillis, SessionInfo, SignIn};

use super::ApiRoutes;
use crate::audit::Note;
use crate::auth::config::check_name;
use crate::auth::{AttemptKeys, MaybePrincipal, Mode, SessionContext, password};
use crate::error::AppError;
use crate::extract::StrictJson;
use crate::state::AppState;

/// The session routes.
pub fn router() -> ApiRoutes<AppState> {
    ApiRoutes::new()
        .read(Method::GET, "/session", show)
        .change(AuditAction::SignIn, Method::POST, "/session", sign_in)
        .change(AuditAction::SignOut, Method::DELETE, "/session", sign_out)
}

async fn show(
    State(state): State<AppState>,
    MaybePrincipal(user): MaybePrincipal,
    context: SessionContext,
) -> Json<SessionInfo> {
    let signed_in = user.is_some();
    Json(SessionInfo {
        user: user.map(|p| p.0),
        csrf_token: context.csrf_token.filter(|_| signed_in),
        expires_at: context.expires_at.map(EpochMillis),
        demo_accounts: state.auth.settings().demo_accounts.clone(),
    })
}

/// Checks the password (time-equalized for unknown names), counts failures per name and
/// per client address, and starts a session.
async fn sign_in(
    State(state): State<AppState>,
    context: SessionContext,
    note: Note,
    body: Result<StrictJson<SignIn>, AppError>,
) -> Result<Response, AppError> {
    // The parser's words may quote the body (a password sent as a number, say): none of
    // it goes into the answer or the audit log.
    let Ok(StrictJson(body)) = body else {
        return Err(AppError::BadRequest(
            "the body must be {\"name\": ..., \"password\": ...} as JSON".to_owned(),
        ));
    };
    let auth = &state.auth;
    if auth.settings().mode == Mode::Open {
        return Err(AppError::Conflict(
            "sign-in is off: the server runs with --no-auth".to_owned(),
        ));
    }
    let name = body.name.trim().to_owned();
    // Only name-shaped text is recorded: a password typed into the name field is not.
    note.set_actor(
        if check_name(&name).is_ok() {
            &name
        } else {
            "-"
        },
        None,
    );
    // The attempt is counted as a failure before the password is checked, so guesses
    // arriving together cannot all be checked before the lock-out sees them.
    let keys = AttemptKeys::new(&name, context.client_ip);
    let now = auth.now_ms();
    if let Some(retry_after_secs) = keys.count(auth.store(), now).await? {
        return Err(AppError::TooManySignInAttempts { retry_after_secs });
    }
    let Some(_permit) = auth.hashes().enter().await else {
        return Err(AppError::SignInBusy);
    };
    let account = auth.settings().account(&name).cloned();
    let stored_hash = account.as_ref().map(|a| a.password_hash.clone());
    let password = body.password;
    // argon2 takes tens of milliseconds of CPU: keep it off the async workers.
    let matches = tokio::task::spawn_blocking(move || match stored_hash {
        Some(hash) => password::verify(&password, &hash),
        None => {
            password::verify_dummy(&password);
            false
        }
    })
    .await
    .unwrap_or(false);
    let Some(account) = account.filter(|_| matches) else {
        return Err(AppError::InvalidCredentials);
    };
    keys.succeeded(auth.store()).await?;
    // Signing in again from a browser ends the session it had.
    if let Some(previous) = &context.token_digest {
        auth.store().delete_session(previous).await?;
    }
    let token = crate::auth::new_token();
    let digest = crate::auth::digest(&token);
    let lifetime = auth.settings().session_lifetime;
    let expires_at = now + i64::try_from(lifetime.as_millis()).unwrap_or(i64::MAX / 2);
    auth.store()
        .create_session(&digest, &account.name, now, expires_at)
        .await?;
    let principal = account.principal();
    note.set_actor(&principal.name, Some(principal.role));
    tracing::info!(user = %principal.name, role = %principal.role, "signed in");
    let view = SessionInfo {
        user: Some(principal.0),
        csrf_token: Some(auth.session_csrf(&digest).await?),
        expires_at: Some(EpochMillis(expires_at)),
        demo_accounts: auth.settings().demo_accounts.clone(),
    };
    let cookie = crate::auth::set_cookie(&token, lifetime.as_secs(), context.secure);
    Ok(([(header::SET_COOKIE, cookie)], Json(view)).into_response())
}

/// Ends the request's session (if it named one) and clears the cookie either way.
async fn sign_out(
    State(state): State<AppState>,
    context: SessionContext,
) -> Result<Response, AppError> {
    if let Some(digest) = &context.token_digest {
        state.auth.store().delete_session(digest).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            crate::auth::clear_cookie(context.secure),
        )],
    )
        .into_response())
}
