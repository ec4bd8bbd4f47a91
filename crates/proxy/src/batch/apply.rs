//! Applying a plan: each `create` row becomes a profile and each `update` row sends its
//! settings, with as many rows in flight as SageMaker takes (see [`super::concurrency`]).
//!
//! In IAM Identity Center domains a created row's person also gets into Studio: the
//! directory is asked for the person before the create (nobody of that user name: the row
//! fails, nothing is created), and after it the person is assigned to the domain's
//! application unless a group or the application's settings let them in already.
//!
//! Nothing is created twice. A create whose answer was lost is settled by looking (see
//! `sagemaker::creates`), and a row tried again after a transient failure first looks
//! whether its profile exists as asked. Running the same file again is safe as well: the
//! new plan finds the profiles made and calls their rows `unchanged`.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::StreamExt as _;
use futures_util::stream::FuturesUnordered;
use studio_admin_api::{BatchPlan, RowAction, StudioAccess};
use studio_admin_model::{
    CreateUserProfileRequest, DescribeUserProfileRequest, UpdateUserProfileRequest,
};

use super::concurrency::{self, Concurrency, Window};
use crate::backoff::Backoff;
use crate::identity::{self, Directory};
use crate::sagemaker::creates::{create_user_profile_once, profile_matches};
use crate::sagemaker::{SageMakerClient, SageMakerError, pressure};

/// One row to apply.
#[derive(Debug, Clone)]
pub struct Work {
    /// The row's number in the file (1-based, the header not counted).
    pub row: usize,
    /// The profile name.
    pub name: String,
    /// What the plan said to do.
    pub action: RowAction,
    /// The row as a CreateUserProfile request (the policy filled in).
    pub request: CreateUserProfileRequest,
    /// Whether a call was sent for the row by an earlier run that stopped before its
    /// answer was recorded: the profile is looked at before anything is sent again.
    pub sent_before: bool,
}

/// How a row ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The profile was created (by this run; a lost answer settled counts too).
    Created {
        /// The new profile's ARN.
        arn: Option<String>,
        /// The person's Studio access (IAM Identity Center domains only).
        access: Option<StudioAccess>,
    },
    /// The profile's settings were sent with UpdateUserProfile.
    Updated {
        /// The profile's ARN.
        arn: Option<String>,
    },
    /// The profile already had the row's settings.
    Unchanged,
    /// The profile differs, and the run was create-only.
    Skipped,
    /// The row could not be applied; the message says why.
    Failed {
        /// AWS's refusal, or what went wrong on the way.
        error: String,
    },
    /// Nothing was sent for the row: its ledger stopped it (a cancel, or the batch is no
    /// longer this runner's).
    Stopped,
}

impl Outcome {
    /// The outcome in one word, as the results list it.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Created { .. } => "created",
            Self::Updated { .. } => "updated",
            Self::Unchanged => "unchanged",
            Self::Skipped => "skipped",
            Self::Failed { .. } => "failed",
            Self::Stopped => "not run",
        }
    }

    /// The profile's ARN, when the row reached it.
    pub fn arn(&self) -> Option<&str> {
        match self {
            Self::Created { arn, .. } | Self::Updated { arn } => arn.as_deref(),
            _ => None,
        }
    }

    /// Whether the row failed.
    pub fn failed(&self) -> bool {
        matches!(self, Self::Failed { .. })
    }

    /// The person's Studio access in words, when the row let someone in.
    pub fn access(&self) -> Option<String> {
        match self {
            Self::Created {
                access: Some(access),
                ..
            } => Some(access.describe()),
            _ => None,
        }
    }

    /// Why the row failed.
    pub fn error(&self) -> Option<&str> {
        match self {
            Self::Failed { error } => Some(error),
            _ => None,
        }
    }
}

/// A results file's cells (under the contract's `RESULT_COLUMNS`) for a row that ended
/// with `outcome`.
pub fn result_cells(work: &Work, outcome: &Outcome) -> Vec<String> {
    vec![
        work.row.to_string(),
        work.name.clone(),
        outcome.label().to_owned(),
        outcome.arn().unwrap_or_default().to_owned(),
        outcome.access().unwrap_or_default(),
        outcome.error().unwrap_or_default().to_owned(),
    ]
}

