//! Growing delays: start small, grow by a factor, stop growing at a cap, and optionally
//! draw each delay at random below its ceiling ("full jitter", the AWS Architecture Blog's
//! "Exponential Backoff And Jitter", 2015). The client's retries and the delete jobs'
//! polling both pace themselves with a [`Backoff`].

use std::time::Duration;

use rand::Rng;

/// A sequence of delays between attempts (retries of a failed call, polls of a resource).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backoff {
    /// The first delay (its ceiling, when jittered).
    pub initial: Duration,
    /// How much each delay grows over the previous one (values below 1, and values that
    /// are not numbers, keep it constant).
    pub factor: f64,
    /// The largest delay.
    pub cap: Duration,
    /// Whether each delay is drawn uniformly between zero and its ceiling, so that many
    /// clients failing together do not retry together.
    pub full_jitter: bool,
}

impl Backoff {
    /// The upper bound of delay number `n` (1 for the first):
    /// `min(cap, initial * factor^(n-1))`.
    pub fn ceiling(&self, n: u32) -> Duration {
        let factor = if self.factor.is_finite() {
            self.factor.max(1.0)
        } else {
            1.0
        };
        let exponent = i32::try_from(n.saturating_sub(1)).unwrap_or(i32::MAX);
        // In nanoseconds, which f64 holds exactly up to about 104 days: doubling 100 ms
        // gives 400 ms, not 399.999 ms.
        let nanos = self.initial.as_nanos() as f64 * factor.powi(exponent);
        if nanos < self.cap.as_nanos() as f64 {
            Duration::from_nanos(nanos as u64)
        } else {
            self.cap
        }
    }

    /// Delay number `n` (1 for the first): the ceiling, or a random duration up to it.
    pub fn delay(&self, n: u32) -> Duration {
        let ceiling = self.ceiling(n);
        if !self.full_jitter {
            return ceiling;
        }
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(rand::rng().random_range(0..=nanos))
    }

    /// The endless sequence of delays.
    pub fn delays(self) -> Delays {
        Delays {
            backoff: self,
            taken: 0,
        }
    }
}

/// The delays of a [`Backoff`], in order; never ends.
#[derive(Debug, Clone)]
pub struct Delays {
    backoff: Backoff,
    taken: u32,
}

impl Iterator for Delays {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        self.taken = self.taken.saturating_add(1);
        Some(self.backoff.delay(self.taken))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_ceiling_doubles_until_the_cap() {
        let p = Backoff {
            initial: Duration::from_millis(100),
            factor: 2.0,
            cap: Duration::from_millis(500),
            full_jitter: true,
        };
        let ceilings: Vec<_> = (1..=5).map(|r| p.ceiling(r).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 500, 500]);
    }

    #[test]
    fn a_nonsensical_factor_keeps_the_delay_constant() {
        let b = Backoff {
            initial: Duration::from_millis(10),
            factor: f64::NAN,
            cap: Duration::from_secs(1),
            full_jitter: false,
        };
        assert!(b.delays().take(5).all(|d| d == Duration::from_millis(10)));
    }

    #[test]
    fn a_first_delay_above_the_cap_is_cut_to_the_cap() {
        let b = Backoff {
            initial: Duration::from_secs(5),
            factor: 2.0,
            cap: Duration::from_secs(1),
            full_jitter: false,
        };
        assert!(b.delays().take(3).all(|d| d == Duration::from_secs(1)));
    }

    #[test]
    fn a_delay_far_down_the_sequence_stays_at_the_cap() {
        let b = Backoff {
            initial: Duration::from_millis(100),
            factor: 2.0,
            cap: Duration::from_secs(5),
            full_jitter: false,
        };
        assert_eq!(b.ceiling(u32::MAX), Duration::from_secs(5));
    }
}
