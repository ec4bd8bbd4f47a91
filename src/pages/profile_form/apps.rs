//! One section per app kind: the instance and image apps start with by default, their
//! lifecycle configurations, repositories, custom images and idle shutdown.

use leptos::prelude::*;
use studio_admin_model::{
    AppLifecycleManagement, CodeRepository, CustomImage, IdleSettings, ResourceSpec, UserSettings,
    rules,
};

use super::FormSection;
use crate::components::fields::frame::FieldIds;
use crate::components::fields::{
    EnumSelect, InstanceTypeInput, NumberInput, Rows, TextInput, switch_words,
};
use crate::form::Lens;
use crate::{field, leaf};

/// Every app kind, in the order Studio lists them.
#[component]
pub fn AppSections() -> impl IntoView {
    let settings = field!(UserSettings => user_settings);
    view! {
        <JupyterLab settings=settings.clone() />
        <CodeEditor settings=settings.clone() />
        <JupyterServer settings=settings.clone() />
        <KernelGateway settings=settings.clone() />
        <TensorBoard settings=settings.clone() />
        <RStudioServerPro settings=settings.clone() />
        <RSession settings=settings />
    }
}

#[component]
fn JupyterLab(settings: Lens<UserSettings>) -> impl IntoView {
    let lab = field!(settings, JupyterLabAppSettings => jupyter_lab_app_settings);
    let emr = field!(lab, EmrSettings => emr_settings);
    view! {
        <FormSection
            title="JupyterLab"
            description="JupyterLab spaces the person creates: default instance and image, lifecycle configurations, repositories, custom images, idle shutdown and EMR roles."
            paths=&["UserSettings.JupyterLabAppSettings"]
        >
            <ResourceSpecFields spec=field!(lab, DefaultResourceSpec => default_resource_spec) />
            <LifecycleConfigs lens=field!(lab, LifecycleConfigArns => lifecycle_config_arns) />
            <TextInput
                lens=field!(lab, BuiltInLifecycleConfigArn => built_in_lifecycle_config_arn)
                label="Built-in lifecycle configuration ARN"
                wide=true
            />
            <CodeRepositories lens=field!(lab, CodeRepositories => code_repositories) />
            <CustomImages lens=field!(lab, CustomImages => custom_images) />
            <IdleShutdown lens=field!(lab, AppLifecycleManagement => app_lifecycle_management) />
            <Rows
                lens=field!(emr, AssumableRoleArns => assumable_role_arns)
                legend="EMR: roles to assume"
                item="role ARN"
                hint="Roles in other accounts that Studio assumes to reach their EMR clusters."
                max=rules::ASSUMABLE_ROLE_ARNS.max.unwrap_or(5)
                new_item=String::new
                row=arn_row
            />
            <Rows
                lens=field!(emr, ExecutionRoleArns => execution_role_arns)
                legend="EMR: execution roles"
                item="execution role ARN"
                hint="Runtime roles EMR jobs may use."
                max=rules::EXECUTION_ROLE_ARNS.max.unwrap_or(5)
                new_item=String::new
                row=arn_row
            />
        </FormSection>
    }
}

#[component]
fn CodeEditor(settings: Lens<UserSettings>) -> impl IntoView {
    let editor = field!(settings, CodeEditorAppSettings => code_editor_app_settings);
    view! {
        <FormSection
            title="Code Editor"
            description="Code Editor (based on Code-OSS) spaces: default instance and image, lifecycle configurations, custom images, idle shutdown."
            paths=&["UserSettings.CodeEditorAppSettings"]
        >
            <ResourceSpecFields spec=field!(editor, DefaultResourceSpec => default_resource_spec) />
            <LifecycleConfigs lens=field!(editor, LifecycleConfigArns => lifecycle_config_arns) />
            <TextInput
                lens=field!(editor, BuiltInLifecycleConfigArn => built_in_lifecycle_config_arn)
                label="Built-in lifecycle configuration ARN"
                wide=true
            />
            <CustomImages lens=field!(editor, CustomImages => custom_images) />
            <IdleShutdown lens=field!(editor, AppLifecycleManagement => app_lifecycle_management) />
        </FormSection>
    }
}

