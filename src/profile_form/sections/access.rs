//! What the person may share and which network rules their apps run under.

use leptos::prelude::*;
use serde_json::Value;
use studio_admin_model::{AppNetworkAccessType, NotebookOutputOption, WireEnum, rules};

use super::FormSection;
use crate::profile_form::fields::{EnumSelect, Rows, TextInput};
use crate::profile_form::model::use_form;

/// SharingSettings: notebook snapshots.
#[component]
pub fn Sharing() -> impl IntoView {
    view! {
        <FormSection
            title="Sharing"
            description="Whether notebook snapshots (with their output) can be shared, and where they are kept."
            paths=&["UserSettings.SharingSettings"]
        >
            <EnumSelect
                path="UserSettings.SharingSettings.NotebookOutputOption"
                values=NotebookOutputOption::VALUES
                label="Share notebook output"
            />
            <TextInput
                path="UserSettings.SharingSettings.S3OutputPath"
                label="S3 location for shared notebooks"
                hint="Such as s3://bucket/sharing/. Needed when sharing is allowed."
                wide=true
            />
            <TextInput
                path="UserSettings.SharingSettings.S3KmsKeyId"
                label="KMS key for shared notebooks"
                wide=true
            />
        </FormSection>
    }
}

fn group_row(path: &str, name: &str) -> AnyView {
    view! { <TextInput path=path.to_owned() label=name.to_owned() hint="Such as sg-0123456789abcdef0." /> }
        .into_any()
}

/// SecurityGroups: required in VpcOnly domains whose defaults have none.
#[component]
pub fn SecurityGroups() -> impl IntoView {
    let form = use_form();
    let is_vpc_only = move || {
        form.domain.with(|d| {
            d.as_ref().and_then(|d| d.app_network_access_type.clone())
                == Some(AppNetworkAccessType::VpcOnly)
        })
    };
    let open = Signal::derive(is_vpc_only);
    let hint = move || {
        let defaults = form.domain_default("UserSettings.SecurityGroups");
        match (is_vpc_only(), defaults) {
            (true, Some(d)) => {
                format!("This domain is VPC only; its default groups ({d}) are added to these.")
            }
            (true, None) => {
                "This domain is VPC only and has no default groups: give at least one.".to_owned()
            }
            (false, Some(d)) => format!("The domain's default groups ({d}) are added to these."),
            (false, None) => {
                "Security groups of the domain's VPC for the person's apps.".to_owned()
            }
        }
    };
    view! {
        <FormSection
            title="Security groups"
            description="The network rules of the person's apps. SageMaker adds one more group for the home directory."
            paths=&["UserSettings.SecurityGroups"]
            open
        >
            <p class="field-hint">{hint}</p>
            <Rows
                path="UserSettings.SecurityGroups"
                legend="Security group IDs"
                item="security group"
                max=rules::SECURITY_GROUP_IDS.max.unwrap_or(5)
                new_item=|| Value::String(String::new())
                row=group_row
            />
        </FormSection>
    }
}
