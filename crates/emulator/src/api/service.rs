//! The services served on one port, told apart by the prefix of `X-Amz-Target`: each
//! has its own operations and its own SigV4 signing name, from its service model.

use studio_admin_model::{ServiceMetadata, identitystore, sso_admin};

use super::dispatch::{IDENTITY_STORE_OPERATIONS, OPERATIONS, SSO_ADMIN_OPERATIONS};

/// One emulated AWS service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    /// SageMaker (`SageMaker.*`, signed for `sagemaker`).
    SageMaker,
    /// IAM Identity Center's directory (`AWSIdentityStore.*`, signed for `identitystore`).
    IdentityStore,
    /// IAM Identity Center's admin API (`SWBExternalService.*`, signed for `sso`).
    SsoAdmin,
}

impl Service {
    const ALL: [Self; 3] = [Self::SageMaker, Self::IdentityStore, Self::SsoAdmin];

    /// What the service's model says about it (target prefix, signing name).
    pub(crate) fn metadata(self) -> &'static ServiceMetadata {
        match self {
            Self::SageMaker => &studio_admin_model::SERVICE,
            Self::IdentityStore => &identitystore::SERVICE,
            Self::SsoAdmin => &sso_admin::SERVICE,
        }
    }

    /// The operations the emulator serves for it.
    pub(crate) fn operations(self) -> &'static [&'static str] {
        match self {
            Self::SageMaker => OPERATIONS,
            Self::IdentityStore => IDENTITY_STORE_OPERATIONS,
            Self::SsoAdmin => SSO_ADMIN_OPERATIONS,
        }
    }

    /// The service whose prefix `target` has, and the operation name after it (served or
    /// not).
    pub(crate) fn of_target(target: &str) -> Option<(Self, &str)> {
        let (prefix, operation) = target.split_once('.')?;
        Self::ALL
            .into_iter()
            .find(|s| s.metadata().target_prefix == prefix)
            .map(|s| (s, operation))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_target_prefix_leads_to_its_service() {
        assert_eq!(
            Service::of_target("SageMaker.ListApps"),
            Some((Service::SageMaker, "ListApps"))
        );
        assert_eq!(
            Service::of_target("AWSIdentityStore.GetUserId"),
            Some((Service::IdentityStore, "GetUserId"))
        );
        assert_eq!(
            Service::of_target("SWBExternalService.ListInstances"),
            Some((Service::SsoAdmin, "ListInstances"))
        );
        assert_eq!(Service::of_target("DynamoDB_20120810.ListTables"), None);
        assert_eq!(Service::SsoAdmin.metadata().signing_name, "sso");
    }
}
