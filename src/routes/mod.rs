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
//! | `/domains/{domain}/team` | a team from a file: the plan of every row (leads) |
//! | `/domains/{domain}/offboard` | a team that leaves: a selection, its combined plan, the deletes' progress (leads) |
//! | `/domains/{domain}/running` | what runs in the domain now: hours, idle flags, totals; stop apps (leads) |
//! | `/requests` | the onboarding requests to decide (leads) |
//! | `/requests/mine` | the person's own requests |
//! | `/requests/{id}` | one request: approve, reject, edit |
//! | `/requests/{id}/edit` | change a pending request |
//! | `/audit` | the audit log (admins) |

pub mod lazy;
mod pattern;

pub use self::pattern::Pattern;

use leptos::children::ToChildren;
use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{RouteChildren, Routes, RoutesProps};
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::{ChooseView, Lazy, NestedRoute};

use self::lazy::lazy_pages;

use crate::pages::{
    AddUserPage, AuditLogPage, DeleteProfilePage, DomainPickerPage, DomainPolicyPage, EditUserPage,
    HomePage, MyRequestsPage, NotFoundPage, OffboardTeamPage, ProfileDetailPage, ProfileListPage,
    RequestDetailPage, RequestEditPage, RequestProfilePage, RequestQueuePage, RunningPage,
    TeamPlanPage,
};

// The release bundle fetches these pages' code when they are first opened, or when a link
// to them is pointed at or focused (see `lazy`; the bundle reads this table). The domain
// picker and the profile list stay in the main module: nearly every visit starts on them,
// and code they share with other pages then arrives in one compressed file instead of
// dozens of small split-off ones (the first visit is 40 KB smaller so).
lazy_pages! {
    AddUserRoute => AddUserPage, add_user_page, "/domains/:domain/add-user";
    ProfileDetailRoute => ProfileDetailPage, profile_detail_page, "/domains/:domain/profiles/:name";
    EditUserRoute => EditUserPage, edit_user_page, "/domains/:domain/profiles/:name/edit";
    DeleteProfileRoute => DeleteProfilePage, delete_profile_page, "/domains/:domain/profiles/:name/delete";
    RequestProfileRoute => RequestProfilePage, request_profile_page, "/domains/:domain/request";
    DomainPolicyRoute => DomainPolicyPage, domain_policy_page, "/domains/:domain/policy";
    TeamPlanRoute => TeamPlanPage, team_plan_page, "/domains/:domain/team";
    OffboardTeamRoute => OffboardTeamPage, offboard_team_page, "/domains/:domain/offboard";
    RunningRoute => RunningPage, running_page, "/domains/:domain/running";
    RequestQueueRoute => RequestQueuePage, request_queue_page, "/requests";
    MyRequestsRoute => MyRequestsPage, my_requests_page, "/requests/mine";
    RequestDetailRoute => RequestDetailPage, request_detail_page, "/requests/:id";
    RequestEditRoute => RequestEditPage, request_edit_page, "/requests/:id/edit";
    AuditLogRoute => AuditLogPage, audit_log_page, "/audit";
}

/// The routed pages.
///
/// The routes are built by one function from a list, not as `<Route>` children: each
/// child compiled its own copy of the route-building code into the first download.
#[component]
pub fn AppRoutes() -> impl IntoView {
    let routes = vec![
        route(Pattern("/"), HomePage),
        route(Pattern("/domains"), DomainPickerPage),
        route(Pattern("/domains/:domain/profiles"), ProfileListPage),
        route(AddUserRoute::path(), Lazy::<AddUserRoute>::new()),
        route(
            ProfileDetailRoute::path(),
            Lazy::<ProfileDetailRoute>::new(),
        ),
        route(EditUserRoute::path(), Lazy::<EditUserRoute>::new()),
        route(
            DeleteProfileRoute::path(),
            Lazy::<DeleteProfileRoute>::new(),
        ),
        route(
            RequestProfileRoute::path(),
            Lazy::<RequestProfileRoute>::new(),
        ),
        route(DomainPolicyRoute::path(), Lazy::<DomainPolicyRoute>::new()),
        route(TeamPlanRoute::path(), Lazy::<TeamPlanRoute>::new()),
        route(OffboardTeamRoute::path(), Lazy::<OffboardTeamRoute>::new()),
        route(RunningRoute::path(), Lazy::<RunningRoute>::new()),
        route(RequestQueueRoute::path(), Lazy::<RequestQueueRoute>::new()),
        route(MyRequestsRoute::path(), Lazy::<MyRequestsRoute>::new()),
        route(
            RequestDetailRoute::path(),
            Lazy::<RequestDetailRoute>::new(),
        ),
        route(RequestEditRoute::path(), Lazy::<RequestEditRoute>::new()),
        route(AuditLogRoute::path(), Lazy::<AuditLogRoute>::new()),
    ];
    Routes(
        RoutesProps::builder()
            .fallback(NotFoundPage)
            .children(RouteChildren::to_children(move || StaticVec::from(routes)))
            .build(),
    )
}

/// The route showing `view` at `path`. The router erases the view's type, so every
/// route is the same type and shares one copy of the router's code.
fn route(path: Pattern, view: impl ChooseView) -> AnyNestedRoute {
    NestedRoute::new(path, view).into_any_nested_route()
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
