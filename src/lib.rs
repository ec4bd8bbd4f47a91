//! studio-admin browser app (Leptos, client-side rendered).
//!
//! - [`App`] is the frame: header with navigation, the routed page, footer.
//! - `pages/` holds one module per page, `components/` the pieces pages share.
//! - [`api`] talks to the proxy; [`form`] is the add/edit-user form's model;
//!   [`state`] holds what several pages share (the domains, the chosen one).

pub mod api;
pub mod components;
pub mod form;
pub mod format;
pub mod pages;
pub mod routes;
pub mod state;

use leptos::prelude::*;

use crate::components::{AppFooter, AppHeader};

/// The product's name as people see it in the header and the window title.
pub const PRODUCT_NAME: &str = "Studio Admin";

/// The app's version, shown in the footer so a screenshot says which build it came from.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The whole app: the router, the shared state, header, the current page, footer.
#[component]
pub fn App() -> impl IntoView {
    state::Domains::provide();
    view! {
        <leptos_router::components::Router>
            <AppHeader />
            <main id="main-content" class="app-main" tabindex="-1">
                <routes::AppRoutes />
            </main>
            <AppFooter />
        </leptos_router::components::Router>
    }
}
