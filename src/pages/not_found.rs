//! Any address the app does not know.

use leptos::prelude::*;

/// Says the page does not exist and where to go instead.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="not-found-title">
            <h1 id="not-found-title" class="page-title">
                "Page not found"
            </h1>
            <p class="page-description">
                "There is no page at this address. " <a href="/domains">"Choose a domain"</a>
                " to see its user profiles."
            </p>
        </section>
    }
}
