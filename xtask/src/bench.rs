//! `cargo xtask bench`: runs every benchmark and prints one table.
//!
//! Each benchmark leaves its rows in `target/bench-results/<name>.json` (an array of
//! [`Row`]); criterion benchmarks are read from criterion's own estimates.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::bootstrap::{self, Needs};
use crate::cmd::{command, run, step};
use crate::postgres::TestPostgres;

/// One measured number with its target.
#[derive(Debug, Serialize, Deserialize)]
pub struct Row {
    /// What was measured.
    pub name: String,
    /// The measurement.
    pub value: f64,
    /// Unit of `value` (µs, ms, KB, req/s, ratio, ...).
    pub unit: String,
    /// The target: words (`<= 50`), a number (a limit in `unit`), or none (measured only).
    #[serde(default)]
    pub target: Option<serde_json::Value>,
    /// Whether the target was met (none: nothing to meet).
    #[serde(default)]
    pub pass: Option<bool>,
}

/// Criterion benchmarks: (package, bench target, criterion id, row name, limit in µs).
const CRITERION: &[(&str, &str, &str, &str, f64)] = &[(
    "studio-admin-model",
    "validate",
    "validate_maximal_request",
    "model: validate a maximal CreateUserProfile request",
    50.0,
)];

/// Harness-less benchmarks that write their own rows: (package, bench target).
const CUSTOM: &[(&str, &str)] = &[
    ("studio-admin-proxy", "proxy_overhead"),
    ("studio-admin-proxy", "delete_job"),
    ("studio-admin-proxy", "hardening"),
    ("studio-admin-proxy", "replicas"),
    ("studio-admin-proxy", "batch_apply"),
    ("studio-admin-e2e", "browser"),
];

/// Runs all benchmarks and prints the table.
pub fn run_all(root: &Path) -> Result<()> {
    // The browser measurements load the release bundle in headless Chromium.
    bootstrap::ensure(
        root,
        Needs {
            python: false,
            ..Needs::ALL
        },
    )?;
    crate::bundle::build(root)?;
    let results = root.join("target/bench-results");
    std::fs::create_dir_all(&results)?;
    let mut rows = Vec::new();
    for (package, bench, id, name, limit) in CRITERION {
        step(&format!("Benchmark {package}/{bench}"));
        run(command(root, "cargo").args(["bench", "-p", package, "--bench", bench]))?;
        let micros = criterion_mean_micros(root, id)?;
        rows.push(Row {
            name: (*name).to_owned(),
            value: micros,
            unit: "µs".into(),
            target: Some(format!("<= {limit}").into()),
            pass: Some(micros <= *limit),
        });
    }
    // The replicas' benchmark runs on a real PostgreSQL, stopped when this task ends.
    let postgres = TestPostgres::start(root)?;
    for (package, bench) in CUSTOM {
        step(&format!("Benchmark {package}/{bench}"));
        run(command(root, "cargo")
            .args(["bench", "-p", package, "--bench", bench])
            .env("STUDIO_ADMIN_TEST_POSTGRES", &postgres.url))?;
        let file = results.join(format!("{bench}.json"));
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("{bench} wrote no {}", file.display()))?;
        let mut more: Vec<Row> = serde_json::from_str(&text)?;
        rows.append(&mut more);
    }
    drop(postgres);
    print_table(&rows);
    Ok(())
}

fn criterion_mean_micros(root: &Path, id: &str) -> Result<f64> {
    let file = root.join(format!("target/criterion/{id}/new/estimates.json"));
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("criterion left no {}", file.display()))?;
    let v: serde_json::Value = serde_json::from_str(&text)?;
    let nanos = v["mean"]["point_estimate"]
        .as_f64()
        .context("estimates.json has no mean.point_estimate")?;
    Ok(nanos / 1000.0)
}

fn print_table(rows: &[Row]) {
    let width = rows
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(10)
        .max(10);
    println!(
        "\n{:width$}  {:>12}  {:<8}  {:<12}  result",
        "benchmark", "value", "unit", "target"
    );
    println!("{}", "-".repeat(width + 48));
    for r in rows {
        let verdict = match r.pass {
            Some(true) => "ok",
            Some(false) => "MISSED",
            None => "",
        };
        let target = match &r.target {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => format!("<= {n}"),
            _ => "(measured)".to_owned(),
        };
        println!(
            "{:width$}  {:>12.2}  {:<8}  {target:<12}  {verdict}",
            r.name, r.value, r.unit
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Row;

    #[test]
    fn rows_with_word_number_or_no_targets_all_parse() {
        let text = r#"[
            {"name":"a","value":1.0,"unit":"ms","target":"<= 1.3x direct","pass":true},
            {"name":"b","value":300.0,"unit":"KB","target":250.0,"pass":false},
            {"name":"c","value":2.0,"unit":"s","target":null,"pass":null}
        ]"#;
        let rows: Vec<Row> = serde_json::from_str(text).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].pass, Some(false));
        assert_eq!(rows[2].pass, None);
    }
}
