//! The add-user page: the start of the CreateUserProfile form.

use leptos::prelude::*;

use crate::components::UserProfileNameField;

/// The add-user page. It holds the profile name so far; the other sections of
/// CreateUserProfile join it as the form grows.
#[component]
pub fn AddUserPage() -> impl IntoView {
    view! {
        <section id="add-user" class="page" aria-labelledby="add-user-title">
            <h1 id="add-user-title" class="page-title">
                "Add user"
            </h1>
            <p class="page-description">
                "Create a SageMaker Studio user profile. Each value is checked as you type."
            </p>
            <div class="panel">
                <h2 class="panel-title">"General"</h2>
                <div class="panel-body">
                    <UserProfileNameField />
                </div>
            </div>
        </section>
    }
}
