//! Capturing what a test's own code logs, in a binary where other tests run at the same
//! time without listening.
//!
//! tracing caches per call site whether anyone listens. While one scoped subscriber is
//! registered, a call site first reached on another thread is asked of that thread's
//! subscriber only (none: "never"), and a test listening on its own thread would then miss
//! the line. [`listen`] first installs, once, a global subscriber that is interested in
//! every call site but enables nothing: every call site then asks the current thread's
//! subscriber each time, and a test that listens hears its own lines.

use std::io::Write;
use std::sync::{Arc, Mutex, Once};

use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::{DefaultGuard, Interest};
use tracing::{Event, Metadata, Subscriber};

/// Where a test's subscriber writes: the bytes are kept for the test to read.
#[derive(Debug, Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("not poisoned").clone()).expect("UTF-8 logs")
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Makes `subscriber` this thread's until the guard drops (see the module's doc).
pub fn listen(subscriber: impl Subscriber + Send + Sync + 'static) -> DefaultGuard {
    static GLOBAL: Once = Once::new();
    GLOBAL.call_once(|| {
        tracing::subscriber::set_global_default(AsksEveryTime)
            .expect("no other global subscriber in the tests");
    });
    tracing::subscriber::set_default(subscriber)
}

/// The global subscriber: interested in every call site, enabling nothing itself.
struct AsksEveryTime;

impl Subscriber for AsksEveryTime {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::sometimes()
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::OFF)
    }

    fn enabled(&self, _: &Metadata<'_>) -> bool {
        false
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
