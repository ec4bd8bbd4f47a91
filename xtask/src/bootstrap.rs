//! Installs exactly the tools a task needs and that are missing, skipping whatever is
//! already present at the right version, so a warm machine pays nothing and a fresh one
//! needs no manual step. Versions and install commands are the verified ones from the
//! project's toolchain notes (see ARCHITECTURE.md).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cmd::{command, output, run, step};

/// Debian packages for the browser tests: Chromium and its driver.
const APT_PACKAGES: &[(&str, &str)] = &[
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
];
/// binaryen's wasm-opt for the bundle's size pass. Debian's binaryen 108 rewrites the export of
/// wasm-bindgen's externref table so the app fails at start ("WebAssembly.Table.set():
/// Argument 1 is invalid"); the npm package ships a newer build that runs on node.
const BINARYEN_NPM: &str = "binaryen@132.0.0";
/// esbuild minifies the bundle's JS (wasm-bindgen's glue, the split loader) and CSS; the
/// npm package carries the native binary for the platform.
const ESBUILD_NPM: &str = "esbuild@0.28.2";
/// Python packages for the boto3 conformance suite.
const PY_PACKAGES: &[&str] = &["boto3", "pytest"];

/// What a task needs installed.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    /// wasm-bindgen-cli, wasm-opt, esbuild and the wasm32 target (building the SPA's
    /// bundle).
    pub web_build: bool,
    /// Chromium and ChromeDriver (browser tests).
    pub browser: bool,
    /// A Python virtualenv with boto3 and pytest (conformance tests).
    pub python: bool,
    /// PostgreSQL's server binaries (the store's and the replicas' tests).
    pub postgres: bool,
}

impl Needs {
    /// Nothing: start from it and name what a task needs.
    pub const NONE: Needs = Needs {
        web_build: false,
        browser: false,
        python: false,
        postgres: false,
    };
    /// Everything the whole test command uses.
    pub const ALL: Needs = Needs {
        web_build: true,
        browser: true,
        python: true,
        postgres: true,
    };
}

/// Ensures everything in `needs` is installed.
pub fn ensure(root: &Path, needs: Needs) -> Result<()> {
    step("Checking tools (installing only what is missing)");
    if needs.web_build || needs.browser {
        ensure_wasm_target(root)?;
        ensure_wasm_bindgen(root)?;
    }
    if needs.web_build {
        ensure_binaryen(root)?;
        ensure_esbuild(root)?;
    }
    if needs.browser {
        let packages: Vec<&str> = APT_PACKAGES
            .iter()
            .filter(|(_, probe)| !present(root, probe))
            .map(|(pkg, _)| *pkg)
            .collect();
        if packages.is_empty() {
            println!("    chromium and chromium-driver: present");
        }
        ensure_apt(root, &packages)?;
    }
    if needs.python {
        ensure_python(root)?;
    }
    if needs.postgres {
        if postgres_bin().is_some() {
            println!("    postgresql: present");
        } else {
            ensure_apt(root, &["postgresql"])?;
        }
    }
    Ok(())
}

/// The directory of the newest installed PostgreSQL server's binaries (Debian keeps
/// them in `/usr/lib/postgresql/VERSION/bin`).
pub fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("pg_ctl").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
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

/// The wasm-bindgen version Cargo.lock records: the CLI must match it exactly (the JS it
/// generates must fit the library compiled into the module).
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

/// The directory holding binaryen's executables (for `trunk serve`, put it first on PATH:
/// trunk takes the first `wasm-opt` it finds).
pub fn binaryen_bin(root: &Path) -> PathBuf {
    npm_bin(root, "binaryen")
}

fn ensure_binaryen(root: &Path) -> Result<()> {
    let wasm_opt = binaryen_bin(root).join("wasm-opt");
    let have = output(command(root, &wasm_opt).arg("--version")).unwrap_or_default();
    if have.contains("version 132") {
        println!("    wasm-opt (binaryen 132): present");
        return Ok(());
    }
    npm_install(root, "binaryen", BINARYEN_NPM)
}

/// The esbuild executable (installed under target/tools).
pub fn esbuild(root: &Path) -> PathBuf {
    npm_bin(root, "esbuild").join("esbuild")
}

/// The executables of the npm package installed under target/tools/`dir`.
fn npm_bin(root: &Path, dir: &str) -> PathBuf {
    tools_dir(root).join(dir).join("node_modules").join(".bin")
}

fn ensure_esbuild(root: &Path) -> Result<()> {
    let want = ESBUILD_NPM.trim_start_matches("esbuild@");
    let have = output(command(root, esbuild(root)).arg("--version")).unwrap_or_default();
    if have == want {
        println!("    esbuild {want}: present");
        return Ok(());
    }
    npm_install(root, "esbuild", ESBUILD_NPM)
}

/// Installs the npm package `spec` under target/tools/`dir` (with node and npm from Debian
/// when they are missing).
fn npm_install(root: &Path, dir: &str, spec: &str) -> Result<()> {
    if output(command(root, "npm").arg("--version")).is_none() {
        ensure_apt(root, &["nodejs", "npm"])?;
    }
    step(&format!(
        "Installing {spec} (npm package) under target/tools"
    ));
    let prefix = tools_dir(root).join(dir);
    std::fs::create_dir_all(&prefix)?;
    run(command(root, "npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(spec))
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
