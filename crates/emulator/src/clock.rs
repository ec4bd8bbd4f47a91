//! The emulator's notion of time: one monotonic source for lifecycles and timestamps.
//!
//! Times are kept as a [`Duration`] on one monotonic scale measured with tokio's clock
//! (starting [`HISTORY`] before the emulator did, room for backdated seed data), so tests can pause and advance time (`tokio::time::advance`) and watch a profile
//! go from `Pending` to `InService` without sleeping. Wall-clock timestamps on the wire are
//! derived from the same source, so `LastModifiedTime` always agrees with the status.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use studio_admin_model::EpochSeconds;
use tokio::time::Instant;

/// How far back emulator time reaches before the emulator started, so seeded resources can
/// have been created months ago.
pub(crate) const HISTORY: Duration = Duration::from_secs(2 * 365 * 24 * 3600);

/// Converts between monotonic emulator time and wire timestamps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    start: Instant,
    start_epoch: Duration,
}

impl Clock {
    /// Starts the clock now.
    pub(crate) fn start() -> Self {
        Self {
            start: Instant::now(),
            start_epoch: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default(),
        }
    }

    /// Emulator time now: [`HISTORY`] plus the time since the emulator started.
    pub(crate) fn now(&self) -> Duration {
        HISTORY + Instant::now().saturating_duration_since(self.start)
    }

    /// A moment as AWS sends it: epoch seconds with millisecond precision.
    pub(crate) fn epoch(&self, at: Duration) -> EpochSeconds {
        let millis = (self.start_epoch + at).saturating_sub(HISTORY).as_millis();
        EpochSeconds(millis as f64 / 1000.0)
    }

    /// A moment as seconds since the Unix epoch (for presigned URL expiry).
    pub(crate) fn unix_seconds(&self, at: Duration) -> u64 {
        (self.start_epoch + at).saturating_sub(HISTORY).as_secs()
    }
}
