//! The largest CreateUserProfile request the model allows in the dimensions that cost
//! validation time: 50 tags, 5 security groups, 10 code repositories in each section that
//! has them, 200 custom images in each section that has them, and every other section of
//! UserSettings filled. Shared by the benchmark and the tests that check it is valid.

use serde_json::{Value, json};
use studio_admin_model::{
    AppNetworkAccessType, AuthMode, CreateUserProfileRequest, DomainContext, from_json_strict,
};

/// Tags on the maximal request (the model's maximum for TagList).
pub const TAGS: usize = 50;
/// Security groups on the maximal request (the model's maximum for SecurityGroupIds).
pub const SECURITY_GROUPS: usize = 5;
/// Code repositories per section (the model's maximum for CodeRepositories).
pub const CODE_REPOSITORIES: usize = 10;
/// Custom images per section (the model's maximum for CustomImages).
pub const CUSTOM_IMAGES: usize = 200;

const LCC_PREFIX: &str = "arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/";
const ROLE_PREFIX: &str = "arn:aws:iam::123456789012:role/";
const IMAGE_ARN: &str = "arn:aws:sagemaker:us-east-1:123456789012:image/team-image";
const IMAGE_VERSION_ARN: &str =
    "arn:aws:sagemaker:us-east-1:123456789012:image-version/team-image/3";

/// The domain the maximal request targets: SSO, VpcOnly, so every domain rule runs.
pub fn domain() -> DomainContext {
    DomainContext {
        auth_mode: AuthMode::Sso,
        app_network_access_type: AppNetworkAccessType::VpcOnly,
        default_security_groups: vec!["sg-0aaaaaaaaaaaaaaa0".to_owned()],
    }
}

fn custom_images(section: &str) -> Value {
    Value::Array(
        (0..CUSTOM_IMAGES)
            .map(|i| {
                json!({
                    "ImageName": format!("{section}-image-{i}"),
                    "AppImageConfigName": format!("{section}-config-{i}"),
                    "ImageVersionNumber": i % 7,
                })
            })
            .collect(),
    )
}

fn code_repositories(section: &str) -> Value {
    Value::Array(
        (0..CODE_REPOSITORIES)
            .map(|i| json!({ "RepositoryUrl": format!("https://git.example.com/{section}/repo-{i}.git") }))
            .collect(),
    )
}

fn resource_spec(instance_type: &str, lcc: &str) -> Value {
    json!({
        "InstanceType": instance_type,
        "LifecycleConfigArn": format!("{LCC_PREFIX}{lcc}"),
        "SageMakerImageArn": IMAGE_ARN,
        "SageMakerImageVersionArn": IMAGE_VERSION_ARN,
        "SageMakerImageVersionAlias": "2.1.0",
        "TrainingPlanArn": "None",
    })
}

fn lifecycle_configs(lcc: &str) -> Value {
    json!([
        format!("{LCC_PREFIX}{lcc}"),
        format!("{LCC_PREFIX}{lcc}-extra")
    ])
}

fn idle() -> Value {
    json!({
        "IdleSettings": {
            "LifecycleManagement": "ENABLED",
            "IdleTimeoutInMinutes": 120,
            "MinIdleTimeoutInMinutes": 60,
            "MaxIdleTimeoutInMinutes": 525600,
        }
    })
}

fn roles(kind: &str, n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!(format!("{ROLE_PREFIX}{kind}-{i}")))
            .collect(),
    )
}

