//! `studio-admin apply FILE --domain D`: the plan of a team file (as `plan` prints it),
//! then, once confirmed, every row applied against SageMaker directly, with progress.
//!
//! Exit status: 0 when every row is done (or nothing had to change), 1 when the file or a
//! row has an error (nothing is sent), 3 when no plan could be made, 4 when a row failed
//! (the others are done: running the same command again finishes the rest and creates
//! nothing twice), 5 when the plan was not confirmed. `--results FILE` writes every row's
//! outcome as CSV (a results file that cannot be written counts as a failure).

use std::io::{BufRead as _, Write as _};
use std::process::ExitCode;
use std::sync::Arc;

use studio_admin_api::RowAction;
use studio_admin_model::table;

use super::plan::{Prepared, Pruned, prepare, pruned, table};
use studio_admin_api::RESULT_COLUMNS;

use crate::batch::apply::result_cells;
use crate::batch::concurrency::Window;
use crate::batch::prune::Offboarding;
use crate::batch::{self, ApplyOptions, OnEnd, Outcome};
use crate::cli::ApplyArgs;
use crate::identity;

/// Every row is done.
const DONE: u8 = 0;
/// A row has an error: nothing was sent.
const INVALID: u8 = 1;
/// No plan could be made.
const NO_PLAN: u8 = 3;
/// A row failed.
const ROW_FAILED: u8 = 4;
/// The plan was not confirmed.
const NOT_CONFIRMED: u8 = 5;

/// Runs the command.
pub async fn run(args: &ApplyArgs) -> ExitCode {
    let (prepared, offboarding, pruned) = match make(args).await {
        Ok(made) => made,
        Err(e) => {
            eprintln!("studio-admin apply: {e:#}");
            return ExitCode::from(NO_PLAN);
        }
    };
    let Prepared {
        client,
        plan,
        requests,
        domain,
    } = prepared;
    print!("{}{}", table(&plan), pruned.lines);
    if plan.has_problems() {
        println!("Nothing was applied: correct the rows above and run the command again.");
        return ExitCode::from(INVALID);
    }
    if plan.is_noop() && pruned.names.is_empty() {
        println!("Nothing to do.");
        return ExitCode::from(DONE);
    }
    let work = batch::work_of(&plan, requests);
    let sending = work
        .iter()
        .filter(|w| w.action == RowAction::Create || !args.team.create_only)
        .count();
    if !args.yes && !confirmed(&args.team.domain, sending, pruned.names.len()) {
        println!("Not applied.");
        return ExitCode::from(NOT_CONFIRMED);
    }
    // In an SSO domain the people of created profiles are let into Studio.
    let directory = match identity::discover(&client, &domain).await {
        Ok(directory) => directory.map(Arc::new),
        Err(e) => {
            eprintln!("studio-admin apply: cannot read the domain's IAM Identity Center: {e}");
            return ExitCode::from(NO_PLAN);
        }
    };
    let options = ApplyOptions {
        create_only: args.team.create_only,
        max_in_flight: usize::from(args.max_in_flight),
        directory,
        ..ApplyOptions::default()
    };
    let total = work.len();
    let width = total.to_string().len();
    let mut finished = 0;
    let mut highest = 0;
    let progress = OnEnd::new(|work: &batch::Work, outcome: &Outcome, window: &Window| {
        finished += 1;
        highest = highest.max(window.limit());
        let detail = match outcome {
            Outcome::Failed { error } => error.clone(),
            Outcome::Created {
                arn,
                access: Some(access),
            } => format!(
                "{}  Studio access: {}",
                arn.as_deref().unwrap_or_default(),
                access.describe()
            ),
            other => other.arn().unwrap_or_default().to_owned(),
        };
        println!(
            "[{finished:>width$}/{total}] {:<9}  {}  {detail}",
            outcome.label(),
            work.name
        );
    });
    let results = batch::apply(&client, work, &options, &progress).await;
    let count = |label: &str| {
        results
            .iter()
            .filter(|(_, outcome)| outcome.label() == label)
            .count()
    };
    let mut failed = count("failed");
    let mut cells: Vec<Vec<String>> = results
        .iter()
        .map(|(work, outcome)| result_cells(work, outcome))
        .collect();
    let offboarded = if let Some(offboarding) = &offboarding {
        let total = pruned.names.len();
        let mut ended = 0;
        let results = offboarding
            .run(&args.team.domain, &pruned.names, |name, result| {
                ended += 1;
                match result {
                    Ok(()) => println!("[{ended:>width$}/{total}] offboarded  {name}"),
                    Err(why) => println!("[{ended:>width$}/{total}] failed     {name}  {why}"),
                }
            })
            .await;
        failed += results.iter().filter(|(_, r)| r.is_err()).count();
        for (name, result) in &results {
            let (outcome, error) = match result {
                Ok(()) => ("offboarded", String::new()),
                Err(why) => ("failed", why.clone()),
            };
            cells.push(vec![
                String::new(),
                name.clone(),
                outcome.to_owned(),
                String::new(),
                String::new(),
                error,
            ]);
        }
        results.iter().filter(|(_, r)| r.is_ok()).count()
    } else {
        0
    };
    if let Some(path) = &args.results {
        let header = RESULT_COLUMNS.map(str::to_owned);
        if let Err(e) = std::fs::write(path, table::write(&header, &cells)) {
            eprintln!("studio-admin apply: cannot write {}: {e}", path.display());
            failed += 1;
        }
    }
    let pace = if highest > 0 {
        format!(" (at most {highest} rows at once)")
    } else {
        String::new()
    };
    println!(
        "\n{} created, {} updated, {} skipped, {offboarded} offboarded, {failed} failed{pace}",
        count("created"),
        count("updated"),
        count("skipped"),
    );
    if failed > 0 {
        println!("Run the same command again to finish the rest: the rows done are unchanged now.");
        return ExitCode::from(ROW_FAILED);
    }
    ExitCode::from(DONE)
}

/// Reads the file and plans it; with `--prune`, also the profiles to offboard and the
/// delete jobs' engine (nothing of it is set up otherwise).
async fn make(args: &ApplyArgs) -> anyhow::Result<(Prepared, Option<Offboarding>, Pruned)> {
    let prepared = prepare(&args.team).await?;
    if !args.team.prune {
        return Ok((prepared, None, Pruned::default()));
    }
    let offboarding = Offboarding::new(prepared.client.clone()).await?;
    let pruned = pruned(&offboarding, &prepared, &args.team.domain).await?;
    Ok((prepared, Some(offboarding), pruned))
}

/// Asks on standard input whether to send `changes` rows to `domain` and offboard
/// `leaving` profiles; only `yes` (or `y`) confirms.
fn confirmed(domain: &str, changes: usize, leaving: usize) -> bool {
    let offboard = if leaving > 0 {
        format!(" and offboard {leaving} profile(s) (apps, spaces, then the profile)")
    } else {
        String::new()
    };
    print!("Apply {changes} row(s){offboard} to domain {domain}? Type yes to go on: ");
    // The question must show before the answer is read.
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(_) => {
            println!();
            matches!(answer.trim().to_ascii_lowercase().as_str(), "yes" | "y")
        }
        Err(_) => false,
    }
}
