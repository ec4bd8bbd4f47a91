//! Pruning: the profiles of a domain that a team file does not list, offboarded with the
//! whole cleanup a delete job does (apps, owned spaces and their apps, the wait, the
//! profile, the person's direct Studio access). For GitOps, where the file is the team.
//!
//! The delete jobs run on an engine of their own with an in-memory store: a command
//! stopped half-way is finished by running it again, which finds the profiles still there.

use std::collections::HashSet;

use futures_util::StreamExt as _;
use futures_util::stream::FuturesUnordered;
use studio_admin_api::{BatchPlan, DeletePlan, JobStatus};
use studio_admin_model::{ListUserProfilesRequest, UserProfileStatus};

use crate::jobs::{JobEngine, JobsConfig, JobsError};
use crate::sagemaker::{SageMakerClient, SageMakerError, SharedClient};
use crate::store::{DbTarget, Store, StoreError};

/// The profiles of `domain` that `plan` does not list (names compare without letter
/// case), by name; profiles being deleted already are left out. Empty when the plan has
/// problems: a file that could not be read lists nobody, and that must not mean everyone.
pub async fn unlisted(
    client: &SageMakerClient,
    domain: &str,
    plan: &BatchPlan,
) -> Result<Vec<String>, SageMakerError> {
    if plan.has_problems() {
        return Ok(Vec::new());
    }
    let listed: HashSet<String> = plan
        .rows
        .iter()
        .filter_map(|row| row.name.as_deref())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut names: Vec<String> = client
        .all_user_profiles(ListUserProfilesRequest {
            domain_id_equals: Some(domain.to_owned()),
            ..ListUserProfilesRequest::default()
        })
        .await?
        .into_iter()
        .filter(|p| !matches!(p.status, Some(UserProfileStatus::Deleting)))
        .filter_map(|p| p.user_profile_name)
        .filter(|name| !listed.contains(&name.to_ascii_lowercase()))
        .collect();
    names.sort();
    Ok(names)
}

/// Delete jobs for a command: the engine the panel uses, on an in-memory store.
pub struct Offboarding {
    engine: JobEngine,
}

impl Offboarding {
    /// An engine calling SageMaker with `client`.
    pub async fn new(client: SharedClient) -> Result<Self, StoreError> {
        let store = Store::connect(&DbTarget::Memory).await?;
        Ok(Self {
            engine: JobEngine::new(store, client, JobsConfig::default()),
        })
    }

    /// What deleting `profile` would delete and keep.
    pub async fn plan(&self, domain: &str, profile: &str) -> Result<DeletePlan, JobsError> {
        self.engine.plan(domain, profile).await
    }

    /// Deletes every profile of `names` in `domain` (their jobs run side by side), calling
    /// `done` as each ends: `Ok` when the profile is gone, or why it is not.
    pub async fn run(
        &self,
        domain: &str,
        names: &[String],
        mut done: impl FnMut(&str, &Result<(), String>),
    ) -> Vec<(String, Result<(), String>)> {
        let mut running: FuturesUnordered<_> = names
            .iter()
            .map(|name| async move { (name.clone(), self.delete(domain, name).await) })
            .collect();
        let mut results = Vec::new();
        while let Some((name, result)) = running.next().await {
            done(&name, &result);
            results.push((name, result));
        }
        results.sort();
        results
    }

    /// One delete job, to its end.
    async fn delete(&self, domain: &str, name: &str) -> Result<(), String> {
        let (job, _) = self
            .engine
            .delete_profile(domain, name)
            .await
            .map_err(|e| e.to_string())?;
        let finished = self
            .engine
            .wait_finished(job.job.id)
            .await
            .map_err(|e| e.to_string())?;
        match (finished.job.status, finished.job.error) {
            (JobStatus::Succeeded, _) => Ok(()),
            (_, Some(error)) => Err(format!("{}: {}", error.resource, error.reason)),
            (status, None) => Err(format!("the delete job ended {}", status.as_str())),
        }
    }
}
