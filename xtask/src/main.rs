//! `cargo xtask`: the project's one entry point for set-up, tests, the demo and benchmarks.

mod codegen;

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
    match cli.task {
        Task::Codegen { check } => codegen::run(&root(), check),
    }
}
