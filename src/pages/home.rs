//! `/`: straight to the chosen domain's profiles, or to the domain picker.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::routes::profiles_href;
use crate::state::Domains;

/// The start page: it only sends the person on.
#[component]
pub fn HomePage() -> impl IntoView {
    let chosen = Domains::get().and_then(|d| d.chosen.get_untracked());
    let target = chosen.map_or_else(|| "/domains".to_owned(), |id| profiles_href(&id));
    view! { <Redirect path=target /> }
}
