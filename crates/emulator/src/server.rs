//! Serving the emulator on a socket, with a graceful stop.

use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::api::router;
use crate::config::EmulatorConfig;
use crate::emulator::Emulator;

/// An emulator serving HTTP on a socket. Stops when [`RunningEmulator::shutdown`] is
/// awaited, or (without waiting for requests in flight) when dropped.
#[derive(Debug)]
pub struct RunningEmulator {
    addr: SocketAddr,
    emulator: Emulator,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

/// Starts an emulator for `config` on `addr` (port 0 picks a free port; see
/// [`RunningEmulator::addr`]).
pub async fn spawn(config: EmulatorConfig, addr: SocketAddr) -> std::io::Result<RunningEmulator> {
    serve(Emulator::new(config), addr).await
}

/// Serves an existing emulator (for instance one a test has seeded) on `addr`.
pub async fn serve(emulator: Emulator, addr: SocketAddr) -> std::io::Result<RunningEmulator> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let app = router(emulator.clone());
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                // A dropped sender stops the server as well.
                let _ = stopped.await;
            })
            .await
    });
    tracing::info!(%addr, "SageMaker emulator listening");
    Ok(RunningEmulator {
        addr,
        emulator,
        stop: Some(stop),
        task: Some(task),
    })
}

impl RunningEmulator {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint URL for clients (`http://127.0.0.1:PORT`), e.g. for
    /// `AWS_ENDPOINT_URL_SAGEMAKER` or `--endpoint-url`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The emulator behind the socket (to seed data or read its configuration).
    pub fn emulator(&self) -> &Emulator {
        &self.emulator
    }

    /// Stops accepting connections, lets requests in flight finish, and waits.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => task.await.map_err(std::io::Error::other)?,
            None => Ok(()),
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
