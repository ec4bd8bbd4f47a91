//! Throttling seen by a piece of work, even when the client's own retries hid it.
//!
//! A batch adapts how many rows it runs at once to SageMaker's throttling (see
//! `batch/concurrency.rs`). The client retries a `ThrottlingException` itself, so the
//! caller usually sees a success and would never learn it pushed too hard. Work run in
//! [`observe`] gets the count of throttled attempts of every call it made, without a
//! parameter threaded through every typed operation.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

tokio::task_local! {
    /// The throttled attempts of the work being observed.
    static THROTTLED: Arc<AtomicU32>;
}

/// Runs `work` and answers its output with the number of attempts SageMaker throttled.
pub async fn observe<F: Future>(work: F) -> (F::Output, u32) {
    let count = Arc::new(AtomicU32::new(0));
    let output = THROTTLED.scope(Arc::clone(&count), work).await;
    (output, count.load(Ordering::Relaxed))
}

/// Counts one throttled attempt for the work observing (nothing when none is).
pub(super) fn throttled() {
    // Outside `observe` there is nobody to tell.
    let _ = THROTTLED.try_with(|count| count.fetch_add(1, Ordering::Relaxed));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_the_observed_work_counts_its_throttles() {
        throttled();
        let ((), seen) = observe(async {
            throttled();
            throttled();
        })
        .await;
        assert_eq!(seen, 2);
        let ((), none) = observe(async {}).await;
        assert_eq!(none, 0);
    }
}
