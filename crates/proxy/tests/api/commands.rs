//! The `studio-admin` binary as people and CI run it: `validate` with its output and exit
//! codes, `serve --demo` end to end with a graceful stop, `emulator`, `user add`, and clear
//! refusals (no way of signing in, `--no-auth` beyond loopback, a bad accounts file).

use std::process::{Child, Command, Output};
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::binary::{run_with_file, run_with_stdin, start, studio_admin};
use crate::helpers::{ACCESS_KEY, SECRET_KEY, client, http, seed_iam_domain, start_emulator};

fn validate(args: &[&str], body: &Value) -> Output {
    let args = [&["validate"], args].concat();
    run_with_file("profile.json", &body.to_string(), &args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_valid_profile_passes_validation_with_exit_code_0() {
    let output = validate(
        &[],
        &json!({"DomainId": "d-abc123def456", "UserProfileName": "alice"}),
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("No problems found."));
}

#[test]
fn every_error_is_printed_with_its_path_and_the_exit_code_is_1() {
    let output = validate(
        &[],
        &json!({
            "DomainId": "d-abc123def456",
            "UserProfileName": "bad_name",
            "UserSettings": {"ExecutionRole": "not-a-role"},
            "Tags": [{"Key": "aws:team", "Value": "x"}]
        }),
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("SEVERITY"), "{text}");
    for path in [
        "UserProfileName",
        "UserSettings.ExecutionRole",
        "Tags[0].Key",
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with("error") && l.contains(path)),
            "{path} in\n{text}"
        );
    }
    assert!(text.contains("4 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn warnings_alone_exit_with_0_and_are_printed() {
    let output = validate(
        &["--auth-mode", "SSO"],
        &json!({
            "DomainId": "d-abc123def456",
            "UserProfileName": "researcher",
            "SingleSignOnUserIdentifier": "UserName",
            "SingleSignOnUserValue": "researcher@example.com"
        }),
    );
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.lines().any(|l| l.starts_with("warning")), "{text}");
    assert!(text.contains("0 error(s)"), "{text}");
}

#[test]
fn the_domain_flags_turn_on_the_domain_rules() {
    let body = json!({"DomainId": "d-abc123def456", "UserProfileName": "alice"});
    let without_groups = validate(&["--network", "VpcOnly"], &body);
    assert_eq!(without_groups.status.code(), Some(1));
    assert!(stdout(&without_groups).contains("UserSettings.SecurityGroups"));

    let with_default_group = validate(
        &[
            "--network",
            "VpcOnly",
            "--default-security-group",
            "sg-0123456789abcdef0",
        ],
        &body,
    );
    assert_eq!(with_default_group.status.code(), Some(0));
}

#[test]
fn json_output_lists_every_problem_with_path_severity_and_kind() {
    let output = validate(
        &["--json"],
        &json!({"DomainId": "d-abc123def456", "UserProfileName": "-bad-"}),
    );
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert_eq!(report["valid"], false);
    assert_eq!(report["domain_checked"], false);
    let problem = &report["problems"][0];
    assert_eq!(problem["path"], "UserProfileName");
    assert_eq!(problem["severity"], "error");
    assert_eq!(problem["kind"], "pattern");
}

#[test]
fn the_document_can_come_from_standard_input() {
    let output = run_with_stdin(
        &["validate", "-", "--json"],
        br#"{"UserProfileName": "alice"}"#,
    );
    assert_eq!(output.status.code(), Some(1), "DomainId is missing");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert_eq!(report["problems"][0]["path"], "DomainId");
}

#[test]
fn malformed_json_is_an_error_with_its_position() {
    let output = run_with_file(
        "broken.json",
        "{\n  \"UserProfileName\": \"alice\"\n  \"DomainId\": 1\n}",
        &["validate"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("invalid JSON at line 3"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn an_unknown_member_is_an_error_at_its_path() {
    let output = validate(
        &[],
        &json!({"DomainId": "d-abc123def456", "UserProfileName": "alice", "UserSetings": {}}),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("UserSetings"));
}

#[test]
fn a_file_that_cannot_be_read_exits_with_2_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = studio_admin(dir.path())
        .args(["validate", "/no/such/file.json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read /no/such/file.json"));
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

async fn get_json(url: &str) -> (u16, Value) {
    let response = http().get(url).send().await.expect("answered");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("body");
    (status, serde_json::from_slice(&bytes).expect("JSON"))
}

#[tokio::test]
async fn serve_demo_shows_the_demo_team_through_the_signed_path_and_stops_on_sigterm() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut command = studio_admin(home.path());
    command.args(["serve", "--demo", "--listen", "127.0.0.1:0", "--assets"]);
    command.arg(home.path().join("dist"));
    let mut server = start(command, "studio-admin serving ").await;

    let (status, signed_out) = get_json(&format!("{}/api/domains", server.url)).await;
    assert_eq!(status, 401, "{signed_out}");
    let cookie = sign_in_demo(&server.url, "demo-viewer").await;
    let get_json = |url: String| {
        let cookie = cookie.clone();
        async move {
            let response = http()
                .get(url)
                .header("cookie", cookie)
                .send()
                .await
                .expect("answered");
            let status = response.status().as_u16();
            let bytes = response.bytes().await.expect("body");
            (
                status,
                serde_json::from_slice::<Value>(&bytes).expect("JSON"),
            )
        }
    };

    let (status, domains) = get_json(format!("{}/api/domains", server.url)).await;
    assert_eq!(status, 200, "{domains}");
    let listed = domains["domains"].as_array().expect("domains");
    let mut names: Vec<&str> = listed
        .iter()
        .filter_map(|d| d["DomainName"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["ml-platform-team", "regulated-vpc", "research-sso"]);
    let team = listed
        .iter()
        .find(|d| d["DomainName"] == "ml-platform-team")
        .and_then(|d| d["DomainId"].as_str())
        .expect("the team domain")
        .to_owned();
    let (status, page) = get_json(format!(
        "{}/api/domains/{team}/profiles?limit=100",
        server.url
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(page["profiles"].as_array().map(Vec::len), Some(24));

    sigterm(&server.child);
    let exit = wait_for_exit(&mut server.child);
    assert_eq!(exit, Some(0), "a graceful stop exits with 0");
}

/// Signs in as the demo account `name` (password `demo`); returns the `Cookie` header.
async fn sign_in_demo(url: &str, name: &str) -> String {
    let response = http()
        .post(format!("{url}/api/session"))
        .header("origin", url)
        .header("content-type", "application/json")
        .body(json!({"name": name, "password": "demo"}).to_string())
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 200);
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie");
    set_cookie.split(';').next().expect("name=value").to_owned()
}

/// Runs the binary in a new home with `args`, expects it to refuse with exit code 1,
/// returns stderr.
fn refusal(args: &[&str]) -> String {
    let home = tempfile::tempdir().expect("temp dir");
    let output = studio_admin(home.path()).args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn serve_without_any_way_of_signing_in_refuses_to_start_and_names_the_three() {
    let stderr = refusal(&["serve", "--listen", "127.0.0.1:0", "--region", "us-east-1"]);
    for choice in ["--auth-config", "--demo", "--no-auth"] {
        assert!(stderr.contains(choice), "{stderr}");
    }
}

#[test]
fn no_auth_is_refused_beyond_loopback() {
    let stderr = refusal(&["serve", "--no-auth", "--demo", "--listen", "0.0.0.0:0"]);
    assert!(stderr.contains("loopback"), "{stderr}");
}

#[test]
fn an_accounts_file_with_an_unknown_key_refuses_to_start_with_its_line() {
    let output = run_with_file(
        "accounts.toml",
        "session_hours = 1
sesion_hours = 2
",
        &[
            "serve",
            "--demo",
            "--listen",
            "127.0.0.1:0",
            "--auth-config",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("sesion_hours"), "{stderr}");
}

fn wait_for_exit(child: &mut Child) -> Option<i32> {
    for _ in 0..100 {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the process did not stop within 5 s");
}

#[test]
fn serve_without_a_region_refuses_to_start_and_says_how_to_fix_it() {
    let stderr = refusal(&["serve", "--no-auth", "--listen", "127.0.0.1:0"]);
    assert!(stderr.contains("no AWS region"), "{stderr}");
    assert!(stderr.contains("--region"), "{stderr}");
}

#[test]
fn demo_and_an_endpoint_override_together_are_a_usage_error() {
    let home = tempfile::tempdir().expect("temp dir");
    let output = studio_admin(home.path())
        .args(["--demo", "--endpoint-url", "http://127.0.0.1:1"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be used with"));
}

#[tokio::test]
async fn the_emulator_subcommand_serves_sagemaker_for_other_clients() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut command = studio_admin(home.path());
    command.args(["emulator", "--listen", "127.0.0.1:0", "--seed", "demo"]);
    let emulator = start(command, "emulator listening on ").await;

    let client = client(&emulator.url);
    let domains = client.all_domains().await.expect("the emulator answers");
    assert_eq!(domains.len(), 3);
}

/// `serve` against AWS settings taken from the environment as the SDKs take them: keys
/// from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, the endpoint from `endpoint_var`.
async fn serve_with_aws_environment(endpoint_var: &str) {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "from-env");
    let home = tempfile::tempdir().expect("temp dir");
    let mut command = studio_admin(home.path());
    command
        .args([
            "serve",
            "--no-auth",
            "--listen",
            "127.0.0.1:0",
            "--region",
            "us-east-1",
        ])
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .env(endpoint_var, emulator.url());
    let server = start(command, "studio-admin serving ").await;

    let (status, body) = get_json(&format!("{}/api/domains", server.url)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["domains"][0]["DomainId"], domain.as_str());
}

#[tokio::test]
async fn serve_takes_keys_from_the_environment_and_the_sagemaker_endpoint_variable() {
    serve_with_aws_environment("AWS_ENDPOINT_URL_SAGEMAKER").await;
}

#[tokio::test]
async fn serve_takes_the_general_endpoint_variable_too() {
    serve_with_aws_environment("AWS_ENDPOINT_URL").await;
}

/// `user add` with `password` on standard input.
fn user_add(args: &[&str], password: &str) -> Output {
    let args = [&["user", "add"], args].concat();
    run_with_stdin(&args, format!("{password}\n").as_bytes())
}

#[test]
fn user_add_prints_an_entry_whose_hash_verifies_the_password() {
    let output = user_add(
        &[
            "alice",
            "--role",
            "lead",
            "--domain",
            "d-abc123def456",
            "--profile",
            "Alice",
        ],
        "a long passphrase",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(!text.contains("a long passphrase"), "{text}");
    let config = studio_admin_proxy::auth::AuthConfig::parse(&text).expect("a valid entry");
    let user = &config.users[0];
    assert_eq!(user.name, "alice");
    assert_eq!(user.role, studio_admin_proxy::auth::Role::Lead);
    assert_eq!(user.domains, ["d-abc123def456"]);
    assert_eq!(user.profile.as_deref(), Some("Alice"));
    assert!(user.password_hash.starts_with("$argon2id$"));
    assert!(studio_admin_proxy::auth::password::verify(
        "a long passphrase",
        &user.password_hash
    ));
    assert!(!studio_admin_proxy::auth::password::verify(
        "a long passphrasE",
        &user.password_hash
    ));
}

#[test]
fn user_add_refuses_a_short_password_and_a_lead_without_domains() {
    let short = user_add(&["bob", "--role", "admin"], "short");
    assert_eq!(short.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&short.stderr).contains("shorter than 8"));
    assert!(short.stdout.is_empty());
    let no_domain = user_add(&["bob", "--role", "lead"], "long enough");
    assert_eq!(no_domain.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&no_domain.stderr).contains("--domain"));
}
