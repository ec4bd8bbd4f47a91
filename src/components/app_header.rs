//! The top bar: a skip link, the product name and the main navigation.

use leptos::prelude::*;

use crate::PRODUCT_NAME;

/// The app's header. The navigation links only move within the page for now: the profile
/// list and the router arrive with the panel's pages.
#[component]
pub fn AppHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main-content">
            "Skip to main content"
        </a>
        <header class="app-header">
            <a class="app-header-name" href="#main-content">
                {PRODUCT_NAME}
            </a>
            <span class="app-header-tagline">"SageMaker Studio user profiles"</span>
            <nav class="app-nav" aria-label="Main">
                <ul>
                    <li>
                        <a href="#profiles">"Profiles"</a>
                    </li>
                    <li>
                        <a href="#add-user" aria-current="page">
                            "Add user"
                        </a>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
