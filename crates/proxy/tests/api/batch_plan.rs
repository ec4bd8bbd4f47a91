//! A team from a file, planned before anything is sent: in the panel
//! (`POST /api/domains/{domain}/batch/plan`, the template) and from CI
//! (`studio-admin plan FILE --domain D`, against SageMaker directly), with the same rows,
//! counts, problems at their line and column, and exit codes CI can branch on.

use std::process::Output;

use axum::http::Method;
use serde_json::{Value, json};
use studio_admin_api::{BatchPlan, RowAction};
use studio_admin_emulator::RunningEmulator;
use studio_admin_model::{CreateUserProfileRequest, UserSettings};

use crate::helpers::binary::team_command;
use crate::helpers::{
    Browser, TestApp, profile_request, seed_iam_domain, seed_profile_as, seed_vpc_domain,
    start_emulator, team_accounts,
};

pub(crate) const ROLE: &str = "arn:aws:iam::111122223333:role/Team";
pub(crate) const OTHER_ROLE: &str = "arn:aws:iam::111122223333:role/Other";

/// Adds an InService profile whose execution role is `role`.
pub(crate) fn seed_with_role(emulator: &RunningEmulator, domain: &str, name: &str, role: &str) {
    let request = CreateUserProfileRequest {
        user_settings: Some(UserSettings {
            execution_role: Some(role.to_owned()),
            ..UserSettings::default()
        }),
        ..profile_request(domain, name)
    };
    seed_profile_as(emulator, request, 3600);
}

/// A team domain holding `kept` and `moved`, both with [`ROLE`].
async fn team() -> (TestApp, String) {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    seed_with_role(&emulator, &domain, "kept", ROLE);
    seed_with_role(&emulator, &domain, "moved", ROLE);
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, "d-bbbbbbbbbbbb"))
        .build();
    (app, domain)
}

/// A file with a row of each kind: a new profile, one as it is, one with another role,
/// a name AWS refuses, and the same name twice in different letter case.
fn mixed_file() -> String {
    format!(
        "UserProfileName,UserSettings.ExecutionRole,Tags.team\n\
         newcomer,{ROLE},ml\n\
         kept,{ROLE},\n\
         moved,{OTHER_ROLE},\n\
         bad_name!,{ROLE},\n\
         Twin,{ROLE},\n\
         twin,{ROLE},\n"
    )
}

async fn plan_of(who: &Browser, domain: &str, file: &str) -> (u16, Value) {
    let reply = who
        .post(
            &format!("/api/domains/{domain}/batch/plan"),
            &json!({ "file": file }),
        )
        .await;
    (reply.status.as_u16(), reply.json())
}