/// What hears about each row as it runs, and may stop rows from starting: the server's
/// batches write every row before and after its call; the command line prints.
pub trait Ledger: Sync {
    /// Before a try of `work` is sent: `false` stops the row unsent
    /// ([`Outcome::Stopped`]).
    fn sending(&self, work: &Work) -> impl Future<Output = bool> + Send;

    /// After the row ended (`window`: the rows in flight at that moment, for progress).
    fn ended(
        &self,
        work: &Work,
        outcome: &Outcome,
        window: &Window,
    ) -> impl Future<Output = ()> + Send;
}

/// A ledger that only hears rows end, and stops none (the command line's progress).
pub struct OnEnd<F>(Mutex<F>);

impl<F> OnEnd<F> {
    /// Calls `on_end` as each row ends.
    pub fn new(on_end: F) -> Self {
        Self(Mutex::new(on_end))
    }
}

impl<F: FnMut(&Work, &Outcome, &Window) + Send> Ledger for OnEnd<F> {
    async fn sending(&self, _work: &Work) -> bool {
        true
    }

    async fn ended(&self, work: &Work, outcome: &Outcome, window: &Window) {
        let mut on_end = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        on_end(work, outcome, window);
    }
}

/// How rows are run.
#[derive(Debug, Clone)]
pub struct ApplyOptions {
    /// Whether `update` rows are left alone.
    pub create_only: bool,
    /// The most rows in flight.
    pub max_in_flight: usize,
    /// How often a row is tried in all when it fails transiently (each try already has
    /// the client's own retries).
    pub row_attempts: u32,
    /// The wait before a row is tried again.
    pub backoff: Backoff,
    /// The domain's IAM Identity Center directory (SSO domains): created rows' people
    /// are let into Studio.
    pub directory: Option<Arc<Directory>>,
}

impl Default for ApplyOptions {
    /// Updates included, at most [`concurrency::MAX`] rows in flight, five tries a row,
    /// 1 s doubling to 20 s between them (the client's own retries are quicker and have
    /// already failed by then: SageMaker needs a real pause).
    fn default() -> Self {
        Self {
            create_only: false,
            max_in_flight: concurrency::MAX,
            row_attempts: 5,
            backoff: Backoff {
                initial: Duration::from_secs(1),
                factor: 2.0,
                cap: Duration::from_secs(20),
                full_jitter: true,
            },
            directory: None,
        }
    }
}

/// The rows of `plan` that send something, with their requests (`requests` as
/// [`super::plan::plan_rows`] answers them: by index into `plan.rows`). Invalid rows are
/// not work: a plan with one is not applied at all.
pub fn work_of(plan: &BatchPlan, requests: Vec<(usize, CreateUserProfileRequest)>) -> Vec<Work> {
    requests
        .into_iter()
        .filter_map(|(index, request)| {
            let row = plan.rows.get(index)?;
            let name = row.name.clone()?;
            matches!(row.action, RowAction::Create | RowAction::Update).then_some(Work {
                row: row.row,
                name,
                action: row.action,
                request,
                sent_before: false,
            })
        })
        .collect()
}

/// Applies `work`, telling `ledger` before each try and after each row. Answers every
/// row's outcome, in row order.
pub async fn apply(
    client: &SageMakerClient,
    work: Vec<Work>,
    options: &ApplyOptions,
    ledger: &impl Ledger,
) -> Vec<(Work, Outcome)> {
    let max = options.max_in_flight.max(1);
    let gate = Concurrency::new(concurrency::START.min(max), max);
    let gate = &gate;
    let mut running: FuturesUnordered<_> = work
        .into_iter()
        .map(|work| async move {
            let outcome = run_row(client, gate, &work, options, ledger).await;
            ledger.ended(&work, &outcome, &gate.snapshot()).await;
            (work, outcome)
        })
        .collect();
    let mut results = Vec::new();
    while let Some(ended) = running.next().await {
        results.push(ended);
    }
    results.sort_by_key(|(work, _)| work.row);
    results
}

