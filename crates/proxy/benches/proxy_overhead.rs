//! Proxy overhead: the same SageMaker reads straight to the emulator (with the proxy's own
//! signed client, as a script with AWS credentials would) and through the proxy's HTTP API
//! (as the browser does), side by side in one run, at 1 and 64 concurrent clients.
//!
//! - "list": `ListUserProfiles` of a domain (`GET /api/domains/{d}/profiles`).
//! - "detail": `DescribeUserProfile` with the profile's apps and owned spaces
//!   (`GET /api/domains/{d}/profiles/{name}`); straight to the emulator this is the same
//!   four calls (DescribeUserProfile, ListApps, ListSpaces, and DescribeDomain for the
//!   default idle shutdown) made concurrently, so both sides ask SageMaker for the same
//!   thing.
//!
//! The emulator verifies every signature. Two settings run:
//! - SageMaker answering after `SAGEMAKER_LATENCY_MS`, as the real service does: the
//!   targets apply here (p50 through the proxy at most 1.3 times direct, throughput at
//!   least 0.8 times).
//! - SageMaker answering at once: every request is then pure CPU, on cores the load
//!   generator, the proxy and the emulator share, so the proxy's extra HTTP hop (mostly
//!   the kernel's loopback TCP work) shows in full. Reported, without a target.
//!
//! Prints a table and writes the rows to `target/bench-results/proxy_overhead.json` for
//! `cargo xtask bench`.

use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use axum::serve::ListenerExt as _;
use studio_admin_emulator::{EmulatorConfig, Faults, RunningEmulator, Seed, Timings, spawn};
use studio_admin_model::{
    AppStatus, AppType, CreateDomainRequest, DescribeDomainRequest, DescribeUserProfileRequest,
    DomainStatus, ListAppsRequest, ListSpacesRequest, ListUserProfilesRequest, SpaceStatus,
    UserProfileStatus,
};
use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, SageMakerClient};
use studio_admin_proxy::store::DbTarget;
use studio_admin_proxy::{AppState, Settings, app};
use tokio::net::TcpListener;

#[path = "support/mod.rs"]
mod support;

use support::{Judged as Row, app_request, private_space, profile_request, write_results};

const ACCESS_KEY: &str = "AKIABENCHBENCHBENCH0";
const SECRET_KEY: &str = "bench/secret/key/0000000000000000000000";
/// How long the emulator takes to answer in the scenarios the targets apply to: a
/// conservative stand-in for SageMaker's control plane seen from the same region, whose
/// Describe and List calls take tens of milliseconds (`PROXY_BENCH_LATENCY_MS` overrides).
const SAGEMAKER_LATENCY_MS: u64 = 20;
/// Profiles in the listed domain (one page of ListUserProfiles' default size or more).
const PROFILES: usize = 50;
const CONCURRENCY: [usize; 2] = [1, 64];
/// Requests per scenario and path with one client, and spread over 64 clients.
const REQUESTS_ONE_CLIENT: usize = 400;
const REQUESTS_MANY_CLIENTS: usize = 3200;
/// Each scenario alternates direct and proxied rounds this many times.
const ROUNDS: usize = 4;
const P50_TARGET: f64 = 1.3;
const THROUGHPUT_TARGET: f64 = 0.8;

/// Latencies and throughput of one scenario.
#[derive(Debug, Clone, Copy)]
struct Stats {
    p50_ms: f64,
    p99_ms: f64,
    per_second: f64,
}

struct Bench {
    direct: Arc<SageMakerClient>,
    /// Sends the session cookie of a signed-in demo viewer with every request.
    http: reqwest::Client,
    proxy: String,
    domain: String,
    profile: String,
    _emulator: RunningEmulator,
    /// The proxy's database (sessions, audit log), as `serve --db` keeps it.
    _db: tempfile::TempDir,
}

