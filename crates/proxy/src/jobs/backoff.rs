//! Polling and retry delays: start small, grow by a factor, stop growing at a cap.

use std::time::Duration;

/// A growing delay between polls (and between retries of transient failures).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backoff {
    /// The first delay.
    pub initial: Duration,
    /// How much each delay grows over the previous one (values below 1 keep it constant).
    pub factor: f64,
    /// The largest delay.
    pub max: Duration,
}

impl Default for Backoff {
    /// 2 s, then x1.5 each time, at most 30 s: app deletion takes minutes on AWS, so
    /// polling faster only spends request quota.
    fn default() -> Self {
        Self {
            initial: Duration::from_secs(2),
            factor: 1.5,
            max: Duration::from_secs(30),
        }
    }
}

impl Backoff {
    /// The endless sequence of delays.
    pub fn delays(self) -> Delays {
        Delays {
            next: self.initial.min(self.max),
            backoff: self,
        }
    }
}

/// The delays of a [`Backoff`], in order; never ends.
#[derive(Debug, Clone)]
pub struct Delays {
    next: Duration,
    backoff: Backoff,
}

impl Iterator for Delays {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        let current = self.next;
        let factor = if self.backoff.factor.is_finite() {
            self.backoff.factor.max(1.0)
        } else {
            1.0
        };
        // try_from fails only on overflow; the cap applies then too.
        let grown =
            Duration::try_from_secs_f64(current.as_secs_f64() * factor).unwrap_or(self.backoff.max);
        self.next = grown.min(self.backoff.max);
        Some(current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_delays_grow_by_half_and_stop_at_thirty_seconds() {
        let delays: Vec<f64> = Backoff::default()
            .delays()
            .take(9)
            .map(|d| d.as_secs_f64())
            .collect();
        assert_eq!(delays[..4], [2.0, 3.0, 4.5, 6.75]);
        assert!(delays.iter().all(|d| *d <= 30.0));
        assert_eq!(delays[8], 30.0);
    }

    #[test]
    fn a_nonsensical_factor_keeps_the_delay_constant() {
        let b = Backoff {
            initial: Duration::from_millis(10),
            factor: f64::NAN,
            max: Duration::from_secs(1),
        };
        assert!(b.delays().take(5).all(|d| d == Duration::from_millis(10)));
    }
}
