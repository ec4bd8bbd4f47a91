//! studio-admin browser app (Leptos, client-side rendered).
//!
//! - [`App`] is the frame: header with navigation, the current page, footer.
//! - `pages/` holds one module per page, `components/` the pieces pages share.
//! - [`validation`] asks the model crate about what is typed, so every keystroke is checked
//!   by the same code the proxy runs again before it signs a request.

pub mod components;
pub mod pages;
pub mod validation;

use leptos::prelude::*;

use crate::components::{AppFooter, AppHeader};
use crate::pages::AddUserPage;

/// The product's name as people see it in the header and the window title.
pub const PRODUCT_NAME: &str = "Studio Admin";

/// The app's version, shown in the footer so a screenshot says which build it came from.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The whole app: header, the add-user page (the only page so far), footer.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <AppHeader />
        <main id="main-content" class="app-main" tabindex="-1">
            <AddUserPage />
        </main>
        <AppFooter />
    }
}
