//! Which routes are changes the audit log records: each route declares its
//! [`AuditAction`] where it is added to the router ([`crate::routes::ApiRoutes::change`]);
//! this module keeps those declarations and, for every request that matched one, names the
//! action and what the path says it acts on.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{FromRequestParts as _, MatchedPath, RawPathParams, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use studio_admin_api::AuditAction;

use super::Note;

/// The changes the API's routes declared, by method and route template (relative to
/// `/api`, as declared: `/domains/{domain}/profiles`).
#[derive(Debug, Clone, Default)]
pub struct Changes(HashMap<(Method, &'static str), AuditAction>);

impl Changes {
    /// Records that `method path` is the change `action`.
    ///
    /// # Panics
    /// When the route was declared as a change already (two actions for one route is a
    /// mistake in the route table, found by every test that builds the app).
    pub fn insert(&mut self, method: Method, path: &'static str, action: AuditAction) {
        let key = (method, path);
        assert!(
            !self.0.contains_key(&key),
            "{} {path} is declared as two audited changes",
            key.0
        );
        self.0.insert(key, action);
    }

    /// Both tables together.
    pub fn extend(&mut self, other: Self) {
        for ((method, path), action) in other.0 {
            self.insert(method, path, action);
        }
    }

    /// The action of `method` on the route template `path` (with or without the `/api`
    /// prefix a nested router's matched path carries).
    pub fn action(&self, method: &Method, path: &str) -> Option<AuditAction> {
        let path = path.strip_prefix("/api").unwrap_or(path);
        self.0
            .iter()
            .find(|((m, p), _)| m == method && *p == path)
            .map(|(_, action)| *action)
    }

    /// Every declared change (for tests that walk them all).
    pub fn all(&self) -> impl Iterator<Item = (&Method, &'static str, AuditAction)> {
        self.0.iter().map(|((m, p), a)| (m, *p, *a))
    }
}

/// For a request that matched a declared change: names its action in the request's
/// [`Note`], with the domain (`{domain}`) and the target (`{name}` or `{id}`) of its path.
/// Runs after routing and before the auth layer, so that a change refused for want of a
/// session or a CSRF token is recorded as that change.
pub async fn name_change(
    State(changes): State<Arc<Changes>>,
    request: Request,
    next: Next,
) -> Response {
    let action = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|m| changes.action(request.method(), m.as_str()));
    let Some(action) = action else {
        return next.run(request).await;
    };
    let (mut parts, body) = request.into_parts();
    let note = Note::of(&parts.extensions);
    note.set_route_action(action);
    if let Ok(params) = RawPathParams::from_request_parts(&mut parts, &()).await {
        for (name, value) in params.iter() {
            match name {
                "domain" => note.set_domain(value),
                "name" | "id" => note.set_target(value),
                _ => {}
            }
        }
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_found_by_method_and_template_with_or_without_the_api_prefix() {
        let mut changes = Changes::default();
        changes.insert(
            Method::DELETE,
            "/domains/{domain}/profiles/{name}",
            AuditAction::ProfileDelete,
        );
        assert_eq!(
            changes.action(&Method::DELETE, "/api/domains/{domain}/profiles/{name}"),
            Some(AuditAction::ProfileDelete)
        );
        assert_eq!(
            changes.action(&Method::GET, "/domains/{domain}/profiles/{name}"),
            None
        );
    }

    #[test]
    #[should_panic(expected = "declared as two audited changes")]
    fn a_route_declared_twice_as_a_change_is_a_mistake() {
        let mut changes = Changes::default();
        changes.insert(Method::POST, "/requests", AuditAction::RequestSubmit);
        changes.insert(Method::POST, "/requests", AuditAction::RequestApprove);
    }
}
