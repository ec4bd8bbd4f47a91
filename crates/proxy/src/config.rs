//! From the AWS flags of `serve` and `plan` to a configured SageMaker client for real AWS:
//! region, endpoint and credentials resolved by aws-config exactly as the AWS SDKs and CLI
//! resolve them.

use std::time::Duration;

use anyhow::Context as _;
use aws_config::BehaviorVersion;
use aws_types::region::Region;
use aws_types::service_config::ServiceConfigKey;

use crate::cli::AwsArgs;
use crate::sagemaker::{ClientConfig, CredentialsCache, RetryPolicy, default_endpoint};

/// The service id of SageMaker in the SDKs' shared configuration: it names the
/// service-specific endpoint variable `AWS_ENDPOINT_URL_SAGEMAKER` and the `sagemaker`
/// entry of a profile's `services` section.
const SERVICE_ID: &str = "SageMaker";

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
    let endpoint = match &args.endpoint_url {
        Some(url) => url.clone(),
        None => configured_endpoint(&sdk).unwrap_or_else(|| default_endpoint(&region)),
    };
    let provider = sdk
        .credentials_provider()
        .context("aws-config offered no credential provider")?;
    Ok((
        client_config(args, endpoint, region),
        CredentialsCache::new(provider),
    ))
}

/// `AWS_ENDPOINT_URL_SAGEMAKER`, then `AWS_ENDPOINT_URL`, then the profile's `services`
/// section and `endpoint_url` (all skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is
/// set), as the SDKs look them up.
fn configured_endpoint(sdk: &aws_types::SdkConfig) -> Option<String> {
    let key = ServiceConfigKey::builder()
        .service_id(SERVICE_ID)
        .env("AWS_ENDPOINT_URL")
        .profile("endpoint_url")
        .build()
        .ok()?;
    sdk.service_config()
        .and_then(|c| c.load_config(key))
        .or_else(|| sdk.endpoint_url().map(str::to_owned))
}
