//! From the AWS flags of `serve` and `plan` to a configured client for real AWS: region,
//! endpoints (SageMaker, and IAM Identity Center's Identity Store and SSO Admin) and
//! credentials resolved by aws-config exactly as the AWS SDKs and CLI resolve them.

use std::time::Duration;

use anyhow::Context as _;
use aws_config::BehaviorVersion;
use aws_types::region::Region;
use aws_types::service_config::ServiceConfigKey;

use crate::cli::AwsArgs;
use studio_admin_model::{ServiceMetadata, identitystore, sso_admin};

use crate::sagemaker::{ClientConfig, CredentialsCache, RetryPolicy, default_endpoint};

/// Call settings shared by AWS and demo mode.
pub fn client_config(args: &AwsArgs, endpoint: String, region: String) -> ClientConfig {
    let mut config = ClientConfig::new(endpoint, region);
    config.attempt_timeout = Duration::from_secs(args.sagemaker_timeout.max(1));
    config.retry = RetryPolicy {
        max_attempts: args.sagemaker_max_attempts,
        ..RetryPolicy::default()
    };
    config
}

/// Loads region, endpoint and the credential chain (environment, shared profile with SSO,
/// web identity, container and instance metadata) for AWS.
pub async fn aws(args: &AwsArgs) -> anyhow::Result<(ClientConfig, CredentialsCache)> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(region) = &args.region {
        loader = loader.region(Region::new(region.clone()));
    }
    let sdk = loader.load().await;
    let region = sdk.region().map(|r| r.as_ref().to_owned()).context(
        "no AWS region: pass --region, set AWS_REGION, or set a region in the AWS profile \
             (or try the panel with --demo)",
    )?;
    let provider = sdk
        .credentials_provider()
        .context("aws-config offered no credential provider")?;
    // `--endpoint-url` serves every service (the emulator answers all three on one port);
    // otherwise each service's endpoint is looked up on its own.
    let config = match &args.endpoint_url {
        Some(url) => client_config(args, url.clone(), region),
        None => {
            let sagemaker = configured_endpoint(&sdk, &studio_admin_model::SERVICE)
                .unwrap_or_else(|| default_endpoint(&region));
            let regional = |service: &ServiceMetadata| {
                configured_endpoint(&sdk, service).unwrap_or_else(|| service.endpoint(&region))
            };
            let mut config = client_config(args, sagemaker, region.clone());
            config.identity_store_endpoint = regional(&identitystore::SERVICE);
            config.sso_admin_endpoint = regional(&sso_admin::SERVICE);
            config
        }
    };
    Ok((config, CredentialsCache::new(provider)))
}

/// The service's own variable (`AWS_ENDPOINT_URL_SAGEMAKER`, `AWS_ENDPOINT_URL_IDENTITYSTORE`,
/// `AWS_ENDPOINT_URL_SSO_ADMIN`), then `AWS_ENDPOINT_URL`, then the profile's `services`
/// section and `endpoint_url` (all skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is
/// set), as the SDKs look them up.
fn configured_endpoint(sdk: &aws_types::SdkConfig, service: &ServiceMetadata) -> Option<String> {
    let key = ServiceConfigKey::builder()
        .service_id(service.service_id)
        .env("AWS_ENDPOINT_URL")
        .profile("endpoint_url")
        .build()
        .ok()?;
    sdk.service_config()
        .and_then(|c| c.load_config(key))
        .or_else(|| sdk.endpoint_url().map(str::to_owned))
}
