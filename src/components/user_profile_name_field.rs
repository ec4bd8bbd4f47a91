//! The user profile name, checked by the model crate on every keystroke.

use leptos::prelude::*;
use studio_admin_model::rules;

use crate::components::TextField;
use crate::validation::user_profile_name_problems;

/// The id of the name's input (error summaries and tests link to `#user-profile-name`).
pub const USER_PROFILE_NAME_ID: &str = "user-profile-name";

/// The `UserProfileName` field of the add-user form.
///
/// It stays quiet until the person types: an empty form that greets people with
/// "is required" before they start reads as an accusation. From the first keystroke on,
/// every problem the model finds is shown, including "required" when the field is emptied.
#[component]
pub fn UserProfileNameField(
    /// The name as typed; the add-user form reads it to build the request. A fresh signal
    /// when not given (the field on its own, as in the browser tests).
    #[prop(optional)]
    value: RwSignal<String>,
) -> impl IntoView {
    let edited = RwSignal::new(false);
    let problems = Memo::new(move |_| {
        if edited.get() {
            value.with(|name| user_profile_name_problems(name))
        } else {
            Vec::new()
        }
    });
    view! {
        <TextField
            id=USER_PROFILE_NAME_ID
            label="User profile name"
            hint=hint()
            value
            edited
            problems
        />
    }
}

/// What a valid name looks like, with the length limit taken from the model.
fn hint() -> String {
    let shape = "letters, digits and hyphens, starting and ending with a letter or digit";
    let length = match rules::USER_PROFILE_NAME.max {
        Some(max) => format!("Up to {max} {shape}."),
        None => format!("Use {shape}."),
    };
    format!("{length} It cannot be changed later.")
}
