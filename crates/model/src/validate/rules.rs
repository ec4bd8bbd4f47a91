//! Rules AWS documents in prose, beyond the model's constraints, and human descriptions of
//! the model's patterns.
//!
//! Each rule is a small pure function that looks at one part of the request and reports
//! through the [`Validator`], which the caller has already placed at the right path. The
//! words of every finding live in [`Finding`], next to the documentation they come from.

use super::Validator;
use crate::domain::DomainContext;
use crate::report::{ProblemKind, Severity};
use crate::{
    AppInstanceType, AppNetworkAccessType, AuthMode, CanvasAppSettings, CreateUserProfileRequest,
    FeatureStatus, NotebookOutputOption, ResourceSpec, SharingSettings, Tag,
    TimeSeriesForecastingSettings, UpdateUserProfileRequest, UserSettings,
};

/// Prefix AWS reserves for its own tag keys (AWS tagging documentation: keys starting
/// with `aws:`, in any letter case, are reserved for AWS use).
pub(crate) const RESERVED_TAG_PREFIX: &str = "aws:";

/// Security groups a profile can usefully carry. The model allows 5 (`SecurityGroupIds`
/// max), but the UserSettings reference says SageMaker adds one security group for NFS
/// traffic from Studio, "therefore, the number of security groups that you can specify
/// is one less than the maximum number shown".
const USABLE_SECURITY_GROUPS: usize = 4;

/// What the `LifecycleConfigArn` pattern accepts to mean "no lifecycle configuration".
const NO_LIFECYCLE_CONFIG: &str = "None";

/// Whether the request creates a profile or changes one. On update an absent member means
/// "leave it as it is", so rules that demand a member apply only on create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Create,
    Update,
}

