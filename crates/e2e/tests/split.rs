//! End-to-end: the code-split bundle when a page's code cannot be fetched (the panel was
//! updated while a tab had it open, so the tab asks for files the new release does not
//! have). The page must say so and the rest of the panel keep working: a failed load
//! must not abort the whole wasm module.
//!
//! The web app must be built first (`cargo xtask bundle`; `cargo xtask test` does).

use studio_admin_e2e::{Browser, Server, one_at_a_time, paths, run};

/// A copy of `dist/` without the modules pages load on first use; answers how many
/// files it left out.
fn bundle_without_page_modules(into: &std::path::Path) -> anyhow::Result<usize> {
    let dist = paths::dist()?;
    if into.exists() {
        std::fs::remove_dir_all(into)?;
    }
    std::fs::create_dir_all(into)?;
    let mut left_out = 0;
    for entry in std::fs::read_dir(&dist)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let split_off = name.ends_with(".wasm") && !name.starts_with("studio-admin-web-");
        if split_off {
            left_out += 1;
        } else {
            std::fs::copy(&path, into.join(&name))?;
        }
    }
    Ok(left_out)
}

#[test]
fn a_page_whose_code_is_gone_says_so_and_the_panel_keeps_working() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let assets = paths::artifacts("e2e-split")?.join("dist-without-pages");
        let left_out = bundle_without_page_modules(&assets)?;
        anyhow::ensure!(
            left_out > 0,
            "dist/ has no split-off page modules: build it with `cargo xtask bundle`"
        );
        let server = Server::start_with_assets(&assets).await?;
        let browser = Browser::start(&server.url).await?;
        browser.sign_in_as_demo("demo-lead").await?;
        let domain = server.domain_id("ml-platform-team").await?;

        // The profile list is in the main module: it works.
        browser.goto(&format!("/domains/{domain}/profiles")).await?;
        browser.wait_for("#profile-table tbody tr").await?;
        // The add-user form's code is gone.
        browser.click("#add-user").await?;
        browser
            .wait_for_text(
                "[role=alert]",
                "This page could not be loaded.",
                std::time::Duration::from_secs(20),
            )
            .await?;
        browser.screenshot("split-page-not-loaded", None).await?;

        // The app is alive: the header still navigates (to the domain picker, in the main
        // module).
        browser.click("header nav a[href='/domains']").await?;
        browser.wait_for("a.domain-link").await?;
        browser.close().await?;
        Ok(())
    })
}
