//! End-to-end: the code-split bundle as the browser gets it. Its files arrive as the
//! bundle compressed them (brotli, when the browser accepts it); a page's code is fetched
//! as soon as a link to the page is pointed at or focused; and when a page's code cannot
//! be fetched (the panel was updated while a tab had it open, so the tab asks for files
//! the new release does not have) the page says so and the rest of the panel keeps
//! working: a failed load must not abort the whole wasm module.
//!
//! The web app must be built first (`cargo xtask bundle`; `cargo xtask test` does).

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail, ensure};
use fantoccini::actions::{InputSource as _, MouseActions, PointerAction};
use serde_json::Value;
use studio_admin_e2e::browser::PATIENCE;
use studio_admin_e2e::{Browser, Server, one_at_a_time, open_as, paths, run};

/// The main module's file name in `dist/`.
fn main_module(dist: &std::path::Path) -> anyhow::Result<String> {
    for entry in std::fs::read_dir(dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with("studio-admin-web-") && name.ends_with("_bg.wasm") {
            return Ok(name);
        }
    }
    bail!("no main module in {}", dist.display())
}

#[test]
fn the_browser_receives_the_app_as_the_bundle_compressed_it_with_brotli() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let dist = paths::dist()?;
        let wasm = main_module(&dist)?;
        let module = std::fs::read(dist.join(&wasm))?;
        let copy = std::fs::read(dist.join(format!("{wasm}.br")))
            .context("the bundle has no brotli copy of its main module")?;
        let server = Server::start().await?;
        let browser = Browser::start(&server.url).await?;
        browser.goto("/").await?;
        browser.wait_for("#sign-in-name").await?;
        // Fetched again past the cache, as the page fetched it, with the browser's own
        // Accept-Encoding.
        let answer = browser
            .client
            .execute_async(
                r#"
const [name, done] = arguments;
fetch("/" + name, { cache: "no-store" }).then(async (response) => {
  const bytes = (await response.arrayBuffer()).byteLength;
  const entry = performance.getEntriesByName(response.url).pop();
  done({
    encoding: response.headers.get("content-encoding"),
    type: response.headers.get("content-type"),
    bytes,
    received: entry ? entry.encodedBodySize : null,
  });
}, (error) => done({ error: String(error) }));
"#,
                vec![Value::from(wasm.clone())],
            )
            .await?;
        browser.close().await?;
        assert_eq!(answer["encoding"], "br", "{answer}");
        assert_eq!(answer["type"], "application/wasm", "{answer}");
        assert_eq!(
            answer["bytes"],
            module.len(),
            "the module itself, once decoded: {answer}"
        );
        assert_eq!(
            answer["received"],
            copy.len(),
            "the brotli copy, as written: {answer}"
        );
        Ok(())
    })
}

/// Whether the page has fetched a split-off module whose name starts with `stem`.
async fn has_fetched(browser: &Browser, stem: &str) -> anyhow::Result<bool> {
    let fetched = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource').some(e => new URL(e.name).pathname.startsWith('/' + arguments[0] + '-'));",
            vec![Value::from(stem)],
        )
        .await?;
    Ok(fetched.as_bool().unwrap_or_default())
}

/// Waits until the page has fetched the module `stem`.
async fn wait_for_fetch(browser: &Browser, stem: &str) -> anyhow::Result<()> {
    let started = Instant::now();
    while !has_fetched(browser, stem).await? {
        if started.elapsed() > PATIENCE {
            bail!("{stem} was not fetched within {PATIENCE:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

#[test]
fn pointing_at_or_focusing_a_link_fetches_the_page_code_before_any_click() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (_server, browser, domain) = open_as("demo-lead", "ml-platform-team").await?;
        let list = format!("/domains/{domain}/profiles");
        browser.goto(&list).await?;
        browser.wait_for("#profile-table tbody tr").await?;
        for stem in ["split-add-user-page", "split-domain-policy-page"] {
            ensure!(
                !has_fetched(&browser, stem).await?,
                "{stem} was fetched before anyone went near a link to it"
            );
        }

        let add_user = browser.wait_for("#add-user").await?;
        browser
            .client
            .perform_actions(MouseActions::new("mouse".to_owned()).then(
                PointerAction::MoveToElement {
                    element: add_user,
                    duration: None,
                    x: 0.0,
                    y: 0.0,
                },
            ))
            .await?;
        wait_for_fetch(&browser, "split-add-user-page").await?;

        // Keyboard users reach a link by focus.
        browser
            .client
            .execute(
                "document.querySelector(\"header nav a[href$='/policy']\").focus();",
                vec![],
            )
            .await?;
        wait_for_fetch(&browser, "split-domain-policy-page").await?;
        assert_eq!(browser.path().await?, list, "nothing was opened");

        browser.click("#add-user").await?;
        browser.wait_for("#f-UserSettings-ExecutionRole").await?;
        let fetches = browser
            .client
            .execute(
                "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.startsWith('/split-add-user-page-')).length;",
                vec![],
            )
            .await?;
        assert_eq!(fetches, 1, "the click used the module fetched on pointing");
        browser.close().await?;
        Ok(())
    })
}

/// A copy of `dist/` without the modules pages load on first use (nor their compressed
/// copies); answers how many files it left out.
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
        let module = name
            .strip_suffix(".br")
            .or_else(|| name.strip_suffix(".gz"))
            .unwrap_or(&name);
        let split_off = module.ends_with(".wasm") && !module.starts_with("studio-admin-web-");
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
                Duration::from_secs(20),
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
