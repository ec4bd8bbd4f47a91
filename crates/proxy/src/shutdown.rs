//! Stopping: the signal to stop (SIGINT, SIGTERM), and the [`Shutdown`] every long-lived
//! answer (event streams) watches, so that a graceful stop does not wait on them.

use std::sync::Arc;

use tokio::sync::watch;

/// Resolves when the process is asked to stop.
pub async fn signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Whether the server is stopping, shared by everything that must end for a graceful stop
/// to finish (cheap to clone).
#[derive(Debug, Clone)]
pub struct Shutdown(Arc<watch::Sender<bool>>);

impl Default for Shutdown {
    fn default() -> Self {
        Self(Arc::new(watch::channel(false).0))
    }
}

impl Shutdown {
    /// Tells everyone watching that the server is stopping.
    pub fn begin(&self) {
        self.0.send_replace(true);
    }

    /// Whether the server is stopping.
    pub fn begun(&self) -> bool {
        *self.0.borrow()
    }

    /// Resolves once the server is stopping.
    pub async fn started(&self) {
        let mut receiver = self.0.subscribe();
        // The sender lives as long as `self`: waiting cannot fail.
        let _ = receiver.wait_for(|stopping| *stopping).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn everyone_watching_hears_that_the_server_stops() {
        let shutdown = Shutdown::default();
        let watcher = shutdown.clone();
        let waiting = tokio::spawn(async move { watcher.started().await });
        assert!(!shutdown.begun());
        shutdown.begin();
        waiting.await.unwrap();
        assert!(shutdown.begun());
        // Late watchers hear it at once.
        shutdown.started().await;
    }
}