/// One finding of a documented rule; its message says what is wrong and what to do.
#[derive(Debug, thiserror::Error)]
enum Finding<'a> {
    /// CreateUserProfile reference: required when the domain's AuthMode is SSO.
    #[error(
        "Required in this domain, which signs users in with IAM Identity Center (AuthMode SSO): \
         set it to UserName."
    )]
    SsoIdentifierMissing,
    /// CreateUserProfile reference: required when the domain's AuthMode is SSO.
    #[error(
        "Required in this domain, which signs users in with IAM Identity Center (AuthMode SSO): \
         give the person's user name in IAM Identity Center."
    )]
    SsoValueMissing,
    /// CreateUserProfile reference: "cannot be specified" unless AuthMode is SSO.
    #[error(
        "Not allowed in this domain, which signs users in with IAM (AuthMode IAM): remove \
         {0}; it only applies to domains that use IAM Identity Center."
    )]
    SsoFieldInIamDomain(&'static str),
    /// The two SSO members only make sense together, whatever the domain.
    #[error(
        "Give SingleSignOnUserIdentifier (UserName) and SingleSignOnUserValue together, or \
         neither: {0} is set without the other."
    )]
    SsoFieldAlone(&'static str),
    /// CloudFormation/CDK reference of UserProfile: an IAM Identity Center user must be
    /// assigned to the domain's application before they can use the profile.
    #[error(
        "CreateUserProfile alone does not give this person access: the user (or a group \
         they belong to) must be assigned to this domain's SageMaker Studio application in \
         IAM Identity Center, or they will not be able to open Studio. The panel assigns \
         them after creating the profile, unless they get in already."
    )]
    NotAssignedToIdentityCenterApp,
    /// Tag keys are unique on a resource; AWS compares them case-sensitively.
    #[error(
        "Duplicate tag key '{key}' (already used by Tags[{first}]): each key may appear \
         once; keys differing only in letter case are distinct."
    )]
    DuplicateTagKey { key: &'a str, first: usize },
    /// The `aws:` prefix is reserved for tags AWS itself sets.
    #[error(
        "Tag keys starting with '{prefix}' are reserved for AWS: choose another key \
         (for example without the '{prefix}' prefix)."
    )]
    ReservedTagKey { prefix: &'a str },
    /// UserSettings reference: SecurityGroups are "required when the
    /// CreateDomain.AppNetworkAccessType parameter is set to VpcOnly, unless specified as
    /// part of the DefaultUserSettings for the domain".
    #[error(
        "Required in this domain: its apps reach the network only through its VPC \
         (AppNetworkAccessType VpcOnly) and its default user settings have no security \
         groups. Give at least one security group ID of the domain's VPC, such as \
         sg-0123456789abcdef0."
    )]
    SecurityGroupsRequired,
    /// UserSettings reference (see [`USABLE_SECURITY_GROUPS`]).
    #[error(
        "{count} security groups{including} leave no room for the one SageMaker adds to \
         allow NFS traffic from Studio: AWS documents that you can specify one less than the \
         maximum of 5. Keep at most 4, or Studio apps may not reach the home file system."
    )]
    NoRoomForNfsSecurityGroup { count: usize, including: &'a str },
    /// ResourceSpec reference: "JupyterServer apps only support the system value."
    #[error(
        "JupyterServer apps only run on the 'system' instance type, not '{given}': use \
         system here, and choose bigger instances in KernelGateway or JupyterLab settings."
    )]
    JupyterServerNotSystem { given: &'a str },
    /// App settings reference: "If you use the LifecycleConfigArns parameter, then this
    /// parameter is also required."
    #[error(
        "Required because {section}.LifecycleConfigArns lists lifecycle configurations: add \
         a DefaultResourceSpec (at least the instance type), or empty LifecycleConfigArns."
    )]
    LifecycleConfigsNeedResourceSpec { section: &'static str },
    /// A default lifecycle configuration must be attached to be usable by default.
    #[error(
        "This lifecycle configuration is not in {section}.LifecycleConfigArns, so it is not \
         attached to the profile and apps will not run it by default: add it to \
         LifecycleConfigArns."
    )]
    DefaultLifecycleConfigNotListed { section: &'static str },
    /// SharingSettings reference: S3OutputPath is where shared notebooks go "when
    /// NotebookOutputOption is Allowed".
    #[error(
        "NotebookOutputOption is Allowed, but there is no S3 location for shared notebook \
         snapshots: give an S3OutputPath such as s3://bucket/sharing/, or sharing will fail."
    )]
    SharingWithoutS3OutputPath,
    /// A forecasting role has no effect while forecasting is off.
    #[error(
        "Time series forecasting is DISABLED, so this role is never used: set Status to \
         ENABLED to use forecasting, or remove the role."
    )]
    ForecastRoleWhileDisabled,
}

impl Finding<'_> {
    /// Errors: AWS refuses the request. Warnings: AWS accepts it, but it hurts the user.
    fn severity(&self) -> Severity {
        match self {
            Self::SsoIdentifierMissing
            | Self::SsoValueMissing
            | Self::SsoFieldInIamDomain(_)
            | Self::SsoFieldAlone(_)
            | Self::DuplicateTagKey { .. }
            | Self::ReservedTagKey { .. }
            | Self::SecurityGroupsRequired
            | Self::JupyterServerNotSystem { .. }
            | Self::LifecycleConfigsNeedResourceSpec { .. } => Severity::Error,
            Self::NotAssignedToIdentityCenterApp
            | Self::NoRoomForNfsSecurityGroup { .. }
            | Self::DefaultLifecycleConfigNotListed { .. }
            | Self::SharingWithoutS3OutputPath
            | Self::ForecastRoleWhileDisabled => Severity::Warning,
        }
    }

    /// Records the finding at the validator's current path.
    fn report(&self, v: &mut Validator) {
        v.report(self.severity(), ProblemKind::Rule, self.to_string());
    }
}

/// Documented rules for CreateUserProfile.
pub(crate) fn create_user_profile(
    request: &CreateUserProfileRequest,
    v: &mut Validator,
    domain: Option<&DomainContext>,
) {
    sso_fields(
        request.single_sign_on_user_identifier.as_deref(),
        request.single_sign_on_user_value.as_deref(),
        domain.map(|d| &d.auth_mode),
        v,
    );
    if let Some(tags) = &request.tags {
        v.member("Tags", |v| tag_keys(tags, v));
    }
    user_settings_member(request.user_settings.as_ref(), domain, Change::Create, v);
}

