//! What the benchmarks share: their rows of measurements and where those are written, and
//! the private space they seed into the emulator. Each benchmark is a target of its own
//! that includes this file, and uses only part of it.

#![allow(dead_code, reason = "each benchmark uses part of what they share")]

use std::future::Future;
use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use anyhow::Context as _;
use serde::Serialize;
use studio_admin_model::{
    AppType, CreateAppRequest, CreateSpaceRequest, CreateUserProfileRequest, OwnershipSettings,
    SharingType, SpaceSharingSettings,
};

/// The region the benchmarks' emulators answer in.
pub const REGION: &str = "us-east-1";
/// The access key the benchmarks' emulators accept.
pub const ACCESS_KEY: &str = "AKIDBENCHBENCHBENCH0";
/// Its secret.
pub const SECRET_KEY: &str = "bench/secret/key/0000000000000000000000";

/// Runs `bench` to its end on a multi-threaded runtime, as the server it measures runs.
pub fn block_on<F: Future>(bench: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(bench)
}

/// `target/bench-results`, in the workspace's target directory.
fn results_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    target.join("bench-results")
}

/// Writes `rows` to `target/bench-results/{name}.json` and says where.
pub fn write_results<T: Serialize + ?Sized>(name: &str, rows: &T) -> anyhow::Result<()> {
    let dir = results_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, serde_json::to_string_pretty(rows)?)
        .with_context(|| format!("write {}", file.display()))?;
    println!("rows written to {}", file.display());
    Ok(())
}

/// A private space `name` of `owner` in `domain`, to seed.
pub fn private_space(domain: &str, name: &str, owner: &str) -> CreateSpaceRequest {
    CreateSpaceRequest {
        domain_id: Some(domain.to_owned()),
        space_name: Some(name.to_owned()),
        ownership_settings: Some(OwnershipSettings {
            owner_user_profile_name: Some(owner.to_owned()),
        }),
        space_sharing_settings: Some(SpaceSharingSettings {
            sharing_type: Some(SharingType::Private),
        }),
        ..CreateSpaceRequest::default()
    }
}

/// An app `name` of `app_type` in `domain`, of the profile `user` or in the space `space`,
/// to seed.
pub fn app_request(
    domain: &str,
    user: Option<&str>,
    space: Option<&str>,
    app_type: AppType,
    name: &str,
) -> CreateAppRequest {
    CreateAppRequest {
        domain_id: Some(domain.to_owned()),
        user_profile_name: user.map(str::to_owned),
        space_name: space.map(str::to_owned),
        app_type: Some(app_type),
        app_name: Some(name.to_owned()),
        ..CreateAppRequest::default()
    }
}

/// Starts `command` (a `studio-admin serve`) and waits for the URL it prints once it
/// listens; the rest of its output is read and dropped so that it never blocks on a full
/// pipe. Returns the child and its URL.
pub fn serve(command: &mut Command) -> (Child, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    std::thread::spawn(move || lines.for_each(drop));
    let url = first
        .trim()
        .strip_prefix("studio-admin serving ")
        .unwrap_or_else(|| panic!("the server printed {first:?}, not its URL"))
        .trim_end_matches('/')
        .to_owned();
    (child, url)
}

/// A profile `name` in `domain` with the domain's defaults, to seed.
pub fn profile_request(domain: &str, name: &str) -> CreateUserProfileRequest {
    CreateUserProfileRequest {
        domain_id: Some(domain.to_owned()),
        user_profile_name: Some(name.to_owned()),
        ..CreateUserProfileRequest::default()
    }
}

/// One row of a benchmark whose every measurement has a target: the value, the target
/// and whether it was met.
#[derive(Debug, Serialize)]
pub struct Judged {
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub target: String,
    pub pass: bool,
}

/// Prints `rows` as a table: name, value, unit, target, and `ok` or `MISSED`.
pub fn print_judged(rows: &[Judged]) {
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(10);
    let target = rows.iter().map(|r| r.target.len()).max().unwrap_or(6);
    println!(
        "{:width$}  {:>10}  {:<6}  {:<target$}  result",
        "benchmark", "value", "unit", "target"
    );
    for r in rows {
        let verdict = if r.pass { "ok" } else { "MISSED" };
        println!(
            "{:width$}  {:>10.2}  {:<6}  {:<target$}  {verdict}",
            r.name, r.value, r.unit, r.target
        );
    }
}

/// One row of a benchmark's results: a measurement, and the target it is held to if any.
#[derive(Debug, Serialize)]
pub struct Row {
    pub name: String,
    pub value: f64,
    pub unit: String,
    pub target: Option<String>,
    pub pass: Option<bool>,
}

impl Row {
    /// A measurement with no target: recorded to be seen, not judged.
    pub fn measured(name: &str, value: f64, unit: &str) -> Self {
        Self {
            name: name.to_owned(),
            value,
            unit: unit.to_owned(),
            target: None,
            pass: None,
        }
    }
}

/// Prints `rows` as a table whose names take `width` columns and writes them to
/// `target/bench-results/{name}.json`.
pub fn report(name: &str, rows: &[Row], width: usize) {
    println!(
        "\n{:width$}  {:>10}  {:<8}  target",
        "measurement", "value", "unit"
    );
    for r in rows {
        println!(
            "{:width$}  {:>10.2}  {:<8}  {}",
            r.name,
            r.value,
            r.unit,
            r.target.as_deref().unwrap_or("(measured)")
        );
    }
    write_results(name, rows).expect("the results file can be written");
}
