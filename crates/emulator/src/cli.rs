//! `studio-admin emulator`: the emulator as a standalone server, for the AWS CLI, boto3
//! (`--endpoint-url`) and demos.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;

use crate::api::{IDENTITY_STORE_OPERATIONS, OPERATIONS, SSO_ADMIN_OPERATIONS};
use crate::config::{EmulatorConfig, Faults, Seed, Timings};
use crate::server::spawn;

/// The base pace of lifecycle transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Pace {
    /// Seconds per transition, so a demo shows statuses changing.
    Demo,
    /// Every transition at once (for scripted tests).
    Instant,
}

/// Flags of `studio-admin emulator`.
#[derive(Debug, Clone, clap::Args)]
pub struct EmulatorArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(
        long,
        env = "STUDIO_ADMIN_EMULATOR_LISTEN",
        default_value = "127.0.0.1:4566"
    )]
    pub listen: SocketAddr,

    /// Data to start with: `demo` (three domains and a team) or `empty`.
    #[arg(
        long,
        value_enum,
        env = "STUDIO_ADMIN_EMULATOR_SEED",
        default_value = "empty"
    )]
    pub seed: Seed,

    /// Region to emulate; requests must be signed for it.
    #[arg(long, env = "AWS_REGION", default_value = "us-east-1")]
    pub region: String,

    /// 12-digit account id used in ARNs.
    #[arg(long, env = "STUDIO_ADMIN_EMULATOR_ACCOUNT_ID", default_value = "123456789012", value_parser = parse_account_id)]
    pub account_id: String,

    /// Access key id to accept; with the secret, signatures are verified. Without both,
    /// any well-formed signature is accepted.
    #[arg(
        long,
        env = "STUDIO_ADMIN_EMULATOR_ACCESS_KEY_ID",
        requires = "secret_access_key"
    )]
    pub access_key_id: Option<String>,

    /// Secret access key to verify signatures with.
    #[arg(
        long,
        env = "STUDIO_ADMIN_EMULATOR_SECRET_ACCESS_KEY",
        requires = "access_key_id",
        hide_env_values = true
    )]
    pub secret_access_key: Option<String>,

    /// Share of requests answered with ThrottlingException (0 to 1).
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate)]
    pub throttle_rate: f64,

    /// Share of requests answered with InternalFailure, HTTP 500 (0 to 1).
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate)]
    pub internal_failure_rate: f64,

    /// Share of successful changes whose answer is replaced by InternalFailure after they
    /// took effect, as when AWS's answer is lost (0 to 1).
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate)]
    pub lost_answer_rate: f64,

    /// Latency added to every request ("50ms", "1s").
    #[arg(long, default_value = "0s", value_parser = humantime::parse_duration)]
    pub latency: Duration,

    /// Extra delay for one operation, e.g. `CreateApp=2s`; repeatable.
    #[arg(long = "operation-delay", value_name = "OPERATION=DURATION", value_parser = parse_operation_delay)]
    pub operation_delays: Vec<(String, Duration)>,

    /// Base pace of lifecycle transitions.
    #[arg(long, value_enum, default_value = "demo")]
    pub pace: Pace,

    /// One transition's duration, e.g. `app-create=30s` or `deleted-app-retention=1h`;
    /// repeatable. Names: domain-create, domain-delete, profile-create, profile-update,
    /// profile-delete, app-create, app-delete, deleted-app-retention, space-create,
    /// space-delete.
    #[arg(long = "timing", value_name = "NAME=DURATION", value_parser = parse_timing)]
    pub timings: Vec<(String, Duration)>,
}

fn parse_account_id(value: &str) -> Result<String, String> {
    if value.len() == 12 && value.chars().all(|c| c.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err("an account id is 12 digits".to_owned())
    }
}

fn parse_rate(value: &str) -> Result<f64, String> {
    let rate: f64 = value
        .parse()
        .map_err(|_| format!("'{value}' is not a number"))?;
    if (0.0..=1.0).contains(&rate) {
        Ok(rate)
    } else {
        Err("a rate is between 0 and 1 (0.1 = one request in ten)".to_owned())
    }
}

fn parse_pair(value: &str) -> Result<(&str, Duration), String> {
    let (name, duration) = value
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=DURATION, got '{value}'"))?;
    let duration = humantime::parse_duration(duration)
        .map_err(|e| format!("'{duration}' is not a duration ({e}); write e.g. 500ms or 3s"))?;
    Ok((name, duration))
}

