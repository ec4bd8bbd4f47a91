//! The API's route table: each route is added with [`ApiRoutes::read`], or with
//! [`ApiRoutes::change`] naming the [`AuditAction`] the audit log records it as, so a
//! change and its action are declared in one line. The table of every route (method,
//! path, action) is kept, for the tests that walk all of them.

use std::sync::Arc;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware;
use axum::routing::{MethodFilter, on};
use studio_admin_api::AuditAction;

use crate::audit::{Changes, name_change};

/// Routes under construction, with the audited changes among them.
#[derive(Debug)]
pub struct ApiRoutes<S> {
    router: Router<S>,
    changes: Changes,
    table: Vec<ApiRoute>,
}

/// One declared route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRoute {
    /// Its method.
    pub method: Method,
    /// Its path template, relative to `/api` (`/jobs/{id}`).
    pub path: &'static str,
    /// The audit log's name for it, when it is a change.
    pub action: Option<AuditAction>,
}

impl<S: Clone + Send + Sync + 'static> Default for ApiRoutes<S> {
    fn default() -> Self {
        Self {
            router: Router::new(),
            changes: Changes::default(),
            table: Vec::new(),
        }
    }
}

impl<S: Clone + Send + Sync + 'static> ApiRoutes<S> {
    /// No routes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `method path`, handled by `handler`, changing nothing worth recording (reads,
    /// validation).
    ///
    /// # Panics
    /// When `method` is not one axum can route by (a mistake in the route table).
    #[must_use]
    pub fn read<H, T>(self, method: Method, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add(method, path, None, handler)
    }

    /// `method path`, handled by `handler`, recorded in the audit log as `action`.
    ///
    /// # Panics
    /// When `method` is not one axum can route by (a mistake in the route table).
    #[must_use]
    pub fn change<H, T>(
        self,
        action: AuditAction,
        method: Method,
        path: &'static str,
        handler: H,
    ) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.add(method, path, Some(action), handler)
    }

    fn add<H, T>(
        mut self,
        method: Method,
        path: &'static str,
        action: Option<AuditAction>,
        handler: H,
    ) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        if let Some(action) = action {
            self.changes.insert(method.clone(), path, action);
        }
        self.table.push(ApiRoute {
            method,
            path,
            action,
        });
        self.router = self.router.route(path, on(filter, handler));
        self
    }

    /// Both tables together.
    #[must_use]
    pub fn merge(mut self, other: Self) -> Self {
        self.changes.extend(other.changes);
        self.table.extend(other.table);
        self.router = self.router.merge(other.router);
        self
    }

    /// Every declared route, in the order declared (for tests that walk all of them).
    pub fn table(&self) -> &[ApiRoute] {
        &self.table
    }

    /// The router: for every matched route, the change's action is named first, then the
    /// layers `guard` adds run (authentication: a change refused there is still recorded
    /// as that change), then the handler.
    pub fn into_router(self, guard: impl FnOnce(Router<S>) -> Router<S>) -> Router<S> {
        let changes = Arc::new(self.changes);
        guard(self.router).route_layer(middleware::from_fn_with_state(changes, name_change))
    }
}
