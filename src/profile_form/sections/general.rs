//! Who the profile is for: its name, the role its apps run as, its tags, and (in domains
//! that sign in with IAM Identity Center) the person's Identity Center user.

use leptos::prelude::*;
use serde_json::{Value, json};
use studio_admin_model::{AuthMode, rules};

use super::FormSection;
use crate::profile_form::fields::frame::Field;
use crate::profile_form::fields::{DirectoryPicker, Rows, TextInput};
use crate::profile_form::model::{FormMode, use_form};

/// Name, execution role, tags.
#[component]
pub fn General() -> impl IntoView {
    let form = use_form();
    let name_hint = {
        let shape = "letters, digits and hyphens, starting and ending with a letter or digit";
        let limit = rules::USER_PROFILE_NAME.max.map_or_else(
            || format!("Use {shape}."),
            |max| format!("Up to {max} {shape}."),
        );
        match form.mode {
            FormMode::Create => format!("{limit} It cannot be changed later."),
            FormMode::Edit => "A profile's name cannot be changed.".to_owned(),
        }
    };
    let tags = match form.mode {
        FormMode::Create => view! {
            <Rows
                path="Tags"
                legend="Tags"
                item="tag"
                hint="Key and value pairs for cost allocation and access control. Keys are unique; the aws: prefix is AWS's."
                max=rules::TAG_LIST.max.unwrap_or(50)
                new_item=|| json!({})
                row=tag_row
            />
        }
        .into_any(),
        FormMode::Edit => view! {
            <p class="field-hint">
                "Tags are not part of UpdateUserProfile: change them in the Tags panel below, which saves them on its own."
            </p>
        }
        .into_any(),
    };
    view! {
        <FormSection
            title="General"
            description="Who the profile is for and what its apps may do in AWS."
            paths=&["UserProfileName", "UserSettings.ExecutionRole", "Tags"]
            open=true
        >
            // A policy is for every request of the domain: it names no one.
            {(!form.partial)
                .then(|| {
                    view! {
                        <TextInput
                            path="UserProfileName"
                            label="User profile name"
                            hint=name_hint
                            readonly=form.mode == FormMode::Edit
                        />
                    }
                })}
            <TextInput
                path="UserSettings.ExecutionRole"
                label="Execution role ARN"
                hint="The IAM role the person's apps run as, such as arn:aws:iam::123456789012:role/ml-team."
                wide=true
            />
            {tags}
        </FormSection>
    }
}

fn tag_row(path: &str, name: &str) -> AnyView {
    view! {
        <TextInput path=format!("{path}.Key") label=format!("{name} key") />
        <TextInput path=format!("{path}.Value") label=format!("{name} value") />
    }
    .into_any()
}

/// The IAM Identity Center user, only in domains that sign in that way (where it is
/// required), picked from the domain's directory; the panel lets the person into Studio
/// once the profile exists.
#[component]
pub fn SignIn() -> impl IntoView {
    let form = use_form();
    // A request is the requester's own: their sign-in name, when the directory has it.
    let prefill = form
        .name_locked
        .then(|| {
            crate::state::Session::get()
                .and_then(|s| s.user.get_untracked())
                .map(|u| u.name)
        })
        .flatten();
    let is_sso = move || {
        form.domain
            .with(|d| d.as_ref().and_then(|d| d.auth_mode.clone()) == Some(AuthMode::Sso))
    };
    move || {
        let prefill = prefill.clone();
        (is_sso() && form.mode == FormMode::Create).then(move || {
            view! {
                <FormSection
                    title="Sign-in with IAM Identity Center"
                    description="This domain signs people in with IAM Identity Center (AuthMode SSO): the profile belongs to one Identity Center user."
                    paths=&["SingleSignOnUserIdentifier", "SingleSignOnUserValue"]
                    open=true
                >
                    <div class="alert alert-info" id="identity-center-notice">
                        <p>
                            "Pick the person from this domain's IAM Identity Center directory. Once the profile exists, the panel lets them into Studio: it assigns them to the domain's Studio application, unless they get in already (through a group, or because the application lets everyone in)."
                        </p>
                    </div>
                    <SsoIdentifier />
                    <DirectoryPicker
                        hint="Search by name, user name or e-mail; the user name becomes SingleSignOnUserValue. Required in this domain."
                        prefill=prefill
                    />
                </FormSection>
            }
        })
    }
}

/// The identifier has one possible value; it is shown as a choice so the request's
/// member is visible and its path can carry problems.
#[component]
fn SsoIdentifier() -> impl IntoView {
    const PATH: &str = "SingleSignOnUserIdentifier";
    let field = Field::at(PATH.to_owned());
    let form = field.form;
    let value = Memo::new(move |_| form.text_at(PATH));
    view! {
        <div class="field">
            <label class="field-label" for=field.ids.input.clone()>
                "Identify the user by"
            </label>
            {field.notes(None)}
            <select
                id=field.ids.input.clone()
                data-path=PATH
                disabled=field.locked()
                class="field-input field-select"
                prop:value=move || value.get()
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    form.set(PATH, (!chosen.is_empty()).then_some(Value::String(chosen)));
                }
            >
                <option value="">"Choose…"</option>
                <option value=crate::profile_form::SSO_IDENTIFIER>"User name (UserName)"</option>
            </select>
        </div>
    }
}
