//! The last step of a delete of an SSO profile: the person's own (direct) assignment to the
//! domain's Studio application in IAM Identity Center is removed, so that the directory
//! no longer lets them into a Studio where they have no profile. Their group memberships
//! are never changed: access through a group stays, and the plan said so.
//!
//! The step can be run again safely: an assignment that is already gone, or a person no
//! longer in the directory, leaves nothing to do.

use studio_admin_model::DescribeDomainRequest;

use super::record::Step;
use super::retry::{CallStop, said};
use super::steps::{StepEnd, StepRunner};
use crate::identity::{self, IdentityError};
use crate::store::{StepUpdate, StoreError};

/// Runs the step (its status already `running`) to its end.
pub(crate) async fn run(runner: &StepRunner<'_>, step: Step) -> Result<StepEnd, StoreError> {
    let job = runner.job;
    let Some(user_name) = job.access_user.as_deref() else {
        return runner
            .done(&step, "the profile named no IAM Identity Center user")
            .await;
    };
    let client = runner.client();
    let deadline = runner.deadline(step.kind);
    let stopped = |stop: CallStop| stop.describe();

    let describe = DescribeDomainRequest {
        domain_id: Some(job.domain_id.clone()),
    };
    let domain = match runner
        .patiently(deadline, || client.describe_domain(&describe))
        .await
    {
        Ok(domain) => domain,
        Err(stop) => return runner.fail(&step, stopped(stop)).await,
    };
    // Transient failures of the discovery's calls are retried; what it finds wrong with
    // the configuration is not.
    let domain = &domain;
    let found = runner
        .patiently(deadline, || async move {
            match identity::discover(client, domain).await {
                Ok(directory) => Ok(Ok(directory)),
                Err(IdentityError::Aws(e)) => Err(e),
                Err(other) => Ok(Err(other)),
            }
        })
        .await;
    let directory = match found {
        Ok(Ok(Some(directory))) => directory,
        Ok(Ok(None)) => {
            return runner
                .done(&step, "the domain has no IAM Identity Center application")
                .await;
        }
        Ok(Err(wrong)) => return runner.fail(&step, wrong.to_string()).await,
        Err(stop) => return runner.fail(&step, stopped(stop)).await,
    };
    let user_id = match runner
        .patiently(deadline, || {
            identity::user_id(client, &directory, user_name)
        })
        .await
    {
        Ok(Some(id)) => id,
        Ok(None) => {
            let outcome = format!("{user_name} is no longer in the directory; nothing to remove");
            return runner.done(&step, &outcome).await;
        }
        Err(stop) => return runner.fail(&step, stopped(stop)).await,
    };
    runner
        .update(
            step.id,
            StepUpdate {
                add_call: true,
                ..StepUpdate::default()
            },
        )
        .await?;
    match runner
        .patiently(deadline, || {
            identity::remove_direct(client, &directory, &user_id)
        })
        .await
    {
        Ok(true) => {
            let outcome = format!(
                "removed {user_name}'s own assignment to Studio; group memberships unchanged"
            );
            runner.done(&step, &outcome).await
        }
        Ok(false) => {
            let outcome =
                format!("{user_name} had no assignment of their own; group memberships unchanged");
            runner.done(&step, &outcome).await
        }
        Err(CallStop::Aws(e)) => runner.fail(&step, said(&e)).await,
        Err(stop) => runner.fail(&step, stop.describe()).await,
    }
}
