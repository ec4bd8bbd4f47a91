//! Where the person's files live: space storage sizes, extra file systems, the POSIX
//! identity apps run as, and whether the home directory is mounted.

use leptos::prelude::*;
use studio_admin_model::{
    CustomFileSystemConfig, EFSFileSystemConfig, FSxLustreFileSystemConfig, S3FileSystemConfig,
    rules,
};

use super::FormSection;
use crate::components::fields::frame::FieldIds;
use crate::components::fields::{EnumSelect, NumberInput, Rows, TextInput, switch_words};
use crate::form::{Lens, use_form};
use crate::{field, leaf};

/// EBS volume sizes of the person's private spaces.
#[component]
pub fn SpaceStorage() -> impl IntoView {
    let settings = field!(UserSettings => user_settings);
    let storage = field!(settings, SpaceStorageSettings => space_storage_settings);
    let ebs = field!(storage, DefaultEbsStorageSettings => default_ebs_storage_settings);
    let range = &rules::SPACE_EBS_VOLUME_SIZE_IN_GB;
    let sizes = format!(
        "{} to {} GB.",
        range.min.unwrap_or(5),
        range.max.unwrap_or(16384)
    );
    view! {
        <FormSection
            title="Storage"
            description="The EBS volume of each private space (JupyterLab, Code Editor)."
            paths=&["UserSettings.SpaceStorageSettings"]
        >
            <NumberInput
                lens=field!(ebs, DefaultEbsVolumeSizeInGb => default_ebs_volume_size_in_gb)
                label="Default volume size"
                hint=sizes.clone()
                unit="GB"
            />
            <NumberInput
                lens=field!(ebs, MaximumEbsVolumeSizeInGb => maximum_ebs_volume_size_in_gb)
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
    let settings = field!(UserSettings => user_settings);
    view! {
        <FormSection
            title="File systems"
            description="Amazon EFS, FSx for Lustre or S3 locations mounted in the person's spaces."
            paths=&["UserSettings.CustomFileSystemConfigs"]
        >
            <Rows
                lens=field!(settings, CustomFileSystemConfigs => custom_file_system_configs)
                legend="Custom file systems"
                item="file system"
                max=rules::CUSTOM_FILE_SYSTEM_CONFIGS.max.unwrap_or(10)
                new_item=new_file_system
                row=file_system_row
            />
        </FormSection>
    }
}

/// A new row starts as an EFS file system, the most common kind.
fn new_file_system() -> CustomFileSystemConfig {
    CustomFileSystemConfig {
        efs_file_system_config: Some(EFSFileSystemConfig::default()),
        ..CustomFileSystemConfig::default()
    }
}

/// Which kind a file system row is (the union's member that is set).
fn kind_of(config: &CustomFileSystemConfig) -> &'static str {
    if config.efs_file_system_config.is_some() {
        "efs"
    } else if config.fsx_lustre_file_system_config.is_some() {
        "fsx"
    } else if config.s3_file_system_config.is_some() {
        "s3"
    } else {
        ""
    }
}

fn file_system_row(lens: &Lens<CustomFileSystemConfig>, name: &str) -> AnyView {
    let form = use_form();
    let kind = {
        let lens = lens.clone();
        Memo::new(move |_| {
            form.request
                .with(|r| lens.get(r).map(kind_of).unwrap_or(""))
        })
    };
    let kind_id = format!("{}-kind", FieldIds::for_path(lens.path()).input);
    let on_kind = {
        let lens = lens.clone();
        move |ev| {
            let config = match event_target_value(&ev).as_str() {
                "efs" => new_file_system(),
                "fsx" => CustomFileSystemConfig {
                    fsx_lustre_file_system_config: Some(FSxLustreFileSystemConfig::default()),
                    ..CustomFileSystemConfig::default()
                },
                "s3" => CustomFileSystemConfig {
                    s3_file_system_config: Some(S3FileSystemConfig::default()),
                    ..CustomFileSystemConfig::default()
                },
                _ => CustomFileSystemConfig::default(),
            };
            form.set(&lens, Some(config));
        }
    };
    let label_name = name.to_owned();
    let (lens, name) = (lens.clone(), name.to_owned());
    let fields = move || match kind.get() {
        "efs" => {
            let efs = field!(lens, EFSFileSystemConfig => efs_file_system_config);
            view! {
                <TextInput lens=field!(efs, FileSystemId => file_system_id) label=format!("{name}: EFS file system ID") hint="Such as fs-0123456789abcdef0." />
                <TextInput lens=field!(efs, FileSystemPath => file_system_path) label=format!("{name}: path in the file system") hint="An absolute path, such as /shared." />
            }
            .into_any()
        }
        "fsx" => {
            let fsx = field!(lens, FSxLustreFileSystemConfig => fsx_lustre_file_system_config);
            view! {
                <TextInput lens=field!(fsx, FileSystemId => file_system_id) label=format!("{name}: FSx file system ID") />
                <TextInput lens=field!(fsx, FileSystemPath => file_system_path) label=format!("{name}: path in the file system") />
            }
            .into_any()
        }
        "s3" => {
            let s3 = field!(lens, S3FileSystemConfig => s3_file_system_config);
            view! {
                <TextInput lens=field!(s3, S3Uri => s3_uri) label=format!("{name}: S3 URI") hint="Such as s3://bucket/prefix/." wide=true />
                <TextInput lens=field!(s3, MountPath => mount_path) label=format!("{name}: mount path") />
            }
            .into_any()
        }
        _ => view! { <p class="field-hint">"Choose the kind of file system."</p> }.into_any(),
    };
    view! {
        <div class="field">
            <label class="field-label" for=kind_id.clone()>
                {format!("{label_name}: kind")}
            </label>
            <select id=kind_id class="field-input field-select" prop:value=move || kind.get() on:change=on_kind>
                <option value="">"Choose…"</option>
                <option value="efs">"Amazon EFS"</option>
                <option value="fsx">"Amazon FSx for Lustre"</option>
                <option value="s3">"Amazon S3"</option>
            </select>
        </div>
        {fields}
    }
    .into_any()
}

/// The POSIX identity apps run as on shared file systems.
#[component]
pub fn PosixUser() -> impl IntoView {
    let settings = field!(UserSettings => user_settings);
    let posix = field!(settings, CustomPosixUserConfig => custom_posix_user_config);
    let range = |rule: &studio_admin_model::validate::IntRule| {
        format!(
            "{} to {}.",
            rule.min.unwrap_or_default(),
            rule.max.unwrap_or_default()
        )
    };
    view! {
        <FormSection
            title="POSIX user"
            description="The user and group IDs the person's apps use on custom file systems; both are needed."
            paths=&["UserSettings.CustomPosixUserConfig"]
        >
            <NumberInput lens=field!(posix, Uid => uid) label="User ID (UID)" hint=range(&rules::UID) />
            <NumberInput lens=field!(posix, Gid => gid) label="Group ID (GID)" hint=range(&rules::GID) />
        </FormSection>
    }
}

/// Whether the domain's EFS home directory is mounted.
#[component]
pub fn HomeDirectory() -> impl IntoView {
    let settings = field!(UserSettings => user_settings);
    view! {
        <FormSection
            title="Home directory"
            description="Whether Studio mounts the person's home directory from the domain's EFS volume."
            paths=&["UserSettings.AutoMountHomeEFS"]
        >
            <EnumSelect
                lens=leaf!(settings, AutoMountHomeEFS => auto_mount_home_efs)
                label="Mount the EFS home directory"
                words=switch_words
            />
        </FormSection>
    }
}
