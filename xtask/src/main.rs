//! `cargo xtask`: the project's one entry point for set-up, tests, the demo and benchmarks.
//! Every task installs the tools it needs first, so a fresh machine needs no manual step.

mod bench;
mod bootstrap;
mod bundle;
mod cmd;
mod codegen;
mod demo;
mod postgres;
mod test;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "studio-admin project tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Install what is missing, then run every check and test (the CI command).
    Test,
    /// Build the SPA and serve the panel on the embedded emulator (no AWS account needed).
    Demo {
        /// Address to serve on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Hourly prices of instance types (CSV), so the running page estimates costs.
        #[arg(long)]
        prices: Option<PathBuf>,
    },
    /// Build the SPA's release bundle (code-split) into dist/, as the proxy serves it.
    Bundle,
    /// Run the benchmarks and print one table.
    Bench,
    /// Start a throwaway PostgreSQL (as `cargo xtask test` does) and keep it until Enter,
    /// for running the PostgreSQL tests by hand: it prints the STUDIO_ADMIN_TEST_POSTGRES
    /// to export.
    Postgres,
    /// Regenerate crates/model/src/generated.rs from the vendored service model.
    Codegen {
        /// Fail if the committed file differs instead of writing it.
        #[arg(long)]
        check: bool,
    },
}

/// The workspace root (xtask lives one level below it).
fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or(manifest.clone(), PathBuf::from)
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let root = root();
    match cli.task {
        Task::Test => test::run_all(&root),
        Task::Demo { listen, prices } => demo::run_demo(&root, &listen, prices.as_deref()),
        Task::Bundle => bundle::run_bundle(&root),
        Task::Bench => bench::run_all(&root),
        Task::Postgres => postgres::serve_until_enter(&root),
        Task::Codegen { check } => codegen::run(&root, check),
    }
}
