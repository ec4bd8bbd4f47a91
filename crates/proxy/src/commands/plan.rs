//! `studio-admin plan FILE --domain D`: what applying a team file would do, asked of
//! SageMaker directly with the standard AWS credential chain (no proxy needed), for CI.
//!
//! Exit status: 0 when nothing would change, 2 when rows would be created or updated, 1
//! when the file or a row has an error (each printed with its line, column and path), 3
//! when no plan could be made (the file cannot be read, SageMaker cannot be asked).

use std::fmt::Write as _;
use std::process::ExitCode;
use std::sync::Arc;

use studio_admin_api::{BatchPlan, RowAction};
use studio_admin_model::table::Table;
use studio_admin_model::{
    CreateUserProfileRequest, DescribeDomainRequest, DescribeDomainResponse, DomainContext,
    Severity,
};

use super::validate::read;
use crate::batch::prune::{self, Offboarding};
use crate::batch::{self, PlanOptions};
use crate::cli::{PlanArgs, TeamArgs};
use crate::config;
use crate::identity;
use crate::sagemaker::{SageMakerClient, SharedClient};

/// Nothing would change.
const NOTHING_TO_DO: u8 = 0;
/// A row has an error.
const INVALID: u8 = 1;
/// Rows would be created or updated.
const CHANGES: u8 = 2;
/// No plan could be made.
const NO_PLAN: u8 = 3;

/// Runs the command.
pub async fn run(args: &PlanArgs) -> ExitCode {
    match make(args).await {
        Ok((plan, pruned)) => {
            if args.json {
                match serde_json::to_string_pretty(&plan) {
                    Ok(json) => println!("{json}"),
                    Err(e) => {
                        eprintln!("studio-admin plan: cannot print JSON: {e}");
                        return ExitCode::from(NO_PLAN);
                    }
                }
            } else {
                print!("{}{}", table(&plan), pruned.lines);
            }
            ExitCode::from(if plan.has_problems() {
                INVALID
            } else if plan.is_noop() && pruned.names.is_empty() {
                NOTHING_TO_DO
            } else {
                CHANGES
            })
        }
        Err(e) => {
            eprintln!("studio-admin plan: {e:#}");
            ExitCode::from(NO_PLAN)
        }
    }
}

/// Reads the file, asks SageMaker for the domain and each row's profile (and, with
/// `--prune`, for the profiles the file does not list).
async fn make(args: &PlanArgs) -> anyhow::Result<(BatchPlan, Pruned)> {
    let prepared = prepare(&args.team).await?;
    let pruned = if args.team.prune {
        let offboarding = Offboarding::new(prepared.client.clone()).await?;
        pruned(&offboarding, &prepared, &args.team.domain).await?
    } else {
        Pruned::default()
    };
    Ok((prepared.plan, pruned))
}

/// The profiles `--prune` offboards, and the plan's lines about them.
#[derive(Debug, Default)]
pub(super) struct Pruned {
    /// Their names.
    pub names: Vec<String>,
    /// A line for each (what its delete removes first) and their count.
    pub lines: String,
}

/// The profiles of the domain the file does not list, each with what its delete removes.
pub(super) async fn pruned(
    offboarding: &Offboarding,
    prepared: &Prepared,
    domain: &str,
) -> anyhow::Result<Pruned> {
    let names = prune::unlisted(&prepared.client, domain, &prepared.plan).await?;
    let mut lines = String::new();
    for name in &names {
        let plan = offboarding.plan(domain, name).await?;
        let _ = writeln!(
            lines,
            "{:>4}  {:<9}  {name}  deletes {} app(s) and {} space(s) first",
            "-",
            "offboard",
            plan.apps.len(),
            plan.spaces.len()
        );
    }
    if !names.is_empty() {
        let _ = writeln!(
            lines,
            "{} to offboard (--prune: not in the file)",
            names.len()
        );
    }
    Ok(Pruned { names, lines })
}

/// A plan made for a command, with what applying it needs.
pub(super) struct Prepared {
    /// The client the plan was made with.
    pub client: SharedClient,
    /// The plan.
    pub plan: BatchPlan,
    /// The request of every valid row, by index into the plan's rows.
    pub requests: Vec<(usize, CreateUserProfileRequest)>,
    /// The domain as SageMaker describes it.
    pub domain: DescribeDomainResponse,
}

