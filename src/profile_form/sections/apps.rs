//! One section per app kind: the instance and image apps start with by default, their
//! lifecycle configurations, repositories, custom images and idle shutdown.

use leptos::prelude::*;
use serde_json::{Value, json};
use studio_admin_model::{
    LifecycleManagement, RStudioServerProAccessStatus, RStudioServerProUserGroup, WireEnum, rules,
};

use super::{FormSection, range_hint, subgroup};
use crate::profile_form::fields::{
    EnumSelect, InstanceTypeInput, NumberInput, Rows, TextInput, switch_words,
};

/// One part of an app kind's settings, in the order a section shows them.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// The instance and image it starts with, with the instance type's own rule when the
    /// app kind has one.
    ResourceSpec(Option<&'static str>),
    /// Lifecycle configurations.
    LifecycleConfigs,
    /// The built-in lifecycle configuration.
    BuiltInLifecycleConfig,
    /// Git repositories.
    CodeRepositories,
    /// Custom images.
    CustomImages,
    /// Idle shutdown.
    IdleShutdown,
    /// The EMR roles JupyterLab may assume and run jobs as.
    EmrRoles,
    /// RStudio's access and user group.
    RStudioAccess,
}

/// An app kind's section: where its settings live and which parts it has.
#[derive(Debug)]
struct AppKind {
    /// The heading.
    title: &'static str,
    /// What the section is about.
    description: &'static str,
    /// The app settings' path (`UserSettings.JupyterLabAppSettings`).
    base: &'static str,
    /// Its parts, in order.
    parts: &'static [Part],
}

/// Every app kind, in the order Studio lists them.
const APP_KINDS: &[AppKind] = &[
    AppKind {
        title: "JupyterLab",
        description: "JupyterLab spaces the person creates: default instance and image, lifecycle configurations, repositories, custom images, idle shutdown and EMR roles.",
        base: "UserSettings.JupyterLabAppSettings",
        parts: &[
            Part::ResourceSpec(None),
            Part::LifecycleConfigs,
            Part::BuiltInLifecycleConfig,
            Part::CodeRepositories,
            Part::CustomImages,
            Part::IdleShutdown,
            Part::EmrRoles,
        ],
    },
    AppKind {
        title: "Code Editor",
        description: "Code Editor (based on Code-OSS) spaces: default instance and image, lifecycle configurations, custom images, idle shutdown.",
        base: "UserSettings.CodeEditorAppSettings",
        parts: &[
            Part::ResourceSpec(None),
            Part::LifecycleConfigs,
            Part::BuiltInLifecycleConfig,
            Part::CustomImages,
            Part::IdleShutdown,
        ],
    },
    AppKind {
        title: "Jupyter Server (Studio Classic)",
        description: "The Jupyter server of Studio Classic. It runs only on the system instance type.",
        base: "UserSettings.JupyterServerAppSettings",
        parts: &[
            Part::ResourceSpec(Some(
                "JupyterServer apps only run on the system instance type.",
            )),
            Part::LifecycleConfigs,
            Part::CodeRepositories,
        ],
    },
    AppKind {
        title: "KernelGateway (Studio Classic kernels)",
        description: "The instances and images Studio Classic notebooks run their kernels on.",
        base: "UserSettings.KernelGatewayAppSettings",
        parts: &[
            Part::ResourceSpec(None),
            Part::LifecycleConfigs,
            Part::CustomImages,
        ],
    },
    AppKind {
        title: "TensorBoard",
        description: "The TensorBoard app's default instance and image.",
        base: "UserSettings.TensorBoardAppSettings",
        parts: &[Part::ResourceSpec(None)],
    },
    AppKind {
        title: "RStudio Server Pro",
        description: "Whether the person may use RStudio on SageMaker, and as which kind of user.",
        base: "UserSettings.RStudioServerProAppSettings",
        parts: &[Part::RStudioAccess],
    },
    AppKind {
        title: "RSession",
        description: "The instances and images RStudio sessions run on.",
        base: "UserSettings.RSessionAppSettings",
        parts: &[Part::ResourceSpec(None), Part::CustomImages],
    },
];

