//! Open event streams, counted per session: a session may hold a few at once (a tab or
//! two watching a delete), not an unbounded number of connections.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Event streams one session may have open at once.
pub const STREAMS_PER_SESSION: usize = 8;

/// The open streams of every session (cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct StreamGate(Arc<Mutex<HashMap<String, usize>>>);

/// An open stream; dropping it (the stream ended) frees its place.
#[derive(Debug)]
pub struct StreamPermit {
    gate: StreamGate,
    session: String,
}

impl StreamGate {
    /// A place for one more stream of `session`, unless it has
    /// [`STREAMS_PER_SESSION`] open already.
    pub fn enter(&self, session: &str) -> Option<StreamPermit> {
        let mut open = self.lock();
        let count = open.entry(session.to_owned()).or_default();
        if *count >= STREAMS_PER_SESSION {
            return None;
        }
        *count += 1;
        Some(StreamPermit {
            gate: self.clone(),
            session: session.to_owned(),
        })
    }

    /// How many streams `session` has open.
    pub fn open(&self, session: &str) -> usize {
        self.lock().get(session).copied().unwrap_or_default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, usize>> {
        // Counts are changed in single statements: a panic cannot leave one half-done.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for StreamPermit {
    fn drop(&mut self) {
        let mut open = self.gate.lock();
        if let Some(count) = open.get_mut(&self.session) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.session);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_holds_a_few_streams_and_a_closed_one_frees_its_place() {
        let gate = StreamGate::default();
        let permits: Vec<_> = (0..STREAMS_PER_SESSION)
            .map(|_| gate.enter("s1").expect("a place"))
            .collect();
        assert!(gate.enter("s1").is_none());
        assert!(
            gate.enter("s2").is_some(),
            "other sessions are not affected"
        );
        drop(permits);
        assert_eq!(gate.open("s1"), 0);
        assert!(gate.enter("s1").is_some());
    }
}