/// One row, tried again after a transient failure.
async fn run_row(
    client: &SageMakerClient,
    gate: &Concurrency,
    work: &Work,
    options: &ApplyOptions,
    ledger: &impl Ledger,
) -> Outcome {
    if work.action == RowAction::Update && options.create_only {
        return Outcome::Skipped;
    }
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut slot = gate.start().await;
        if !ledger.sending(work).await {
            return Outcome::Stopped;
        }
        let look_first = attempt > 1 || work.sent_before;
        let (answer, throttled) =
            pressure::observe(send(client, work, look_first, options.directory.as_deref())).await;
        slot.throttled(throttled);
        drop(slot);
        match answer {
            Ok(outcome) => return outcome,
            Err(e) if e.is_transient() && attempt < options.row_attempts => {
                tracing::warn!(
                    row = work.row,
                    profile = %work.name,
                    attempt,
                    error = %e,
                    "row failed transiently; trying it again"
                );
                tokio::time::sleep(options.backoff.delay(attempt)).await;
            }
            Err(e) => {
                return Outcome::Failed {
                    error: e.to_string(),
                };
            }
        }
    }
}

/// One try of a row (`look_first`: an earlier try may have created the profile).
async fn send(
    client: &SageMakerClient,
    work: &Work,
    look_first: bool,
    directory: Option<&Directory>,
) -> Result<Outcome, SageMakerError> {
    match work.action {
        RowAction::Create => {
            let person = match (directory, work.request.single_sign_on_user_value.as_deref()) {
                (Some(directory), Some(user_name)) => {
                    match identity::user_id(client, directory, user_name).await? {
                        Some(user_id) => Some((directory, user_id)),
                        None => {
                            return Ok(Outcome::Failed {
                                error: format!(
                                    "nobody with the user name {user_name} is in the domain's IAM Identity Center directory"
                                ),
                            });
                        }
                    }
                }
                _ => None,
            };
            if look_first {
                let describe = DescribeUserProfileRequest {
                    domain_id: work.request.domain_id.clone(),
                    user_profile_name: work.request.user_profile_name.clone(),
                };
                match client.describe_user_profile(&describe).await {
                    Ok(profile) if profile_matches(&profile, &work.request) => {
                        return Ok(Outcome::Created {
                            arn: profile.user_profile_arn,
                            access: let_in(client, person).await,
                        });
                    }
                    Ok(_) => {
                        return Ok(Outcome::Failed {
                            error: format!(
                                "a profile named {} appeared with other settings while the batch ran",
                                work.name
                            ),
                        });
                    }
                    Err(e) if e.is_not_found() => {}
                    Err(e) => return Err(e),
                }
            }
            let created = create_user_profile_once(client, &work.request).await?;
            Ok(Outcome::Created {
                arn: created.user_profile_arn,
                access: let_in(client, person).await,
            })
        }
        RowAction::Update => {
            let update = UpdateUserProfileRequest {
                domain_id: work.request.domain_id.clone(),
                user_profile_name: work.request.user_profile_name.clone(),
                user_settings: work.request.user_settings.clone(),
            };
            let updated = client.update_user_profile(&update).await?;
            Ok(Outcome::Updated {
                arn: updated.user_profile_arn,
            })
        }
        RowAction::Unchanged => Ok(Outcome::Unchanged),
        RowAction::Invalid => Ok(Outcome::Failed {
            error: "the row is invalid".to_owned(),
        }),
    }
}

/// Lets the person of a created profile into Studio (see `identity::grant`: never fails,
/// a failure is the answer's `error`).
async fn let_in(
    client: &SageMakerClient,
    person: Option<(&Directory, String)>,
) -> Option<StudioAccess> {
    match person {
        Some((directory, user_id)) => Some(identity::grant(client, directory, &user_id).await),
        None => None,
    }
}
