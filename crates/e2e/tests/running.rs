//! End-to-end: the running page of the demo, as the demo team lead uses it: stop the
//! longest-running app and see it leave the page.
//!
//! The web app must be built first (`cargo xtask bundle`; `cargo xtask test` does).

use std::time::{Duration, Instant};

use studio_admin_e2e::{one_at_a_time, open_as, run};

/// The demo deletes an app within seconds; the page is refreshed by hand meanwhile.
const SAGEMAKER_PATIENCE: Duration = Duration::from_secs(45);

/// How long the page may take to react to what the person did (a message, a preview).
const REACTION: Duration = Duration::from_secs(5);

#[test]
fn the_lead_stops_the_longest_running_app_and_it_leaves_the_page() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (_server, browser, domain) = open_as("demo-lead", "ml-platform-team").await?;

        browser.goto(&format!("/domains/{domain}/running")).await?;
        let first = browser.wait_for("#running-table tbody tr").await?;
        let key = first
            .attr("data-app")
            .await?
            .ok_or_else(|| anyhow::anyhow!("the row names its app"))?;
        // Longest running first: the demo's oldest app is alice's Jupyter server.
        anyhow::ensure!(
            key == "alice-nguyen||JupyterServer|default",
            "first row: {key}"
        );
        browser
            .wait_for_text("#estimate-note", "not a bill", REACTION)
            .await?;
        browser.screenshot("20-running-now", Some(2000)).await?;

        let row = format!("#running-table tbody tr[data-app='{key}']");
        browser.click(&format!("{row} button.button-link")).await?;
        browser
            .wait_for_text("#stop-confirm", "Stop 1 app?", REACTION)
            .await?;
        browser.click("#confirm-stop").await?;
        browser
            .wait_for_text("#stop-outcome", "Stopped 1 app", Duration::from_secs(10))
            .await?;

        // Deleting, then Deleted: it leaves the page (Refresh now, rather than waiting
        // for the 30-second refresh).
        let started = Instant::now();
        loop {
            browser.click("#refresh-now").await?;
            tokio::time::sleep(Duration::from_secs(1)).await;
            // The table is shown again (not a reload in progress), without the row.
            browser.wait_for("#running-table tbody tr").await?;
            if browser
                .wait_for_absence(&row, Duration::from_millis(500))
                .await
                .is_ok()
            {
                break;
            }
            anyhow::ensure!(
                started.elapsed() < SAGEMAKER_PATIENCE,
                "{key} is still on the page after {SAGEMAKER_PATIENCE:?}"
            );
        }
        browser
            .screenshot("21-running-after-stop", Some(2000))
            .await?;
        browser.close().await
    })
}
