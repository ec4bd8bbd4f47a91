//! The command line: `serve` (the default), `emulator`, `validate` and `user add`. Every flag can also
//! come from the environment variable named in its help.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use studio_admin_api::Role;

use crate::store::DbTarget;
use crate::telemetry::LogFormat;

/// Browser admin panel for SageMaker Studio user profiles.
#[derive(Debug, Parser)]
#[command(
    name = "studio-admin",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to run (`serve` when omitted).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// `serve`'s flags, accepted without the word `serve`.
    #[command(flatten)]
    pub serve: ServeArgs,
    /// How log lines are written to stderr (filter them with RUST_LOG).
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text, env = "STUDIO_ADMIN_LOG_FORMAT")]
    pub log_format: LogFormat,
}

impl Cli {
    /// The command to run, `serve` when none was named.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Serve(self.serve))
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and its API (the default).
    Serve(ServeArgs),
    /// Run the SageMaker emulator alone (for the AWS CLI or boto3 with --endpoint-url).
    Emulator(studio_admin_emulator::cli::EmulatorArgs),
    /// Check a CreateUserProfile JSON document as the panel would, without AWS.
    Validate(ValidateArgs),
    /// Show what a team file (CSV or a JSON array of CreateUserProfile requests) would do
    /// in a domain, row by row, asking SageMaker directly: exit 0 when nothing would
    /// change, 2 when rows would be created or updated, 1 when a row is invalid.
    Plan(PlanArgs),
    /// Apply a team file to a domain, asking SageMaker directly: the plan first, then,
    /// once confirmed, every row with progress; exit 0 when all are done, 4 when a row
    /// failed (run again to finish the rest), 1 when a row is invalid (nothing sent).
    Apply(ApplyArgs),
    /// Manage the built-in accounts of an accounts file (`--auth-config`).
    #[command(subcommand)]
    User(UserCommand),
}

/// `studio-admin user ...`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Print a `[[users]]` entry with an argon2id hash of the password read from standard
    /// input (one line), to append to the accounts file.
    Add(UserAddArgs),
}

/// Flags of `user add`.
#[derive(Debug, Clone, Args)]
pub struct UserAddArgs {
    /// The sign-in name (1 to 64 of letters, digits, '.', '_', '@', '-').
    pub name: String,
    /// What the account may do.
    #[arg(long, value_parser = role_parser())]
    pub role: Role,
    /// A domain id the role applies to (repeatable; `*` for every domain; admins have
    /// every domain anyway).
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// The account's own SageMaker UserProfileName (default: the name).
    #[arg(long)]
    pub profile: Option<String>,
}

/// `--role`: one of the API's roles, by the name the accounts file uses (the choices
/// listed in `--help`).
fn role_parser() -> impl clap::builder::TypedValueParser<Value = Role> {
    clap::builder::PossibleValuesParser::new(Role::ALL.map(Role::as_str))
        .try_map(|name| name.parse::<Role>())
}

/// Flags of `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the URL is printed).
    #[arg(long, default_value = "127.0.0.1:8080", env = "STUDIO_ADMIN_LISTEN")]
    pub listen: SocketAddr,
    /// Directory of the built web app (`cargo xtask bundle` writes it).
    #[arg(long, default_value = "dist", env = "STUDIO_ADMIN_ASSETS")]
    pub assets: PathBuf,
    /// Where and how AWS is called.
    #[command(flatten)]
    pub aws: AwsArgs,
    /// Database for jobs, sessions and the audit log: a SQLite file (`PATH` or
    /// `sqlite:PATH`) or PostgreSQL (`postgres://USER@HOST/DB`). Without it everything
    /// lives in memory and ends with the process.
    #[arg(long, env = "STUDIO_ADMIN_DB")]
    pub db: Option<DbTarget>,
    /// Run against the embedded emulator with demo data instead of AWS (no account needed).
    #[arg(long, env = "STUDIO_ADMIN_DEMO", conflicts_with = "endpoint_url")]
    pub demo: bool,
    /// Accounts file (TOML): built-in accounts with argon2id password hashes, and the
    /// optional identity headers of an authenticating reverse proxy. People must sign in.
    #[arg(long, env = "STUDIO_ADMIN_AUTH_CONFIG", conflicts_with = "no_auth")]
    pub auth_config: Option<PathBuf>,
    /// Single-user mode: no sign-in, every caller is the admin `local`. Only with a
    /// loopback `--listen` address.
    #[arg(long, env = "STUDIO_ADMIN_NO_AUTH")]
    pub no_auth: bool,
    /// A name the panel is reached by (`admin.example.com`; repeatable; in the
    /// environment, comma-separated). Requests for any other `Host` than these, the
    /// listen address and (on loopback) `localhost` are refused.
    #[arg(
        long = "allowed-host",
        value_delimiter = ',',
        env = "STUDIO_ADMIN_ALLOWED_HOSTS"
    )]
    pub allowed_hosts: Vec<String>,
    /// Days the audit log keeps an entry (older ones are deleted daily).
    #[arg(long, default_value_t = crate::audit::retention::DEFAULT_RETENTION_DAYS, value_parser = clap::value_parser!(u32).range(1..), env = "STUDIO_ADMIN_AUDIT_RETENTION_DAYS")]
    pub audit_retention_days: u32,
    /// How long (seconds) a replica's hold on a delete job lasts without renewal: when a
    /// replica dies, another takes its jobs over within about this time.
    #[arg(
        long,
        env = "STUDIO_ADMIN_JOB_LEASE_SECONDS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub job_lease_seconds: u64,
    /// Hourly prices of instance types (CSV: `instance_type,hourly_price,currency`), so
    /// the running page also estimates costs; without it, it shows hours only. Checked at
    /// start: a bad row stops the server with its line.
    #[arg(long, env = "STUDIO_ADMIN_PRICES")]
    pub prices: Option<PathBuf>,
}