/// The maximal request as the JSON body a client would send.
pub fn request_json() -> Value {
    let tags: Vec<Value> = (0..TAGS)
        .map(|i| json!({ "Key": format!("team:key-{i}"), "Value": format!("value {i}") }))
        .collect();
    let security_groups: Vec<Value> = (0..SECURITY_GROUPS)
        .map(|i| json!(format!("sg-0123456789abcde{i:02}")))
        .collect();
    json!({
        "DomainId": "d-abcdef123456",
        "UserProfileName": "data-scientist-01",
        "SingleSignOnUserIdentifier": "UserName",
        "SingleSignOnUserValue": "jane.doe@example.com",
        "Tags": tags,
        "UserSettings": {
            "ExecutionRole": format!("{ROLE_PREFIX}SageMakerExecution"),
            "SecurityGroups": security_groups,
            "SharingSettings": {
                "NotebookOutputOption": "Allowed",
                "S3OutputPath": "s3://team-bucket/sharing/",
                "S3KmsKeyId": "alias/team-key",
            },
            "JupyterServerAppSettings": {
                "DefaultResourceSpec": resource_spec("system", "jupyter-server"),
                "LifecycleConfigArns": lifecycle_configs("jupyter-server"),
                "CodeRepositories": code_repositories("jupyter-server"),
            },
            "KernelGatewayAppSettings": {
                "DefaultResourceSpec": resource_spec("ml.t3.medium", "kernel-gateway"),
                "CustomImages": custom_images("kernel-gateway"),
                "LifecycleConfigArns": lifecycle_configs("kernel-gateway"),
            },
            "TensorBoardAppSettings": {
                "DefaultResourceSpec": resource_spec("ml.t3.medium", "tensorboard"),
            },
            "RStudioServerProAppSettings": {
                "AccessStatus": "ENABLED",
                "UserGroup": "R_STUDIO_USER",
            },
            "RSessionAppSettings": {
                "DefaultResourceSpec": resource_spec("ml.t3.medium", "rsession"),
                "CustomImages": custom_images("rsession"),
            },
            "CanvasAppSettings": {
                "TimeSeriesForecastingSettings": {
                    "Status": "ENABLED",
                    "AmazonForecastRoleArn": format!("{ROLE_PREFIX}Forecast"),
                },
                "ModelRegisterSettings": {
                    "Status": "ENABLED",
                    "CrossAccountModelRegisterRoleArn": format!("{ROLE_PREFIX}ModelRegister"),
                },
                "WorkspaceSettings": {
                    "S3ArtifactPath": "s3://team-bucket/canvas/",
                    "S3KmsKeyId": "alias/team-key",
                },
                "IdentityProviderOAuthSettings": [
                    {
                        "DataSourceName": "SalesforceGenie",
                        "Status": "ENABLED",
                        "SecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:salesforce-AbCdEf",
                    },
                    {
                        "DataSourceName": "Snowflake",
                        "Status": "DISABLED",
                        "SecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:snowflake-AbCdEf",
                    },
                ],
                "DirectDeploySettings": { "Status": "ENABLED" },
                "KendraSettings": { "Status": "DISABLED" },
                "GenerativeAiSettings": { "AmazonBedrockRoleArn": format!("{ROLE_PREFIX}Bedrock") },
                "EmrServerlessSettings": {
                    "ExecutionRoleArn": format!("{ROLE_PREFIX}EmrServerless"),
                    "Status": "ENABLED",
                },
            },
            "CodeEditorAppSettings": {
                "DefaultResourceSpec": resource_spec("ml.t3.large", "code-editor"),
                "CustomImages": custom_images("code-editor"),
                "LifecycleConfigArns": lifecycle_configs("code-editor"),
                "AppLifecycleManagement": idle(),
                "BuiltInLifecycleConfigArn": format!("{LCC_PREFIX}code-editor-built-in"),
            },
            "JupyterLabAppSettings": {
                "DefaultResourceSpec": resource_spec("ml.m5.large", "jupyter-lab"),
                "CustomImages": custom_images("jupyter-lab"),
                "LifecycleConfigArns": lifecycle_configs("jupyter-lab"),
                "CodeRepositories": code_repositories("jupyter-lab"),
                "AppLifecycleManagement": idle(),
                "EmrSettings": {
                    "AssumableRoleArns": roles("EmrAssumable", 5),
                    "ExecutionRoleArns": roles("EmrExecution", 5),
                },
                "BuiltInLifecycleConfigArn": format!("{LCC_PREFIX}jupyter-lab-built-in"),
            },
            "SpaceStorageSettings": {
                "DefaultEbsStorageSettings": {
                    "DefaultEbsVolumeSizeInGb": 5,
                    "MaximumEbsVolumeSizeInGb": 100,
                }
            },
            "DefaultLandingUri": "studio::",
            "StudioWebPortal": "ENABLED",
            "CustomPosixUserConfig": { "Uid": 200001, "Gid": 1001 },
            "CustomFileSystemConfigs": [
                { "EFSFileSystemConfig": { "FileSystemId": "fs-0123456789abcdef0", "FileSystemPath": "/team" } },
                { "FSxLustreFileSystemConfig": { "FileSystemId": "fs-0fedcba987654321f", "FileSystemPath": "/scratch" } },
                { "S3FileSystemConfig": { "S3Uri": "s3://team-bucket/shared/", "MountPath": "/mnt/shared" } },
            ],
            "StudioWebPortalSettings": {
                "HiddenMlTools": ["DataWrangler", "AutoMl"],
                "HiddenAppTypes": ["RStudioServerPro"],
                "HiddenInstanceTypes": ["ml.p4d.24xlarge"],
                "HiddenSageMakerImageVersionAliases": [
                    { "SageMakerImageName": "sagemaker_distribution", "VersionAliases": ["1.9", "2.0"] }
                ],
                "ExecutionRoleSessionNameMode": "USER_IDENTITY",
            },
            "AutoMountHomeEFS": "DefaultAsDomain",
        }
    })
}

/// The maximal request, parsed as the proxy would parse it.
pub fn request() -> CreateUserProfileRequest {
    match from_json_strict(&request_json().to_string()) {
        Ok(request) => request,
        Err(e) => panic!("the maximal request must parse: {e}"),
    }
}
