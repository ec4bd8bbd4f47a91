//! SageMaker Canvas: every one of its settings (forecasting, model registry, workspace
//! storage, data source sign-in, direct deploy, Kendra, generative AI, EMR Serverless).

use leptos::prelude::*;
use serde_json::json;
use studio_admin_model::{DataSourceName, FeatureStatus, WireEnum, rules};

use super::{FormSection, subgroup};
use crate::profile_form::fields::{EnumSelect, Rows, TextInput, switch_words};

/// Where Canvas's settings live.
const CANVAS: &str = "UserSettings.CanvasAppSettings";

/// A feature switch (`<path>.Status`).
fn status(path: &str, label: &'static str) -> AnyView {
    view! {
        <EnumSelect
            path=format!("{path}.Status")
            values=FeatureStatus::VALUES
            label=label
            words=switch_words
        />
    }
    .into_any()
}

/// The Canvas section.
#[component]
pub fn Canvas() -> impl IntoView {
    let forecast = format!("{CANVAS}.TimeSeriesForecastingSettings");
    let registry = format!("{CANVAS}.ModelRegisterSettings");
    let workspace = format!("{CANVAS}.WorkspaceSettings");
    let emr = format!("{CANVAS}.EmrServerlessSettings");
    view! {
        <FormSection
            title="SageMaker Canvas"
            description="No-code machine learning: what Canvas may do on the person's behalf."
            paths=&["UserSettings.CanvasAppSettings"]
        >
            {subgroup(
                &forecast,
                "Time series forecasting",
                view! {
                    {status(&forecast, "Forecasting")}
                    <TextInput
                        path=format!("{forecast}.AmazonForecastRoleArn")
                        label="Amazon Forecast role ARN"
                        wide=true
                    />
                }
                .into_any(),
            )}
            {subgroup(
                &registry,
                "Model registry",
                view! {
                    {status(&registry, "Register models")}
                    <TextInput
                        path=format!("{registry}.CrossAccountModelRegisterRoleArn")
                        label="Cross-account model registry role ARN"
                        wide=true
                    />
                }
                .into_any(),
            )}
            {subgroup(
                &workspace,
                "Workspace storage",
                view! {
                    <TextInput
                        path=format!("{workspace}.S3ArtifactPath")
                        label="S3 location for Canvas artifacts"
                        hint="Such as s3://bucket/canvas/."
                        wide=true
                    />
                    <TextInput
                        path=format!("{workspace}.S3KmsKeyId")
                        label="KMS key for the artifacts"
                        wide=true
                    />
                }
                .into_any(),
            )}
            <Rows
                path=format!("{CANVAS}.IdentityProviderOAuthSettings")
                legend="Data source sign-in (OAuth)"
                item="data source"
                hint="Let Canvas sign in to Snowflake or Salesforce Data Cloud with the person's own identity."
                max=rules::IDENTITY_PROVIDER_O_AUTH_SETTINGS.max.unwrap_or(20)
                new_item=|| json!({})
                row=oauth_row
            />
            {status(&format!("{CANVAS}.DirectDeploySettings"), "Deploy models directly from Canvas")}
            {status(&format!("{CANVAS}.KendraSettings"), "Document querying with Amazon Kendra")}
            <TextInput
                path=format!("{CANVAS}.GenerativeAiSettings.AmazonBedrockRoleArn")
                label="Amazon Bedrock role ARN (generative AI)"
                wide=true
            />
            {subgroup(
                &emr,
                "EMR Serverless",
                view! {
                    {status(&emr, "Use EMR Serverless")}
                    <TextInput
                        path=format!("{emr}.ExecutionRoleArn")
                        label="EMR Serverless execution role ARN"
                        wide=true
                    />
                }
                .into_any(),
            )}
        </FormSection>
    }
}

fn oauth_row(path: &str, name: &str) -> AnyView {
    view! {
        <EnumSelect
            path=format!("{path}.DataSourceName")
            values=DataSourceName::VALUES
            label=format!("{name}: source")
        />
        <TextInput
            path=format!("{path}.SecretArn")
            label=format!("{name}: Secrets Manager secret ARN")
            wide=true
        />
        <EnumSelect
            path=format!("{path}.Status")
            values=FeatureStatus::VALUES
            label=format!("{name}: status")
            words=switch_words
        />
    }
    .into_any()
}
