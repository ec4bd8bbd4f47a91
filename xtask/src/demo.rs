//! `cargo xtask demo`: builds the SPA and runs the panel on the embedded emulator, so the
//! whole product can be tried with no AWS account.

use std::path::Path;

use anyhow::Result;

use crate::bootstrap::{self, Needs};
use crate::cmd::{command, run, step};

/// Builds everything and serves the panel in demo mode until interrupted; with `prices`
/// (a CSV file of hourly prices) the running page also estimates costs.
pub fn run_demo(root: &Path, listen: &str, prices: Option<&Path>) -> Result<()> {
    // The server runs in the workspace root: a relative path is taken from here.
    let prices = prices.map(std::path::absolute).transpose()?;
    bootstrap::ensure(
        root,
        Needs {
            web_build: true,
            ..Needs::NONE
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
    let mut serve = command(root, root.join("target/release/studio-admin"));
    serve
        .args([
            "serve", "--demo", "--assets", "dist", "--listen", listen, "--db",
        ])
        .arg(&db);
    if let Some(prices) = prices {
        serve.arg("--prices").arg(prices);
    }
    run(&mut serve)
}
