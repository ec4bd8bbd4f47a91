//! The boto3 conformance suites (`tests/boto3/`: SageMaker in `test_conformance.py`, IAM
//! Identity Center's identitystore and sso-admin clients in `test_identity_center.py`),
//! run with the real boto3 clients against emulators started in this process.
//!
//! The Python interpreter is `STUDIO_ADMIN_PYTHON` when set (`cargo xtask test` points it
//! at a virtualenv it prepared); otherwise this test creates `target/py-venv` with
//! `python3 -m venv` and installs boto3 and pytest into it, so plain `cargo test` works.
//! pytest's output is printed when the suite fails.

use std::path::{Path, PathBuf};
use std::process::Output;

use std::time::Duration;

use studio_admin_emulator::{DirectoryUser, Emulator, EmulatorConfig, Faults, Timings, spawn};
use tokio::process::Command;

const KEY_ID: &str = "AKIAEMULATORBOTO3000";
const SECRET: &str = "boto3/conformance/secret/0123456789";
const REGION: &str = "us-east-1";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

fn describe(output: &Output) -> String {
    format!(
        "exit status {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn run(program: &Path, args: &[&str]) -> Result<Output, String> {
    Command::new(program)
        .args(args)
        .output()
        .await
        .map_err(|e| format!("cannot run {}: {e}", program.display()))
}

async fn has_packages(python: &Path) -> bool {
    run(python, &["-c", "import boto3, pytest"])
        .await
        .is_ok_and(|o| o.status.success())
}

/// The interpreter to run pytest with, preparing `target/py-venv` if needed.
async fn python() -> Result<PathBuf, String> {
    if let Some(python) = std::env::var_os("STUDIO_ADMIN_PYTHON") {
        return Ok(PathBuf::from(python));
    }
    let venv = target_dir().join("py-venv");
    let python = venv.join("bin").join("python");
    if has_packages(&python).await {
        return Ok(python);
    }
    let venv_text = venv.to_string_lossy().into_owned();
    let created = run(Path::new("python3"), &["-m", "venv", &venv_text]).await?;
    if !created.status.success() {
        return Err(format!("python3 -m venv failed: {}", describe(&created)));
    }
    let installed = run(
        &python,
        &["-m", "pip", "install", "--quiet", "boto3", "pytest"],
    )
    .await?;
    if !installed.status.success() {
        return Err(format!(
            "pip install boto3 pytest failed: {}",
            describe(&installed)
        ));
    }
    Ok(python)
}

fn config(faults: Faults) -> EmulatorConfig {
    EmulatorConfig {
        region: REGION.to_owned(),
        credentials: Some((KEY_ID.to_owned(), SECRET.to_owned())),
        timings: Timings::instant(),
        faults,
        ..EmulatorConfig::default()
    }
}

/// The directory `test_identity_center.py` expects (the Identity Store API only reads it).
fn seed_directory(emulator: &Emulator) {
    let mut ids = Vec::new();
    for (user_name, given, family) in [
        ("maria.garcia", "Maria", "Garcia"),
        ("kenji.watanabe", "Kenji", "Watanabe"),
        ("amara.diallo", "Amara", "Diallo"),
    ] {
        let user = DirectoryUser {
            user_name: user_name.to_owned(),
            given_name: given.to_owned(),
            family_name: family.to_owned(),
            email: format!("{user_name}@example.com"),
        };
        ids.push(
            emulator
                .seed_directory_user(user, Duration::from_secs(86_400))
                .unwrap(),
        );
    }
    let researchers = emulator
        .seed_directory_group("ml-researchers", None, Duration::from_secs(86_400))
        .unwrap();
    emulator.seed_group_member(&researchers, &ids[0]).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_boto3_conformance_suite_passes() {
    let python = python().await.unwrap_or_else(|e| panic!("{e}"));
    let loopback = "127.0.0.1:0".parse().unwrap();
    let emulator = spawn(config(Faults::default()), loopback).await.unwrap();
    seed_directory(emulator.emulator());
    let throttling = spawn(
        config(Faults {
            throttle_rate: 1.0,
            ..Faults::default()
        }),
        loopback,
    )
    .await
    .unwrap();

    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/boto3");
    let mut command = Command::new(&python);
    command
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(&suite);
    // Only what this test sets may configure the client: no profile, no real keys.
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("AWS_") {
            command.env_remove(name);
        }
    }
    command
        .env("AWS_ENDPOINT_URL_SAGEMAKER", emulator.url())
        .env("AWS_ENDPOINT_URL_IDENTITYSTORE", emulator.url())
        .env("AWS_ENDPOINT_URL_SSO_ADMIN", emulator.url())
        .env("AWS_DEFAULT_REGION", REGION)
        .env("AWS_ACCESS_KEY_ID", KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("STUDIO_ADMIN_THROTTLING_ENDPOINT", throttling.url())
        .env("PYTHONDONTWRITEBYTECODE", "1");
    let output = command
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    assert!(
        output.status.success(),
        "the boto3 conformance suite failed\n{}",
        describe(&output)
    );
    println!("{}", String::from_utf8_lossy(&output.stdout));

    emulator.shutdown().await.unwrap();
    throttling.shutdown().await.unwrap();
}
