//! Where the person's files live: space storage sizes, extra file systems, the POSIX
//! identity apps run as, and whether the home directory is mounted.

use leptos::prelude::*;
use serde_json::{Value, json};
use studio_admin_model::{AutoMountHomeEFS, WireEnum, rules};

use super::{FormSection, range_hint};
use crate::profile_form::fields::frame::FieldIds;
use crate::profile_form::fields::{EnumSelect, NumberInput, Rows, TextInput, switch_words};
use crate::profile_form::model::use_form;

/// The kinds of file system a row can be: the member of `CustomFileSystemConfig` that is
/// set, and its name for people.
const KINDS: &[(&str, &str)] = &[
    ("EFSFileSystemConfig", "Amazon EFS"),
    ("FSxLustreFileSystemConfig", "Amazon FSx for Lustre"),
    ("S3FileSystemConfig", "Amazon S3"),
];

/// EBS volume sizes of the person's private spaces.
#[component]
pub fn SpaceStorage() -> impl IntoView {
    let ebs = "UserSettings.SpaceStorageSettings.DefaultEbsStorageSettings";
    let sizes = range_hint(&rules::SPACE_EBS_VOLUME_SIZE_IN_GB, " GB");
    view! {
        <FormSection
            title="Storage"
            description="The EBS volume of each private space (JupyterLab, Code Editor)."
            paths=&["UserSettings.SpaceStorageSettings"]
        >
            <NumberInput
                path=format!("{ebs}.DefaultEbsVolumeSizeInGb")
                label="Default volume size"
                hint=sizes.clone()
                unit="GB"
            />
            <NumberInput
                path=format!("{ebs}.MaximumEbsVolumeSizeInGb")
                label="Largest volume the person may choose"
                hint=sizes
                unit="GB"
            />
        </FormSection>
    }
}

/// Extra file systems mounted in the person's spaces.
#[component]
pub fn FileSystems() -> impl IntoView {
    view! {
        <FormSection
            title="File systems"
            description="Amazon EFS, FSx for Lustre or S3 locations mounted in the person's spaces."
            paths=&["UserSettings.CustomFileSystemConfigs"]
        >
            <Rows
                path="UserSettings.CustomFileSystemConfigs"
                legend="Custom file systems"
                item="file system"
                max=rules::CUSTOM_FILE_SYSTEM_CONFIGS.max.unwrap_or(10)
                new_item=|| json!({"EFSFileSystemConfig": {}})
                row=file_system_row
            />
        </FormSection>
    }
}

fn file_system_row(path: &str, name: &str) -> AnyView {
    let form = use_form();
    let kind = {
        let path = path.to_owned();
        Memo::new(move |_| {
            form.value_at(&path)
                .and_then(|row| {
                    KINDS
                        .iter()
                        .map(|(member, _)| *member)
                        .find(|member| row.get(member).is_some())
                })
                .unwrap_or_default()
        })
    };
    let kind_id = format!("{}-kind", FieldIds::for_path(path).input);
    let locked = {
        let path = path.to_owned();
        move || form.lock_at(&path).is_some()
    };
    let on_kind = {
        let path = path.to_owned();
        move |ev| {
            let member = event_target_value(&ev);
            let mut row = serde_json::Map::new();
            if !member.is_empty() {
                row.insert(member, json!({}));
            }
            form.set(&path, Some(Value::Object(row)));
        }
    };
    let (path, name) = (path.to_owned(), name.to_owned());
    let label = format!("{name}: kind");
    let fields = move || {
        let (member, name) = (kind.get(), name.clone());
        let base = format!("{path}.{member}");
        match member {
            "EFSFileSystemConfig" | "FSxLustreFileSystemConfig" => view! {
                <TextInput path=format!("{base}.FileSystemId") label=format!("{name}: file system ID") hint="Such as fs-0123456789abcdef0." />
                <TextInput path=format!("{base}.FileSystemPath") label=format!("{name}: path in the file system") hint="An absolute path, such as /shared." />
            }
            .into_any(),
            "S3FileSystemConfig" => view! {
                <TextInput path=format!("{base}.S3Uri") label=format!("{name}: S3 URI") hint="Such as s3://bucket/prefix/." wide=true />
                <TextInput path=format!("{base}.MountPath") label=format!("{name}: mount path") />
            }
            .into_any(),
            _ => view! { <p class="field-hint">"Choose the kind of file system."</p> }.into_any(),
        }
    };
    view! {
        <div class="field">
            <label class="field-label" for=kind_id.clone()>
                {label}
            </label>
            <select id=kind_id class="field-input field-select" disabled=locked prop:value=move || kind.get() on:change=on_kind>
                <option value="">"Choose…"</option>
                {KINDS.iter().map(|(member, words)| view! { <option value=*member>{*words}</option> }).collect_view()}
            </select>
        </div>
        {fields}
    }
    .into_any()
}

/// The POSIX identity apps run as on shared file systems.
#[component]
pub fn PosixUser() -> impl IntoView {
    view! {
        <FormSection
            title="POSIX user"
            description="The user and group IDs the person's apps use on custom file systems; both are needed."
            paths=&["UserSettings.CustomPosixUserConfig"]
        >
            <NumberInput path="UserSettings.CustomPosixUserConfig.Uid" label="User ID (UID)" hint=range_hint(&rules::UID, "") />
            <NumberInput path="UserSettings.CustomPosixUserConfig.Gid" label="Group ID (GID)" hint=range_hint(&rules::GID, "") />
        </FormSection>
    }
}

/// Whether the domain's EFS home directory is mounted.
#[component]
pub fn HomeDirectory() -> impl IntoView {
    view! {
        <FormSection
            title="Home directory"
            description="Whether Studio mounts the person's home directory from the domain's EFS volume."
            paths=&["UserSettings.AutoMountHomeEFS"]
        >
            <EnumSelect
                path="UserSettings.AutoMountHomeEFS"
                values=AutoMountHomeEFS::VALUES
                label="Mount the EFS home directory"
                words=switch_words
            />
        </FormSection>
    }
}