/// One section per app kind, in the order Studio lists them.
#[component]
pub fn AppSections() -> impl IntoView {
    APP_KINDS
        .iter()
        .map(|kind| {
            view! {
                <FormSection
                    title=kind.title
                    description=kind.description
                    paths=std::slice::from_ref(&kind.base)
                >
                    {kind.parts.iter().map(|part| part_view(kind.base, *part)).collect_view()}
                </FormSection>
            }
        })
        .collect_view()
}

/// The inputs of one part of the app settings at `base`.
fn part_view(base: &'static str, part: Part) -> AnyView {
    match part {
        Part::ResourceSpec(instance_hint) => resource_spec(base, instance_hint),
        Part::LifecycleConfigs => lifecycle_configs(base),
        Part::BuiltInLifecycleConfig => view! {
            <TextInput
                path=format!("{base}.BuiltInLifecycleConfigArn")
                label="Built-in lifecycle configuration ARN"
                wide=true
            />
        }
        .into_any(),
        Part::CodeRepositories => code_repositories(base),
        Part::CustomImages => custom_images(base),
        Part::IdleShutdown => idle_shutdown(base),
        Part::EmrRoles => view! {
            <Rows
                path=format!("{base}.EmrSettings.AssumableRoleArns")
                legend="EMR: roles to assume"
                item="role ARN"
                hint="Roles in other accounts that Studio assumes to reach their EMR clusters."
                max=rules::ASSUMABLE_ROLE_ARNS.max.unwrap_or(5)
                new_item=empty_text
                row=arn_row
            />
            <Rows
                path=format!("{base}.EmrSettings.ExecutionRoleArns")
                legend="EMR: execution roles"
                item="execution role ARN"
                hint="Runtime roles EMR jobs may use."
                max=rules::EXECUTION_ROLE_ARNS.max.unwrap_or(5)
                new_item=empty_text
                row=arn_row
            />
        }
        .into_any(),
        Part::RStudioAccess => view! {
            <EnumSelect
                path=format!("{base}.AccessStatus")
                values=RStudioServerProAccessStatus::VALUES
                label="Access"
                words=switch_words
            />
            <EnumSelect
                path=format!("{base}.UserGroup")
                values=RStudioServerProUserGroup::VALUES
                label="User group"
                hint="R_STUDIO_ADMIN may administer RStudio; R_STUDIO_USER uses it."
            />
        }
        .into_any(),
    }
}

/// A new text row (validation asks for its value until it has one).
fn empty_text() -> Value {
    Value::String(String::new())
}

/// The instance and image an app starts with by default (`<base>.DefaultResourceSpec`);
/// `instance_hint`: guidance for the instance type, when the app has its own rule.
fn resource_spec(base: &str, instance_hint: Option<&'static str>) -> AnyView {
    let spec = format!("{base}.DefaultResourceSpec");
    let fields = view! {
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
    };
    subgroup(&spec, "Default instance and image", fields.into_any())
}

fn arn_row(path: &str, name: &str) -> AnyView {
    view! { <TextInput path=path.to_owned() label=name.to_owned() wide=true /> }.into_any()
}

/// The lifecycle configurations attached to an app kind (`<base>.LifecycleConfigArns`).
fn lifecycle_configs(base: &str) -> AnyView {
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
    .into_any()
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
fn code_repositories(base: &str) -> AnyView {
    let max = rules::CODE_REPOSITORIES.max.unwrap_or(10);
    let path = format!("{base}.CodeRepositories");
    structure_rows(path, "Code repositories", "repository", max, repository_row)
}

/// The list of structures at `path` as rows, each drawn by `row`, at most `max`.
fn structure_rows(
    path: String,
    legend: &'static str,
    item: &'static str,
    max: i64,
    row: fn(&str, &str) -> AnyView,
) -> AnyView {
    view! { <Rows path legend item max new_item=|| json!({}) row /> }.into_any()
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
fn custom_images(base: &str) -> AnyView {
    let max = rules::CUSTOM_IMAGES.max.unwrap_or(200);
    let path = format!("{base}.CustomImages");
    structure_rows(path, "Custom images", "custom image", max, image_row)
}

/// Shutting idle apps down (JupyterLab and Code Editor).
fn idle_shutdown(base: &str) -> AnyView {
    let idle = format!("{base}.AppLifecycleManagement.IdleSettings");
    let minutes = range_hint(&rules::IDLE_TIMEOUT_IN_MINUTES, " minutes");
    let fields = view! {
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
    };
    subgroup(&idle, "Idle shutdown", fields.into_any())
}
