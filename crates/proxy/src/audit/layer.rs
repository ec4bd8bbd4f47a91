//! The middleware that writes one audit entry per change (and per sign-in, sign-out and
//! refused identity header) once the answer is known: the outcome comes from the status,
//! the details from the path and the request's [`Note`].

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use studio_admin_api::AuditOutcome;

use super::Note;
use crate::app::REQUEST_ID_HEADER;
use crate::error::ErrorInfo;
use crate::state::AppState;
use crate::store::NewAuditEntry;

/// Runs the request, then records it if it was a change (see the module's doc). A failure
/// to write the entry is logged; the answer already happened.
pub async fn record(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let note = Note::default();
    request.extensions_mut().insert(note.clone());
    let response = next.run(request).await;
    let fields = note.take();
    let Some(action) = fields.action.or(fields.route_action) else {
        return response;
    };
    let status = response.status();
    let error = response.extensions().get::<ErrorInfo>();
    let outcome = if status.is_success() || status.is_redirection() {
        AuditOutcome::Ok
    } else if status.is_server_error() || error.is_some_and(|e| e.from_aws) {
        AuditOutcome::Failed
    } else {
        AuditOutcome::Refused
    };
    let entry = NewAuditEntry {
        at: state.auth.now_ms(),
        actor: fields.actor.unwrap_or_else(|| "-".to_owned()),
        role: fields.role,
        source_ip: fields.source_ip.map(|ip| ip.to_string()),
        action,
        domain_id: fields.domain_id.map(capped),
        target: fields.target.map(capped),
        arn: fields.arn,
        summary: fields.summary,
        outcome,
        status: status.as_u16(),
        message: error.map(|e| e.message.clone()),
        request_id,
    };
    if let Err(e) = state.store.insert_audit(&entry).await {
        tracing::error!(error = %e, action = action.as_str(), "could not write the audit entry");
    }
    response
}

/// Longest domain id or target kept in an entry (both come from the request's path).
const MAX_NAME_CHARS: usize = 128;

/// A name from the path, cut to [`MAX_NAME_CHARS`] (a caller cannot grow the log with a
/// huge path).
fn capped(name: String) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name;
    }
    let mut cut: String = name.chars().take(MAX_NAME_CHARS).collect();
    cut.push('…');
    cut
}
