//! `cargo xtask demo`: builds the SPA and runs the panel on the embedded emulator, so the
//! whole product can be tried with no AWS account.

use std::path::Path;

use anyhow::Result;

use crate::bootstrap::{self, Needs};
use crate::cmd::{command, run, step};

/// Builds everything and serves the panel in demo mode until interrupted.
pub fn run_demo(root: &Path, listen: &str) -> Result<()> {
    bootstrap::ensure(
        root,
        Needs {
            web_build: true,
            browser: false,
            python: false,
            postgres: false,
        },
    )?;

    crate::bundle::build(root)?;

    step("Building the studio-admin server");
    run(command(root, "cargo").args(["build", "--release", "-p", "studio-admin-proxy"]))?;

    // Delete jobs live in a file, as in production, so a restarted demo shows its history.
    let db = root.join("target").join("demo.db");
    step(&format!(
        "Serving the panel in demo mode on http://{listen} (Ctrl-C to stop)"
    ));
    run(command(root, root.join("target/release/studio-admin"))
        .args([
            "serve", "--demo", "--assets", "dist", "--listen", listen, "--db",
        ])
        .arg(&db))
}
