//! `studio-admin validate FILE`: checks a CreateUserProfile request as the panel does
//! before it calls AWS, for teams that keep profiles as JSON in their own CI.
//!
//! Exit status: 0 when AWS would accept the request (warnings allowed), 1 when it has an
//! error (including malformed JSON and unknown members), 2 when the file cannot be read.

use std::io::Read as _;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use studio_admin_model::{
    AppNetworkAccessType, AuthMode, CreateUserProfileRequest, DomainContext, JsonError, Problem,
    Severity, from_json_strict, validate,
};

use crate::cli::{AuthModeArg, NetworkArg, ValidateArgs};

/// One finding, as printed.
#[derive(Debug, Serialize)]
struct Row {
    path: String,
    severity: Severity,
    kind: String,
    message: String,
}

/// The `--json` output (the shape of the API's `POST /api/validate` answer).
#[derive(Debug, Serialize)]
struct Output {
    valid: bool,
    domain_checked: bool,
    problems: Vec<Row>,
}

/// Runs the command.
pub fn run(args: &ValidateArgs) -> ExitCode {
    let text = match read(&args.file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!(
                "studio-admin validate: cannot read {}: {e}",
                args.file.display()
            );
            return ExitCode::from(2);
        }
    };
    let context = domain_context(args);
    let rows = check(&text, context.as_ref());
    let output = Output {
        valid: !rows.iter().any(|r| r.severity == Severity::Error),
        domain_checked: context.is_some(),
        problems: rows,
    };
    if args.json {
        match serde_json::to_string_pretty(&output) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("studio-admin validate: cannot print JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", table(&output));
    }
    if output.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The text of `file`, or of standard input for `-`.
pub(super) fn read(file: &Path) -> std::io::Result<String> {
    if file == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}

/// The domain context from the flags; none when no flag describes the domain (the
/// domain-dependent rules are then skipped).
fn domain_context(args: &ValidateArgs) -> Option<DomainContext> {
    if args.auth_mode.is_none() && args.network.is_none() && args.default_security_groups.is_empty()
    {
        return None;
    }
    Some(DomainContext {
        auth_mode: match args.auth_mode {
            Some(AuthModeArg::Sso) => AuthMode::Sso,
            Some(AuthModeArg::Iam) | None => AuthMode::Iam,
        },
        app_network_access_type: match args.network {
            Some(NetworkArg::VpcOnly) => AppNetworkAccessType::VpcOnly,
            Some(NetworkArg::PublicInternetOnly) | None => AppNetworkAccessType::PublicInternetOnly,
        },
        default_security_groups: args.default_security_groups.clone(),
    })
}

/// Every finding for the document `text`.
fn check(text: &str, context: Option<&DomainContext>) -> Vec<Row> {
    match from_json_strict::<CreateUserProfileRequest>(text) {
        Ok(request) => validate(&request, context)
            .problems
            .iter()
            .map(row)
            .collect(),
        Err(e @ JsonError::Syntax { .. }) => vec![Row {
            path: String::new(),
            severity: Severity::Error,
            kind: "json".to_owned(),
            message: e.to_string(),
        }],
        Err(JsonError::UnknownMember { path }) => vec![Row {
            path,
            severity: Severity::Error,
            kind: "unknown_member".to_owned(),
            message: "unknown member: the SageMaker API has no member of this name here \
                      (check its spelling and case)"
                .to_owned(),
        }],
    }
}

fn row(p: &Problem) -> Row {
    let kind = serde_json::to_value(p.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    Row {
        path: p.path.clone(),
        severity: p.severity,
        kind,
        message: p.message.clone(),
    }
}

/// A table: severity, path, message; then a count.
fn table(output: &Output) -> String {
    if output.problems.is_empty() {
        return "No problems found.\n".to_owned();
    }
    let shown_path = |r: &Row| {
        if r.path.is_empty() {
            "(document)".to_owned()
        } else {
            r.path.clone()
        }
    };
    let width = output
        .problems
        .iter()
        .map(|r| shown_path(r).chars().count())
        .max()
        .unwrap_or(0)
        .max("PATH".len());
    let mut out = format!("{:<8} {:<width$} MESSAGE\n", "SEVERITY", "PATH");
    for r in &output.problems {
        let severity = match r.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "{severity:<8} {:<width$} {}\n",
            shown_path(r),
            r.message
        ));
    }
    let errors = output
        .problems
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .count();
    let warnings = output.problems.len() - errors;
    out.push_str(&format!(
        "\n{errors} error(s), {warnings} warning(s){}\n",
        if output.domain_checked {
            ""
        } else {
            " (domain rules skipped: pass --auth-mode, --network or --default-security-group)"
        }
    ));
    out
}