#[component]
fn JupyterServer(settings: Lens<UserSettings>) -> impl IntoView {
    let server = field!(settings, JupyterServerAppSettings => jupyter_server_app_settings);
    view! {
        <FormSection
            title="Jupyter Server (Studio Classic)"
            description="The Jupyter server of Studio Classic. It runs only on the system instance type."
            paths=&["UserSettings.JupyterServerAppSettings"]
        >
            <ResourceSpecFields
                spec=field!(server, DefaultResourceSpec => default_resource_spec)
                instance_hint="JupyterServer apps only run on the system instance type."
            />
            <LifecycleConfigs lens=field!(server, LifecycleConfigArns => lifecycle_config_arns) />
            <CodeRepositories lens=field!(server, CodeRepositories => code_repositories) />
        </FormSection>
    }
}

#[component]
fn KernelGateway(settings: Lens<UserSettings>) -> impl IntoView {
    let gateway = field!(settings, KernelGatewayAppSettings => kernel_gateway_app_settings);
    view! {
        <FormSection
            title="KernelGateway (Studio Classic kernels)"
            description="The instances and images Studio Classic notebooks run their kernels on."
            paths=&["UserSettings.KernelGatewayAppSettings"]
        >
            <ResourceSpecFields spec=field!(gateway, DefaultResourceSpec => default_resource_spec) />
            <LifecycleConfigs lens=field!(gateway, LifecycleConfigArns => lifecycle_config_arns) />
            <CustomImages lens=field!(gateway, CustomImages => custom_images) />
        </FormSection>
    }
}

#[component]
fn TensorBoard(settings: Lens<UserSettings>) -> impl IntoView {
    let board = field!(settings, TensorBoardAppSettings => tensor_board_app_settings);
    view! {
        <FormSection
            title="TensorBoard"
            description="The TensorBoard app's default instance and image."
            paths=&["UserSettings.TensorBoardAppSettings"]
        >
            <ResourceSpecFields spec=field!(board, DefaultResourceSpec => default_resource_spec) />
        </FormSection>
    }
}

#[component]
fn RStudioServerPro(settings: Lens<UserSettings>) -> impl IntoView {
    let rstudio = field!(settings, RStudioServerProAppSettings => r_studio_server_pro_app_settings);
    view! {
        <FormSection
            title="RStudio Server Pro"
            description="Whether the person may use RStudio on SageMaker, and as which kind of user."
            paths=&["UserSettings.RStudioServerProAppSettings"]
        >
            <EnumSelect
                lens=leaf!(rstudio, AccessStatus => access_status)
                label="Access"
                words=switch_words
            />
            <EnumSelect
                lens=leaf!(rstudio, UserGroup => user_group)
                label="User group"
                hint="R_STUDIO_ADMIN may administer RStudio; R_STUDIO_USER uses it."
            />
        </FormSection>
    }
}

#[component]
fn RSession(settings: Lens<UserSettings>) -> impl IntoView {
    let session = field!(settings, RSessionAppSettings => r_session_app_settings);
    view! {
        <FormSection
            title="RSession"
            description="The instances and images RStudio sessions run on."
            paths=&["UserSettings.RSessionAppSettings"]
        >
            <ResourceSpecFields spec=field!(session, DefaultResourceSpec => default_resource_spec) />
            <CustomImages lens=field!(session, CustomImages => custom_images) />
        </FormSection>
    }
}

/// The instance and image an app starts with by default.
#[component]
fn ResourceSpecFields(
    /// The app's `DefaultResourceSpec`.
    spec: Lens<ResourceSpec>,
    /// Guidance for the instance type, when the app has its own rule.
    #[prop(optional, into)]
    instance_hint: Option<String>,
) -> impl IntoView {
    let id = FieldIds::for_path(spec.path()).input;
    view! {
        <fieldset class="fieldset subgroup" id=id>
            <legend class="field-label">"Default instance and image"</legend>
            <InstanceTypeInput
                lens=leaf!(spec, InstanceType => instance_type)
                label="Instance type"
                hint=instance_hint.unwrap_or_default()
            />
            <TextInput
                lens=field!(spec, SageMakerImageArn => sage_maker_image_arn)
                label="SageMaker image ARN"
                wide=true
            />
            <TextInput
                lens=field!(spec, SageMakerImageVersionArn => sage_maker_image_version_arn)
                label="SageMaker image version ARN"
                wide=true
            />
            <TextInput
                lens=field!(spec, SageMakerImageVersionAlias => sage_maker_image_version_alias)
                label="SageMaker image version alias"
                hint="A version such as 2.1 or 2.1.0."
            />
            <TextInput
                lens=field!(spec, LifecycleConfigArn => lifecycle_config_arn)
                label="Default lifecycle configuration ARN"
                hint="Runs when the app starts; it should also be listed under lifecycle configurations."
                wide=true
            />
            <TextInput
                lens=field!(spec, TrainingPlanArn => training_plan_arn)
                label="Training plan ARN"
                wide=true
            />
        </fieldset>
    }
}

