//! What the handlers and the auth layer tell the audit log about a request: the actor,
//! the resource acted on, a summary without secrets. Shared between the audit layer and
//! the inner services through the request's extensions.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use axum::extract::FromRequestParts;
use axum::http::Extensions;
use axum::http::request::Parts;
use serde_json::Value;

use studio_admin_api::{AuditAction, Role};

/// What is known so far (every member optional; the layer fills gaps from the path).
#[derive(Debug, Clone, Default)]
pub struct NoteFields {
    /// The route's action, as the route declared it.
    pub route_action: Option<AuditAction>,
    /// An action other than the route's (an identity header refused before any route).
    pub action: Option<AuditAction>,
    /// Who (the principal, or the name someone tried to sign in as).
    pub actor: Option<String>,
    /// Their role.
    pub role: Option<Role>,
    /// The client's address.
    pub source_ip: Option<IpAddr>,
    /// The domain acted in.
    pub domain_id: Option<String>,
    /// The profile name, request id or job id acted on.
    pub target: Option<String>,
    /// The ARN of what was created or changed.
    pub arn: Option<String>,
    /// A JSON object describing the change, without secrets.
    pub summary: Option<Value>,
}

/// A shared, writable [`NoteFields`]. As an extractor it never fails: without the audit
/// layer (tests of single routers) notes go nowhere.
#[derive(Debug, Clone, Default)]
pub struct Note(Arc<Mutex<NoteFields>>);

impl Note {
    /// The request's note, or a detached one when the audit layer is not in front.
    pub fn of(extensions: &Extensions) -> Self {
        extensions.get::<Self>().cloned().unwrap_or_default()
    }

    fn with(&self, change: impl FnOnce(&mut NoteFields)) {
        change(&mut self.0.lock().expect("not poisoned"));
    }

    /// What was noted, leaving the note empty.
    pub fn take(&self) -> NoteFields {
        std::mem::take(&mut self.0.lock().expect("not poisoned"))
    }

    /// Records the action the matched route declared.
    pub fn set_route_action(&self, action: AuditAction) {
        self.with(|f| f.route_action = Some(action));
    }

    /// Records an action other than the route's.
    pub fn set_action(&self, action: AuditAction) {
        self.with(|f| f.action = Some(action));
    }

    /// Records who is acting.
    pub fn set_actor(&self, name: &str, role: Option<Role>) {
        self.with(|f| {
            f.actor = Some(name.to_owned());
            f.role = role;
        });
    }

    /// Records the client's address.
    pub fn set_source_ip(&self, ip: Option<IpAddr>) {
        self.with(|f| f.source_ip = ip);
    }

    /// Records the domain acted in.
    pub fn set_domain(&self, domain_id: &str) {
        self.with(|f| f.domain_id = Some(domain_id.to_owned()));
    }

    /// Records what was acted on.
    pub fn set_target(&self, target: impl Into<String>) {
        let target = target.into();
        self.with(|f| f.target = Some(target));
    }

    /// Records the ARN of the resource.
    pub fn set_arn(&self, arn: Option<&str>) {
        self.with(|f| f.arn = arn.map(str::to_owned));
    }

    /// Records a summary of the change (no secrets: callers pick the members).
    pub fn set_summary(&self, summary: Value) {
        self.with(|f| f.summary = Some(summary));
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Note {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::of(&parts.extensions))
    }
}
