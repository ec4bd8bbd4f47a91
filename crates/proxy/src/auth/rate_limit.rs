//! Failed sign-ins, counted per name and per client address: 5 within 15 minutes lock
//! that name or address out until the oldest of them is 15 minutes old.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Failures that lock a name or an address out.
pub const MAX_FAILURES: usize = 5;

/// How long a failure counts.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// The failures of the last [`WINDOW_MS`], by key (`name:alice`, `ip:192.0.2.7`).
#[derive(Debug, Default)]
pub struct RateLimiter {
    failures: Mutex<HashMap<String, VecDeque<i64>>>,
}

impl RateLimiter {
    /// `Some(seconds to wait)` when any of `keys` is locked out at `now`.
    pub fn locked(&self, keys: &[String], now: i64) -> Option<u64> {
        let mut failures = self.failures.lock().expect("not poisoned");
        keys.iter()
            .filter_map(|key| {
                let times = failures.get_mut(key)?;
                forget_old(times, now);
                (times.len() >= MAX_FAILURES).then(|| {
                    let free_at = times.front().copied().unwrap_or(now) + WINDOW_MS;
                    u64::try_from((free_at - now + 999) / 1000)
                        .unwrap_or(1)
                        .max(1)
                })
            })
            .max()
    }

    /// Counts one failure against each of `keys`.
    pub fn fail(&self, keys: &[String], now: i64) {
        let mut failures = self.failures.lock().expect("not poisoned");
        // Keys nobody failed with lately are dropped, so the map stays small.
        failures.retain(|_, times| {
            forget_old(times, now);
            !times.is_empty()
        });
        for key in keys {
            failures.entry(key.clone()).or_default().push_back(now);
        }
    }

    /// Forgets the failures of `key` (after a successful sign-in of that name).
    pub fn clear(&self, key: &str) {
        self.failures.lock().expect("not poisoned").remove(key);
    }
}

fn forget_old(times: &mut VecDeque<i64>, now: i64) {
    while times.front().is_some_and(|t| *t <= now - WINDOW_MS) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_out_until_the_oldest_is_fifteen_minutes_old() {
        let limiter = RateLimiter::default();
        let keys = ["name:alice".to_owned()];
        for minute in 0..5 {
            assert_eq!(limiter.locked(&keys, minute * 60_000), None);
            limiter.fail(&keys, minute * 60_000);
        }
        assert_eq!(limiter.locked(&keys, 5 * 60_000), Some(600));
        assert_eq!(limiter.locked(&keys, WINDOW_MS), None);
        assert_eq!(limiter.locked(&["name:bob".to_owned()], 0), None);
    }
}
