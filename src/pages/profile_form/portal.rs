//! The Studio web portal: whether the person gets the new Studio, what it hides from
//! them, which page opens first.

use leptos::prelude::*;
use studio_admin_model::{AppInstanceType, HiddenSageMakerImage, rules};

use super::FormSection;
use crate::components::fields::{
    EnumChecklist, EnumSelect, InstanceTypeInput, Rows, TextInput, switch_words,
};
use crate::form::Lens;
use crate::{field, leaf};

/// Landing pages the AWS documentation names (the field takes any text AWS accepts).
const LANDING_PAGES: &[&str] = &[
    "studio::",
    "app:JupyterServer:",
    "app:JupyterLab:",
    "app:CodeEditor:",
    "app:RStudioServerPro:",
    "app:Canvas:",
];

/// StudioWebPortal and StudioWebPortalSettings.
#[component]
pub fn WebPortal() -> impl IntoView {
    let settings = field!(UserSettings => user_settings);
    let portal = field!(settings, StudioWebPortalSettings => studio_web_portal_settings);
    view! {
        <FormSection
            title="Studio web portal"
            description="Whether the person uses the Studio web portal, and what it hides from them."
            paths=&["UserSettings.StudioWebPortal", "UserSettings.StudioWebPortalSettings"]
        >
            <EnumSelect
                lens=leaf!(settings, StudioWebPortal => studio_web_portal)
                label="Studio web portal"
                hint="Disabled: the person uses Studio Classic."
                words=switch_words
            />
            <EnumChecklist
                lens=field!(portal, HiddenAppTypes => hidden_app_types)
                legend="Apps to hide"
            />
            <EnumChecklist
                lens=field!(portal, HiddenMlTools => hidden_ml_tools)
                legend="Machine learning tools to hide"
            />
            <Rows
                lens=field!(portal, HiddenInstanceTypes => hidden_instance_types)
                legend="Instance types to hide"
                item="instance type"
                new_item=empty_instance_type
                row=instance_type_row
            />
            <Rows
                lens=field!(portal, HiddenSageMakerImageVersionAliases => hidden_sage_maker_image_version_aliases)
                legend="SageMaker image versions to hide"
                item="image"
                new_item=HiddenSageMakerImage::default
                row=hidden_image_row
            />
            <EnumSelect
                lens=leaf!(portal, ExecutionRoleSessionNameMode => execution_role_session_name_mode)
                label="Execution role session name"
                hint="USER_IDENTITY names sessions after the person, so CloudTrail shows who did what."
            />
        </FormSection>
    }
}

/// A new "instance type to hide" row: empty until the person picks one (validation asks).
fn empty_instance_type() -> AppInstanceType {
    AppInstanceType::Unknown(String::new())
}

fn instance_type_row(lens: &Lens<AppInstanceType>, name: &str) -> AnyView {
    view! { <InstanceTypeInput lens=lens.clone() label=name.to_owned() /> }.into_any()
}

fn alias_row(lens: &Lens<String>, name: &str) -> AnyView {
    view! { <TextInput lens=lens.clone() label=name.to_owned() hint="A version such as 2.1 or 1.9." /> }.into_any()
}

fn hidden_image_row(lens: &Lens<HiddenSageMakerImage>, name: &str) -> AnyView {
    view! {
        <EnumSelect
            lens=leaf!(lens, SageMakerImageName => sage_maker_image_name)
            label=format!("{name}: image")
        />
        <Rows
            lens=field!(lens, VersionAliases => version_aliases)
            legend=format!("{name}: versions")
            item="version"
            max=rules::VERSION_ALIASES_LIST.max.unwrap_or(20)
            new_item=String::new
            row=alias_row
        />
    }
    .into_any()
}

/// DefaultLandingUri: the page Studio opens on.
#[component]
pub fn LandingPage() -> impl IntoView {
    let settings = field!(UserSettings => user_settings);
    view! {
        <FormSection
            title="Landing page"
            description="What Studio shows first when the person signs in."
            paths=&["UserSettings.DefaultLandingUri"]
        >
            <TextInput
                lens=field!(settings, DefaultLandingUri => default_landing_uri)
                label="Default landing URI"
                hint="studio:: opens Studio; app:JupyterServer: opens Studio Classic; app:<type>: opens that app."
                suggestions="landing-pages"
            />
            <datalist id="landing-pages">
                {LANDING_PAGES.iter().map(|p| view! { <option value=*p></option> }).collect_view()}
            </datalist>
        </FormSection>
    }
}