/// The rules of a request's `UserSettings`: its own members' (when given) and, with the
/// domain known, the room its security groups leave (counted with the domain's defaults).
fn user_settings_member(
    settings: Option<&UserSettings>,
    domain: Option<&DomainContext>,
    change: Change,
    v: &mut Validator,
) {
    v.member("UserSettings", |v| {
        if let Some(settings) = settings {
            user_settings(settings, change, v);
        }
        if let Some(domain) = domain {
            let groups = settings.and_then(|s| s.security_groups.as_deref());
            v.member("SecurityGroups", |v| {
                security_groups(groups, domain, change, v);
            });
        }
    });
}

/// Documented rules for UpdateUserProfile: the UserSettings rules, where an absent member
/// means "unchanged" (the SSO members do not exist on update).
pub(crate) fn update_user_profile(
    request: &UpdateUserProfileRequest,
    v: &mut Validator,
    domain: Option<&DomainContext>,
) {
    user_settings_member(request.user_settings.as_ref(), domain, Change::Update, v);
}

/// The SSO members: required in SSO domains, refused elsewhere, always given together.
/// Without the domain's AuthMode only the "together" part can be checked.
fn sso_fields(
    identifier: Option<&str>,
    value: Option<&str>,
    auth_mode: Option<&AuthMode>,
    v: &mut Validator,
) {
    const IDENTIFIER: &str = "SingleSignOnUserIdentifier";
    const VALUE: &str = "SingleSignOnUserValue";
    // The identifier's one accepted value (`UserName`) is the model's pattern, which the
    // generated checks report with a message naming it; these rules are about presence.
    match auth_mode {
        Some(AuthMode::Sso) => {
            if identifier.is_none() {
                v.member(IDENTIFIER, |v| Finding::SsoIdentifierMissing.report(v));
            }
            v.member(VALUE, |v| {
                // A blank user name names nobody; treat it as missing.
                if value.is_none_or(|s| s.trim().is_empty()) {
                    Finding::SsoValueMissing.report(v);
                }
                // AWS creates the profile but does not assign the user to the domain's
                // Identity Center application; that is a separate step people forget.
                Finding::NotAssignedToIdentityCenterApp.report(v);
            });
        }
        Some(AuthMode::Iam) => {
            if identifier.is_some() {
                v.member(IDENTIFIER, |v| {
                    Finding::SsoFieldInIamDomain(IDENTIFIER).report(v);
                });
            }
            if value.is_some() {
                v.member(VALUE, |v| Finding::SsoFieldInIamDomain(VALUE).report(v));
            }
        }
        // An AuthMode this build does not know, or no domain at all: only the pairing
        // is certain.
        Some(AuthMode::Unknown(_)) | None => match (identifier, value) {
            (Some(_), None) => v.member(VALUE, |v| Finding::SsoFieldAlone(IDENTIFIER).report(v)),
            (None, Some(_)) => v.member(IDENTIFIER, |v| Finding::SsoFieldAlone(VALUE).report(v)),
            _ => {}
        },
    }
}

/// Tag keys: unique (case-sensitive, as AWS compares them) and not in AWS's reserved
/// `aws:` namespace. Reported at `Tags[i].Key`.
pub(crate) fn tag_keys(tags: &[Tag], v: &mut Validator) {
    // Sorting the keys (with their positions) puts duplicates side by side; each later
    // occurrence then points at the first one.
    let mut by_key: Vec<(&str, usize)> = tags
        .iter()
        .enumerate()
        .filter_map(|(i, tag)| Some((tag.key.as_deref()?, i)))
        .collect();
    by_key.sort_unstable();
    let mut first_of = vec![None; tags.len()];
    for pair in by_key.windows(2) {
        if let [(a, i), (b, j)] = pair
            && a == b
        {
            first_of[*j] = Some(first_of[*i].unwrap_or(*i));
        }
    }
    for (i, tag) in tags.iter().enumerate() {
        let Some(key) = tag.key.as_deref() else {
            continue;
        };
        let first = first_of[i];
        let reserved = key
            .get(..RESERVED_TAG_PREFIX.len())
            .filter(|prefix| prefix.eq_ignore_ascii_case(RESERVED_TAG_PREFIX));
        if first.is_none() && reserved.is_none() {
            continue;
        }
        v.at_index(i, |v| {
            v.member("Key", |v| {
                if let Some(first) = first {
                    Finding::DuplicateTagKey { key, first }.report(v);
                }
                if let Some(prefix) = reserved {
                    Finding::ReservedTagKey { prefix }.report(v);
                }
            });
        });
    }
}

