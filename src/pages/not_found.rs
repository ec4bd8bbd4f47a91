//! Any address the app does not know.

use leptos::prelude::*;

use crate::components::Page;

/// Says the page does not exist and where to go instead.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Page
            title_id="not-found-title"
            title="Page not found"
            description=|| view! {
                "There is no page at this address. " <a href="/domains">"Choose a domain"</a>
                " to see its user profiles."
            }
        />
    }
}
