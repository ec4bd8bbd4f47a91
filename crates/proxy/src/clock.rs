//! The proxy's one wall clock: the system's, or a hand-moved one so that tests of session
//! expiry, rate limits and stored timestamps need no sleeps. Sign-in, the audit log and
//! the database's timestamps all read it. (Waiting and timeouts use tokio's monotonic
//! time instead.)

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// Milliseconds since the Unix epoch, from the system or from a test.
#[derive(Clone, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock standing at `epoch_ms` until [`Clock::advance`] moves it.
    pub fn manual(epoch_ms: i64) -> Self {
        Self(Some(Arc::new(AtomicI64::new(epoch_ms))))
    }

    /// Now, in milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> i64 {
        match &self.0 {
            Some(manual) => manual.load(Ordering::SeqCst),
            None => system_now_ms(),
        }
    }

    /// Moves a manual clock forward (the system clock moves by itself: no effect).
    pub fn advance(&self, by: Duration) {
        if let Some(manual) = &self.0 {
            let millis = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
            manual.fetch_add(millis, Ordering::SeqCst);
        }
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(_) => write!(f, "Clock::manual({})", self.now_ms()),
            None => f.write_str("Clock::system"),
        }
    }
}

/// The system clock, in milliseconds since the Unix epoch (0 before 1970).
fn system_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}
