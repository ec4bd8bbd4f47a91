//! Following jobs run elsewhere: the database's change feed ([`crate::store::Changes`])
//! tells which job changed; a job someone here is watching but another replica runs is
//! read again and sent to its watchers as a snapshot, and a cancel asked on another
//! replica reaches this process's runner without waiting for the next lease renewal.

use std::collections::HashMap;

use super::events::JobEvent;
use super::runners::Runners;
use super::shared::Shared;
use crate::store::{Change, StoreError};

/// What was last sent to the watchers of jobs run elsewhere, to send only changes.
#[derive(Default)]
pub(crate) struct Followed {
    sent: HashMap<i64, String>,
}

impl Followed {
    /// Handles one change.
    pub(crate) async fn apply(
        &mut self,
        shared: &Shared,
        runners: &Runners,
        change: Change,
    ) -> Result<(), StoreError> {
        let ids = match change {
            Change::Job(id) => vec![id],
            Change::Any => {
                let mut ids = shared.events.watched();
                ids.extend(runners.held().iter().map(|fence| fence.job_id));
                ids
            }
        };
        for id in ids {
            if runners.runs(id) {
                if shared
                    .store
                    .job(id)
                    .await?
                    .is_some_and(|job| job.cancel_requested)
                {
                    runners.cancel(id);
                }
            } else if shared.events.is_watched(id) {
                self.refresh(shared, id).await?;
            } else {
                self.sent.remove(&id);
            }
        }
        Ok(())
    }

    /// Sends the job to its watchers if it changed since last sent.
    async fn refresh(&mut self, shared: &Shared, id: i64) -> Result<(), StoreError> {
        let Some(detail) = shared.detail(id).await? else {
            return Ok(());
        };
        let text = serde_json::to_string(&detail).unwrap_or_default();
        if self.sent.get(&id) == Some(&text) {
            return Ok(());
        }
        let finished = detail.job.status.is_finished();
        shared.events.publish(id, JobEvent::Snapshot(detail));
        if finished {
            shared.events.forget(id);
            self.sent.remove(&id);
        } else {
            self.sent.insert(id, text);
        }
        Ok(())
    }
}