fn main() -> anyhow::Result<()> {
    support::block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let realistic = match std::env::var("PROXY_BENCH_LATENCY_MS") {
        Ok(ms) => ms.parse().context("PROXY_BENCH_LATENCY_MS")?,
        Err(_) => SAGEMAKER_LATENCY_MS,
    };
    let mut rows = Vec::new();
    for (latency_ms, targeted) in [(realistic, true), (0, false)] {
        let bench = set_up(Duration::from_millis(latency_ms)).await?;
        println!(
            "\nSageMaker latency {latency_ms} ms{}",
            if targeted {
                " (targets apply)"
            } else {
                " (pure CPU on this machine: measured only)"
            }
        );
        println!(
            "{:<7} {:>4}  {:>10} {:>8} {:>8}   {:>10} {:>8} {:>8}   {:>6} {:>6}",
            "call",
            "conc",
            "direct p50",
            "p99",
            "req/s",
            "proxy p50",
            "p99",
            "req/s",
            "p50 x",
            "tput x"
        );
        for call in ["list", "detail"] {
            for concurrency in CONCURRENCY {
                let (direct, proxied) = compare(&bench, call, concurrency).await?;
                println!(
                    "{call:<7} {concurrency:>4}  {:>10.2} {:>8.2} {:>8.0}   {:>10.2} {:>8.2} {:>8.0}   {:>6.2} {:>6.2}",
                    direct.p50_ms,
                    direct.p99_ms,
                    direct.per_second,
                    proxied.p50_ms,
                    proxied.p99_ms,
                    proxied.per_second,
                    proxied.p50_ms / direct.p50_ms,
                    proxied.per_second / direct.per_second,
                );
                let scenario = format!(
                    "proxy overhead, SageMaker {latency_ms} ms: {call}, {concurrency} client(s)"
                );
                rows.extend(rows_for(&scenario, targeted, direct, proxied));
            }
        }
    }
    write_results("proxy_overhead", &rows)?;
    Ok(())
}

/// Measures `call` at `concurrency` on both paths, alternating them.
async fn compare(bench: &Bench, call: &str, concurrency: usize) -> anyhow::Result<(Stats, Stats)> {
    let requests = if concurrency == 1 {
        REQUESTS_ONE_CLIENT
    } else {
        REQUESTS_MANY_CLIENTS
    };
    // Warm connection pools and caches on both paths first.
    measure(bench, call, false, concurrency, concurrency * 4).await?;
    measure(bench, call, true, concurrency, concurrency * 4).await?;
    // Alternate the two paths, so that anything else the machine does while the benchmark
    // runs weighs on both alike.
    let mut direct = Samples::default();
    let mut proxied = Samples::default();
    for _ in 0..ROUNDS {
        direct.add(measure(bench, call, false, concurrency, requests / ROUNDS).await?);
        proxied.add(measure(bench, call, true, concurrency, requests / ROUNDS).await?);
    }
    Ok((direct.stats(), proxied.stats()))
}

fn rows_for(scenario: &str, targeted: bool, direct: Stats, proxied: Stats) -> Vec<Row> {
    let name = |what: &str| format!("{scenario}, {what}");
    let measured = |what: &str, value: f64, unit: &str| Row {
        name: name(what),
        value,
        unit: unit.to_owned(),
        target: "(measured)".to_owned(),
        pass: true,
    };
    let p50_ratio = proxied.p50_ms / direct.p50_ms;
    let throughput_ratio = proxied.per_second / direct.per_second;
    let mut rows = vec![
        measured("direct p50", direct.p50_ms, "ms"),
        measured("direct p99", direct.p99_ms, "ms"),
        measured("direct throughput", direct.per_second, "req/s"),
        measured("proxy p50", proxied.p50_ms, "ms"),
        measured("proxy p99", proxied.p99_ms, "ms"),
        measured("proxy throughput", proxied.per_second, "req/s"),
    ];
    if targeted {
        rows.push(Row {
            name: name("p50 proxy/direct"),
            value: p50_ratio,
            unit: "ratio".to_owned(),
            target: format!("<= {P50_TARGET}"),
            pass: p50_ratio <= P50_TARGET,
        });
        rows.push(Row {
            name: name("throughput proxy/direct"),
            value: throughput_ratio,
            unit: "ratio".to_owned(),
            target: format!(">= {THROUGHPUT_TARGET}"),
            pass: throughput_ratio >= THROUGHPUT_TARGET,
        });
    } else {
        rows.push(measured("p50 proxy/direct", p50_ratio, "ratio"));
        rows.push(measured(
            "throughput proxy/direct",
            throughput_ratio,
            "ratio",
        ));
    }
    rows
}