/// How AWS is reached: `serve` and `plan` alike (credentials come from the standard chain).
#[derive(Debug, Clone, Args)]
pub struct AwsArgs {
    /// AWS region of the SageMaker domains (default: AWS_REGION or the AWS profile's).
    #[arg(long, env = "STUDIO_ADMIN_REGION")]
    pub region: Option<String>,
    /// SageMaker endpoint override (default: AWS_ENDPOINT_URL_SAGEMAKER, AWS_ENDPOINT_URL,
    /// the AWS profile's, or the region's public endpoint).
    #[arg(long, env = "STUDIO_ADMIN_ENDPOINT_URL")]
    pub endpoint_url: Option<String>,
    /// Seconds allowed to one SageMaker call attempt.
    #[arg(long, default_value_t = 10, env = "STUDIO_ADMIN_SAGEMAKER_TIMEOUT")]
    pub sagemaker_timeout: u64,
    /// Attempts per SageMaker call, the first included (throttling, 5xx and timeouts are
    /// retried with jittered exponential backoff).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=10), env = "STUDIO_ADMIN_SAGEMAKER_MAX_ATTEMPTS")]
    pub sagemaker_max_attempts: u32,
}

/// Where a team comes from and where it goes: the flags `plan` and `apply` share.
#[derive(Debug, Clone, Args)]
pub struct TeamArgs {
    /// The team file: CSV with a header row, or a JSON array; `-` for standard input.
    #[arg(required_unless_present = "group")]
    pub file: Option<PathBuf>,
    /// Instead of a file: the members of this IAM Identity Center group (its name or id),
    /// one row each, the profile name made from the user name (SSO domains).
    #[arg(long, conflicts_with = "file")]
    pub group: Option<String>,
    /// The domain the profiles are for (`d-...`).
    #[arg(long, env = "STUDIO_ADMIN_DOMAIN")]
    pub domain: String,
    /// Leave existing profiles as they are (rows that differ are not updated).
    #[arg(long)]
    pub create_only: bool,
    /// Also list the domain's profiles the team does not list; `apply` offboards them with
    /// the whole cleanup (apps, owned spaces, then the profile), after the rows.
    #[arg(long)]
    pub prune: bool,
    /// Where and how AWS is called.
    #[command(flatten)]
    pub aws: AwsArgs,
}

/// Flags of `plan`.
#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    /// The team and the domain.
    #[command(flatten)]
    pub team: TeamArgs,
    /// Print the plan as JSON (the API's `BatchPlan`) instead of a table.
    #[arg(long, conflicts_with = "prune")]
    pub json: bool,
}

/// Flags of `apply`.
#[derive(Debug, Clone, Args)]
pub struct ApplyArgs {
    /// The team and the domain (a file read from standard input needs `--yes`: the
    /// confirmation is read from standard input too).
    #[command(flatten)]
    pub team: TeamArgs,
    /// Apply without asking (for CI).
    #[arg(long)]
    pub yes: bool,
    /// Also write the outcome of every row (and every profile offboarded) to this CSV
    /// file: row, name, outcome, profile ARN, Studio access, error.
    #[arg(long, value_name = "FILE")]
    pub results: Option<PathBuf>,
    /// The most rows in flight; fewer run while SageMaker throttles.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub max_in_flight: u16,
}

/// Flags of `validate`.
#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    /// The CreateUserProfile request as JSON: a file, or `-` for standard input.
    pub file: PathBuf,
    /// The target domain's auth mode (enables the SSO rules).
    #[arg(long, value_enum, env = "STUDIO_ADMIN_AUTH_MODE")]
    pub auth_mode: Option<AuthModeArg>,
    /// The target domain's network access type (enables the VPC rules).
    #[arg(long, value_enum, env = "STUDIO_ADMIN_NETWORK")]
    pub network: Option<NetworkArg>,
    /// A security group of the domain's default user settings (repeatable; in the
    /// environment, comma-separated).
    #[arg(
        long = "default-security-group",
        value_delimiter = ',',
        env = "STUDIO_ADMIN_DEFAULT_SECURITY_GROUPS"
    )]
    pub default_security_groups: Vec<String>,
    /// Print the problems as JSON instead of a table.
    #[arg(long, env = "STUDIO_ADMIN_VALIDATE_JSON")]
    pub json: bool,
}

/// A domain's auth mode, as AWS spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthModeArg {
    /// IAM users and roles sign in (presigned URLs).
    #[value(name = "IAM", alias = "iam")]
    Iam,
    /// IAM Identity Center users sign in.
    #[value(name = "SSO", alias = "sso")]
    Sso,
}

/// A domain's app network access type, as AWS spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkArg {
    /// Traffic goes through SageMaker's internet-enabled VPC.
    #[value(name = "PublicInternetOnly")]
    PublicInternetOnly,
    /// Traffic stays in the domain's VPC (security groups required).
    #[value(name = "VpcOnly")]
    VpcOnly,
}