fn parse_operation_delay(value: &str) -> Result<(String, Duration), String> {
    let (operation, delay) = parse_pair(value)?;
    let all = || {
        OPERATIONS
            .iter()
            .chain(IDENTITY_STORE_OPERATIONS)
            .chain(SSO_ADMIN_OPERATIONS)
    };
    if all().any(|o| *o == operation) {
        Ok((operation.to_owned(), delay))
    } else {
        let names: Vec<&str> = all().copied().collect();
        Err(format!(
            "'{operation}' is not an operation of the emulator; use one of: {}",
            names.join(", ")
        ))
    }
}

fn parse_timing(value: &str) -> Result<(String, Duration), String> {
    let (name, duration) = parse_pair(value)?;
    if Timings::NAMES.contains(&name) {
        Ok((name.to_owned(), duration))
    } else {
        Err(format!(
            "'{name}' is not a timing; use one of: {}",
            Timings::NAMES.join(", ")
        ))
    }
}

impl EmulatorArgs {
    /// The emulator configuration these flags describe.
    pub fn config(&self) -> EmulatorConfig {
        let mut timings = match self.pace {
            Pace::Demo => Timings::default(),
            Pace::Instant => Timings::instant(),
        };
        for (name, duration) in &self.timings {
            timings.set(name, *duration);
        }
        EmulatorConfig {
            region: self.region.clone(),
            account_id: self.account_id.clone(),
            credentials: self
                .access_key_id
                .clone()
                .zip(self.secret_access_key.clone()),
            timings,
            faults: Faults {
                throttle_rate: self.throttle_rate,
                internal_failure_rate: self.internal_failure_rate,
                lost_answer_rate: self.lost_answer_rate,
                latency: self.latency,
                operation_delays: self.operation_delays.iter().cloned().collect(),
            },
            seed: self.seed,
        }
    }
}

/// Runs the emulator until Ctrl-C. Prints `emulator listening on http://ADDR` (one line,
/// on stdout) once it accepts connections, so scripts can wait for it and read the port.
pub async fn run(args: EmulatorArgs) -> anyhow::Result<()> {
    let running = spawn(args.config(), args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    println!("emulator listening on {}", running.url());
    tokio::signal::ctrl_c()
        .await
        .context("cannot wait for Ctrl-C")?;
    running
        .shutdown()
        .await
        .context("the emulator did not stop cleanly")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: EmulatorArgs,
    }

    #[test]
    fn flags_become_the_configuration() {
        let cli = Cli::try_parse_from([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--seed",
            "demo",
            "--region",
            "eu-west-1",
            "--access-key-id",
            "AKIDEXAMPLE",
            "--secret-access-key",
            "secret",
            "--throttle-rate",
            "0.25",
            "--operation-delay",
            "CreateApp=2s",
            "--pace",
            "instant",
            "--timing",
            "app-create=30s",
        ])
        .unwrap();
        let config = cli.args.config();
        assert_eq!(config.region, "eu-west-1");
        assert_eq!(config.seed, Seed::Demo);
        assert_eq!(
            config.credentials,
            Some(("AKIDEXAMPLE".into(), "secret".into()))
        );
        assert_eq!(config.faults.throttle_rate, 0.25);
        assert_eq!(config.faults.delay_for("CreateApp"), Duration::from_secs(2));
        assert_eq!(config.timings.app_create, Duration::from_secs(30));
        assert_eq!(config.timings.profile_create, Duration::ZERO);
    }

    #[test]
    fn a_rate_above_one_or_a_delay_for_an_unknown_operation_is_refused_with_a_reason() {
        let cases: [(&[&str], &str); 2] = [
            (&["emulator", "--throttle-rate", "1.5"], "between 0 and 1"),
            (
                &["emulator", "--operation-delay", "CreateNotebook=1s"],
                "not an operation",
            ),
        ];
        for (args, reason) in cases {
            let err = Cli::try_parse_from(args).err().unwrap();
            assert!(err.to_string().contains(reason), "{args:?}: {err}");
        }
    }

    #[test]
    fn a_key_without_its_secret_is_refused() {
        assert!(Cli::try_parse_from(["emulator", "--access-key-id", "AKID"]).is_err());
    }
}
