//! What the person may share and which network rules their apps run under.

use leptos::prelude::*;
use studio_admin_model::{AppNetworkAccessType, rules};

use super::FormSection;
use crate::components::fields::{EnumSelect, Rows, TextInput};
use crate::form::{Lens, use_form};
use crate::{field, leaf};

/// SharingSettings: notebook snapshots.
#[component]
pub fn Sharing() -> impl IntoView {
    let settings = field!(UserSettings => user_settings);
    let sharing = field!(settings, SharingSettings => sharing_settings);
    view! {
        <FormSection
            title="Sharing"
            description="Whether notebook snapshots (with their output) can be shared, and where they are kept."
            paths=&["UserSettings.SharingSettings"]
        >
            <EnumSelect
                lens=leaf!(sharing, NotebookOutputOption => notebook_output_option)
                label="Share notebook output"
            />
            <TextInput
                lens=field!(sharing, S3OutputPath => s3_output_path)
                label="S3 location for shared notebooks"
                hint="Such as s3://bucket/sharing/. Needed when sharing is allowed."
                wide=true
            />
            <TextInput
                lens=field!(sharing, S3KmsKeyId => s3_kms_key_id)
                label="KMS key for shared notebooks"
                wide=true
            />
        </FormSection>
    }
}

fn group_row(lens: &Lens<String>, name: &str) -> AnyView {
    view! { <TextInput lens=lens.clone() label=name.to_owned() hint="Such as sg-0123456789abcdef0." /> }.into_any()
}

/// SecurityGroups: required in VpcOnly domains whose defaults have none.
#[component]
pub fn SecurityGroups() -> impl IntoView {
    let form = use_form();
    let settings = field!(UserSettings => user_settings);
    let vpc_only = form.domain.with_untracked(|d| {
        d.as_ref().and_then(|d| d.app_network_access_type.clone())
            == Some(AppNetworkAccessType::VpcOnly)
    });
    let hint = move || {
        let vpc_only = form.domain.with(|d| {
            d.as_ref().and_then(|d| d.app_network_access_type.clone())
                == Some(AppNetworkAccessType::VpcOnly)
        });
        let defaults = form.domain_default("UserSettings.SecurityGroups");
        match (vpc_only, defaults) {
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
            open=vpc_only
        >
            <p class="field-hint">{hint}</p>
            <Rows
                lens=field!(settings, SecurityGroups => security_groups)
                legend="Security group IDs"
                item="security group"
                max=rules::SECURITY_GROUP_IDS.max.unwrap_or(5)
                new_item=String::new
                row=group_row
            />
        </FormSection>
    }
}
