//! One module per page of the panel (see `routes.rs` for their addresses).

mod add_user;
mod delete_profile;
mod domain_picker;
mod edit_user;
mod home;
mod not_found;
pub mod profile_detail;
pub mod profile_form;
pub mod profile_list;
pub mod sign_in;

pub use add_user::AddUserPage;
pub use delete_profile::DeleteProfilePage;
pub use domain_picker::DomainPickerPage;
pub use edit_user::EditUserPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use profile_detail::ProfileDetailPage;
pub use profile_list::ProfileListPage;
pub use sign_in::SignInPage;

use crate::api::types::Domain;
use leptos::prelude::*;

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
