//! One section per app kind: the instance and image apps start with by default, their
//! lifecycle configurations, repositories, custom images and idle shutdown.

use leptos::prelude::*;
use serde_json::{Value, json};
use studio_admin_model::{
    LifecycleManagement, RStudioServerProAccessStatus, RStudioServerProUserGroup, WireEnum, rules,
};

use super::FormSection;
use crate::profile_form::fields::frame::FieldIds;
use crate::profile_form::fields::{
    EnumSelect, InstanceTypeInput, NumberInput, Rows, TextInput, switch_words,
};

/// Every app kind, in the order Studio lists them.
#[component]
pub fn AppSections() -> impl IntoView {
    view! {
        <FormSection
            title="JupyterLab"
            description="JupyterLab spaces the person creates: default instance and image, lifecycle configurations, repositories, custom images, idle shutdown and EMR roles."
            paths=&["UserSettings.JupyterLabAppSettings"]
        >
            <ResourceSpecFields base="UserSettings.JupyterLabAppSettings" />
            <LifecycleConfigs base="UserSettings.JupyterLabAppSettings" />
            <TextInput
                path="UserSettings.JupyterLabAppSettings.BuiltInLifecycleConfigArn"
                label="Built-in lifecycle configuration ARN"
                wide=true
            />
            <CodeRepositories base="UserSettings.JupyterLabAppSettings" />
            <CustomImages base="UserSettings.JupyterLabAppSettings" />
            <IdleShutdown base="UserSettings.JupyterLabAppSettings" />
            <Rows
                path="UserSettings.JupyterLabAppSettings.EmrSettings.AssumableRoleArns"
                legend="EMR: roles to assume"
                item="role ARN"
                hint="Roles in other accounts that Studio assumes to reach their EMR clusters."
                max=rules::ASSUMABLE_ROLE_ARNS.max.unwrap_or(5)
                new_item=empty_text
                row=arn_row
            />
            <Rows
                path="UserSettings.JupyterLabAppSettings.EmrSettings.ExecutionRoleArns"
                legend="EMR: execution roles"
                item="execution role ARN"
                hint="Runtime roles EMR jobs may use."
                max=rules::EXECUTION_ROLE_ARNS.max.unwrap_or(5)
                new_item=empty_text
                row=arn_row
            />
        </FormSection>
        <FormSection
            title="Code Editor"
            description="Code Editor (based on Code-OSS) spaces: default instance and image, lifecycle configurations, custom images, idle shutdown."
            paths=&["UserSettings.CodeEditorAppSettings"]
        >
            <ResourceSpecFields base="UserSettings.CodeEditorAppSettings" />
            <LifecycleConfigs base="UserSettings.CodeEditorAppSettings" />
            <TextInput
                path="UserSettings.CodeEditorAppSettings.BuiltInLifecycleConfigArn"
                label="Built-in lifecycle configuration ARN"
                wide=true
            />
            <CustomImages base="UserSettings.CodeEditorAppSettings" />
            <IdleShutdown base="UserSettings.CodeEditorAppSettings" />
        </FormSection>
        <FormSection
            title="Jupyter Server (Studio Classic)"
            description="The Jupyter server of Studio Classic. It runs only on the system instance type."
            paths=&["UserSettings.JupyterServerAppSettings"]
        >
            <ResourceSpecFields
                base="UserSettings.JupyterServerAppSettings"
                instance_hint="JupyterServer apps only run on the system instance type."
            />
            <LifecycleConfigs base="UserSettings.JupyterServerAppSettings" />
            <CodeRepositories base="UserSettings.JupyterServerAppSettings" />
        </FormSection>
        <FormSection
            title="KernelGateway (Studio Classic kernels)"
            description="The instances and images Studio Classic notebooks run their kernels on."
            paths=&["UserSettings.KernelGatewayAppSettings"]
        >
            <ResourceSpecFields base="UserSettings.KernelGatewayAppSettings" />
            <LifecycleConfigs base="UserSettings.KernelGatewayAppSettings" />
            <CustomImages base="UserSettings.KernelGatewayAppSettings" />
        </FormSection>
        <FormSection
            title="TensorBoard"
            description="The TensorBoard app's default instance and image."
            paths=&["UserSettings.TensorBoardAppSettings"]
        >
            <ResourceSpecFields base="UserSettings.TensorBoardAppSettings" />
        </FormSection>
        <FormSection
            title="RStudio Server Pro"
            description="Whether the person may use RStudio on SageMaker, and as which kind of user."
            paths=&["UserSettings.RStudioServerProAppSettings"]
        >
            <EnumSelect
                path="UserSettings.RStudioServerProAppSettings.AccessStatus"
                values=RStudioServerProAccessStatus::VALUES
                label="Access"
                words=switch_words
            />
            <EnumSelect
                path="UserSettings.RStudioServerProAppSettings.UserGroup"
                values=RStudioServerProUserGroup::VALUES
                label="User group"
                hint="R_STUDIO_ADMIN may administer RStudio; R_STUDIO_USER uses it."
            />
        </FormSection>
        <FormSection
            title="RSession"
            description="The instances and images RStudio sessions run on."
            paths=&["UserSettings.RSessionAppSettings"]
        >
            <ResourceSpecFields base="UserSettings.RSessionAppSettings" />
            <CustomImages base="UserSettings.RSessionAppSettings" />
        </FormSection>
    }
}