fn row<'a>(plan: &'a BatchPlan, name: &str) -> &'a studio_admin_api::PlanRow {
    plan.rows
        .iter()
        .find(|r| r.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no row {name} in {plan:#?}"))
}

#[tokio::test]
async fn a_plan_says_per_row_what_would_be_created_updated_or_left_and_sends_nothing() {
    let (app, domain) = team().await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let (status, body) = plan_of(&leo, &domain, &mixed_file()).await;
    assert_eq!(status, 200, "{body}");
    let plan: BatchPlan = serde_json::from_value(body).unwrap();

    assert_eq!(row(&plan, "newcomer").action, RowAction::Create);
    assert_eq!(row(&plan, "kept").action, RowAction::Unchanged);
    let moved = row(&plan, "moved");
    assert_eq!(moved.action, RowAction::Update);
    assert_eq!(moved.changes, ["UserSettings.ExecutionRole"]);
    let bad = row(&plan, "bad_name!");
    assert_eq!(bad.action, RowAction::Invalid);
    assert_eq!(bad.line, Some(5));
    assert!(bad.problems.iter().any(|p| p.column == "UserProfileName"));
    for twin in ["Twin", "twin"] {
        let twin = row(&plan, twin);
        assert_eq!(twin.action, RowAction::Invalid);
        assert!(twin.problems[0].message.contains("rows 5, 6"), "{twin:?}");
    }
    assert_eq!(
        (
            plan.counts.create,
            plan.counts.update,
            plan.counts.unchanged,
            plan.counts.invalid
        ),
        (1, 1, 1, 3)
    );
    let emulator = app.emulator().emulator();
    assert!(emulator.calls_of("CreateUserProfile").is_empty());
    assert!(emulator.calls_of("UpdateUserProfile").is_empty());
}

#[tokio::test]
async fn only_leads_of_the_domain_and_admins_may_plan() {
    let (app, domain) = team().await;
    for (name, allowed) in [
        ("vera", false),
        ("rita", false),
        ("lou", false),
        ("ada", true),
    ] {
        let who = Browser::sign_in(app.router(), name).await;
        let (status, body) = plan_of(&who, &domain, &mixed_file()).await;
        if allowed {
            assert_eq!(status, 200, "{name}: {body}");
        } else {
            assert!(status == 403 || status == 404, "{name}: {status} {body}");
        }
    }
}

#[tokio::test]
async fn rows_are_checked_with_the_domains_network_and_its_policy_fills_them() {
    let emulator = start_emulator().await;
    let domain = seed_vpc_domain(&emulator, "private", &[]);
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts(&domain, "d-bbbbbbbbbbbb"))
        .build();
    let leo = Browser::sign_in(app.router(), "leo").await;
    let file = "UserProfileName\nada\n";

    let (_, body) = plan_of(&leo, &domain, file).await;
    let plan: BatchPlan = serde_json::from_value(body).unwrap();
    assert_eq!(plan.rows[0].action, RowAction::Invalid);
    assert!(
        plan.rows[0]
            .problems
            .iter()
            .any(|p| p.column == "UserSettings.SecurityGroups"),
        "{plan:#?}"
    );

    let put = leo
        .send(
            Method::PUT,
            &format!("/api/domains/{domain}/policy"),
            Some(&json!({"fixed": {"UserSettings": {"SecurityGroups": ["sg-0a1b2c3d4e5f67890"]}}})),
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.text());
    let (_, body) = plan_of(&leo, &domain, file).await;
    let plan: BatchPlan = serde_json::from_value(body).unwrap();
    assert_eq!(plan.rows[0].action, RowAction::Create, "{plan:#?}");
}

