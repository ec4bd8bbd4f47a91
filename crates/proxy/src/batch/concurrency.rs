//! How many rows of a batch run at once: as many as SageMaker takes without throttling.
//!
//! The limit follows TCP's congestion window: it starts small and grows by one per
//! finished row (doubling per round) until the first throttle; it then halves, and from
//! there grows by one per round of rows (additive increase, multiplicative decrease). A
//! row counts as throttled when any of its calls was, even one the client's own retries
//! got through (see `sagemaker::pressure`): that is the moment to slow down, not after
//! the retries run out.

use std::sync::Mutex;

use tokio::sync::Notify;

/// The rows a batch starts with in flight.
pub const START: usize = 4;
/// The most rows in flight by default: SageMaker's account-wide rates are a few calls
/// per second per operation, and sixteen rows at a time already meet them.
pub const MAX: usize = 16;

/// The window: the limit and the rows in flight (the arithmetic, without waiting).
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Rows allowed in flight.
    limit: usize,
    /// Where doubling stops and adding starts: the limit the last throttle left.
    threshold: usize,
    /// Rows finished since the limit last grew by one, past the threshold (it grows
    /// again after a round: `limit` rows).
    credit: usize,
    /// The ceiling of the limit.
    max: usize,
    /// Rows running now.
    in_flight: usize,
    /// Rows still finishing that were sent before the last halving: their throttles were
    /// caused by the old limit and do not halve it again.
    sent_before_cut: usize,
}

impl Window {
    /// A window of `start` rows growing to at most `max` (both at least one).
    pub fn new(start: usize, max: usize) -> Self {
        let max = max.max(1);
        Self {
            limit: start.clamp(1, max),
            threshold: max,
            credit: 0,
            max,
            in_flight: 0,
            sent_before_cut: 0,
        }
    }

    /// Rows allowed in flight now.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Rows running now.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Takes a place for a row when the limit allows.
    fn try_start(&mut self) -> bool {
        let free = self.in_flight < self.limit();
        if free {
            self.in_flight += 1;
        }
        free
    }

    /// A row finished; `throttled` when SageMaker throttled any of its calls.
    pub fn finished(&mut self, throttled: bool) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let old = self.sent_before_cut > 0;
        if old {
            self.sent_before_cut -= 1;
        }
        if throttled {
            if !old {
                self.limit = (self.limit / 2).max(1);
                self.threshold = self.limit;
                self.credit = 0;
                self.sent_before_cut = self.in_flight;
            }
        } else if self.limit < self.threshold {
            self.limit += 1;
        } else {
            self.credit += 1;
            if self.credit >= self.limit {
                self.limit += 1;
                self.credit = 0;
            }
        }
        self.limit = self.limit.min(self.max);
    }
}

/// The window shared by the rows of one batch: a row waits in [`Concurrency::start`]
/// until the window has room.
#[derive(Debug)]
pub struct Concurrency {
    window: Mutex<Window>,
    room: Notify,
}

impl Concurrency {
    /// A window of `start` rows growing to at most `max`.
    pub fn new(start: usize, max: usize) -> Self {
        Self {
            window: Mutex::new(Window::new(start, max)),
            room: Notify::new(),
        }
    }

    /// The window as it is now.
    pub fn snapshot(&self) -> Window {
        self.lock().clone()
    }

    /// Waits for room, then holds a place until the [`Slot`] is finished or dropped.
    pub async fn start(&self) -> Slot<'_> {
        loop {
            // Registered before looking, so a place freed in between is not missed.
            let room = self.room.notified();
            if self.lock().try_start() {
                return Slot {
                    owner: self,
                    throttled: false,
                };
            }
            room.await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Window> {
        // The window is plain numbers: a panic elsewhere cannot leave it half-written.
        self.window
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A row's place in the window.
#[derive(Debug)]
pub struct Slot<'a> {
    owner: &'a Concurrency,
    throttled: bool,
}

impl Slot<'_> {
    /// Notes that SageMaker throttled the row's calls `times` times.
    pub fn throttled(&mut self, times: u32) {
        self.throttled |= times > 0;
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.owner.lock().finished(self.throttled);
        self.owner.room.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs rounds of `limit()` rows; `throttle(round)` says whether that round's rows
    /// were throttled. Answers the limit after each round.
    fn rounds(window: &mut Window, n: usize, throttle: impl Fn(usize) -> bool) -> Vec<usize> {
        (0..n)
            .map(|round| {
                let rows = window.limit();
                for _ in 0..rows {
                    assert!(window.try_start());
                }
                assert!(!window.try_start(), "the limit holds");
                for _ in 0..rows {
                    window.finished(throttle(round));
                }
                window.limit()
            })
            .collect()
    }

    #[test]
    fn without_throttling_the_limit_doubles_per_round_up_to_the_ceiling() {
        let mut window = Window::new(4, 16);
        assert_eq!(rounds(&mut window, 4, |_| false), [8, 16, 16, 16]);
    }

    #[test]
    fn a_throttled_round_halves_the_limit_once_then_it_grows_by_one_per_round() {
        let mut window = Window::new(4, 64);
        assert_eq!(rounds(&mut window, 2, |_| false), [8, 16]);
        // All sixteen rows of the round are throttled: one halving, not sixteen.
        assert_eq!(rounds(&mut window, 1, |_| true), [8]);
        assert_eq!(rounds(&mut window, 3, |_| false), [9, 10, 11]);
    }

    #[test]
    fn the_limit_never_falls_below_one() {
        let mut window = Window::new(2, 8);
        let limits = rounds(&mut window, 6, |_| true);
        assert!(limits.iter().all(|&l| l == 1), "{limits:?}");
        assert_eq!(rounds(&mut window, 1, |_| false), [2]);
    }

    #[tokio::test]
    async fn rows_wait_for_room_and_a_finished_row_lets_the_next_in() {
        let gate = Concurrency::new(1, 1);
        let first = gate.start().await;
        let second = tokio::time::timeout(std::time::Duration::from_millis(50), gate.start());
        assert!(second.await.is_err(), "the window is full");
        drop(first);
        let _second = gate.start().await;
        assert_eq!(gate.snapshot().in_flight(), 1);
    }
}