/// Reads the team (a file, or a directory group's members), asks SageMaker for the domain
/// and each row's profile.
pub(super) async fn prepare(team: &TeamArgs) -> anyhow::Result<Prepared> {
    let domain = team.domain.as_str();
    let (client_config, credentials) = config::aws(&team.aws).await?;
    let client = Arc::new(SageMakerClient::new(client_config, credentials)?);
    let described = client
        .describe_domain(&DescribeDomainRequest {
            domain_id: Some(domain.to_owned()),
        })
        .await
        .map_err(|e| anyhow::anyhow!("cannot describe domain {domain}: {e}"))?;
    let text = match (&team.file, &team.group) {
        (_, Some(group)) => group_text(&client, &described, group).await?,
        (Some(file), None) => {
            read(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?
        }
        (None, None) => anyhow::bail!("name a team file or a --group"),
    };
    let context = DomainContext::from_describe(&described);
    let options = PlanOptions {
        context: Some(&context),
        create_only: team.create_only,
    };
    let (plan, requests) = batch::plan_rows(&client, domain, Table::parse(&text), options).await?;
    Ok(Prepared {
        client,
        plan,
        requests,
        domain: described,
    })
}

/// The team file of the directory group named `group` (its display name in any case, or
/// its id).
async fn group_text(
    client: &SageMakerClient,
    domain: &DescribeDomainResponse,
    group: &str,
) -> anyhow::Result<String> {
    let domain_id = domain.domain_id.as_deref().unwrap_or_default();
    let Some(directory) = identity::discover(client, domain).await? else {
        anyhow::bail!(
            "domain {domain_id} does not sign in through IAM Identity Center (AuthMode SSO): it has no groups"
        );
    };
    let found = identity::groups(client, &directory)
        .await?
        .groups
        .into_iter()
        .find(|g| g.group_id == group || g.display_name.eq_ignore_ascii_case(group));
    let Some(found) = found else {
        anyhow::bail!("the directory of domain {domain_id} has no group named {group}");
    };
    match identity::group_file(client, &directory, &found.group_id).await? {
        Some(team) => Ok(team.file),
        None => anyhow::bail!("group {group} left the directory while it was read"),
    }
}

/// The plan as a person reads it: the counts, then a line per row and one per problem.
pub(super) fn table(plan: &BatchPlan) -> String {
    let mut out = String::new();
    for problem in &plan.problems {
        let _ = writeln!(
            out,
            "error    {}{}{}",
            problem
                .line
                .map(|l| format!("line {l}: "))
                .unwrap_or_default(),
            problem
                .column
                .as_ref()
                .map(|c| format!("column {c}: "))
                .unwrap_or_default(),
            problem.message
        );
    }
    let width = plan
        .rows
        .iter()
        .filter_map(|r| r.name.as_ref().map(|n| n.chars().count()))
        .max()
        .unwrap_or(0)
        .max("NAME".len());
    if !plan.rows.is_empty() {
        let _ = writeln!(
            out,
            "{:>4}  {:<9}  {:<width$}  DETAILS",
            "ROW", "ACTION", "NAME"
        );
    }
    for row in &plan.rows {
        let action = match (row.action, plan.create_only) {
            (RowAction::Update, true) => "skip",
            (action, _) => action.as_str(),
        };
        let details = if row.changes.is_empty() {
            String::new()
        } else {
            format!("changes {}", row.changes.join(", "))
        };
        let _ = writeln!(
            out,
            "{:>4}  {:<9}  {:<width$}  {details}",
            row.row,
            action,
            row.name.as_deref().unwrap_or("-")
        );
        for problem in &row.problems {
            let severity = match problem.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let at = match row.line {
                Some(line) => format!("line {line}, column {}", problem.column),
                None => format!("item {}, {}", row.row, problem.column),
            };
            let path = if problem.path.is_empty() || problem.path == problem.column {
                String::new()
            } else {
                format!(" ({})", problem.path)
            };
            let _ = writeln!(out, "      {severity}: {at}{path}: {}", problem.message);
        }
    }
    let counts = plan.counts;
    let _ = writeln!(
        out,
        "\n{} to create, {} to {}, {} unchanged, {} invalid",
        counts.create,
        counts.update,
        if plan.create_only {
            "skip (create-only)"
        } else {
            "update"
        },
        counts.unchanged,
        counts.invalid
    );
    out
}
