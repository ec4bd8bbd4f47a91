//! The app's addresses. Everything lives under the domain it belongs to, so a link to a
//! profile works for anyone who opens it.
//!
//! | path | page |
//! |---|---|
//! | `/` | the chosen domain's profiles, or the domain picker |
//! | `/domains` | domain picker |
//! | `/domains/{domain}/profiles` | profile list |
//! | `/domains/{domain}/add-user` | add user |
//! | `/domains/{domain}/profiles/{name}` | profile detail |
//! | `/domains/{domain}/profiles/{name}/edit` | edit user |
//! | `/domains/{domain}/profiles/{name}/delete` | delete: plan, confirmation, progress |

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::path;

use crate::pages::{
    AddUserPage, DeleteProfilePage, DomainPickerPage, EditUserPage, HomePage, NotFoundPage,
    ProfileDetailPage, ProfileListPage,
};

/// The routed pages.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotFoundPage>
            <Route path=path!("/") view=HomePage />
            <Route path=path!("/domains") view=DomainPickerPage />
            <Route path=path!("/domains/:domain/profiles") view=ProfileListPage />
            <Route path=path!("/domains/:domain/add-user") view=AddUserPage />
            <Route path=path!("/domains/:domain/profiles/:name") view=ProfileDetailPage />
            <Route path=path!("/domains/:domain/profiles/:name/edit") view=EditUserPage />
            <Route path=path!("/domains/:domain/profiles/:name/delete") view=DeleteProfilePage />
        </Routes>
    }
}

/// A path parameter of the current route (empty when absent).
pub fn param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

/// A query parameter of the current address (empty when absent).
pub fn query(name: &'static str) -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get(name).unwrap_or_default()))
}

/// `/domains/{domain}/profiles`.
pub fn profiles_href(domain: &str) -> String {
    format!("/domains/{domain}/profiles")
}

/// `/domains/{domain}/profiles/{name}`.
pub fn profile_href(domain: &str, name: &str) -> String {
    format!("/domains/{domain}/profiles/{name}")
}
