//! Who the profile is for: its name, the role its apps run as, its tags, and (in domains
//! that sign in with IAM Identity Center) the person's Identity Center user.

use leptos::prelude::*;
use studio_admin_model::{AuthMode, Tag, rules};

use super::FormSection;
use crate::components::fields::{Rows, TextInput};
use crate::field;
use crate::form::{FormMode, Lens, use_form};

/// Name, execution role, tags.
#[component]
pub fn General() -> impl IntoView {
    let form = use_form();
    let settings = field!(UserSettings => user_settings);
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
    let tags = (form.mode == FormMode::Create).then(|| {
        view! {
            <Rows
                lens=field!(Tags => tags)
                legend="Tags"
                item="tag"
                hint="Key and value pairs for cost allocation and access control. Keys are unique; the aws: prefix is AWS's."
                max=rules::TAG_LIST.max.unwrap_or(50)
                new_item=Tag::default
                row=tag_row
            />
        }
    });
    let no_tags = (form.mode == FormMode::Edit).then(|| {
        view! {
            <p class="field-hint">
                "Tags are given when a profile is created; UpdateUserProfile does not change them."
            </p>
        }
    });
    view! {
        <FormSection
            title="General"
            description="Who the profile is for and what its apps may do in AWS."
            paths=&["UserProfileName", "UserSettings.ExecutionRole", "Tags"]
            open=true
        >
            <TextInput
                lens=field!(UserProfileName => user_profile_name)
                label="User profile name"
                hint=name_hint
                readonly=form.mode == FormMode::Edit
            />
            <TextInput
                lens=field!(settings, ExecutionRole => execution_role)
                label="Execution role ARN"
                hint="The IAM role the person's apps run as, such as arn:aws:iam::123456789012:role/ml-team."
                wide=true
            />
            {tags}
            {no_tags}
        </FormSection>
    }
}

fn tag_row(tag: &Lens<Tag>, name: &str) -> AnyView {
    view! {
        <TextInput lens=field!(tag, Key => key) label=format!("{name} key") />
        <TextInput lens=field!(tag, Value => value) label=format!("{name} value") />
    }
    .into_any()
}

/// The IAM Identity Center user, only in domains that sign in that way (where it is
/// required); with the warning that creating the profile does not assign the user.
#[component]
pub fn SignIn() -> impl IntoView {
    let form = use_form();
    let is_sso = move || {
        form.domain
            .with(|d| d.as_ref().and_then(|d| d.auth_mode.clone()) == Some(AuthMode::Sso))
    };
    move || {
        (is_sso() && form.mode == FormMode::Create).then(|| {
            view! {
                <FormSection
                    title="Sign-in with IAM Identity Center"
                    description="This domain signs people in with IAM Identity Center (AuthMode SSO): the profile belongs to one Identity Center user."
                    paths=&["SingleSignOnUserIdentifier", "SingleSignOnUserValue"]
                    open=true
                >
                    <div class="alert alert-warning" id="identity-center-notice">
                        <p class="alert-title">"Assign the user in IAM Identity Center too"</p>
                        <p>
                            "Creating the profile does not give the person access: assign the user (or a group they belong to) to this domain's SageMaker Studio application in IAM Identity Center."
                        </p>
                    </div>
                    <SsoIdentifier />
                    <TextInput
                        lens=field!(SingleSignOnUserValue => single_sign_on_user_value)
                        label="Identity Center user name"
                        hint="The person's user name in IAM Identity Center (SingleSignOnUserValue). Required in this domain."
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
    let form = use_form();
    let lens = field!(SingleSignOnUserIdentifier => single_sign_on_user_identifier);
    let ids = crate::components::fields::frame::FieldIds::for_path(lens.path());
    let problems = crate::components::fields::frame::problems_at(form, lens.path().to_owned());
    let value = {
        let lens = lens.clone();
        Memo::new(move |_| {
            form.request
                .with(|r| lens.get(r).cloned().unwrap_or_default())
        })
    };
    view! {
        <div class="field">
            <label class="field-label" for=ids.input.clone()>
                "Identify the user by"
            </label>
            <crate::components::fields::frame::FieldMessages id=ids.messages.clone() problems />
            <select
                id=ids.input
                class="field-input field-select"
                prop:value=move || value.get()
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    form.set(&lens, (!chosen.is_empty()).then_some(chosen));
                }
            >
                <option value="">"Choose…"</option>
                <option value=super::SSO_IDENTIFIER>"User name (UserName)"</option>
            </select>
        </div>
    }
}
