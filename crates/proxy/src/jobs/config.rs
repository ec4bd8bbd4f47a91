//! How a delete job paces itself: polling, timeouts, concurrency, re-plans.

use std::time::Duration;

use crate::backoff::Backoff;

/// The knobs of the delete engine. The defaults suit AWS; tests shorten them.
#[derive(Debug, Clone, PartialEq)]
pub struct JobsConfig {
    /// Delay between polls of a resource being deleted, and between retries of
    /// throttled or failed calls.
    pub poll: Backoff,
    /// How long one app may take to be deleted (AWS allows an app 20 minutes).
    pub app_timeout: Duration,
    /// How long one space may take to be deleted.
    pub space_timeout: Duration,
    /// How long the profile may take to be deleted.
    pub profile_timeout: Duration,
    /// How long planning (describe and list calls, with retries) may take.
    pub plan_timeout: Duration,
    /// How many delete steps of one job may run at once.
    pub concurrency: usize,
    /// How many times a job plans again when AWS refuses the profile delete because
    /// something appeared (an app started mid-job) before it gives up.
    pub max_replans: i64,
}

impl Default for JobsConfig {
    fn default() -> Self {
        Self {
            // 2 s, then x1.5 each time, at most 30 s: app deletion takes minutes on AWS,
            // so polling faster only spends request quota. Not jittered: each job polls
            // its own resources, so there is no crowd to spread out.
            poll: Backoff {
                initial: Duration::from_secs(2),
                factor: 1.5,
                cap: Duration::from_secs(30),
                full_jitter: false,
            },
            app_timeout: Duration::from_secs(20 * 60),
            space_timeout: Duration::from_secs(20 * 60),
            profile_timeout: Duration::from_secs(20 * 60),
            plan_timeout: Duration::from_secs(5 * 60),
            concurrency: 8,
            max_replans: 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_delays_grow_by_half_and_stop_at_thirty_seconds() {
        let delays: Vec<f64> = JobsConfig::default()
            .poll
            .delays()
            .take(9)
            .map(|d| d.as_secs_f64())
            .collect();
        assert_eq!(delays[..4], [2.0, 3.0, 4.5, 6.75]);
        assert!(delays.iter().all(|d| *d <= 30.0));
        assert_eq!(delays[8], 30.0);
    }
}
