//! One SageMaker call, tried again after transient failures until a deadline.

use std::time::Duration;

use std::future::Future;

use tokio::time::{Instant, sleep_until, timeout_at};

use super::backoff::Backoff;
use super::calls::CallError;

/// Why a call gave up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallStop {
    /// AWS answered with an error that retrying will not change.
    Aws(CallError),
    /// The deadline passed; the last transient error, if there was one.
    TimedOut(Option<CallError>),
}

impl CallStop {
    /// What to tell a person: AWS's words, or that time ran out and why.
    pub fn describe(&self) -> String {
        match self {
            Self::Aws(e) => e.describe(),
            Self::TimedOut(Some(e)) => format!("timed out; AWS last said {}", e.describe()),
            Self::TimedOut(None) => "timed out waiting for SageMaker to answer".to_owned(),
        }
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
    Fut: Future<Output = Result<T, CallError>>,
{
    let mut delays = poll.delays();
    let mut last = None;
    loop {
        match timeout_at(deadline, call()).await {
            Err(_elapsed) => return Err(CallStop::TimedOut(last)),
            Ok(Ok(output)) => return Ok(output),
            Ok(Err(e)) if e.transient => {
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
