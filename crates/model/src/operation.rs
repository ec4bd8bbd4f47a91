//! The link between an operation's input and output types, so one generic awsJson client
//! call (`call::<CreateUserProfileRequest>`) knows the `X-Amz-Target`, the SigV4 signing
//! name, the endpoint and the response type, whichever service the operation is of.

use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// What a client needs to know about an awsJson service, from its model's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceMetadata {
    /// The SDKs' service id (`SageMaker`, `identitystore`, `SSO Admin`).
    pub service_id: &'static str,
    /// The API version (`2017-07-24`).
    pub api_version: &'static str,
    /// `X-Amz-Target` is `<target_prefix>.<Operation>` (`SageMaker`, `AWSIdentityStore`,
    /// `SWBExternalService`).
    pub target_prefix: &'static str,
    /// The service name in the SigV4 credential scope (`sagemaker`, `identitystore`, `sso`).
    pub signing_name: &'static str,
    /// The first labels of the regional endpoint host: `https://<endpoint_prefix>.<region>.amazonaws.com/`
    /// (`api.sagemaker`, `identitystore`, `sso`).
    pub endpoint_prefix: &'static str,
    /// The awsJson version: the request content type is `application/x-amz-json-<json_version>`.
    pub json_version: &'static str,
}

impl ServiceMetadata {
    /// The environment variable the AWS SDKs read for this service's endpoint
    /// (`AWS_ENDPOINT_URL_SAGEMAKER`, `AWS_ENDPOINT_URL_IDENTITYSTORE`,
    /// `AWS_ENDPOINT_URL_SSO_ADMIN`): the service id in capitals, spaces and dashes as `_`.
    pub fn endpoint_url_env(&self) -> String {
        let id: String = self
            .service_id
            .chars()
            .map(|c| {
                if c == ' ' || c == '-' {
                    '_'
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect();
        format!("AWS_ENDPOINT_URL_{id}")
    }

    /// The regional endpoint (`https://identitystore.eu-west-1.amazonaws.com`).
    pub fn endpoint(&self, region: &str) -> String {
        format!("https://{}.{region}.amazonaws.com", self.endpoint_prefix)
    }
}

/// An input structure of an operation of one of the vendored services.
pub trait Operation: Serialize + DeserializeOwned {
    /// The operation name (`CreateUserProfile`), as in the model.
    const NAME: &'static str;
    /// The whole `X-Amz-Target` value: the service's target prefix, a dot, [`Self::NAME`]
    /// (`SageMaker.CreateUserProfile`, `AWSIdentityStore.GetUserId`).
    const TARGET: &'static str;
    /// The service the operation belongs to.
    const SERVICE: &'static ServiceMetadata;
    /// The SigV4 signing name to sign the call with (`sagemaker`, `identitystore`, `sso`).
    const SIGNING_NAME: &'static str = Self::SERVICE.signing_name;
    /// The output structure (`Empty` for operations that return nothing).
    type Output: Serialize + DeserializeOwned;
}

/// The output of operations that return no members (the wire body is `{}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CreateUserProfileRequest, identitystore, sso_admin};

    #[test]
    fn each_operation_knows_its_target_and_signing_name() {
        assert_eq!(
            CreateUserProfileRequest::TARGET,
            "SageMaker.CreateUserProfile"
        );
        assert_eq!(CreateUserProfileRequest::SIGNING_NAME, "sagemaker");
        assert_eq!(
            identitystore::GetUserIdRequest::TARGET,
            "AWSIdentityStore.GetUserId"
        );
        assert_eq!(
            identitystore::GetUserIdRequest::SIGNING_NAME,
            "identitystore"
        );
        assert_eq!(
            sso_admin::DescribeApplicationRequest::TARGET,
            "SWBExternalService.DescribeApplication"
        );
        assert_eq!(sso_admin::DescribeApplicationRequest::SIGNING_NAME, "sso");
        assert_eq!(crate::AddTagsInput::TARGET, "SageMaker.AddTags");
    }

    #[test]
    fn endpoints_are_named_as_the_sdks_name_them() {
        assert_eq!(
            crate::SERVICE.endpoint_url_env(),
            "AWS_ENDPOINT_URL_SAGEMAKER"
        );
        assert_eq!(
            identitystore::SERVICE.endpoint_url_env(),
            "AWS_ENDPOINT_URL_IDENTITYSTORE"
        );
        assert_eq!(
            sso_admin::SERVICE.endpoint_url_env(),
            "AWS_ENDPOINT_URL_SSO_ADMIN"
        );
        assert_eq!(
            sso_admin::SERVICE.endpoint("eu-west-1"),
            "https://sso.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            crate::SERVICE.endpoint("us-east-1"),
            "https://api.sagemaker.us-east-1.amazonaws.com"
        );
    }
}