/// Security groups against the domain: required for VpcOnly domains unless the domain's
/// defaults have some, and no more than leave room for the one SageMaker adds for NFS.
/// The validator is at `UserSettings.SecurityGroups`.
fn security_groups(
    groups: Option<&[String]>,
    domain: &DomainContext,
    change: Change,
    v: &mut Validator,
) {
    let defaults = &domain.default_security_groups;
    let vpc_only = domain.app_network_access_type == AppNetworkAccessType::VpcOnly;
    // On update, absent means unchanged; an explicit empty list would clear them.
    let missing = match change {
        Change::Create => groups.is_none_or(<[String]>::is_empty),
        Change::Update => groups.is_some_and(<[String]>::is_empty),
    };
    if vpc_only && missing && defaults.is_empty() {
        Finding::SecurityGroupsRequired.report(v);
    }
    if let Some(groups) = groups {
        nfs_room(groups, defaults, v);
    }
}

/// AWS adds the domain's default security groups to the profile's own ("SecurityGroups
/// is aggregated when specified in both calls"), and then one more for NFS.
fn nfs_room(groups: &[String], defaults: &[String], v: &mut Validator) {
    let from_defaults = defaults
        .iter()
        .enumerate()
        .filter(|(i, d)| !groups.contains(d) && !defaults[..*i].contains(d))
        .count();
    let own = groups
        .iter()
        .enumerate()
        .filter(|(i, g)| !groups[..*i].contains(g))
        .count();
    let count = own + from_defaults;
    if count > USABLE_SECURITY_GROUPS {
        let including = if from_defaults > 0 {
            " (including the domain's default security groups, which AWS adds to the profile's)"
        } else {
            ""
        };
        Finding::NoRoomForNfsSecurityGroup { count, including }.report(v);
    }
}

/// The part of an app settings section the lifecycle-configuration rules look at.
#[derive(Clone, Copy)]
struct AppSection<'a> {
    /// The section's member name in UserSettings (for messages).
    name: &'static str,
    spec: Option<&'a ResourceSpec>,
    lifecycle_config_arns: Option<&'a [String]>,
}

/// The [`AppSection`] of a settings section `$s` (JupyterServer, KernelGateway, JupyterLab
/// and CodeEditor app settings: generated types with the same two members and no common
/// trait) named `$name` in UserSettings.
macro_rules! app_section {
    ($name:literal, $s:expr) => {
        AppSection {
            name: $name,
            spec: $s.default_resource_spec.as_ref(),
            lifecycle_config_arns: $s.lifecycle_config_arns.as_deref(),
        }
    };
}

