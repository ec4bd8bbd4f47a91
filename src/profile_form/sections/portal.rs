//! The Studio web portal: whether the person gets the new Studio, what it hides from
//! them, which page opens first.

use leptos::prelude::*;
use serde_json::{Value, json};
use studio_admin_model::{
    AppType, ExecutionRoleSessionNameMode, MlTools, SageMakerImageName, StudioWebPortal, WireEnum,
    rules,
};

use super::FormSection;
use crate::profile_form::fields::{
    EnumChecklist, EnumSelect, InstanceTypeInput, Rows, TextInput, switch_words,
};

/// Landing pages the AWS documentation names (the field takes any text AWS accepts).
const LANDING_PAGES: &[&str] = &[
    "studio::",
    "app:JupyterServer:",
    "app:JupyterLab:",
    "app:CodeEditor:",
    "app:RStudioServerPro:",
    "app:Canvas:",
];

/// Where the portal's settings live.
const PORTAL: &str = "UserSettings.StudioWebPortalSettings";

/// StudioWebPortal and StudioWebPortalSettings.
#[component]
pub fn WebPortal() -> impl IntoView {
    view! {
        <FormSection
            title="Studio web portal"
            description="Whether the person uses the Studio web portal, and what it hides from them."
            paths=&["UserSettings.StudioWebPortal", "UserSettings.StudioWebPortalSettings"]
        >
            <EnumSelect
                path="UserSettings.StudioWebPortal"
                values=StudioWebPortal::VALUES
                label="Studio web portal"
                hint="Disabled: the person uses Studio Classic."
                words=switch_words
            />
            <EnumChecklist
                path=format!("{PORTAL}.HiddenAppTypes")
                values=AppType::VALUES
                legend="Apps to hide"
            />
            <EnumChecklist
                path=format!("{PORTAL}.HiddenMlTools")
                values=MlTools::VALUES
                legend="Machine learning tools to hide"
            />
            <Rows
                path=format!("{PORTAL}.HiddenInstanceTypes")
                legend="Instance types to hide"
                item="instance type"
                new_item=|| Value::String(String::new())
                row=instance_type_row
            />
            <Rows
                path=format!("{PORTAL}.HiddenSageMakerImageVersionAliases")
                legend="SageMaker image versions to hide"
                item="image"
                new_item=|| json!({})
                row=hidden_image_row
            />
            <EnumSelect
                path=format!("{PORTAL}.ExecutionRoleSessionNameMode")
                values=ExecutionRoleSessionNameMode::VALUES
                label="Execution role session name"
                hint="USER_IDENTITY names sessions after the person, so CloudTrail shows who did what."
            />
        </FormSection>
    }
}

fn instance_type_row(path: &str, name: &str) -> AnyView {
    view! { <InstanceTypeInput path=path.to_owned() label=name.to_owned() /> }.into_any()
}

fn alias_row(path: &str, name: &str) -> AnyView {
    view! { <TextInput path=path.to_owned() label=name.to_owned() hint="A version such as 2.1 or 1.9." /> }
        .into_any()
}

fn hidden_image_row(path: &str, name: &str) -> AnyView {
    view! {
        <EnumSelect
            path=format!("{path}.SageMakerImageName")
            values=SageMakerImageName::VALUES
            label=format!("{name}: image")
        />
        <Rows
            path=format!("{path}.VersionAliases")
            legend=format!("{name}: versions")
            item="version"
            max=rules::VERSION_ALIASES_LIST.max.unwrap_or(20)
            new_item=|| Value::String(String::new())
            row=alias_row
        />
    }
    .into_any()
}

/// DefaultLandingUri: the page Studio opens on.
#[component]
pub fn LandingPage() -> impl IntoView {
    view! {
        <FormSection
            title="Landing page"
            description="What Studio shows first when the person signs in."
            paths=&["UserSettings.DefaultLandingUri"]
        >
            <TextInput
                path="UserSettings.DefaultLandingUri"
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
