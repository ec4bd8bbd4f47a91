//! `studio-admin serve`: resolves the SageMaker backend (AWS, or the embedded emulator
//! with `--demo`), binds, prints the URL and serves until SIGINT/SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use axum::serve::ListenerExt as _;
use tokio::net::TcpListener;

use crate::app::app;
use crate::cli::ServeArgs;
use crate::sagemaker::SageMakerClient;
use crate::state::{AppState, Settings};
use crate::{config, demo, shutdown};

/// Runs the server until it is asked to stop.
pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let (client, demo) = if args.demo {
        let demo = demo::start(&args).await?;
        let client = SageMakerClient::new(demo.client.clone(), demo.credentials)?;
        (client, Some(demo.emulator))
    } else {
        let (client_config, credentials) = config::aws(&args).await?;
        (SageMakerClient::new(client_config, credentials)?, None)
    };
    let backend = match &demo {
        Some(_) => format!(
            "demo emulator at {} ({})",
            client.endpoint(),
            client.region()
        ),
        None => format!("SageMaker at {} ({})", client.endpoint(), client.region()),
    };
    let state = AppState::new(
        Arc::new(client),
        Settings {
            assets_dir: args.assets.clone(),
            db_path: args.db.clone(),
        },
    );
    let resumed = state
        .jobs
        .resume_unfinished()
        .await
        .context("cannot open the job database")?;
    if !resumed.is_empty() {
        tracing::info!(jobs = ?resumed, "resumed unfinished delete jobs");
    }
    let listener = TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let addr = listener.local_addr()?;
    announce(addr, &backend);
    // Small JSON answers go out at once instead of waiting for Nagle's algorithm.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown::signal())
        .await
        .context("the server stopped with an error")?;
    if let Some(emulator) = demo {
        emulator
            .shutdown()
            .await
            .context("the demo emulator stopped with an error")?;
    }
    Ok(())
}

/// Prints the URL on stdout (scripts and tests read this line) and logs the backend.
fn announce(addr: SocketAddr, backend: &str) {
    let host = if addr.ip().is_unspecified() {
        "localhost".to_owned()
    } else {
        addr.ip().to_string()
    };
    let url = if addr.is_ipv6() && !addr.ip().is_unspecified() {
        format!("http://[{host}]:{}/", addr.port())
    } else {
        format!("http://{host}:{}/", addr.port())
    };
    println!("studio-admin serving {url}");
    tracing::info!(%url, backend, "serving");
    if !addr.ip().is_loopback() {
        tracing::warn!(
            %addr,
            "listening beyond this machine: anyone who can reach this address can manage profiles"
        );
    }
}
