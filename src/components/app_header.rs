//! The top bar: a skip link, the product name, the main navigation and the domain the
//! person works in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::PRODUCT_NAME;
use crate::state::{Domains, domain_label};

/// The app's header. "Profiles" and "Add user" lead into the chosen domain, or to the
/// domain picker while none is chosen.
#[component]
pub fn AppHeader() -> impl IntoView {
    let domains = Domains::get();
    let chosen = move || domains.and_then(|d| d.chosen.get());
    let into_domain = move |page: &'static str| {
        move || match chosen() {
            Some(id) => format!("/domains/{id}/{page}"),
            None => "/domains".to_owned(),
        }
    };
    let domain_name = move || {
        let domains = domains?;
        let id = domains.chosen.get()?;
        Some(domains.find(&id).map_or(id, |d| domain_label(&d)))
    };
    view! {
        <a class="skip-link" href="#main-content">
            "Skip to main content"
        </a>
        <header class="app-header">
            <a class="app-header-name" href="/">
                {PRODUCT_NAME}
            </a>
            <span class="app-header-tagline">"SageMaker Studio user profiles"</span>
            <nav class="app-nav" aria-label="Main">
                <ul>
                    <li>
                        <A href="/domains" exact=true>
                            "Domains"
                        </A>
                    </li>
                    <li>
                        <A href=into_domain("profiles") exact=true>
                            "Profiles"
                        </A>
                    </li>
                    <li>
                        <A href=into_domain("add-user")>"Add user"</A>
                    </li>
                </ul>
            </nav>
            {move || {
                domain_name()
                    .map(|name| {
                        view! {
                            <span class="app-header-domain">
                                <span class="app-header-domain-label">"Domain "</span>
                                <strong>{name}</strong>
                            </span>
                        }
                    })
            }}
        </header>
    }
}
