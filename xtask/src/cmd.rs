//! Running commands the way every task wants: announced, inheriting output, failing loudly.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

/// Prints a step heading, so a long run shows where it is.
pub fn step(what: &str) {
    println!("\n==> {what}");
}

/// Builds a command rooted at `dir`, with the cargo bin directory first on PATH (tools
/// installed by `cargo install` must be found even where the shell's PATH lacks it).
pub fn command(dir: &Path, program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir);
    cmd.env("PATH", path_with_cargo_bin());
    cmd
}

/// PATH with `$CARGO_HOME/bin` (or `~/.cargo/bin`) in front.
pub fn path_with_cargo_bin() -> String {
    let path = std::env::var("PATH").unwrap_or_default();
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(|h| format!("{h}/bin"))
        .or_else(|_| std::env::var("HOME").map(|h| format!("{h}/.cargo/bin")));
    match cargo_bin {
        Ok(bin) if !path.split(':').any(|p| p == bin) => format!("{bin}:{path}"),
        _ => path,
    }
}

/// Runs `cmd` to completion with inherited output; an error names the command.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    println!("    $ {}", shown.replace('"', ""));
    let started = Instant::now();
    let status = cmd
        .status()
        .with_context(|| format!("could not start {shown}"))?;
    if !status.success() {
        bail!("command failed ({status}): {shown}");
    }
    println!("    done in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Runs `cmd` quietly and returns its trimmed stdout, or `None` when it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}
