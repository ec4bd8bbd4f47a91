//! SageMaker Canvas: every one of its settings (forecasting, model registry, workspace
//! storage, data source sign-in, direct deploy, Kendra, generative AI, EMR Serverless).

use leptos::prelude::*;
use studio_admin_model::{IdentityProviderOAuthSetting, rules};

use super::FormSection;
use crate::components::fields::frame::FieldIds;
use crate::components::fields::{EnumSelect, Rows, TextInput, switch_words};
use crate::form::Lens;
use crate::{field, leaf};

/// The Canvas section.
#[component]
pub fn Canvas() -> impl IntoView {
    let settings = field!(UserSettings => user_settings);
    let canvas = field!(settings, CanvasAppSettings => canvas_app_settings);
    let forecast =
        field!(canvas, TimeSeriesForecastingSettings => time_series_forecasting_settings);
    let registry = field!(canvas, ModelRegisterSettings => model_register_settings);
    let workspace = field!(canvas, WorkspaceSettings => workspace_settings);
    let deploy = field!(canvas, DirectDeploySettings => direct_deploy_settings);
    let kendra = field!(canvas, KendraSettings => kendra_settings);
    let generative = field!(canvas, GenerativeAiSettings => generative_ai_settings);
    let emr = field!(canvas, EmrServerlessSettings => emr_serverless_settings);
    let group = |path: &str| FieldIds::for_path(path).input;
    view! {
        <FormSection
            title="SageMaker Canvas"
            description="No-code machine learning: what Canvas may do on the person's behalf."
            paths=&["UserSettings.CanvasAppSettings"]
        >
            <fieldset class="fieldset subgroup" id=group(forecast.path())>
                <legend class="field-label">"Time series forecasting"</legend>
                <EnumSelect lens=leaf!(forecast, Status => status) label="Forecasting" words=switch_words />
                <TextInput
                    lens=field!(forecast, AmazonForecastRoleArn => amazon_forecast_role_arn)
                    label="Amazon Forecast role ARN"
                    wide=true
                />
            </fieldset>
            <fieldset class="fieldset subgroup" id=group(registry.path())>
                <legend class="field-label">"Model registry"</legend>
                <EnumSelect lens=leaf!(registry, Status => status) label="Register models" words=switch_words />
                <TextInput
                    lens=field!(registry, CrossAccountModelRegisterRoleArn => cross_account_model_register_role_arn)
                    label="Cross-account model registry role ARN"
                    wide=true
                />
            </fieldset>
            <fieldset class="fieldset subgroup" id=group(workspace.path())>
                <legend class="field-label">"Workspace storage"</legend>
                <TextInput
                    lens=field!(workspace, S3ArtifactPath => s3_artifact_path)
                    label="S3 location for Canvas artifacts"
                    hint="Such as s3://bucket/canvas/."
                    wide=true
                />
                <TextInput
                    lens=field!(workspace, S3KmsKeyId => s3_kms_key_id)
                    label="KMS key for the artifacts"
                    wide=true
                />
            </fieldset>
            <Rows
                lens=field!(canvas, IdentityProviderOAuthSettings => identity_provider_o_auth_settings)
                legend="Data source sign-in (OAuth)"
                item="data source"
                hint="Let Canvas sign in to Snowflake or Salesforce Data Cloud with the person's own identity."
                max=rules::IDENTITY_PROVIDER_O_AUTH_SETTINGS.max.unwrap_or(20)
                new_item=IdentityProviderOAuthSetting::default
                row=oauth_row
            />
            <EnumSelect
                lens=leaf!(deploy, Status => status)
                label="Deploy models directly from Canvas"
                words=switch_words
            />
            <EnumSelect
                lens=leaf!(kendra, Status => status)
                label="Document querying with Amazon Kendra"
                words=switch_words
            />
            <TextInput
                lens=field!(generative, AmazonBedrockRoleArn => amazon_bedrock_role_arn)
                label="Amazon Bedrock role ARN (generative AI)"
                wide=true
            />
            <fieldset class="fieldset subgroup" id=group(emr.path())>
                <legend class="field-label">"EMR Serverless"</legend>
                <EnumSelect lens=leaf!(emr, Status => status) label="Use EMR Serverless" words=switch_words />
                <TextInput
                    lens=field!(emr, ExecutionRoleArn => execution_role_arn)
                    label="EMR Serverless execution role ARN"
                    wide=true
                />
            </fieldset>
        </FormSection>
    }
}

fn oauth_row(lens: &Lens<IdentityProviderOAuthSetting>, name: &str) -> AnyView {
    view! {
        <EnumSelect
            lens=leaf!(lens, DataSourceName => data_source_name)
            label=format!("{name}: source")
        />
        <TextInput
            lens=field!(lens, SecretArn => secret_arn)
            label=format!("{name}: Secrets Manager secret ARN")
            wide=true
        />
        <EnumSelect
            lens=leaf!(lens, Status => status)
            label=format!("{name}: status")
            words=switch_words
        />
    }
    .into_any()
}
