//! How fast a team file is applied, against the emulator over real signed HTTP with 200 ms
//! added to every call (SageMaker's control plane answers in about that).
//!
//! - Plan 500 rows: one DescribeUserProfile per row, 8 at once (reported).
//! - Apply 500 creates: wall time against the ideal `ceil(500 / c) x 200 ms`, where `c`
//!   is the concurrency the window settled on (target: at most 1.25 x).
//! - The same with 20% of calls throttled and 5% failing with a 500: every row done, none
//!   created twice.
//!
//! Prints a table and writes `target/bench-results/batch_apply.json`.
//!
//! `cargo bench -p studio-admin-proxy --bench batch_apply`

#[path = "support/mod.rs"]
mod support;

fn main() {
    bench::main();
}

/// The benchmark itself.
mod bench {
    use std::collections::BTreeMap;
    use std::net::SocketAddr;
    use std::time::{Duration, Instant};

    use studio_admin_api::RowAction;
    use studio_admin_emulator::{EmulatorConfig, Faults, RunningEmulator, Timings};
    use studio_admin_model::table::Table;
    use studio_admin_model::{CreateDomainRequest, DomainStatus};
    use studio_admin_proxy::batch::concurrency::Window;
    use studio_admin_proxy::batch::{self, ApplyOptions, OnEnd, Outcome, PlanOptions, Work};
    use studio_admin_proxy::sagemaker::{ClientConfig, CredentialsCache, SageMakerClient};

    use crate::support::{
        ACCESS_KEY, Judged as Row, REGION, SECRET_KEY, print_judged, profile_request, write_results,
    };

    /// Rows of the file.
    const ROWS: usize = 500;
    /// Added to every call.
    const LATENCY: Duration = Duration::from_millis(200);
    const TARGET_RATIO: f64 = 1.25;

    const ROLE: &str = "arn:aws:iam::111122223333:role/Team";

    pub fn main() {
        crate::support::block_on(bench());
    }

    async fn bench() {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut rows = Vec::new();

        // The plan of the whole file against a clean emulator.
        let (clean, domain) = emulator(Faults::default()).await;
        let client = client(&clean);
        let started = Instant::now();
        let plan = batch::plan(
            &client,
            &domain,
            Table::parse(&file()),
            PlanOptions::default(),
        )
        .await
        .expect("the plan is made");
        let planned = started.elapsed();
        assert_eq!(plan.counts.create, ROWS, "{:?}", plan.counts);
        rows.push(Row {
            name: format!("batch: plan {ROWS} rows (200 ms a call)"),
            value: ms(planned),
            unit: "ms".into(),
            target: format!("<= {:.0} (8 look-ups at once)", ms(LATENCY) * 63.0 * 1.25),
            pass: planned <= LATENCY.mul_f64(63.0 * 1.25),
        });

        // Apply, no faults.
        let (took, settled) = apply(&clean, &client, &domain).await;
        let ideal = LATENCY * u32::try_from(ROWS.div_ceil(settled)).unwrap_or(u32::MAX);
        let ratio = took.as_secs_f64() / ideal.as_secs_f64();
        rows.push(Row {
            name: format!("batch: apply {ROWS} creates, wall time"),
            value: ms(took),
            unit: "ms".into(),
            target: format!("<= {:.0}", ms(ideal) * TARGET_RATIO),
            pass: ratio <= TARGET_RATIO,
        });
        rows.push(Row {
            name: format!("batch: wall time / ceil({ROWS} / {settled}) x 200 ms"),
            value: ratio,
            unit: "ratio".into(),
            target: format!("<= {TARGET_RATIO}"),
            pass: ratio <= TARGET_RATIO,
        });

        // Apply with throttling and server errors.
        let faults = Faults {
            throttle_rate: 0.2,
            internal_failure_rate: 0.05,
            ..Faults::default()
        };
        let (faulty, domain) = emulator(faults).await;
        let client = self::client(&faulty);
        let (took, settled) = apply(&faulty, &client, &domain).await;
        let created = creates_by_name(&faulty);
        let all_once = created.len() == ROWS && created.values().all(|&n| n == 1);
        rows.push(Row {
            name: format!(
                "batch: apply {ROWS} creates, 20% throttled, 5% 500s: every row created once"
            ),
            value: ms(took),
            unit: "ms".into(),
            target: format!("all {ROWS} once (settled at {settled} in flight)"),
            pass: all_once,
        });

        print_judged(&rows);
        write_results("batch_apply", &rows).expect("the results file can be written");
    }

