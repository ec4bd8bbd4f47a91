//! The `studio-admin` binary as a separate process: an environment that cannot reach real
//! AWS settings, and a running server killed when the test ends.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use studio_admin_emulator::RunningEmulator;

use super::{ACCESS_KEY, SECRET_KEY};

/// The binary Cargo built for these tests.
const BIN: &str = env!("CARGO_BIN_EXE_studio-admin");

/// The binary with `home` as its home and no AWS or studio-admin settings from the
/// environment of the test run.
pub fn studio_admin(home: &Path) -> Command {
    let mut command = Command::new(BIN);
    for var in [
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_PROFILE",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_SAGEMAKER",
        "STUDIO_ADMIN_REGION",
        "STUDIO_ADMIN_ENDPOINT_URL",
        "STUDIO_ADMIN_DEMO",
        "STUDIO_ADMIN_LISTEN",
        "STUDIO_ADMIN_AUTH_CONFIG",
        "STUDIO_ADMIN_NO_AUTH",
        "STUDIO_ADMIN_PRICES",
    ] {
        command.env_remove(var);
    }
    command
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", home.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("no-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("RUST_LOG", "warn");
    command
}

/// Runs the binary in a new home holding the file `name` with `contents`, with `args` and
/// then the file's path; what it printed and how it exited.
pub fn run_with_file(name: &str, contents: &str, args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join(name);
    std::fs::write(&file, contents).expect("file written");
    studio_admin(home.path())
        .args(args)
        .arg(&file)
        .output()
        .expect("the binary runs")
}

/// Runs the binary in a new home with `args` and `input` on its standard input; what it
/// printed and how it exited.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let home = tempfile::tempdir().expect("temp dir");
    let mut child = studio_admin(home.path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("stdin written");
    child.wait_with_output().expect("it exits")
}

/// Runs `studio-admin VERB FILE --domain DOMAIN MORE...` against `emulator` with the test
/// keys, the file holding `file` (no file when `file` is empty: `--group` names the team)
/// and `input` on standard input; what it printed and how it exited. The emulator answers
/// on the test's runtime while the command runs.
pub async fn team_command(
    emulator: &RunningEmulator,
    verb: &str,
    domain: &str,
    file: &str,
    more: &[&str],
    input: &str,
) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("team.csv");
    std::fs::write(&path, file).expect("the file is written");
    let mut command = studio_admin(dir.path());
    command.arg(verb);
    if !file.is_empty() {
        command.arg(&path);
    }
    command
        .args(["--domain", domain])
        .args(["--endpoint-url", &emulator.url(), "--region", "us-east-1"])
        .args(more)
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let input = input.to_owned();
    let output = tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().expect("the binary runs");
        // A command that does not read its input closes the pipe: not an error here.
        let _ = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes());
        child.wait_with_output().expect("it exits")
    })
    .await
    .expect("the command ran");
    drop(dir);
    output
}

/// A running `studio-admin` process, killed (SIGKILL) when dropped.
#[derive(Debug)]
pub struct Running {
    /// The process.
    pub child: Child,
    /// The URL it printed, without the final `/`.
    pub url: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `command` and waits for its first line on stdout, which must be `prefix` and
/// the URL it serves (stdout carries nothing else; logs go to stderr).
pub async fn start(mut command: Command, prefix: &str) -> Running {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    // Read on a blocking thread: the binary may call an emulator served by this runtime
    // before it prints.
    let line = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        // Keep draining, so that the binary never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        first
    })
    .await
    .expect("stdout is read");
    let url = line
        .trim()
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{prefix:?} at the start of {line:?}"))
        .trim_end_matches('/')
        .to_owned();
    Running { child, url }
}
