//! One module per page of the panel (see `routes.rs` for their addresses).

mod add_user;
mod audit_log;
mod delete_profile;
mod domain_page;
mod domain_picker;
mod domain_policy;
mod edit_user;
mod home;
mod loads;
mod my_requests;
mod not_found;
mod offboard_team;
pub mod profile_detail;
pub mod profile_list;
mod request_detail;
mod request_edit;
mod request_profile;
mod request_queue;
mod running;
pub mod sign_in;
mod team_batch;
mod team_plan;

pub use add_user::AddUserPage;
pub use audit_log::AuditLogPage;
pub use delete_profile::DeleteProfilePage;
pub use domain_picker::DomainPickerPage;
pub use domain_policy::DomainPolicyPage;
pub use edit_user::EditUserPage;
pub use home::HomePage;
pub use my_requests::MyRequestsPage;
pub use not_found::NotFoundPage;
pub use offboard_team::OffboardTeamPage;
pub use profile_detail::ProfileDetailPage;
pub use profile_list::ProfileListPage;
pub use request_detail::RequestDetailPage;
pub use request_edit::RequestEditPage;
pub use request_profile::RequestProfilePage;
pub use request_queue::RequestQueuePage;
pub use running::RunningPage;
pub use sign_in::SignInPage;
pub use team_plan::TeamPlanPage;

use crate::api::types::Domain;
use leptos::prelude::*;

use crate::components::{Crumb, trail};
use crate::state::Domains;

/// The domain a page works in, by its id from the address; choosing it (remembered for the
/// next visit). `None` while the domains load, or when there is no such domain.
pub fn use_domain(id: Memo<String>) -> Signal<Option<Domain>> {
    let domains = Domains::get();
    Effect::new(move |_| {
        let id = id.get();
        if let Some(domains) = domains
            && !id.is_empty()
        {
            domains.choose(&id);
        }
    });
    Signal::derive(move || domains.and_then(|d| d.find(&id.get())))
}

/// The domain's name in words for a page's description (its id while it loads).
pub fn domain_place(domain: Signal<Option<Domain>>, id: Memo<String>) -> String {
    domain
        .get()
        .map_or_else(|| id.get(), |d| crate::state::domain_label(&d))
}

/// What a profile form does once saved: opens the saved profile's page, saying through
/// its address what happened (`created`, `updated`: `?created=1`).
pub fn open_saved_profile(domain_id: Memo<String>, what: &'static str) -> Callback<String> {
    let navigate = leptos_router::hooks::use_navigate();
    Callback::new(move |name: String| {
        let profile = crate::routes::profile_href(&domain_id.get_untracked(), &name);
        navigate(&format!("{profile}?{what}=1"), Default::default());
    })
}

/// The way back from a page of a domain: the domain's profiles, then `current`.
pub fn domain_crumbs(domain_id: Memo<String>, current: &'static str) -> ViewFn {
    trail(vec![
        Crumb::link(
            "User profiles",
            Signal::derive(move || crate::routes::profiles_href(&domain_id.get())),
        ),
        Crumb::here(current),
    ])
}

/// The way back from a page about one profile: the domain's profiles, the profile, then
/// `current`.
pub fn profile_crumbs(
    domain_id: Memo<String>,
    name: Memo<String>,
    current: &'static str,
) -> ViewFn {
    trail(vec![
        Crumb::link(
            "User profiles",
            Signal::derive(move || crate::routes::profiles_href(&domain_id.get())),
        ),
        Crumb::link(
            name,
            Signal::derive(move || crate::routes::profile_href(&domain_id.get(), &name.get())),
        ),
        Crumb::here(current),
    ])
}