/// Latencies and wall time of one or more rounds.
#[derive(Debug, Default)]
struct Samples {
    latencies: Vec<Duration>,
    wall: Duration,
}

impl Samples {
    fn add(&mut self, round: Samples) {
        self.latencies.extend(round.latencies);
        self.wall += round.wall;
    }

    fn stats(mut self) -> Stats {
        self.latencies.sort_unstable();
        let at = |q: f64| {
            let i = ((self.latencies.len() as f64 - 1.0) * q).round() as usize;
            self.latencies[i].as_secs_f64() * 1000.0
        };
        Stats {
            p50_ms: at(0.50),
            p99_ms: at(0.99),
            per_second: self.latencies.len() as f64 / self.wall.as_secs_f64(),
        }
    }
}

/// Runs `total` requests of `call` over `concurrency` clients.
async fn measure(
    bench: &Bench,
    call: &str,
    through_proxy: bool,
    concurrency: usize,
    total: usize,
) -> anyhow::Result<Samples> {
    let per_client = total.div_ceil(concurrency);
    let started = Instant::now();
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let request = one_request(bench, call, through_proxy);
        clients.spawn(async move {
            let mut latencies = Vec::with_capacity(per_client);
            for _ in 0..per_client {
                let sent = Instant::now();
                request().await?;
                latencies.push(sent.elapsed());
            }
            anyhow::Ok(latencies)
        });
    }
    let mut latencies = Vec::with_capacity(per_client * concurrency);
    while let Some(done) = clients.join_next().await {
        latencies.extend(done??);
    }
    Ok(Samples {
        latencies,
        wall: started.elapsed(),
    })
}

type Request =
    Box<dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>> + Send>;

/// A closure making one request of `call` on the chosen path.
fn one_request(bench: &Bench, call: &str, through_proxy: bool) -> Request {
    let domain = bench.domain.clone();
    let profile = bench.profile.clone();
    if through_proxy {
        let http = bench.http.clone();
        let url = match call {
            "list" => format!("{}/api/domains/{domain}/profiles", bench.proxy),
            _ => format!("{}/api/domains/{domain}/profiles/{profile}", bench.proxy),
        };
        Box::new(move || {
            let http = http.clone();
            let url = url.clone();
            Box::pin(async move {
                let response = http.get(&url).send().await?;
                if !response.status().is_success() {
                    bail!("{url} answered {}", response.status());
                }
                response.bytes().await?;
                Ok(())
            })
        })
    } else {
        let client = bench.direct.clone();
        let list = call == "list";
        Box::new(move || {
            let client = client.clone();
            let domain = domain.clone();
            let profile = profile.clone();
            Box::pin(async move {
                if list {
                    client
                        .list_user_profiles(&ListUserProfilesRequest {
                            domain_id_equals: Some(domain),
                            ..ListUserProfilesRequest::default()
                        })
                        .await?;
                } else {
                    let describe = DescribeUserProfileRequest {
                        domain_id: Some(domain.clone()),
                        user_profile_name: Some(profile.clone()),
                    };
                    let apps = ListAppsRequest {
                        domain_id_equals: Some(domain.clone()),
                        user_profile_name_equals: Some(profile),
                        ..ListAppsRequest::default()
                    };
                    let spaces = ListSpacesRequest {
                        domain_id_equals: Some(domain.clone()),
                        ..ListSpacesRequest::default()
                    };
                    let described = DescribeDomainRequest {
                        domain_id: Some(domain),
                    };
                    tokio::try_join!(
                        client.describe_user_profile(&describe),
                        client.all_apps(apps),
                        client.all_spaces(spaces),
                        client.describe_domain(&described),
                    )?;
                }
                Ok(())
            })
        })
    }
}

