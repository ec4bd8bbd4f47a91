//! One SageMaker call, tried again after transient failures until a deadline.

use std::future::Future;
use std::time::Duration;

use tokio::time::{Instant, sleep_until, timeout_at};

use crate::backoff::Backoff;
use crate::sagemaker::SageMakerError;

/// Why a call gave up.
#[derive(Debug, Clone)]
pub enum CallStop {
    /// SageMaker answered with an error that retrying will not change (or the call could
    /// not be made at all).
    Aws(SageMakerError),
    /// The deadline passed; the last transient error, if there was one.
    TimedOut(Option<SageMakerError>),
}

impl CallStop {
    /// What to tell a person: AWS's words, or that time ran out and why.
    pub fn describe(&self) -> String {
        match self {
            Self::Aws(e) => said(e),
            Self::TimedOut(Some(e)) => format!("timed out; AWS last said {}", said(e)),
            Self::TimedOut(None) => "timed out waiting for SageMaker to answer".to_owned(),
        }
    }
}

/// `Code: message` when AWS answered (the way a job shows AWS's reason), else what went
/// wrong on the way (which names the operation).
pub fn said(error: &SageMakerError) -> String {
    match error.service() {
        Some(answer) => format!("{}: {}", answer.code, answer.message),
        None => error.to_string(),
    }
}

/// Makes the call `call` makes, retrying transient failures (throttling, 5xx,
/// unreachable) with `poll` delays until `deadline`.
pub async fn call_patiently<T, F, Fut>(
    mut call: F,
    deadline: Instant,
    poll: Backoff,
) -> Result<T, CallStop>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SageMakerError>>,
{
    let mut delays = poll.delays();
    let mut last = None;
    loop {
        match timeout_at(deadline, call()).await {
            Err(_elapsed) => return Err(CallStop::TimedOut(last)),
            Ok(Ok(output)) => return Ok(output),
            Ok(Err(e)) if e.is_transient() => {
                last = Some(e);
                let delay = delays.next().unwrap_or(Duration::from_secs(1));
                let wake = Instant::now() + delay;
                if wake >= deadline {
                    sleep_until(deadline).await;
                    return Err(CallStop::TimedOut(last));
                }
                sleep_until(wake).await;
            }
            Ok(Err(e)) => return Err(CallStop::Aws(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sagemaker::ServiceError;

    #[test]
    fn a_described_error_shows_the_code_and_awss_message() {
        let e = SageMakerError::Service {
            operation: "DeleteUserProfile",
            error: ServiceError {
                status: 400,
                code: "ResourceInUse".into(),
                message: "The profile has apps".into(),
                request_id: None,
            },
        };
        assert_eq!(said(&e), "ResourceInUse: The profile has apps");
        assert!(e.is_in_use());
        assert!(!e.is_not_found());
    }

    #[test]
    fn a_call_that_got_no_answer_names_its_operation() {
        let e = SageMakerError::Timeout {
            operation: "ListApps",
            attempts: 3,
            per_attempt: Duration::from_secs(10),
        };
        let stop = CallStop::TimedOut(Some(e));
        assert!(
            stop.describe()
                .starts_with("timed out; AWS last said ListApps")
        );
    }
}
