//! `studio-admin serve`: resolves the SageMaker backend (AWS, or the embedded emulator
//! with `--demo`), binds, prints the URL and serves until SIGINT/SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use axum::serve::ListenerExt as _;
use tokio::net::TcpListener;

use crate::app::app;
use crate::auth::{AllowedHosts, AuthConfig, AuthSettings};
use crate::cli::ServeArgs;
use crate::jobs::JobsConfig;
use crate::prices::Prices;
use crate::sagemaker::SageMakerClient;
use crate::state::{AppState, Settings};
use crate::store::DbTarget;
use crate::{config, demo, shutdown};

/// Runs the server until it is asked to stop.
pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let auth = auth_settings(&args)?;
    let hosts = args
        .allowed_hosts
        .iter()
        .fold(AllowedHosts::for_listen(args.listen), |hosts, name| {
            hosts.with(name)
        })
        .union(auth.allowed_hosts.clone());
    let auth = auth.with_allowed_hosts(hosts);
    // A bad prices file stops the start, before anything is bound or spawned.
    let prices = args.prices.as_deref().map(Prices::load).transpose()?;
    let (client, demo) = if args.demo {
        let demo = demo::start(&args).await?;
        let client = SageMakerClient::new(demo.client.clone(), demo.credentials)?;
        (client, Some(demo.emulator))
    } else {
        let (client_config, credentials) = config::aws(&args.aws).await?;
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
            db: args.db.clone().unwrap_or(DbTarget::Memory),
            jobs: JobsConfig {
                lease: std::time::Duration::from_secs(args.job_lease_seconds),
                ..JobsConfig::default()
            },
            auth,
        },
    );
    let state = match prices {
        Some(prices) => {
            tracing::info!(
                instance_types = prices.len(),
                "estimating costs with the prices file"
            );
            state.with_prices(prices)
        }
        None => state,
    };
    state
        .store
        .ping()
        .await
        .context("cannot open the database")?;
    // Claims the jobs nobody holds at once (the start-up resume), then keeps leases and
    // follows other replicas' jobs until the stop.
    let jobs = state.jobs.start(state.shutdown.clone());
    // Batches (team files applied) keep leases the same way.
    let batches = state.batches.start(state.shutdown.clone());
    // Approvals a stopped replica left half done are settled now and then every so often
    // (another replica may die mid-approval while this one runs).
    crate::routes::requests::spawn_settling(state.clone());
    crate::audit::retention::spawn(
        state.store.clone(),
        state.auth.settings().clock.clone(),
        args.audit_retention_days,
    );
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
    // Event streams end as soon as the stop begins, so the graceful stop waits only for
    // ordinary requests.
    let stopping = state.shutdown.clone();
    let stop = async move {
        shutdown::signal().await;
        stopping.begin();
    };
    // The peer's address decides whether identity headers are believed.
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await
    .context("the server stopped with an error")?;
    // Runners stop and release their leases; a database that does not answer does not
    // hold the exit up beyond the 15 s a stop may take.
    if tokio::time::timeout(JOBS_STOP_LIMIT, async { (jobs.await, batches.await) })
        .await
        .is_err()
    {
        tracing::warn!("job and batch leases not released in time; they run out by themselves");
    }
    if let Some(emulator) = demo {
        emulator
            .shutdown()
            .await
            .context("the demo emulator stopped with an error")?;
    }
    Ok(())
}

/// How long the stop waits for the job runners to release their leases.
const JOBS_STOP_LIMIT: std::time::Duration = std::time::Duration::from_secs(5);

/// How people will be recognized: the accounts file, the demo accounts, or (explicitly,
/// and only on loopback) nobody at all. With none of these the server does not start: a
/// panel that creates and deletes workspaces must know who is asking.
fn auth_settings(args: &ServeArgs) -> anyhow::Result<AuthSettings> {
    if args.no_auth {
        anyhow::ensure!(
            args.listen.ip().is_loopback(),
            "--no-auth lets anyone who can connect act as an admin, so it needs a loopback \
             --listen address (127.0.0.1 or ::1), not {}",
            args.listen
        );
        return Ok(AuthSettings::open());
    }
    if let Some(path) = &args.auth_config {
        return Ok(AuthSettings::from_config(AuthConfig::load(path)?));
    }
    if args.demo {
        return Ok(AuthSettings::demo());
    }
    anyhow::bail!(
        "refusing to start without sign-in: pass --auth-config FILE (accounts made with \
         `studio-admin user add`, or reverse-proxy headers), --demo (demo accounts), or \
         --no-auth (single user, loopback only)"
    )
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
