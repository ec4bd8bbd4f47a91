//! studio-admin browser app (Leptos, client-side rendered).
//!
//! - [`App`] is the frame: header with navigation, the routed page, footer.
//! - `pages/` holds one module per page, `components/` the pieces pages share.
//! - [`api`] talks to the proxy; [`profile_form`] is the add/edit-user form (model,
//!   fields, sections);
//!   [`state`] holds what several pages share (the session, the domains, the chosen one).
//!
//! While nobody is signed in, every address shows the sign-in page; once someone is, the
//! address they asked for.

pub mod api;
pub mod components;
pub mod format;
pub mod pages;
pub mod profile_form;
pub mod routes;
pub mod state;

use leptos::prelude::*;

use crate::api::{Api, provide_api};
use crate::components::{AppFooter, AppHeader, LoadError, Loading};
use crate::pages::SignInPage;
use crate::state::{Gate, Session};

/// The product's name as people see it in the header and the window title.
pub const PRODUCT_NAME: &str = "Studio Admin";

/// The app's version, shown in the footer so a screenshot says which build it came from.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The whole app: the router, the shared state, header, the current page (or the
/// sign-in page), footer.
#[component]
pub fn App() -> impl IntoView {
    // One client for every page, so all of them send the session's CSRF token.
    let api = use_context::<Api>().unwrap_or_else(|| {
        let api = Api::default();
        provide_api(api.clone());
        api
    });
    let session = Session::provide(&api);
    state::Domains::provide();
    let page = move || match session.gate.get() {
        Gate::Loading => view! { <Loading label="Checking who is signed in…" /> }.into_any(),
        Gate::Failed(reason) => {
            let api = api.clone();
            view! {
                <LoadError
                    what="The panel could not ask the server who is signed in."
                    reason=reason
                    on_retry=Callback::new(move |()| session.reload(api.clone()))
                />
            }
            .into_any()
        }
        Gate::SignedOut => view! { <SignInPage /> }.into_any(),
        Gate::SignedIn(_) => view! { <routes::AppRoutes /> }.into_any(),
    };
    view! {
        <leptos_router::components::Router>
            <AppHeader />
            <main id="main-content" class="app-main" tabindex="-1">
                {page}
            </main>
            <AppFooter />
        </leptos_router::components::Router>
    }
}
