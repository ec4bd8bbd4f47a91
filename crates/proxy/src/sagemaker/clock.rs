//! The time requests are signed with: the local clock plus a correction learned from AWS.
//!
//! AWS refuses signatures more than 5 minutes away from its own time. As the SDKs do, when
//! AWS answers with a clock-skew error the client reads the answer's `Date` header, keeps
//! the difference, and signs every later request with the corrected time.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

/// Where "now" comes from; replaceable so that tests can run with a wrong clock.
pub type TimeSource = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Differences smaller than this are network latency and rounding (the `Date` header has
/// whole seconds), not skew.
const SIGNIFICANT_SKEW: Duration = Duration::from_secs(60);

/// The local clock with the learned correction.
pub struct SkewClock {
    source: TimeSource,
    /// Server time minus local time, in milliseconds.
    offset_ms: AtomicI64,
}

impl fmt::Debug for SkewClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SkewClock")
            .field("offset_ms", &self.offset_ms.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Default for SkewClock {
    fn default() -> Self {
        Self::new(Arc::new(SystemTime::now))
    }
}

impl SkewClock {
    /// A clock reading `source`, with no correction yet.
    pub fn new(source: TimeSource) -> Self {
        Self {
            source,
            offset_ms: AtomicI64::new(0),
        }
    }

    /// The corrected time, to sign with.
    pub fn now(&self) -> SystemTime {
        shift((self.source)(), self.offset_ms.load(Ordering::Relaxed))
    }

    /// The current correction (server minus local), in milliseconds.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    /// Learns the server's time from an HTTP `Date` header. Returns whether the correction
    /// changed (then a retry signed with the new time may succeed).
    pub fn learn(&self, date_header: &str) -> bool {
        let Ok(server) = httpdate::parse_http_date(date_header) else {
            return false;
        };
        let local = self.now();
        let delta_ms = signed_millis(server, local);
        if delta_ms.unsigned_abs() < SIGNIFICANT_SKEW.as_millis() as u64 {
            return false;
        }
        self.offset_ms.fetch_add(delta_ms, Ordering::Relaxed);
        true
    }
}

/// `a - b` in milliseconds, negative when `a` is earlier.
fn signed_millis(a: SystemTime, b: SystemTime) -> i64 {
    match a.duration_since(b) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

fn shift(t: SystemTime, offset_ms: i64) -> SystemTime {
    let magnitude = Duration::from_millis(offset_ms.unsigned_abs());
    if offset_ms >= 0 {
        t + magnitude
    } else {
        t - magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(at: SystemTime) -> SkewClock {
        SkewClock::new(Arc::new(move || at))
    }

    #[test]
    fn a_clock_an_hour_slow_learns_the_hour_from_the_date_header() {
        let server = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let clock = fixed(server - Duration::from_secs(3600));
        assert!(clock.learn(&httpdate::fmt_http_date(server)));
        assert_eq!(clock.now(), server);
    }

    #[test]
    fn a_clock_ahead_is_corrected_backwards() {
        let server = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let clock = fixed(server + Duration::from_secs(900));
        assert!(clock.learn(&httpdate::fmt_http_date(server)));
        assert_eq!(clock.now(), server);
        assert_eq!(clock.offset_ms(), -900_000);
    }

    #[test]
    fn a_few_seconds_of_difference_are_not_skew() {
        let server = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let clock = fixed(server - Duration::from_secs(3));
        assert!(!clock.learn(&httpdate::fmt_http_date(server)));
        assert_eq!(clock.offset_ms(), 0);
    }

    #[test]
    fn an_unreadable_date_header_changes_nothing() {
        let clock = SkewClock::default();
        assert!(!clock.learn("yesterday"));
        assert_eq!(clock.offset_ms(), 0);
    }
}
