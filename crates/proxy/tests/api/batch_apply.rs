//! A team file applied from CI (`studio-admin apply FILE --domain D`, against SageMaker
//! directly): the plan first, nothing sent without a `yes`, every row applied with
//! progress, nothing created twice (a lost answer, a second run), and a second run that
//! finishes what a first one could not.

use std::process::Output;

use studio_admin_emulator::{CallOutcome, RunningEmulator};
use studio_admin_model::{AppStatus, AppType};

use crate::batch_plan::{OTHER_ROLE, ROLE, cli_team, exited, says, stdout};
use crate::helpers::binary::team_command;
use crate::helpers::{On, seed_app, seed_sso_domain, start_emulator};
use crate::sso_access::{group_of, person};

/// `studio-admin apply` against the emulator; `input` is what is typed at the question.
async fn apply(
    emulator: &RunningEmulator,
    domain: &str,
    file: &str,
    more: &[&str],
    input: &str,
) -> Output {
    team_command(emulator, "apply", domain, file, more, input).await
}

/// How often a create of `name` took effect.
pub(crate) fn creates_of(emulator: &RunningEmulator, name: &str) -> usize {
    emulator
        .emulator()
        .calls_of("CreateUserProfile")
        .iter()
        .filter(|c| c.id("UserProfileName") == Some(name) && c.took_effect())
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_creates_and_updates_then_a_second_run_has_nothing_to_do() {
    let (emulator, domain) = cli_team().await;
    let file = format!(
        "UserProfileName,UserSettings.ExecutionRole\nnewcomer,{ROLE}\nkept,{ROLE}\nmoved,{OTHER_ROLE}\n"
    );
    let output = apply(&emulator, &domain, &file, &["--yes"], "").await;
    let text = exited(&output, 0);
    says(
        &text,
        &[
            "1 to create, 1 to update, 1 unchanged",
            "created    newcomer  arn:aws:sagemaker:",
            "updated    moved",
            "1 created, 1 updated, 0 skipped, 0 offboarded, 0 failed",
        ],
    );
    assert_eq!(creates_of(&emulator, "newcomer"), 1);
    assert_eq!(emulator.emulator().calls_of("UpdateUserProfile").len(), 1);

    // The profiles now are as the file says: the same file again changes nothing.
    let again = apply(&emulator, &domain, &file, &["--yes"], "").await;
    let text = exited(&again, 0);
    says(
        &text,
        &["0 to create, 0 to update, 3 unchanged", "Nothing to do."],
    );
    assert_eq!(creates_of(&emulator, "newcomer"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_only_leaves_a_profile_that_differs_as_it_is() {
    let (emulator, domain) = cli_team().await;
    let file = format!(
        "UserProfileName,UserSettings.ExecutionRole\nmoved,{OTHER_ROLE}\nnewcomer,{ROLE}\n"
    );
    let output = apply(&emulator, &domain, &file, &["--yes", "--create-only"], "").await;
    let text = exited(&output, 0);
    says(
        &text,
        &[
            "skipped    moved",
            "1 created, 0 updated, 1 skipped, 0 offboarded, 0 failed",
        ],
    );
    assert!(emulator.emulator().calls_of("UpdateUserProfile").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_yes_only_a_typed_yes_applies() {
    let (emulator, domain) = cli_team().await;
    let file = format!("UserProfileName,UserSettings.ExecutionRole\nnewcomer,{ROLE}\n");
    let declined = apply(&emulator, &domain, &file, &[], "no\n").await;
    let text = exited(&declined, 5);
    says(
        &text,
        &[
            &format!("Apply 1 row(s) to domain {domain}? Type yes"),
            "Not applied.",
        ],
    );
    // No answer at all (a closed input) is no confirmation either.
    let silent = apply(&emulator, &domain, &file, &[], "").await;
    assert_eq!(silent.status.code(), Some(5), "{}", stdout(&silent));
    assert!(emulator.emulator().calls_of("CreateUserProfile").is_empty());

    let confirmed = apply(&emulator, &domain, &file, &[], "yes\n").await;
    assert_eq!(confirmed.status.code(), Some(0), "{}", stdout(&confirmed));
    assert_eq!(creates_of(&emulator, "newcomer"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_row_stops_the_whole_file_before_anything_is_sent() {
    let (emulator, domain) = cli_team().await;
    let file =
        format!("UserProfileName,UserSettings.ExecutionRole\nnewcomer,{ROLE}\nbad_name!,{ROLE}\n");
    let output = apply(&emulator, &domain, &file, &["--yes"], "").await;
    let text = exited(&output, 1);
    says(
        &text,
        &[
            "error: line 3, column UserProfileName",
            "Nothing was applied",
        ],
    );
    assert!(emulator.emulator().calls_of("CreateUserProfile").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_whose_answers_were_lost_are_settled_not_sent_twice() {
    let (emulator, domain) = cli_team().await;
    emulator
        .emulator()
        .lose_next_answers("CreateUserProfile", 3);
    let names = ["ana", "ben", "cal", "dee", "eve"];
    let mut file = "UserProfileName,UserSettings.ExecutionRole\n".to_owned();
    for name in names {
        file.push_str(&format!("{name},{ROLE}\n"));
    }
    let output = apply(&emulator, &domain, &file, &["--yes"], "").await;
    let text = exited(&output, 0);
    says(
        &text,
        &["5 created, 0 updated, 0 skipped, 0 offboarded, 0 failed"],
    );
    let lost = emulator
        .emulator()
        .calls_of("CreateUserProfile")
        .iter()
        .filter(|c| c.outcome == CallOutcome::AnswerLost)
        .count();
    assert_eq!(lost, 3, "three answers were lost");
    for name in names {
        assert_eq!(creates_of(&emulator, name), 1, "{name} was created once");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_finishes_what_the_first_could_not_and_creates_nothing_twice() {
    let emulator = start_emulator().await;
    let domain = seed_sso_domain(&emulator, "research");
    person(&emulator, "ada.lovelace");
    let file = "UserProfileName,SingleSignOnUserIdentifier,SingleSignOnUserValue\n\
                ada,UserName,ada.lovelace\n\
                grace,UserName,grace.hopper\n";
    // grace is not in the directory yet: her row fails before anything is sent for it;
    // ada's profile is made and she is let into Studio.
    let dir = tempfile::tempdir().expect("temp dir");
    let results = dir.path().join("results.csv");
    let results_arg = results.display().to_string();
    let first = apply(
        &emulator,
        &domain,
        file,
        &["--yes", "--results", &results_arg],
        "",
    )
    .await;
    let text = exited(&first, 4);
    says(
        &text,
        &[
            "created    ada",
            "Studio access: direct",
            "failed     grace  nobody with the user name grace.hopper",
        ],
    );
    assert_eq!(creates_of(&emulator, "grace"), 0);
    says(&text, &["Run the same command again"]);
    // The results file has a line per row, for CI to keep.
    let written = std::fs::read_to_string(&results).expect("the results file is written");
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines[0], "row,name,outcome,profile_arn,access,error");
    assert!(
        lines[1].starts_with("1,ada,created,arn:aws:sagemaker:") && lines[1].ends_with(",direct,"),
        "{written}"
    );
    assert!(
        lines[2].starts_with("2,grace,failed,,,nobody with the user name grace.hopper"),
        "{written}"
    );

    person(&emulator, "grace.hopper");
    let second = apply(&emulator, &domain, file, &["--yes"], "").await;
    let text = exited(&second, 0);
    says(
        &text,
        &["1 to create, 0 to update, 1 unchanged", "created    grace"],
    );
    assert_eq!(creates_of(&emulator, "ada"), 1);
    assert_eq!(creates_of(&emulator, "grace"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_offboards_the_profiles_the_file_does_not_list_with_their_apps() {
    let (emulator, domain) = cli_team().await;
    seed_app(
        &emulator,
        &domain,
        On::User("moved"),
        AppType::JupyterServer,
        "default",
        AppStatus::InService,
    );
    let file = format!("UserProfileName,UserSettings.ExecutionRole\nkept,{ROLE}\n");

    // The plan shows who would leave and sends nothing.
    let planned = team_command(&emulator, "plan", &domain, &file, &["--prune"], "").await;
    let text = exited(&planned, 2);
    says(
        &text,
        &[
            "offboard   moved  deletes 1 app(s) and 0 space(s) first",
            "1 to offboard (--prune: not in the file)",
        ],
    );

    // Declined: nobody leaves.
    let declined = apply(&emulator, &domain, &file, &["--prune"], "no\n").await;
    let text = exited(&declined, 5);
    says(&text, &["and offboard 1 profile(s)"]);
    assert!(emulator.emulator().calls_of("DeleteUserProfile").is_empty());

    let output = apply(&emulator, &domain, &file, &["--prune", "--yes"], "").await;
    let text = exited(&output, 0);
    says(
        &text,
        &[
            "offboarded  moved",
            "0 created, 0 updated, 0 skipped, 1 offboarded, 0 failed",
        ],
    );
    // Oldest first.
    let deleted: Vec<_> = emulator
        .emulator()
        .calls()
        .into_iter()
        .filter(|c| c.operation.starts_with("Delete") && c.took_effect())
        .map(|c| c.operation)
        .collect();
    assert_eq!(
        deleted,
        ["DeleteApp", "DeleteUserProfile"],
        "the app went first"
    );

    // kept stays; the file now describes the whole domain.
    let again = apply(&emulator, &domain, &file, &["--prune", "--yes"], "").await;
    let text = exited(&again, 0);
    says(&text, &["Nothing to do."]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_directory_group_is_applied_as_the_team_one_profile_per_member() {
    let emulator = start_emulator().await;
    let domain = seed_sso_domain(&emulator, "research");
    let ada = person(&emulator, "ada.lovelace");
    let grace = person(&emulator, "grace.hopper");
    group_of(&emulator, "ML Researchers", &[&ada, &grace]);

    let unknown = team_command(&emulator, "plan", &domain, "", &["--group", "finance"], "").await;
    assert_eq!(unknown.status.code(), Some(3));
    let error = String::from_utf8_lossy(&unknown.stderr);
    assert!(error.contains("no group named finance"), "{error}");

    // The name in any case, as people type it.
    let output = apply(
        &emulator,
        &domain,
        "",
        &["--group", "ml researchers", "--yes"],
        "",
    )
    .await;
    let text = exited(&output, 0);
    says(
        &text,
        &[
            "2 to create",
            "created    ada-lovelace",
            "created    grace-hopper",
            "Studio access: direct",
        ],
    );
    assert_eq!(creates_of(&emulator, "ada-lovelace"), 1);
    assert_eq!(creates_of(&emulator, "grace-hopper"), 1);
}
