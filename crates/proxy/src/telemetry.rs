//! Structured logs: `RUST_LOG`-style filters, as text for people or JSON for collectors.

use clap::ValueEnum;
use tracing_subscriber::EnvFilter;

/// How log lines are written (to stderr; stdout carries only the serving URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per event, with the request span's fields.
    Json,
}

/// Installs the global subscriber. The filter comes from `RUST_LOG`, defaulting to `info`.
/// Calling it twice keeps the first subscriber.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
