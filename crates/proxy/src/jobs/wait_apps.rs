//! The step between the spaces and the profile: every app of the profile Deleted or
//! Failed before the profile delete. A live app nobody planned (started mid-job) means
//! planning again.

use studio_admin_model::{AppStatus, WireEnum};
use tokio::time::Instant;

use super::plan::{self, AppsOf, app_is_settled, app_resource};
use super::record::Step;
use super::steps::{LAST_LOOK, Probe, Resend, StepEnd, StepRunner, status_text};
use crate::store::StoreError;

/// Runs the wait-apps step (its status already `running`) to its end.
pub(crate) async fn run(runner: &StepRunner<'_>, step: Step) -> Result<StepEnd, StoreError> {
    let deadline = runner.deadline(step.kind);
    let probe = || async {
        let apps = plan::list_apps(
            runner.client(),
            &runner.job.domain_id,
            AppsOf::Profile(&runner.job.profile_name),
            deadline.max(Instant::now() + LAST_LOOK),
            runner.shared.config.poll,
        )
        .await?;
        let mut deleting = Vec::new();
        for app in apps.iter().filter(|a| a.space_name.is_none()) {
            if app_is_settled(app.status.as_ref()) {
                continue;
            }
            let name = app_resource(
                app.app_type.as_ref().map(WireEnum::as_str).unwrap_or("?"),
                app.app_name.as_deref().unwrap_or("?"),
                None,
            );
            if app.status == Some(AppStatus::Deleting) {
                deleting.push(name);
            } else {
                return Ok(Probe::Replan(format!(
                    "{name} appeared ({})",
                    status_text(app.status.as_ref().map(WireEnum::as_str))
                )));
            }
        }
        Ok(if deleting.is_empty() {
            Probe::Gone("every app is Deleted or Failed".to_owned())
        } else {
            Probe::Pending(format!("still deleting: {}", deleting.join(", ")))
        })
    };
    // Nothing here is ever live (a live app means planning again), so nothing is resent.
    let resend = Resend {
        send: || std::future::ready(Ok(())),
        in_use_replans: false,
    };
    runner.wait(&step, deadline, probe, resend).await
}
