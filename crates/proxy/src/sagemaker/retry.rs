//! When a failed call is tried again, and how long to wait first: exponential backoff with
//! full jitter ("Exponential Backoff And Jitter", the AWS Architecture Blog, 2015), on the
//! errors the SDKs' standard retry mode treats as transient.

use std::time::Duration;

use rand::Rng;

use super::error::ServiceError;

/// How many times and how patiently a call is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (the SDKs' standard mode uses 3).
    pub max_attempts: u32,
    /// The backoff ceiling before the first retry; it doubles with each attempt.
    pub base_delay: Duration,
    /// The backoff ceiling never grows beyond this.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Four attempts, 100 ms doubling to at most 5 s: a person is waiting on the other end,
    /// so the waits are shorter than the SDKs' (1 s to 20 s), with one attempt more.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The wait before retry number `retry` (1 for the first retry): a uniformly random
    /// duration between zero and `min(max_delay, base_delay * 2^(retry-1))`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self.ceiling(retry);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(rand::rng().random_range(0..=nanos))
    }

    /// The upper bound of the wait before retry number `retry`.
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// Error codes AWS uses for throttling (the SDKs' list).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes that mean "your clock is off" (the SDKs' list); the answer's `Date` header
/// tells how far.
const CLOCK_SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// Whether AWS throttled the call.
pub fn is_throttling(error: &ServiceError) -> bool {
    error.status == 429 || THROTTLING_CODES.contains(&error.code.as_str())
}

/// Whether the error can be caused by a wrong local clock.
pub fn is_clock_skew(error: &ServiceError) -> bool {
    CLOCK_SKEW_CODES.contains(&error.code.as_str())
}

/// Whether waiting and trying again may succeed: throttling and server-side failures.
pub fn is_retryable(error: &ServiceError) -> bool {
    is_throttling(error) || error.status >= 500
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(status: u16, code: &str) -> ServiceError {
        ServiceError {
            status,
            code: code.into(),
            message: String::new(),
            request_id: None,
        }
    }

    #[test]
    fn the_backoff_ceiling_doubles_until_the_cap() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(500),
        };
        let ceilings: Vec<_> = (1..=5).map(|r| p.ceiling(r).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 500, 500]);
    }

    #[test]
    fn every_backoff_lies_between_zero_and_its_ceiling() {
        let p = RetryPolicy::default();
        for retry in 1..=8 {
            for _ in 0..200 {
                assert!(p.backoff(retry) <= p.ceiling(retry));
            }
        }
    }

    #[test]
    fn backoffs_are_jittered_not_fixed() {
        let p = RetryPolicy::default();
        let waits: std::collections::HashSet<_> = (0..50).map(|_| p.backoff(3)).collect();
        assert!(waits.len() > 1, "full jitter draws different waits");
    }

    #[test]
    fn throttling_and_server_errors_are_retried_client_errors_are_not() {
        assert!(is_retryable(&service(400, "ThrottlingException")));
        assert!(is_retryable(&service(500, "InternalFailure")));
        assert!(is_retryable(&service(503, "ServiceUnavailable")));
        assert!(!is_retryable(&service(400, "ResourceInUse")));
        assert!(!is_retryable(&service(400, "ValidationException")));
        assert!(!is_retryable(&service(403, "AccessDeniedException")));
    }
}