/// The rules inside UserSettings; the validator is at `UserSettings`.
fn user_settings(settings: &UserSettings, change: Change, v: &mut Validator) {
    if let Some(s) = &settings.jupyter_server_app_settings {
        v.member("JupyterServerAppSettings", |v| {
            jupyter_server_instance_type(s.default_resource_spec.as_ref(), v);
            app_lifecycle_configs(app_section!("JupyterServerAppSettings", s), change, v);
        });
    }
    if let Some(s) = &settings.kernel_gateway_app_settings {
        v.member("KernelGatewayAppSettings", |v| {
            app_lifecycle_configs(app_section!("KernelGatewayAppSettings", s), change, v);
        });
    }
    if let Some(s) = &settings.jupyter_lab_app_settings {
        v.member("JupyterLabAppSettings", |v| {
            app_lifecycle_configs(app_section!("JupyterLabAppSettings", s), change, v);
        });
    }
    if let Some(s) = &settings.code_editor_app_settings {
        v.member("CodeEditorAppSettings", |v| {
            app_lifecycle_configs(app_section!("CodeEditorAppSettings", s), change, v);
        });
    }
    if let Some(s) = &settings.sharing_settings {
        v.member("SharingSettings", |v| sharing_output(s, v));
    }
    if let Some(CanvasAppSettings {
        time_series_forecasting_settings: Some(f),
        ..
    }) = &settings.canvas_app_settings
    {
        v.member("CanvasAppSettings", |v| {
            v.member("TimeSeriesForecastingSettings", |v| forecasting_role(f, v));
        });
    }
}

/// JupyterServer runs on `system` only. Unknown instance types are already reported by
/// the enum check, so only known, non-`system` values are reported here.
fn jupyter_server_instance_type(spec: Option<&ResourceSpec>, v: &mut Validator) {
    let Some(given) = spec.and_then(|s| s.instance_type.as_ref()) else {
        return;
    };
    if matches!(given, AppInstanceType::System | AppInstanceType::Unknown(_)) {
        return;
    }
    v.member("DefaultResourceSpec", |v| {
        v.member("InstanceType", |v| {
            Finding::JupyterServerNotSystem {
                given: crate::WireEnum::as_str(given),
            }
            .report(v);
        });
    });
}

/// Lifecycle configurations of one app section: listing any needs a DefaultResourceSpec,
/// and the default one should be among those listed. The validator is at the section.
fn app_lifecycle_configs(section: AppSection<'_>, change: Change, v: &mut Validator) {
    let listed = section.lifecycle_config_arns;
    if listed.is_some_and(|l| !l.is_empty()) && section.spec.is_none() {
        v.member("DefaultResourceSpec", |v| {
            Finding::LifecycleConfigsNeedResourceSpec {
                section: section.name,
            }
            .report(v);
        });
    }
    let Some(default) = section
        .spec
        .and_then(|s| s.lifecycle_config_arn.as_deref())
        .filter(|arn| *arn != NO_LIFECYCLE_CONFIG)
    else {
        return;
    };
    let unlisted = match (listed, change) {
        (Some(listed), _) => !listed.iter().any(|arn| arn == default),
        // On create an absent list attaches nothing; on update it keeps the current list,
        // which this request does not show.
        (None, Change::Create) => true,
        (None, Change::Update) => false,
    };
    if unlisted {
        v.member("DefaultResourceSpec", |v| {
            v.member("LifecycleConfigArn", |v| {
                Finding::DefaultLifecycleConfigNotListed {
                    section: section.name,
                }
                .report(v);
            });
        });
    }
}

/// Sharing notebooks with their output needs somewhere to put the snapshots. The
/// validator is at `UserSettings.SharingSettings`.
fn sharing_output(sharing: &SharingSettings, v: &mut Validator) {
    let allowed = sharing.notebook_output_option == Some(NotebookOutputOption::Allowed);
    let no_path = sharing.s3_output_path.as_deref().is_none_or(str::is_empty);
    if allowed && no_path {
        v.member("S3OutputPath", |v| {
            Finding::SharingWithoutS3OutputPath.report(v);
        });
    }
}

/// A forecasting role is pointless while forecasting is disabled. The validator is at
/// `UserSettings.CanvasAppSettings.TimeSeriesForecastingSettings`.
fn forecasting_role(settings: &TimeSeriesForecastingSettings, v: &mut Validator) {
    let disabled = settings.status == Some(FeatureStatus::Disabled);
    if disabled && settings.amazon_forecast_role_arn.is_some() {
        v.member("AmazonForecastRoleArn", |v| {
            Finding::ForecastRoleWhileDisabled.report(v);
        });
    }
}

