//! The API's route table: each route is added with [`ApiRoutes::read`], or with
//! [`ApiRoutes::change`] naming the [`AuditAction`] the audit log records it as, so a
//! change and its action are declared in one line.

use std::sync::Arc;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware;
use axum::routing::{MethodFilter, MethodRouter, on};
use studio_admin_api::AuditAction;

use crate::audit::{Changes, name_change};

/// Routes under construction, with the audited changes among them.
#[derive(Debug)]
pub struct ApiRoutes<S> {
    router: Router<S>,
    changes: Changes,
}

impl<S: Clone + Send + Sync + 'static> Default for ApiRoutes<S> {
    fn default() -> Self {
        Self {
            router: Router::new(),
            changes: Changes::default(),
        }
    }
}

impl<S: Clone + Send + Sync + 'static> ApiRoutes<S> {
    /// No routes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A route that changes nothing worth recording (reads, validation).
    #[must_use]
    pub fn read(mut self, path: &'static str, route: MethodRouter<S>) -> Self {
        self.router = self.router.route(path, route);
        self
    }

    /// `method path`, handled by `handler`, recorded in the audit log as `action`.
    ///
    /// # Panics
    /// When `method` is not one axum can route by (a mistake in the route table).
    #[must_use]
    pub fn change<H, T>(
        mut self,
        action: AuditAction,
        method: Method,
        path: &'static str,
        handler: H,
    ) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        self.changes.insert(method, path, action);
        self.router = self.router.route(path, on(filter, handler));
        self
    }

    /// Both tables together.
    #[must_use]
    pub fn merge(mut self, other: Self) -> Self {
        self.changes.extend(other.changes);
        self.router = self.router.merge(other.router);
        self
    }

    /// The declared changes (for tests that walk every one).
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// The router: for every matched route, the change's action is named first, then the
    /// layers `guard` adds run (authentication: a change refused there is still recorded
    /// as that change), then the handler.
    pub fn into_router(self, guard: impl FnOnce(Router<S>) -> Router<S>) -> Router<S> {
        let changes = Arc::new(self.changes);
        guard(self.router).route_layer(middleware::from_fn_with_state(changes, name_change))
    }
}