/// A new text row (validation asks for its value until it has one).
fn empty_text() -> Value {
    Value::String(String::new())
}

/// The instance and image an app starts with by default (`<base>.DefaultResourceSpec`).
#[component]
fn ResourceSpecFields(
    /// The app settings' path (`UserSettings.JupyterLabAppSettings`).
    base: &'static str,
    /// Guidance for the instance type, when the app has its own rule.
    #[prop(optional, into)]
    instance_hint: Option<String>,
) -> impl IntoView {
    let spec = format!("{base}.DefaultResourceSpec");
    view! {
        <fieldset class="fieldset subgroup" id=FieldIds::for_path(&spec).input>
            <legend class="field-label">"Default instance and image"</legend>
            <InstanceTypeInput
                path=format!("{spec}.InstanceType")
                label="Instance type"
                hint=instance_hint.unwrap_or_default()
            />
            <TextInput path=format!("{spec}.SageMakerImageArn") label="SageMaker image ARN" wide=true />
            <TextInput
                path=format!("{spec}.SageMakerImageVersionArn")
                label="SageMaker image version ARN"
                wide=true
            />
            <TextInput
                path=format!("{spec}.SageMakerImageVersionAlias")
                label="SageMaker image version alias"
                hint="A version such as 2.1 or 2.1.0."
            />
            <TextInput
                path=format!("{spec}.LifecycleConfigArn")
                label="Default lifecycle configuration ARN"
                hint="Runs when the app starts; it should also be listed under lifecycle configurations."
                wide=true
            />
            <TextInput path=format!("{spec}.TrainingPlanArn") label="Training plan ARN" wide=true />
        </fieldset>
    }
}

fn arn_row(path: &str, name: &str) -> AnyView {
    view! { <TextInput path=path.to_owned() label=name.to_owned() wide=true /> }.into_any()
}

/// The lifecycle configurations attached to an app kind (`<base>.LifecycleConfigArns`).
#[component]
fn LifecycleConfigs(base: &'static str) -> impl IntoView {
    view! {
        <Rows
            path=format!("{base}.LifecycleConfigArns")
            legend="Lifecycle configurations"
            item="lifecycle configuration ARN"
            hint="Scripts the person may choose when starting the app. Listing any requires a default instance type above."
            new_item=empty_text
            row=arn_row
        />
    }
}

fn repository_row(path: &str, name: &str) -> AnyView {
    view! {
        <TextInput
            path=format!("{path}.RepositoryUrl")
            label=format!("{name} URL")
            hint="An https:// Git URL."
            wide=true
        />
    }
    .into_any()
}

/// Git repositories suggested to the person (`<base>.CodeRepositories`).
#[component]
fn CodeRepositories(base: &'static str) -> impl IntoView {
    view! {
        <Rows
            path=format!("{base}.CodeRepositories")
            legend="Code repositories"
            item="repository"
            max=rules::CODE_REPOSITORIES.max.unwrap_or(10)
            new_item=|| json!({})
            row=repository_row
        />
    }
}

fn image_row(path: &str, name: &str) -> AnyView {
    view! {
        <TextInput path=format!("{path}.ImageName") label=format!("{name}: image name") />
        <TextInput
            path=format!("{path}.AppImageConfigName")
            label=format!("{name}: app image configuration")
        />
        <NumberInput
            path=format!("{path}.ImageVersionNumber")
            label=format!("{name}: version number")
            hint="Leave empty for the latest version."
        />
    }
    .into_any()
}

/// Custom images (SageMaker images made from the team's own containers).
#[component]
fn CustomImages(base: &'static str) -> impl IntoView {
    view! {
        <Rows
            path=format!("{base}.CustomImages")
            legend="Custom images"
            item="custom image"
            max=rules::CUSTOM_IMAGES.max.unwrap_or(200)
            new_item=|| json!({})
            row=image_row
        />
    }
}

/// Shutting idle apps down (JupyterLab and Code Editor).
#[component]
fn IdleShutdown(base: &'static str) -> impl IntoView {
    let idle = format!("{base}.AppLifecycleManagement.IdleSettings");
    let range = &rules::IDLE_TIMEOUT_IN_MINUTES;
    let minutes = format!(
        "{} to {} minutes.",
        range.min.unwrap_or(60),
        range.max.unwrap_or(525_600)
    );
    view! {
        <fieldset class="fieldset subgroup" id=FieldIds::for_path(&idle).input>
            <legend class="field-label">"Idle shutdown"</legend>
            <EnumSelect
                path=format!("{idle}.LifecycleManagement")
                values=LifecycleManagement::VALUES
                label="Shut idle apps down"
                words=switch_words
            />
            <NumberInput
                path=format!("{idle}.IdleTimeoutInMinutes")
                label="Idle time before shutdown"
                hint=minutes.clone()
                unit="minutes"
            />
            <NumberInput
                path=format!("{idle}.MinIdleTimeoutInMinutes")
                label="Shortest idle time the person may choose"
                hint=minutes.clone()
                unit="minutes"
            />
            <NumberInput
                path=format!("{idle}.MaxIdleTimeoutInMinutes")
                label="Longest idle time the person may choose"
                hint=minutes
                unit="minutes"
            />
        </fieldset>
    }
}