/// A sentence describing what a shape's pattern allows, for messages (no final period;
/// the message adds the pattern itself for people who read regular expressions).
pub(crate) fn pattern_hint(shape: &str) -> Option<&'static str> {
    Some(match shape {
        "UserProfileName" | "AppName" | "SpaceName" | "DomainName" | "AppImageConfigName" => {
            "Use only letters, digits and hyphens, starting and ending with a letter or digit"
        }
        "DomainId" => {
            "Use a domain ID such as d-abcdef123456: 'd-' then lowercase letters, digits and \
             hyphens, ending with a letter or digit"
        }
        "RoleArn" => {
            "Use an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerExecutionRole"
        }
        "SecurityGroupId" => {
            "Use a security group ID such as sg-0123456789abcdef0 (letters, digits and hyphens)"
        }
        "SubnetId" => {
            "Use a subnet ID such as subnet-0123456789abcdef0 (letters, digits and hyphens)"
        }
        "VpcId" => "Use a VPC ID such as vpc-0123456789abcdef0 (letters, digits and hyphens)",
        "S3Uri" => "Use an S3 URI such as s3://bucket/prefix/ (or an https:// URL), on one line",
        "S3SchemaUri" => "Use an S3 URI such as s3://bucket/prefix/, on one line",
        "TagKey" | "TagValue" => {
            "Use only letters, digits, spaces and the characters _ . : / = + - @"
        }
        "StudioLifecycleConfigArn" => {
            "Use a Studio lifecycle configuration ARN such as \
             arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/my-config, or None"
        }
        "StudioResourceSpecTrainingPlanArn" => {
            "Use a training plan ARN such as \
             arn:aws:sagemaker:us-east-1:123456789012:training-plan/my-plan, or None"
        }
        "ImageName" => {
            "Use letters and digits, with single hyphens or dots between them, starting and \
             ending with a letter or digit"
        }
        "ImageArn" => {
            "Use a SageMaker image ARN such as \
             arn:aws:sagemaker:us-east-1:123456789012:image/my-image"
        }
        "ImageVersionArn" => {
            "Use a SageMaker image version ARN such as \
             arn:aws:sagemaker:us-east-1:123456789012:image-version/my-image/1, or None"
        }
        "ImageVersionAlias" => {
            "Use a version such as 2, 2.1 or a semantic version such as 2.1.0 or 2.1.0-beta"
        }
        "ImageVersionAliasPattern" => {
            "Use a major.minor version such as 2.1, without leading zeros"
        }
        "KmsKeyId" => "Use a KMS key ID, alias or ARN (letters, digits and the characters : / _ -)",
        "FileSystemId" => "Use a file system ID such as fs-0123456789abcdef0",
        "FileSystemPath" => "Use an absolute path starting with /, without spaces",
        "RepositoryUrl" => {
            "Use an https:// Git repository URL such as https://git.example.com/team/repo.git \
             (letters, digits and the characters . - _ /)"
        }
        "SecretArn" => {
            "Use a Secrets Manager secret ARN such as \
             arn:aws:secretsmanager:us-east-1:123456789012:secret:my-secret"
        }
        "SingleSignOnUserIdentifier" => "The only accepted value is UserName",
        "NonEmptyString64" => "Must not be blank, and must fit on one line",
        "AccountId" | "EfsUid" => "Use only the digits 0-9",
        "NextToken" => "Must fit on one line",
        "AppArn" | "DomainArn" | "SpaceArn" | "UserProfileArn" | "ResourceArn" => {
            "Use a SageMaker ARN such as arn:aws:sagemaker:us-east-1:123456789012:<type>/<name>"
        }
        "SingleSignOnApplicationArn" => {
            "Use an IAM Identity Center application ARN such as \
             arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef"
        }
        "QProfileArn" => {
            "Use an Amazon Q Developer profile ARN such as \
             arn:aws:codewhisperer:us-east-1:123456789012:profile/ABCDEF123456"
        }
        "UnifiedStudioDomainId" => "Use a SageMaker Unified Studio domain ID such as dzd_abc123",
        "UnifiedStudioEnvironmentId" | "UnifiedStudioProjectId" => {
            "Use 1 to 36 letters, digits, underscores or hyphens"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
