//! How fast a delete job offboards a profile, against the emulator over real signed HTTP.
//!
//! The profile has 6 apps of its own and owns 2 spaces with one app each; the emulator
//! takes `L` to delete each resource. The rules force one chain: a space's app, then the
//! space, then the profile — 3 L, the critical path. Deleting one thing at a time takes
//! 11 L (8 apps, 2 spaces, the profile). The job should take at most 1.25 x the critical
//! path. Prints a table and writes `target/bench-results/delete_job.json`.
//!
//! `cargo bench -p studio-admin-proxy --bench delete_job`

#[path = "support/mod.rs"]
mod support;

fn main() {
    bench::main();
}

/// The benchmark itself.
mod bench {
    use std::net::SocketAddr;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use studio_admin_emulator::{EmulatorConfig, RunningEmulator, Timings};
    use studio_admin_model::{
        AppStatus, AppType, CreateDomainRequest, DomainStatus, SpaceStatus, UserProfileStatus,
    };
    use studio_admin_proxy::backoff::Backoff;
    use studio_admin_proxy::jobs::{JobEngine, JobStatus, JobsConfig};
    use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, SageMakerClient};
    use studio_admin_proxy::store::Store;

    use crate::support::{
        ACCESS_KEY, Judged as Row, REGION, SECRET_KEY, app_request, print_judged, private_space,
        profile_request, write_results,
    };

    /// The emulator's deletion latency per resource.
    const L: Duration = Duration::from_millis(400);
    /// Deletions on the longest chain the rules force: space app -> space -> profile.
    const CRITICAL_CHAIN: u32 = 3;
    /// Deletions in all: 6 own apps, 2 space apps, 2 spaces, the profile.
    const ALL_DELETIONS: u32 = 11;
    /// Runs of the concurrent job (the median counts).
    const RUNS: usize = 5;
    const TARGET_RATIO: f64 = 1.25;

    const PROFILE: &str = "leaver";

    pub fn main() {
        crate::support::block_on(bench());
    }

    async fn bench() {
        let critical = L * CRITICAL_CHAIN;
        let sequential = L * ALL_DELETIONS;

        let mut runs = Vec::new();
        for _ in 0..RUNS {
            runs.push(offboard(8).await);
        }
        runs.sort();
        let concurrent = runs[RUNS / 2];
        let one_at_a_time = offboard(1).await;

        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let over_critical = concurrent.as_secs_f64() / critical.as_secs_f64();
        let over_baseline = concurrent.as_secs_f64() / one_at_a_time.as_secs_f64();
        let rows = vec![
            Row {
                name: format!(
                    "delete job: wall time (6 apps, 2 spaces, L = {} ms)",
                    L.as_millis()
                ),
                value: ms(concurrent),
                unit: "ms".into(),
                target: format!("<= {:.0}", ms(critical) * TARGET_RATIO),
                pass: over_critical <= TARGET_RATIO,
            },
            Row {
                name: "delete job: wall time / critical path (3 L)".into(),
                value: over_critical,
                unit: "ratio".into(),
                target: format!("<= {TARGET_RATIO}"),
                pass: over_critical <= TARGET_RATIO,
            },
            Row {
                name: "delete job: one-at-a-time baseline wall time".into(),
                value: ms(one_at_a_time),
                unit: "ms".into(),
                target: format!(">= {:.0} (11 L)", ms(sequential)),
                pass: one_at_a_time >= sequential,
            },
            Row {
                name: "delete job: wall time / one-at-a-time baseline".into(),
                value: over_baseline,
                unit: "ratio".into(),
                target: format!(
                    "<= {:.2}",
                    TARGET_RATIO * f64::from(CRITICAL_CHAIN) / f64::from(ALL_DELETIONS)
                ),
                pass: over_baseline
                    <= TARGET_RATIO * f64::from(CRITICAL_CHAIN) / f64::from(ALL_DELETIONS),
            },
        ];

        println!(
            "\ncritical path 3 L = {:.0} ms, one at a time 11 L = {:.0} ms; concurrent runs (ms): {:?}",
            ms(critical),
            ms(sequential),
            runs.iter().map(|d| ms(*d).round()).collect::<Vec<_>>()
        );
        print_judged(&rows);
        write_results("delete_job", &rows).expect("the results file can be written");
    }

    /// Seeds a fresh emulator, runs one delete job with `concurrency` steps at once, checks
    /// that it succeeded, and returns its wall time (from the request to the job's end).
    async fn offboard(concurrency: usize) -> Duration {
        let (emulator, domain) = seeded_emulator().await;
        let mut client_config = ClientConfig::new(emulator.url(), REGION);
        client_config.attempt_timeout = Duration::from_secs(5);
        let client = Arc::new(
            SageMakerClient::new(
                client_config,
                CredentialsCache::fixed(ACCESS_KEY, SECRET_KEY),
            )
            .expect("a client for the emulator"),
        );
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = Store::open(&dir.path().join("jobs.db"))
            .await
            .expect("the job database opens");
        // Polls stay well under L, as AWS's minutes-long deletes stay well over 30 s polls.
        let config = JobsConfig {
            poll: Backoff {
                initial: Duration::from_millis(10),
                factor: 1.5,
                cap: L / 16,
                full_jitter: false,
            },
            concurrency,
            ..JobsConfig::default()
        };
        let engine = JobEngine::new(store, client, config);

        let started = Instant::now();
        let (job, _) = engine
            .delete_profile(&domain, PROFILE)
            .await
            .expect("the job starts");
        let job = engine
            .wait_finished(job.job.id)
            .await
            .expect("the job finishes");
        let elapsed = started.elapsed();
        assert_eq!(job.job.status, JobStatus::Succeeded, "{job:#?}");
        elapsed
    }

    /// An emulator holding the profile to offboard; returns it with the domain id.
    async fn seeded_emulator() -> (RunningEmulator, String) {
        let timings = Timings {
            app_create: Duration::from_secs(3600),
            ..Timings::uniform(L, Duration::from_secs(3600))
        };
        let config = EmulatorConfig {
            region: REGION.to_owned(),
            credentials: Some((ACCESS_KEY.to_owned(), SECRET_KEY.to_owned())),
            timings,
            ..EmulatorConfig::default()
        };
        let addr: SocketAddr = "127.0.0.1:0".parse().expect("loopback address");
        let running = studio_admin_emulator::spawn(config, addr)
            .await
            .expect("the emulator starts");
        let emulator = running.emulator();
        let age = Duration::from_secs(3600);
        let domain = emulator
            .seed_domain(
                CreateDomainRequest {
                    domain_name: Some("bench".to_owned()),
                    ..Default::default()
                },
                DomainStatus::InService,
                age,
            )
            .expect("the domain is seeded");
        emulator
            .seed_user_profile(
                profile_request(&domain, PROFILE),
                UserProfileStatus::InService,
                age,
            )
            .expect("the profile is seeded");
        let own_apps = [
            (AppType::JupyterServer, "default"),
            (AppType::KernelGateway, "kernel-1"),
            (AppType::KernelGateway, "kernel-2"),
            (AppType::KernelGateway, "kernel-3"),
            (AppType::TensorBoard, "board"),
            (AppType::Canvas, "default"),
        ];
        for (app_type, name) in own_apps {
            seed_app(emulator, &domain, Some(PROFILE), None, app_type, name);
        }
        for space in ["leaver-private", "leaver-notes"] {
            emulator
                .seed_space(
                    private_space(&domain, space, PROFILE),
                    SpaceStatus::InService,
                    age,
                )
                .expect("the space is seeded");
            seed_app(
                emulator,
                &domain,
                None,
                Some(space),
                AppType::JupyterLab,
                "default",
            );
        }
        (running, domain)
    }

    fn seed_app(
        emulator: &studio_admin_emulator::Emulator,
        domain: &str,
        user: Option<&str>,
        space: Option<&str>,
        app_type: AppType,
        name: &str,
    ) {
        emulator
            .seed_app(
                app_request(domain, user, space, app_type, name),
                AppStatus::InService,
                Duration::from_secs(600),
            )
            .expect("the app is seeded");
    }
}
