//! How many times a failed call is tried again, and how long to wait first: exponential
//! backoff with full jitter, on the errors [`codes`](super::codes) calls transient.

use std::time::Duration;

use crate::backoff::Backoff;

/// How many times and how patiently a call is retried.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (the SDKs' standard mode uses 3).
    pub max_attempts: u32,
    /// The wait before each retry (the first retry waits the first delay).
    pub backoff: Backoff,
}

impl Default for RetryPolicy {
    /// Four attempts, 100 ms doubling to at most 5 s, fully jittered: a person is waiting
    /// on the other end, so the waits are shorter than the SDKs' (1 s to 20 s), with one
    /// attempt more.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            backoff: Backoff {
                initial: Duration::from_millis(100),
                factor: 2.0,
                cap: Duration::from_secs(5),
                full_jitter: true,
            },
        }
    }
}

/// Operations that create something: sent again after an ambiguous failure (a 5xx, a
/// timeout, a connection lost after sending), the first attempt may have created it, and
/// the second then fails, or would make a second one. Their callers settle the
/// ambiguity by looking (see `creates.rs`).
const NOT_RETRIED_BLINDLY: &[&str] = &[
    "CreateUserProfile",
    "CreateApp",
    "CreateSpace",
    "CreateDomain",
];

/// Whether `operation` may be sent again after an ambiguous failure.
pub fn retries_blindly(operation: &str) -> bool {
    !NOT_RETRIED_BLINDLY.contains(&operation)
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_backoff_lies_between_zero_and_its_ceiling() {
        let p = RetryPolicy::default().backoff;
        for retry in 1..=8 {
            for _ in 0..200 {
                assert!(p.delay(retry) <= p.ceiling(retry));
            }
        }
    }

    #[test]
    fn backoffs_are_jittered_not_fixed() {
        let p = RetryPolicy::default().backoff;
        let waits: std::collections::HashSet<_> = (0..50).map(|_| p.delay(3)).collect();
        assert!(waits.len() > 1, "full jitter draws different waits");
    }
}