    /// The team file: [`ROWS`] new profiles with one execution role.
    fn file() -> String {
        let mut file = "UserProfileName,UserSettings.ExecutionRole\n".to_owned();
        for n in 0..ROWS {
            file.push_str(&format!("member-{n:04},{ROLE}\n"));
        }
        file
    }

    /// Applies [`ROWS`] creates (the plan's work, made without asking: under faults the
    /// look-ups would be measured too); answers the wall time and the window's final
    /// limit. Every row must end created.
    async fn apply(
        emulator: &RunningEmulator,
        client: &SageMakerClient,
        domain: &str,
    ) -> (Duration, usize) {
        let work: Vec<Work> = (0..ROWS)
            .map(|n| {
                let name = format!("member-{n:04}");
                Work {
                    row: n + 1,
                    request: profile_request(domain, &name),
                    name,
                    action: RowAction::Create,
                    sent_before: false,
                }
            })
            .collect();
        let mut settled = 0;
        let started = Instant::now();
        let progress = OnEnd::new(|_: &Work, _: &Outcome, window: &Window| {
            settled = window.limit();
        });
        let results = batch::apply(client, work, &ApplyOptions::default(), &progress).await;
        let took = started.elapsed();
        let failed: Vec<_> = results.iter().filter(|(_, o)| o.failed()).collect();
        assert!(failed.is_empty(), "rows failed: {failed:#?}");
        assert_eq!(creates_by_name(emulator).len(), ROWS);
        (took, settled.max(1))
    }

    /// How often each profile's create took effect.
    fn creates_by_name(emulator: &RunningEmulator) -> BTreeMap<String, usize> {
        let mut created = BTreeMap::new();
        for call in emulator.emulator().calls_of("CreateUserProfile") {
            if call.took_effect()
                && let Some(name) = call.id("UserProfileName")
            {
                *created.entry(name.to_owned()).or_default() += 1;
            }
        }
        created
    }

    fn client(emulator: &RunningEmulator) -> SageMakerClient {
        let mut config = ClientConfig::new(emulator.url(), REGION);
        config.attempt_timeout = Duration::from_secs(5);
        SageMakerClient::new(config, CredentialsCache::fixed(ACCESS_KEY, SECRET_KEY))
            .expect("a client for the emulator")
    }

    /// An emulator with [`LATENCY`] on every call and `faults`, holding one domain.
    async fn emulator(faults: Faults) -> (RunningEmulator, String) {
        let config = EmulatorConfig {
            region: REGION.to_owned(),
            credentials: Some((ACCESS_KEY.to_owned(), SECRET_KEY.to_owned())),
            timings: Timings::instant(),
            faults: Faults {
                latency: LATENCY,
                ..faults
            },
            ..EmulatorConfig::default()
        };
        let addr: SocketAddr = "127.0.0.1:0".parse().expect("loopback address");
        let running = studio_admin_emulator::spawn(config, addr)
            .await
            .expect("the emulator starts");
        let domain = running
            .emulator()
            .seed_domain(
                CreateDomainRequest {
                    domain_name: Some("bench".to_owned()),
                    ..Default::default()
                },
                DomainStatus::InService,
                Duration::from_secs(3600),
            )
            .expect("the domain seeds");
        (running, domain)
    }
}
