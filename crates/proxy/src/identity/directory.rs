//! Finding an SSO domain's directory: DescribeDomain names the domain's IAM Identity
//! Center application; DescribeApplication names its instance; ListInstances gives that
//! instance's identity store; GetApplicationAssignmentConfiguration says whether only
//! assigned people may use the application. Four calls, so the answer is kept per domain
//! for a short time ([`DIRECTORY_TTL_MS`]), measured on the proxy's injectable clock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use studio_admin_model::DescribeDomainResponse;
use studio_admin_model::sso_admin::{
    DescribeApplicationRequest, GetApplicationAssignmentConfigurationRequest,
};

use crate::clock::Clock;
use crate::sagemaker::{SageMakerClient, SageMakerError};

/// How long a found directory is used before it is looked up again: short, because a
/// domain's application or its assignment setting may change.
pub const DIRECTORY_TTL_MS: i64 = 60_000;

/// Where an SSO domain's people are, and how its application lets them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directory {
    /// The domain's Studio application (`SingleSignOnApplicationArn`).
    pub application_arn: String,
    /// The IAM Identity Center instance the application belongs to.
    pub instance_arn: String,
    /// The instance's identity store: the directory of people and groups.
    pub identity_store_id: String,
    /// Whether only assigned users and groups may use the application.
    pub assignment_required: bool,
}

/// Why a domain's directory could not be found.
#[derive(Debug, Clone, thiserror::Error)]
pub enum IdentityError {
    /// AWS refused or could not be reached.
    #[error(transparent)]
    Aws(#[from] SageMakerError),
    /// The application names an instance the account's list does not hold (an instance
    /// of another account, or one this identity may not list).
    #[error(
        "IAM Identity Center instance {0} of the domain's application is not among the instances this account can list"
    )]
    InstanceNotListed(String),
    /// DescribeApplication named no instance.
    #[error("the domain's IAM Identity Center application {0} names no instance")]
    NoInstance(String),
}

/// Finds the directory of the domain `domain` describes; `None` when the domain is not
/// in SSO mode (it has no application).
pub async fn discover(
    client: &SageMakerClient,
    domain: &DescribeDomainResponse,
) -> Result<Option<Directory>, IdentityError> {
    let Some(application_arn) = domain
        .single_sign_on_application_arn
        .clone()
        .filter(|a| !a.is_empty())
    else {
        return Ok(None);
    };
    let describe = DescribeApplicationRequest {
        application_arn: Some(application_arn.clone()),
    };
    let configuration = GetApplicationAssignmentConfigurationRequest {
        application_arn: Some(application_arn.clone()),
    };
    let (application, configuration, instances) = tokio::try_join!(
        client.describe_application(&describe),
        client.get_application_assignment_configuration(&configuration),
        client.all_instances(),
    )?;
    let instance_arn = application
        .instance_arn
        .ok_or_else(|| IdentityError::NoInstance(application_arn.clone()))?;
    let identity_store_id = instances
        .into_iter()
        .find(|i| i.instance_arn.as_deref() == Some(instance_arn.as_str()))
        .and_then(|i| i.identity_store_id)
        .ok_or_else(|| IdentityError::InstanceNotListed(instance_arn.clone()))?;
    Ok(Some(Directory {
        application_arn,
        instance_arn,
        identity_store_id,
        // AWS's answer is required by the model; Studio's applications require it.
        assignment_required: configuration.assignment_required.unwrap_or(true),
    }))
}

/// What was found for one domain, and when (epoch milliseconds): `None` for a domain
/// without a directory.
type Found = (i64, Option<Arc<Directory>>);

/// Found directories per domain id, each kept for [`DIRECTORY_TTL_MS`]. Cheap to clone
/// (clones share the cache). Failures are not kept: the next call asks again.
#[derive(Debug, Clone)]
pub struct Directories {
    clock: Clock,
    found: Arc<Mutex<HashMap<String, Found>>>,
}

impl Directories {
    /// An empty cache measuring time on `clock`.
    pub fn new(clock: Clock) -> Self {
        Self {
            clock,
            found: Arc::default(),
        }
    }

    /// The directory of `domain_id` if one found less than [`DIRECTORY_TTL_MS`] ago is
    /// kept: `Some(None)` for a domain known not to be in SSO mode.
    pub fn cached(&self, domain_id: &str) -> Option<Option<Arc<Directory>>> {
        let now = self.clock.now_ms();
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        let kept = found.get(domain_id).map(|(at, directory)| {
            (
                now.saturating_sub(*at) < DIRECTORY_TTL_MS,
                directory.clone(),
            )
        });
        match kept {
            Some((true, directory)) => Some(directory),
            Some((false, _)) => {
                found.remove(domain_id);
                None
            }
            None => None,
        }
    }

    /// Keeps what was found for `domain_id`, from now.
    pub fn keep(&self, domain_id: &str, directory: Option<Arc<Directory>>) {
        let now = self.clock.now_ms();
        self.found
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(domain_id.to_owned(), (now, directory));
    }

    /// The directory of the domain `described` (whose id is `domain_id`): the kept one, or
    /// found now and kept.
    pub async fn of(
        &self,
        client: &SageMakerClient,
        domain_id: &str,
        described: &DescribeDomainResponse,
    ) -> Result<Option<Arc<Directory>>, IdentityError> {
        if let Some(kept) = self.cached(domain_id) {
            return Ok(kept);
        }
        let found = discover(client, described).await?.map(Arc::new);
        self.keep(domain_id, found.clone());
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn directory() -> Arc<Directory> {
        Arc::new(Directory {
            application_arn: "arn:aws:sso::123456789012:application/ssoins-1/apl-1".to_owned(),
            instance_arn: "arn:aws:sso:::instance/ssoins-1".to_owned(),
            identity_store_id: "d-1234567890".to_owned(),
            assignment_required: true,
        })
    }

    #[test]
    fn a_found_directory_is_kept_for_a_minute_then_looked_up_again() {
        let clock = Clock::manual(1_000_000);
        let cache = Directories::new(clock.clone());
        assert_eq!(cache.cached("d-1"), None);
        cache.keep("d-1", Some(directory()));
        clock.advance(Duration::from_secs(59));
        assert_eq!(cache.cached("d-1"), Some(Some(directory())));
        clock.advance(Duration::from_secs(1));
        assert_eq!(cache.cached("d-1"), None);
    }

    #[test]
    fn a_domain_without_a_directory_is_kept_as_such() {
        let cache = Directories::new(Clock::manual(0));
        cache.keep("d-iam", None);
        assert_eq!(cache.cached("d-iam"), Some(None));
        assert_eq!(cache.cached("d-other"), None);
    }
}
