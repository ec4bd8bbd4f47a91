//! The frame of a page about one domain (its id from the address): the way back to the
//! domain's profiles, a description that names the domain, and the permission the page
//! needs in that domain.

use leptos::prelude::*;

use super::{domain_crumbs, domain_place, use_domain};
use crate::api::types::{Domain, Permission};
use crate::components::{Needs, Page};
use crate::routes::param;

/// A page of the domain in the address.
#[component]
pub fn DomainPage(
    /// The title's element id.
    title_id: &'static str,
    /// The title.
    title: &'static str,
    /// The page's own step in the way back.
    crumb: &'static str,
    /// What the page is for, given the domain's name in words (its id while it loads).
    about: fn(&str) -> String,
    /// What the person must hold in the domain.
    permission: Permission,
    /// The body, given the domain's id and the domain (`None` while it loads).
    body: fn(Memo<String>, Signal<Option<Domain>>) -> AnyView,
) -> impl IntoView {
    let domain_id = param("domain");
    let domain = use_domain(domain_id);
    let about = move || about(&domain_place(domain, domain_id));
    view! {
        <Page
            title_id=title_id
            title=title
            description=about
            crumbs=domain_crumbs(domain_id, crumb)
            needs=Needs::in_domain(permission, domain_id)
        >
            // Drawn as a component is: what it reads while drawing does not redraw it.
            {untrack(|| body(domain_id, domain))}
        </Page>
    }
}
