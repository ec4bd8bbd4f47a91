//! `cargo xtask test`: the project's one test command. Installs what is missing, then runs
//! every check CI relies on, stopping at the first failure.

use std::path::Path;

use anyhow::Result;

use crate::bootstrap::{self, Needs};
use crate::cmd::{command, run, step};
use crate::codegen;
use crate::postgres::TestPostgres;

/// Runs every check and test suite of the workspace.
pub fn run_all(root: &Path) -> Result<()> {
    bootstrap::ensure(root, Needs::ALL)?;

    step("Generated model types match the vendored service model");
    codegen::run(root, true)?;

    step("Formatting (cargo fmt --check)");
    run(command(root, "cargo").args(["fmt", "--all", "--check"]))?;

    step("Lints, native (cargo clippy --workspace --all-targets)");
    run(command(root, "cargo").args(clippy_args(&["--workspace", "--all-targets"])))?;

    step("Lints, browser build of the SPA (wasm32, with its browser tests)");
    run(command(root, "cargo").args(clippy_args(&[
        "-p",
        "studio-admin-web",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
    ])))?;

    // The model's and the API contract's tests and benchmarks are native (proptest,
    // criterion); what ships to the browser is their libraries.
    step("Lints, browser build of the model and API contract libraries (wasm32)");
    run(command(root, "cargo").args(clippy_args(&[
        "-p",
        "studio-admin-model",
        "-p",
        "studio-admin-api",
        "--target",
        "wasm32-unknown-unknown",
        "--lib",
    ])))?;

    // Before the native tests: the end-to-end tests serve this bundle.
    crate::bundle::build(root)?;

    // The store's conformance suite and the replicas' tests run on a real PostgreSQL,
    // stopped when this task ends (also on failure).
    let postgres = TestPostgres::start(root)?;
    step(
        "Native tests (model, emulator with boto3, proxy on SQLite and PostgreSQL, end-to-end in Chromium, xtask)",
    );
    run(command(root, "cargo")
        .args(["test", "--workspace"])
        .env("STUDIO_ADMIN_PYTHON", bootstrap::venv_python(root))
        .env("STUDIO_ADMIN_TEST_POSTGRES", &postgres.url))?;
    drop(postgres);

    step("Browser tests of the SPA in headless Chromium (wasm-bindgen-test)");
    run(command(root, "cargo")
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "studio-admin-web",
        ])
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        // The runner gives the whole page of browser tests 20 s by default; the 60 tests
        // take 23-30 s on two busy cores, and it then reports them as not run.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300"))?;

    println!("\nAll checks passed.");
    Ok(())
}

fn clippy_args<'a>(scope: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["clippy"];
    args.extend_from_slice(scope);
    args.extend_from_slice(&["--", "-D", "warnings"]);
    args
}