async fn set_up(latency: Duration) -> anyhow::Result<Bench> {
    let config = EmulatorConfig {
        credentials: Some((ACCESS_KEY.to_owned(), SECRET_KEY.to_owned())),
        timings: Timings::instant(),
        faults: Faults {
            latency,
            ..Faults::default()
        },
        seed: Seed::Empty,
        ..EmulatorConfig::default()
    };
    let emulator = spawn(config, SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await?;
    let (domain, profile) = seed(&emulator)?;

    let client = || {
        SageMakerClient::new(
            ClientConfig::new(emulator.url(), "us-east-1"),
            CredentialsCache::fixed(ACCESS_KEY, SECRET_KEY),
        )
    };
    let direct = Arc::new(client()?);
    // Signed in, as every browser is: each proxied request looks its session up in the
    // SQLite file and derives its CSRF token, so that cost is part of the overhead.
    let db = tempfile::tempdir()?;
    let state = AppState::new(
        Arc::new(client()?),
        Settings {
            assets_dir: PathBuf::from("/nonexistent"),
            db: DbTarget::Sqlite(db.path().join("studio-admin.db")),
            auth: studio_admin_proxy::auth::AuthSettings::demo(),
            jobs: studio_admin_proxy::jobs::JobsConfig::default(),
        },
    );
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let proxy = format!("http://{}", listener.local_addr()?);
    // As `studio-admin serve` does: TCP_NODELAY on every connection.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tokio::spawn(async move { axum::serve(listener, app(state)).await });
    // The proxy's client installed the TLS crypto provider reqwest needs.
    let http = signed_in(&proxy).await?;
    Ok(Bench {
        direct,
        http,
        proxy,
        domain,
        profile,
        _emulator: emulator,
        _db: db,
    })
}

/// A client that signed in to the proxy at `proxy` as the demo viewer and sends the
/// session cookie with every request.
async fn signed_in(proxy: &str) -> anyhow::Result<reqwest::Client> {
    let sign_in = reqwest::Client::new()
        .post(format!("{proxy}/api/session"))
        .header("origin", proxy)
        .header("content-type", "application/json")
        .body(r#"{"name": "demo-viewer", "password": "demo"}"#)
        .send()
        .await?;
    if !sign_in.status().is_success() {
        bail!("signing in answered {}", sign_in.status());
    }
    let cookie = sign_in
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .context("signing in set no cookie")?
        .to_owned();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse()?);
    Ok(reqwest::Client::builder()
        .tcp_nodelay(true)
        .default_headers(headers)
        .build()?)
}

/// A domain of `PROFILES` profiles; the one described has three apps and owns a space
/// among several.
fn seed(running: &RunningEmulator) -> anyhow::Result<(String, String)> {
    let emulator = running.emulator();
    let age = Duration::from_secs(86_400);
    let domain = emulator
        .seed_domain(
            CreateDomainRequest {
                domain_name: Some("bench".to_owned()),
                vpc_id: Some("vpc-0a1b2c3d4e5f67890".to_owned()),
                subnet_ids: Some(vec!["subnet-0f1e2d3c4b5a69788".to_owned()]),
                ..CreateDomainRequest::default()
            },
            DomainStatus::InService,
            age,
        )
        .map_err(|e| anyhow::anyhow!("seed domain: {e:?}"))?;
    for i in 0..PROFILES {
        emulator
            .seed_user_profile(
                profile_request(&domain, &format!("person-{i:02}")),
                UserProfileStatus::InService,
                age,
            )
            .map_err(|e| anyhow::anyhow!("seed profile: {e:?}"))?;
    }
    let profile = "person-07".to_owned();
    for (app_type, name) in [
        (AppType::JupyterServer, "default"),
        (AppType::KernelGateway, "datascience-ml-t3-medium"),
        (AppType::KernelGateway, "pytorch-ml-g4dn-xlarge"),
    ] {
        emulator
            .seed_app(
                app_request(&domain, Some(&profile), None, app_type, name),
                AppStatus::InService,
                age,
            )
            .map_err(|e| anyhow::anyhow!("seed app: {e:?}"))?;
    }
    for owner in ["person-07", "person-01", "person-02"] {
        emulator
            .seed_space(
                private_space(&domain, &format!("{owner}-space"), owner),
                SpaceStatus::InService,
                age,
            )
            .map_err(|e| anyhow::anyhow!("seed space: {e:?}"))?;
    }
    Ok((domain, profile))
}
