//! The `studio-admin` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser as _;
use studio_admin_proxy::cli::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    studio_admin_proxy::commands::run(Cli::parse()).await
}