fn arn_row(lens: &Lens<String>, name: &str) -> AnyView {
    view! { <TextInput lens=lens.clone() label=name.to_owned() wide=true /> }.into_any()
}

/// The lifecycle configurations attached to an app kind.
#[component]
fn LifecycleConfigs(lens: Lens<Vec<String>>) -> impl IntoView {
    view! {
        <Rows
            lens
            legend="Lifecycle configurations"
            item="lifecycle configuration ARN"
            hint="Scripts the person may choose when starting the app. Listing any requires a default instance type above."
            new_item=String::new
            row=arn_row
        />
    }
}

fn repository_row(lens: &Lens<CodeRepository>, name: &str) -> AnyView {
    view! {
        <TextInput
            lens=field!(lens, RepositoryUrl => repository_url)
            label=format!("{name} URL")
            hint="An https:// Git URL."
            wide=true
        />
    }
    .into_any()
}

/// Git repositories suggested to the person.
#[component]
fn CodeRepositories(lens: Lens<Vec<CodeRepository>>) -> impl IntoView {
    view! {
        <Rows
            lens
            legend="Code repositories"
            item="repository"
            max=rules::CODE_REPOSITORIES.max.unwrap_or(10)
            new_item=CodeRepository::default
            row=repository_row
        />
    }
}

fn image_row(lens: &Lens<CustomImage>, name: &str) -> AnyView {
    view! {
        <TextInput lens=field!(lens, ImageName => image_name) label=format!("{name}: image name") />
        <TextInput
            lens=field!(lens, AppImageConfigName => app_image_config_name)
            label=format!("{name}: app image configuration")
        />
        <NumberInput
            lens=field!(lens, ImageVersionNumber => image_version_number)
            label=format!("{name}: version number")
            hint="Leave empty for the latest version."
        />
    }
    .into_any()
}

/// Custom images (SageMaker images made from the team's own containers).
#[component]
fn CustomImages(lens: Lens<Vec<CustomImage>>) -> impl IntoView {
    view! {
        <Rows
            lens
            legend="Custom images"
            item="custom image"
            max=rules::CUSTOM_IMAGES.max.unwrap_or(200)
            new_item=CustomImage::default
            row=image_row
        />
    }
}

/// Shutting idle apps down (JupyterLab and Code Editor).
#[component]
fn IdleShutdown(lens: Lens<AppLifecycleManagement>) -> impl IntoView {
    let idle: Lens<IdleSettings> = field!(lens, IdleSettings => idle_settings);
    let range = &rules::IDLE_TIMEOUT_IN_MINUTES;
    let minutes = format!(
        "{} to {} minutes.",
        range.min.unwrap_or(60),
        range.max.unwrap_or(525_600)
    );
    let id = FieldIds::for_path(idle.path()).input;
    view! {
        <fieldset class="fieldset subgroup" id=id>
            <legend class="field-label">"Idle shutdown"</legend>
            <EnumSelect
                lens=leaf!(idle, LifecycleManagement => lifecycle_management)
                label="Shut idle apps down"
                words=switch_words
            />
            <NumberInput
                lens=field!(idle, IdleTimeoutInMinutes => idle_timeout_in_minutes)
                label="Idle time before shutdown"
                hint=minutes.clone()
                unit="minutes"
            />
            <NumberInput
                lens=field!(idle, MinIdleTimeoutInMinutes => min_idle_timeout_in_minutes)
                label="Shortest idle time the person may choose"
                hint=minutes.clone()
                unit="minutes"
            />
            <NumberInput
                lens=field!(idle, MaxIdleTimeoutInMinutes => max_idle_timeout_in_minutes)
                label="Longest idle time the person may choose"
                hint=minutes
                unit="minutes"
            />
        </fieldset>
    }
}
