//! What each subcommand does; `main.rs` only parses the command line and calls [`run`].

mod apply;
mod plan;
mod serve;
mod user;
mod validate;

use std::process::ExitCode;

use crate::cli::{Cli, Command, UserCommand};
use crate::telemetry;

/// Runs the command the command line names and says how the process should exit.
pub async fn run(cli: Cli) -> ExitCode {
    telemetry::init(cli.log_format);
    let outcome = match cli.into_command() {
        Command::Serve(args) => serve::run(args).await,
        Command::Emulator(args) => studio_admin_emulator::cli::run(args).await,
        Command::Validate(args) => return validate::run(&args),
        Command::Plan(args) => return plan::run(&args).await,
        Command::Apply(args) => return apply::run(&args).await,
        Command::User(UserCommand::Add(args)) => user::add(&args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("studio-admin: {e:#}");
            ExitCode::FAILURE
        }
    }
}
