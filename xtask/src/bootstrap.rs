//! Installs exactly the tools a task needs and that are missing, skipping whatever is
//! already present at the right version, so a warm machine pays nothing and a fresh one
//! needs no manual step. Versions and install commands are the verified ones from the
//! project's toolchain notes (see ARCHITECTURE.md).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cmd::{command, output, run, step};

/// trunk 0.22 needs a newer rustc than this project's toolchain; 0.21.14 is verified.
const TRUNK_VERSION: &str = "0.21.14";
/// Debian packages for the browser tests: Chromium and its driver.
const APT_PACKAGES: &[(&str, &str)] = &[
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
];
/// binaryen's wasm-opt for trunk's size pass. Debian's binaryen 108 rewrites the export of
/// wasm-bindgen's externref table so the app fails at start ("WebAssembly.Table.set():
/// Argument 1 is invalid"); the npm package ships a newer build that runs on node.
const BINARYEN_NPM: &str = "binaryen@132.0.0";
/// Python packages for the boto3 conformance suite.
const PY_PACKAGES: &[&str] = &["boto3", "pytest"];

/// What a task needs installed.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    /// trunk, wasm-bindgen-cli, wasm-opt and the wasm32 target (building the SPA).
    pub web_build: bool,
    /// Chromium and ChromeDriver (browser tests).
    pub browser: bool,
    /// A Python virtualenv with boto3 and pytest (conformance tests).
    pub python: bool,
}

/// Ensures everything in `needs` is installed.
pub fn ensure(root: &Path, needs: Needs) -> Result<()> {
    step("Checking tools (installing only what is missing)");
    if needs.web_build || needs.browser {
        ensure_wasm_target(root)?;
        ensure_wasm_bindgen(root)?;
    }
    if needs.web_build {
        ensure_trunk(root)?;
        ensure_binaryen(root)?;
    }
    if needs.browser {
        let packages: Vec<&str> = APT_PACKAGES
            .iter()
            .filter(|(_, probe)| !present(root, probe))
            .map(|(pkg, _)| *pkg)
            .collect();
        ensure_apt(root, &packages)?;
    }
    if needs.python {
        ensure_python(root)?;
    }
    Ok(())
}

fn present(root: &Path, probe: &str) -> bool {
    if probe.starts_with('/') {
        Path::new(probe).exists()
    } else {
        output(command(root, probe).arg("--version")).is_some()
    }
}

fn ensure_wasm_target(root: &Path) -> Result<()> {
    let installed =
        output(command(root, "rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l == "wasm32-unknown-unknown") {
        println!("    wasm32-unknown-unknown target: present");
        return Ok(());
    }
    step("Installing the wasm32-unknown-unknown target");
    run(command(root, "rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk(root: &Path) -> Result<()> {
    let have = output(command(root, "trunk").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        println!("    trunk {TRUNK_VERSION}: present");
        return Ok(());
    }
    step(&format!(
        "Installing trunk {TRUNK_VERSION} (takes several minutes on 2 cores)"
    ));
    run(command(root, "cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen version Cargo.lock records: the CLI must match it exactly, or trunk
/// tries to download its own copy.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

fn ensure_wasm_bindgen(root: &Path) -> Result<()> {
    let want = locked_wasm_bindgen_version(root)?;
    let have = output(command(root, "wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = output(command(root, "wasm-bindgen-test-runner").arg("--version")).is_some();
    if have.split_whitespace().nth(1) == Some(want.as_str()) && runner {
        println!("    wasm-bindgen-cli {want}: present");
        return Ok(());
    }
    step(&format!(
        "Installing wasm-bindgen-cli {want} (about two minutes)"
    ));
    // No --locked: the CLI's own lockfile asks for a release the registry mirror lacks.
    run(command(root, "cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn ensure_apt(root: &Path, packages: &[&str]) -> Result<()> {
    if packages.is_empty() {
        println!("    chromium and chromium-driver: present");
        return Ok(());
    }
    let uid = output(command(root, "id").arg("-u")).unwrap_or_default();
    if uid != "0" {
        bail!(
            "missing system packages: {}. Install them with: sudo apt-get install -y {}",
            packages.join(", "),
            packages.join(" ")
        );
    }
    step(&format!(
        "Installing system packages: {}",
        packages.join(" ")
    ));
    run(command(root, "apt-get").args(["update", "-q"]))?;
    run(command(root, "apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Where project-local tools live (kept under target/ so `cargo clean` removes them).
fn tools_dir(root: &Path) -> PathBuf {
    root.join("target").join("tools")
}

/// The directory holding binaryen's executables; put it first on PATH for trunk, which
/// takes the first `wasm-opt` it finds.
pub fn binaryen_bin(root: &Path) -> PathBuf {
    tools_dir(root)
        .join("binaryen")
        .join("node_modules")
        .join(".bin")
}

fn ensure_binaryen(root: &Path) -> Result<()> {
    let wasm_opt = binaryen_bin(root).join("wasm-opt");
    let have = output(command(root, &wasm_opt).arg("--version")).unwrap_or_default();
    if have.contains("version 132") {
        println!("    wasm-opt (binaryen 132): present");
        return Ok(());
    }
    if output(command(root, "npm").arg("--version")).is_none() {
        ensure_apt(root, &["nodejs", "npm"])?;
    }
    step(&format!(
        "Installing wasm-opt ({BINARYEN_NPM}, npm package) under target/tools"
    ));
    let prefix = tools_dir(root).join("binaryen");
    std::fs::create_dir_all(&prefix)?;
    run(command(root, "npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(BINARYEN_NPM))
}

/// A command for trunk with the project's wasm-opt first on PATH.
pub fn trunk(root: &Path) -> std::process::Command {
    let mut cmd = command(root, "trunk");
    let path = format!(
        "{}:{}",
        binaryen_bin(root).display(),
        crate::cmd::path_with_cargo_bin()
    );
    cmd.env("PATH", path);
    cmd
}

/// The virtualenv holding boto3 and pytest for the conformance suite.
pub fn python_venv(root: &Path) -> PathBuf {
    root.join("target").join("py-venv")
}

/// The interpreter inside [`python_venv`].
pub fn venv_python(root: &Path) -> PathBuf {
    python_venv(root).join("bin").join("python")
}

fn ensure_python(root: &Path) -> Result<()> {
    let python = venv_python(root);
    let ready = output(command(root, &python).args(["-c", "import boto3, pytest"])).is_some();
    if ready {
        println!("    python venv with boto3 and pytest: present");
        return Ok(());
    }
    step("Creating target/py-venv with boto3 and pytest");
    run(command(root, "python3")
        .arg("-m")
        .arg("venv")
        .arg(python_venv(root)))?;
    run(command(root, &python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(PY_PACKAGES))
}