#[tokio::test]
async fn a_file_with_an_unknown_column_is_refused_whole_at_that_column() {
    let (app, domain) = team().await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let (status, body) = plan_of(
        &leo,
        &domain,
        "UserProfileName,UserSettings.ExecutionRol\nada,x\n",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let plan: BatchPlan = serde_json::from_value(body).unwrap();
    assert!(plan.rows.is_empty());
    assert_eq!(plan.problems.len(), 1);
    assert_eq!(
        plan.problems[0].column.as_deref(),
        Some("UserSettings.ExecutionRol")
    );
    assert_eq!(plan.problems[0].line, Some(1));
}

#[tokio::test]
async fn a_file_too_large_for_other_routes_still_plans() {
    let (app, domain) = team().await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let role = "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole-Team";
    let mut file = String::from("UserProfileName,UserSettings.ExecutionRole\n");
    for i in 0..900 {
        file.push_str(&format!("member-{i:04},{role}\n"));
    }
    assert!(file.len() > 64 * 1024, "{} bytes", file.len());
    let (status, body) = plan_of(&leo, &domain, &file).await;
    assert_eq!(status, 200, "{body}");
    let plan: BatchPlan = serde_json::from_value(body).unwrap();
    assert_eq!(plan.counts.create, 900);
}

#[tokio::test]
async fn the_template_has_the_domains_columns_and_plans_as_one_new_profile() {
    let (app, domain) = team().await;
    let leo = Browser::sign_in(app.router(), "leo").await;
    let template = leo
        .get(&format!("/api/domains/{domain}/batch/template"))
        .await;
    assert_eq!(template.status, 200);
    let text = template.text();
    assert!(
        text.starts_with("UserProfileName,UserSettings.ExecutionRole,"),
        "{text}"
    );
    assert!(text.contains("Tags.Team"), "{text}");
    let (_, body) = plan_of(&leo, &domain, &text).await;
    let plan: BatchPlan = serde_json::from_value(body).unwrap();
    assert_eq!(plan.counts.create, 1, "{plan:#?}");
}

/// `studio-admin plan` against the emulator with the test keys; the file holds `file`.
async fn plan_command(
    emulator: &RunningEmulator,
    domain: &str,
    file: &str,
    more: &[&str],
) -> Output {
    team_command(emulator, "plan", domain, file, more, "").await
}

/// Checks that `text` says each of `parts`.
pub(crate) fn says(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
}

/// What the command printed, once it is checked to have exited with `code`.
pub(crate) fn exited(output: &Output, code: i32) -> String {
    let text = stdout(output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    text
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) async fn cli_team() -> (RunningEmulator, String) {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    seed_with_role(&emulator, &domain, "kept", ROLE);
    seed_with_role(&emulator, &domain, "moved", ROLE);
    (emulator, domain)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_exits_2_when_rows_would_change_and_prints_each() {
    let (emulator, domain) = cli_team().await;
    let file = format!(
        "UserProfileName,UserSettings.ExecutionRole\nnewcomer,{ROLE}\nmoved,{OTHER_ROLE}\n"
    );
    let output = plan_command(&emulator, &domain, &file, &[]).await;
    let text = exited(&output, 2);
    assert!(text.contains("create"), "{text}");
    assert!(
        text.contains("changes UserSettings.ExecutionRole"),
        "{text}"
    );
    assert!(
        text.contains("1 to create, 1 to update, 0 unchanged, 0 invalid"),
        "{text}"
    );
    assert!(emulator.emulator().calls_of("CreateUserProfile").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_exits_0_when_nothing_would_change() {
    let (emulator, domain) = cli_team().await;
    let file = format!("UserProfileName,UserSettings.ExecutionRole\nkept,{ROLE}\n");
    let output = plan_command(&emulator, &domain, &file, &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // An update left alone by --create-only is not a change either.
    let file = format!("UserProfileName,UserSettings.ExecutionRole\nmoved,{OTHER_ROLE}\n");
    let output = plan_command(&emulator, &domain, &file, &["--create-only"]).await;
    let text = exited(&output, 0);
    assert!(text.contains("skip"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_exits_1_and_prints_each_problem_at_its_line_and_column() {
    let (emulator, domain) = cli_team().await;
    let file =
        "UserProfileName,UserSettings.SecurityGroups\nok,\nbad_name!,sg-0a1b2c3d;not a group\n";
    let output = plan_command(&emulator, &domain, file, &[]).await;
    let text = exited(&output, 1);
    assert!(
        text.contains("error: line 3, column UserProfileName"),
        "{text}"
    );
    assert!(
        text.contains(
            "error: line 3, column UserSettings.SecurityGroups (UserSettings.SecurityGroups[1])"
        ),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_json_is_the_plan_the_panel_answers() {
    let (emulator, domain) = cli_team().await;
    let file =
        format!("UserProfileName,UserSettings.ExecutionRole\nnewcomer,{ROLE}\nkept,{ROLE}\n");
    let output = plan_command(&emulator, &domain, &file, &["--json"]).await;
    assert_eq!(output.status.code(), Some(2));
    let plan: BatchPlan = serde_json::from_str(&stdout(&output)).expect("a BatchPlan");
    assert_eq!(plan.domain_id, domain);
    assert_eq!((plan.counts.create, plan.counts.unchanged), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_exits_3_when_the_domain_cannot_be_found() {
    let (emulator, _) = cli_team().await;
    let output = plan_command(&emulator, "d-000000000000", "UserProfileName\nada\n", &[]).await;
    assert_eq!(output.status.code(), Some(3));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("d-000000000000"), "{error}");
}
