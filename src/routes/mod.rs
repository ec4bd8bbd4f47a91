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
//! | `/domains/{domain}/request` | request a profile for oneself (requesters) |
//! | `/domains/{domain}/policy` | what the domain fixes for requesters (leads) |
//! | `/requests` | the onboarding requests to decide (leads) |
//! | `/requests/mine` | the person's own requests |
//! | `/requests/{id}` | one request: approve, reject, edit |
//! | `/requests/{id}/edit` | change a pending request |
//! | `/audit` | the audit log (admins) |

pub mod lazy;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::{Lazy, path};

use self::lazy::lazy_page;

use crate::pages::{
    AddUserPage, AuditLogPage, DeleteProfilePage, DomainPickerPage, DomainPolicyPage, EditUserPage,
    HomePage, MyRequestsPage, NotFoundPage, ProfileDetailPage, ProfileListPage, RequestDetailPage,
    RequestEditPage, RequestProfilePage, RequestQueuePage,
};

// The release bundle fetches these pages' code when they are first opened (see `lazy`).
// The domain picker and the profile list stay in the main module: nearly every visit
// starts on them, and code they share with other pages then arrives in one compressed
// file instead of dozens of small split-off ones (the first visit is 40 KB smaller so).
lazy_page!(AddUserRoute, AddUserPage, add_user_page);
lazy_page!(ProfileDetailRoute, ProfileDetailPage, profile_detail_page);
lazy_page!(EditUserRoute, EditUserPage, edit_user_page);
lazy_page!(DeleteProfileRoute, DeleteProfilePage, delete_profile_page);
lazy_page!(
    RequestProfileRoute,
    RequestProfilePage,
    request_profile_page
);
lazy_page!(DomainPolicyRoute, DomainPolicyPage, domain_policy_page);
lazy_page!(RequestQueueRoute, RequestQueuePage, request_queue_page);
lazy_page!(MyRequestsRoute, MyRequestsPage, my_requests_page);
lazy_page!(RequestDetailRoute, RequestDetailPage, request_detail_page);
lazy_page!(RequestEditRoute, RequestEditPage, request_edit_page);
lazy_page!(AuditLogRoute, AuditLogPage, audit_log_page);

/// The routed pages.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotFoundPage>
            <Route path=path!("/") view=HomePage />
            <Route path=path!("/domains") view=DomainPickerPage />
            <Route path=path!("/domains/:domain/profiles") view=ProfileListPage />
            <Route path=path!("/domains/:domain/add-user") view={Lazy::<AddUserRoute>::new()} />
            <Route path=path!("/domains/:domain/profiles/:name") view={Lazy::<ProfileDetailRoute>::new()} />
            <Route path=path!("/domains/:domain/profiles/:name/edit") view={Lazy::<EditUserRoute>::new()} />
            <Route path=path!("/domains/:domain/profiles/:name/delete") view={Lazy::<DeleteProfileRoute>::new()} />
            <Route path=path!("/domains/:domain/request") view={Lazy::<RequestProfileRoute>::new()} />
            <Route path=path!("/domains/:domain/policy") view={Lazy::<DomainPolicyRoute>::new()} />
            <Route path=path!("/requests") view={Lazy::<RequestQueueRoute>::new()} />
            <Route path=path!("/requests/mine") view={Lazy::<MyRequestsRoute>::new()} />
            <Route path=path!("/requests/:id") view={Lazy::<RequestDetailRoute>::new()} />
            <Route path=path!("/requests/:id/edit") view={Lazy::<RequestEditRoute>::new()} />
            <Route path=path!("/audit") view={Lazy::<AuditLogRoute>::new()} />
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

/// `/requests/{id}`.
pub fn request_href(id: i64) -> String {
    format!("/requests/{id}")
}

/// The request id in the address (`None` when it is not a number).
pub fn request_id() -> Memo<Option<i64>> {
    let id = param("id");
    Memo::new(move |_| id.with(|id| id.parse::<i64>().ok()))
}
