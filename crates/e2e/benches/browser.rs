//! Browser measurements of the panel, in headless Chromium against the real binary:
//!
//! - the bundle (`cargo xtask bundle`, gzipped): what a first visit downloads before the
//!   person works with the profile list (sign-in page, sign in, pick a domain, the list:
//!   every wasm, js and css file the browser fetched), against 250 KB; and, to inform,
//!   the bytes the browser actually received for those files (it accepts brotli, which
//!   the server sends from the bundle's precompressed copies), what loads before any page
//!   and the whole app (every file);
//! - a domain of 5,000 profiles (seeded through the proxy's API): the list's first render,
//!   and one keystroke of search filtering, against one frame (16 ms);
//! - a team file of 500 rows pasted into the team page: read and checked by the model in
//!   the browser, against 100 ms;
//! - navigation to an interactive add-user form on loopback: a page load, a click in the
//!   app, and a click after the pointer rested on the link (which starts fetching the
//!   page's code).
//!
//! Rows go to `target/bench-results/browser.json` as `{"name", "value", "unit", "target",
//! "pass"}` (`target` and `pass` are null for rows that only inform). Run with
//! `cargo bench -p studio-admin-e2e --bench browser` after `cargo xtask bundle`.

use std::io::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail, ensure};
use fantoccini::actions::{InputSource as _, MouseActions, PointerAction};
use fantoccini::wd::TimeoutConfiguration;
use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Serialize;
use serde_json::{Value, json};
use studio_admin_e2e::{Browser, Server, paths, run};

/// Profiles seeded into the measured domain.
const PROFILES: usize = 5_000;
/// Creates in flight while seeding.
const SEED_CONCURRENCY: usize = 16;
/// One frame at 60 Hz.
const FRAME_MS: f64 = 16.0;
/// The bundle budget.
const BUNDLE_KB: f64 = 250.0;
/// The name typed, key by key, into the search box (matches one seeded profile).
const TYPED: &str = "bench-04321";
/// How long the pointer rests on a link before the click, where that is measured.
const HOVER: Duration = Duration::from_millis(200);

/// One result.
#[derive(Debug, Serialize)]
struct Row {
    name: String,
    value: f64,
    unit: &'static str,
    target: Option<f64>,
    pass: Option<bool>,
}

impl Row {
    /// A measurement with an upper bound.
    fn at_most(name: &str, value: f64, unit: &'static str, target: f64) -> Self {
        Self {
            name: name.to_owned(),
            value: (value * 100.0).round() / 100.0,
            unit,
            target: Some(target),
            pass: Some(value <= target),
        }
    }

    /// A measurement reported for information.
    fn info(name: &str, value: f64, unit: &'static str) -> Self {
        Self {
            name: name.to_owned(),
            value: (value * 100.0).round() / 100.0,
            unit,
            target: None,
            pass: None,
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to choose between.
    match run(measure()) {
        Ok(()) => {}
        Err(error) => {
            eprintln!("browser benchmark failed: {error:#}");
            std::process::exit(1);
        }
    }
}

async fn measure() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut rows = bundle(&server).await?;
    let domain = server.domain_id("ml-platform-team").await?;
    rows.push(seed(&server, &domain).await?);
    let browser = Browser::start(&server.url).await?;
    browser.sign_in_as_demo("demo-lead").await?;
    browser
        .client
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(120)),
            Some(Duration::from_secs(120)),
            Some(Duration::ZERO),
        ))
        .await?;
    rows.extend(list_all(&browser, &domain).await?);
    rows.extend(list_page(&browser, &domain).await?);
    rows.extend(form(&browser, &domain).await?);
    rows.push(team_file(&browser, &domain).await?);
    browser.close().await?;
    report(&rows)
}

/// gzip -9 size of a file, in bytes.
fn gzipped(path: &std::path::Path) -> anyhow::Result<usize> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&bytes)?;
    Ok(encoder.finish()?.len())
}

/// The bundle's sizes. The first visit is measured in a fresh browser (empty cache): the
/// files it fetched are read off the page's resource timing, and their gzipped sizes
/// taken from `dist/`.
async fn bundle(server: &Server) -> anyhow::Result<Vec<Row>> {
    let dist = paths::dist()?;
    let mut all = Vec::new();
    for entry in std::fs::read_dir(&dist)? {
        let path = entry?.path();
        if is_code(&path) {
            all.push(path);
        }
    }
    ensure!(
        all.iter()
            .any(|p| p.extension().is_some_and(|e| e == "wasm")),
        "no .wasm in {}: build it with `cargo xtask bundle`",
        dist.display()
    );

    let browser = Browser::start(&server.url).await?;
    browser.goto("/").await?;
    browser.wait_for("#sign-in-name").await?;
    let up_front = names(&fetched(&browser).await?);
    browser.sign_in_as_demo("demo-lead").await?;
    browser.wait_for("a.domain-link").await?;
    browser.click("a.domain-link[href$='/profiles']").await?;
    browser.wait_for("#profile-table tbody tr").await?;
    let first_visit_files = fetched(&browser).await?;
    browser.close().await?;
    let first_visit = names(&first_visit_files);
    let received: u64 = first_visit_files
        .iter()
        .filter(|file| is_code(&dist.join(&file.name)))
        .map(|file| file.received)
        .sum();
    let received_kb = received as f64 / 1024.0;

    let size = |names: &[String]| -> anyhow::Result<(f64, usize)> {
        let mut bytes = 0;
        let mut files = 0;
        for name in names {
            let path = dist.join(name);
            if is_code(&path) {
                bytes += gzipped(&path)?;
                files += 1;
            }
        }
        Ok((bytes as f64 / 1024.0, files))
    };
    let (visit_kb, visit_files) = size(&first_visit)?;
    let (front_kb, _) = size(&up_front)?;
    let names: Vec<String> = all
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
        .collect();
    let (all_kb, all_files) = size(&names)?;
    ensure!(
        visit_files > 0,
        "the first visit fetched none of the files in {}",
        dist.display()
    );
    println!(
        "first visit: {visit_files} files, {visit_kb:.1} KB gzipped, {received_kb:.1} KB received; whole app: {all_files} files, {all_kb:.1} KB (gzipped)"
    );
    Ok(vec![
        Row::at_most(
            "bundle: first visit to the profile list (wasm + js + css), gzipped",
            visit_kb,
            "KB",
            BUNDLE_KB,
        ),
        Row::info(
            "bundle: first visit to the profile list (wasm + js + css), bytes received (browser accepts br)",
            received_kb,
            "KB",
        ),
        Row::info("bundle: before any page (sign-in), gzipped", front_kb, "KB"),
        Row::info(
            "bundle: whole app, every page's modules, gzipped",
            all_kb,
            "KB",
        ),
        Row::info(
            "bundle: files fetched on the first visit",
            visit_files as f64,
            "files",
        ),
    ])
}

/// Whether `path` is code or style the browser loads (wasm, js, css).
fn is_code(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "wasm" | "js" | "css"))
}

/// A file the page fetched from the server.
#[derive(Debug, serde::Deserialize)]
struct Fetched {
    /// Its name in `dist/`.
    name: String,
    /// The bytes of its body as they came over the wire (compressed, when they were).
    received: u64,
}

/// The files this page has fetched from the server since it was loaded (each once).
async fn fetched(browser: &Browser) -> anyhow::Result<Vec<Fetched>> {
    let files = browser
        .client
        .execute(
            r##"
return performance.getEntriesByType("resource")
  .map(e => ({ name: new URL(e.name).pathname.replace(/^\//, ""), received: e.encodedBodySize }))
  .filter(f => f.name && !f.name.startsWith("api/"));
"##,
            vec![],
        )
        .await?;
    let mut files: Vec<Fetched> = serde_json::from_value(files)?;
    // A file preloaded and then used has two entries; the bytes came once.
    files.sort_by(|a, b| a.name.cmp(&b.name).then(b.received.cmp(&a.received)));
    files.dedup_by(|a, b| a.name == b.name);
    Ok(files)
}

fn names(files: &[Fetched]) -> Vec<String> {
    files.iter().map(|file| file.name.clone()).collect()
}

/// Creates `bench-00001` ... through the proxy (validation, DescribeDomain, the signed
/// CreateUserProfile to the emulator), a few at a time.
async fn seed(server: &Server, domain: &str) -> anyhow::Result<Row> {
    let started = Instant::now();
    let url = format!("{}/api/domains/{domain}/profiles", server.url);
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(1));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..SEED_CONCURRENCY {
        let (http, url, next) = (server.http(), url.clone(), next.clone());
        workers.spawn(async move {
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i > PROFILES {
                    return Ok::<_, anyhow::Error>(());
                }
                let body = json!({"UserProfileName": format!("bench-{i:05}")});
                let response = http.post(&url).json(&body).send().await?;
                let status = response.status();
                ensure!(
                    status.as_u16() == 201,
                    "seeding answered {status}: {}",
                    response.text().await?
                );
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done??;
    }
    Ok(Row::info(
        "seed 5,000 profiles through the proxy",
        started.elapsed().as_secs_f64(),
        "s",
    ))
}

/// Runs `script` asynchronously in the page (it calls `done(value)`), with `args`.
async fn in_page(browser: &Browser, script: &str, args: Vec<Value>) -> anyhow::Result<Value> {
    let script = format!("const done = arguments[arguments.length - 1];\n{script}");
    browser
        .client
        .execute_async(&script, args)
        .await
        .context("a measurement script failed")
}

/// Clicks the link matching `link` (a client-side navigation) and waits, with a
/// MutationObserver, until `ready` (a JS expression) holds, then until `complete` holds
/// (the same, when not given); each time it waits for the next frame to be painted.
/// Answers the milliseconds from the click to each (`ms`, `complete_ms`).
const NAVIGATE_AND_WAIT: &str = r##"
const [link, ready, complete] = arguments;
const isReady = new Function("return (" + ready + ");");
const isComplete = new Function("return (" + (complete || ready) + ");");
const t0 = performance.now();
let readyAt = null;
const painted = (then) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => then(performance.now() - t0);
  channel.port2.postMessage(null);
});
let finishing = false;
const check = () => {
  if (readyAt === null && isReady()) { readyAt = -1; painted((ms) => { readyAt = ms; }); }
  if (!finishing && isComplete()) {
    finishing = true;
    observer.disconnect();
    painted((ms) => {
      const wait = () => readyAt === null || readyAt < 0 ? setTimeout(wait, 1) : done({ ms: readyAt, complete_ms: ms });
      wait();
    });
  }
};
const observer = new MutationObserver(check);
observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
document.querySelector(link).click();
"##;

/// Types `text` into the search box as one keystroke and measures the work of its frame:
/// from the keystroke to the page's last change of the DOM (the re-render runs in the
/// microtasks after the event; a MutationObserver notes each change), plus the style and
/// layout that follow, forced at the start of the next animation frame (before the list
/// draws more rows in that frame). Answers the milliseconds and the rows shown.
const KEYSTROKE: &str = r##"
const [text] = arguments;
const input = document.getElementById("profile-search");
let last = null;
const observer = new MutationObserver(() => { last = performance.now(); });
observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
const t0 = performance.now();
input.value = text;
input.dispatchEvent(new Event("input", { bubbles: true }));
requestAnimationFrame(() => {
  observer.disconnect();
  const rendered = (last === null ? t0 : last) - t0;
  const l0 = performance.now();
  document.body.getBoundingClientRect();
  const layout = performance.now() - l0;
  done({ ms: rendered + layout, rows: document.querySelectorAll("#profile-table tbody tr").length });
});
"##;

fn ms_of(value: &Value) -> anyhow::Result<f64> {
    value["ms"]
        .as_f64()
        .with_context(|| format!("the page answered {value}"))
}

/// Types [`TYPED`] key by key, then deletes it key by key; every keystroke is measured.
async fn keystrokes(browser: &Browser) -> anyhow::Result<Vec<(f64, u64)>> {
    let mut steps: Vec<String> = (1..=TYPED.len()).map(|n| TYPED[..n].to_owned()).collect();
    steps.extend((0..TYPED.len()).rev().map(|n| TYPED[..n].to_owned()));
    let mut measured = Vec::new();
    for text in steps {
        let answer = in_page(browser, KEYSTROKE, vec![Value::from(text.clone())]).await?;
        let (ms, rows) = (ms_of(&answer)?, answer["rows"].as_u64().unwrap_or_default());
        eprintln!("  keystroke to {text:?}: {ms:.1} ms, {rows} rows");
        measured.push((ms, rows));
        // Let anything scheduled after the keystroke (none in "All" mode; the debounced
        // server search when paging) finish before the next one.
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    Ok(measured)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The whole domain in the page ("All"): first render, then keystrokes.
async fn list_all(browser: &Browser, domain: &str) -> anyhow::Result<Vec<Row>> {
    browser.goto("/domains").await?;
    browser.wait_for("a.domain-link").await?;
    browser
        .client
        .execute(
            "localStorage.setItem('studio-admin.page-size', '0');",
            vec![],
        )
        .await?;
    let link = format!("a.domain-link[href='/domains/{domain}/profiles']");
    let ready = "document.querySelectorAll('#profile-table tbody tr').length >= 30";
    let complete = "document.querySelectorAll('#profile-table tbody tr').length >= 200";
    let first = in_page(
        browser,
        NAVIGATE_AND_WAIT,
        vec![Value::from(link), Value::from(ready), Value::from(complete)],
    )
    .await?;
    let status = browser
        .wait_for_text(".toolbar-status", "profiles", Duration::from_secs(10))
        .await?;
    // "4321 of 5024 profiles match; ..." : every page was read.
    let total: usize = status
        .split(" of ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_default();
    ensure!(
        total >= PROFILES,
        "the list holds {total} profiles: {status}"
    );
    browser.screenshot("bench-list-all", None).await?;
    let measured = keystrokes(browser).await?;
    let narrowest = measured.iter().map(|m| m.1).min().unwrap_or_default();
    ensure!(
        narrowest == 1,
        "typing {TYPED} should leave one row, not {narrowest}"
    );
    let mut times: Vec<f64> = measured.iter().map(|m| m.0).collect();
    let worst = times.iter().copied().fold(0.0, f64::max);
    Ok(vec![
        Row::info(
            "list of 5,000 profiles (All): click to first rows (51 ListUserProfiles pages, 30 rows drawn)",
            ms_of(&first)?,
            "ms",
        ),
        Row::info(
            "list of 5,000 profiles (All): click to all 200 drawable rows drawn",
            first["complete_ms"].as_f64().unwrap_or(f64::NAN),
            "ms",
        ),
        Row::at_most(
            "list of 5,000 profiles: one keystroke of search, re-render (median of 22)",
            median(&mut times),
            "ms",
            FRAME_MS,
        ),
        Row::at_most(
            "list of 5,000 profiles: one keystroke of search, re-render (slowest of 22)",
            worst,
            "ms",
            FRAME_MS,
        ),
    ])
}

/// A page of 100 from the server: first render, then keystrokes.
async fn list_page(browser: &Browser, domain: &str) -> anyhow::Result<Vec<Row>> {
    browser.goto("/domains").await?;
    browser.wait_for("a.domain-link").await?;
    browser
        .client
        .execute(
            "localStorage.setItem('studio-admin.page-size', '100');",
            vec![],
        )
        .await?;
    let link = format!("a.domain-link[href='/domains/{domain}/profiles']");
    let ready = "document.querySelectorAll('#profile-table tbody tr').length >= 100";
    let first = in_page(
        browser,
        NAVIGATE_AND_WAIT,
        vec![Value::from(link), Value::from(ready), Value::Null],
    )
    .await?;
    let mut times: Vec<f64> = keystrokes(browser).await?.iter().map(|m| m.0).collect();
    Ok(vec![
        Row::info(
            "list of 5,000 profiles, page of 100: click to first render",
            ms_of(&first)?,
            "ms",
        ),
        Row::at_most(
            "list of 5,000 profiles, page of 100: one keystroke, re-render (median of 22)",
            median(&mut times),
            "ms",
            FRAME_MS,
        ),
    ])
}

/// Navigation to an interactive add-user form: a fresh page load (the app's wasm from
/// the browser's cache, as on every visit after the first), and a click within the app.
async fn form(browser: &Browser, domain: &str) -> anyhow::Result<Vec<Row>> {
    let mut loads = Vec::new();
    for _ in 0..5 {
        browser.goto(&format!("/domains/{domain}/add-user")).await?;
        // Interactive: the name field is drawn and the domain (its defaults) is known.
        let answer = in_page(
            browser,
            r##"
const poll = () => {
  const role = document.getElementById("f-UserSettings-ExecutionRole");
  if (role && role.placeholder.startsWith("Inherits")) {
    done({ ms: performance.now() });
  } else {
    requestAnimationFrame(poll);
  }
};
poll();
"##,
            vec![],
        )
        .await?;
        // The load event may come after the form was ready: then the poll's first look
        // is late. Take the later of the first contentful paint (the app's first
        // picture: the page has no content before the wasm runs) and the domains'
        // arrival, both measured by the browser from the navigation's start.
        let timing = browser
            .client
            .execute(
                r##"
const paint = performance.getEntriesByName("first-contentful-paint")[0];
const domains = performance.getEntriesByType("resource").find(e => e.name.endsWith("/api/domains"));
return { paint: paint ? paint.startTime : null, domains: domains ? domains.responseEnd : null };
"##,
                vec![],
            )
            .await?;
        let polled = ms_of(&answer)?;
        let ready = match (timing["paint"].as_f64(), timing["domains"].as_f64()) {
            (Some(paint), Some(domains)) => paint.max(domains).min(polled),
            _ => polled,
        };
        loads.push(ready);
    }
    browser.screenshot("bench-add-user", None).await?;

    // The clicks without a hover come first, with the pointer in the window's corner (on
    // the header, away from any link to a page loaded on first use): nothing under it
    // starts a fetch.
    browser
        .client
        .perform_actions(
            MouseActions::new("mouse".to_owned()).then(PointerAction::MoveTo {
                duration: None,
                x: 0.0,
                y: 0.0,
            }),
        )
        .await?;
    let mut clicks = Vec::new();
    for _ in 0..5 {
        clicks.push(click_to_form(browser, domain, None).await?);
    }
    let mut hovered = Vec::new();
    for _ in 0..5 {
        hovered.push(click_to_form(browser, domain, Some(HOVER)).await?);
    }
    if loads.is_empty() || clicks.is_empty() || hovered.is_empty() {
        bail!("no form measurement");
    }
    Ok(vec![
        Row::info(
            "add-user form: page load to interactive (median of 5, loopback)",
            median(&mut loads),
            "ms",
        ),
        Row::info(
            "add-user form: click in the app to interactive (median of 5)",
            median(&mut clicks),
            "ms",
        ),
        Row::info(
            "add-user form: click in the app to interactive, pointer on the link 200 ms before (median of 5)",
            median(&mut hovered),
            "ms",
        ),
    ])
}

/// Rows of the team file read and checked in the browser.
const TEAM_ROWS: usize = 500;
/// Reading and checking a team file of [`TEAM_ROWS`] rows may take this long.
const TEAM_FILE_MS: f64 = 100.0;

/// Pastes a team file of [`TEAM_ROWS`] rows into the team page and measures, in the page,
/// the time from the paste to the next painted frame showing the result of the model
/// reading and checking every row ("500 rows read, ..."). The names differ each round,
/// so nothing is reused. Answers the milliseconds and what the page said.
const PASTE_TEAM_FILE: &str = r##"
const [rows, round] = arguments;
let csv = "UserProfileName,UserSettings.ExecutionRole,UserSettings.JupyterLabAppSettings.DefaultResourceSpec.InstanceType,Tags.team\n";
for (let i = 0; i < rows; i++) {
  csv += "bench-" + round + "-" + i + ",arn:aws:iam::111122223333:role/Team,ml.t3.medium,platform\n";
}
const wanted = rows + " rows read";
const said = () => {
  const local = document.getElementById("team-local");
  return local && local.textContent.includes(wanted) ? local.textContent : null;
};
const text = document.getElementById("team-text");
const t0 = performance.now();
text.value = csv;
text.dispatchEvent(new Event("input", { bubbles: true }));
const poll = () => {
  const now = said();
  if (now !== null) {
    done({ ms: performance.now() - t0, said: now });
  } else if (performance.now() - t0 > 60000) {
    done({ ms: -1, said: "nothing after 60 s" });
  } else {
    requestAnimationFrame(poll);
  }
};
requestAnimationFrame(poll);
"##;

/// A team file of [`TEAM_ROWS`] rows pasted into the team page: read and checked by the
/// model in the browser, to the painted count (median of 5).
async fn team_file(browser: &Browser, domain: &str) -> anyhow::Result<Row> {
    eprintln!("team file of {TEAM_ROWS} rows, pasted into the team page:");
    browser.goto(&format!("/domains/{domain}/team")).await?;
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(fantoccini::Locator::Css("#team-text"))
        .await
        .context("the team page shows no file box")?;
    let mut times = Vec::new();
    for round in 0..5 {
        let answer = in_page(
            browser,
            PASTE_TEAM_FILE,
            vec![Value::from(TEAM_ROWS), Value::from(round)],
        )
        .await?;
        let said = answer["said"].as_str().unwrap_or_default();
        if !said.contains("no problems found") {
            bail!("the bench's team file should have no problems: {said}");
        }
        times.push(ms_of(&answer)?);
    }
    eprintln!("  {times:?} ms");
    Ok(Row::at_most(
        &format!("team file of {TEAM_ROWS} rows: read and checked in the browser (median of 5)"),
        median(&mut times),
        "ms",
        TEAM_FILE_MS,
    ))
}

/// From a fresh load of the profile list (the app's files from the browser's cache):
/// the milliseconds from a click on "Add user" to the interactive form; with `hover`,
/// the pointer rests on the link that long before the click.
async fn click_to_form(
    browser: &Browser,
    domain: &str,
    hover: Option<Duration>,
) -> anyhow::Result<f64> {
    let link = "a.button-primary[href$='/add-user']";
    browser.goto(&format!("/domains/{domain}/profiles")).await?;
    browser.wait_for("#profile-table tbody tr").await?;
    if let Some(rest) = hover {
        let element = browser.wait_for(link).await?;
        browser
            .client
            .perform_actions(MouseActions::new("mouse".to_owned()).then(
                PointerAction::MoveToElement {
                    element,
                    duration: None,
                    x: 0.0,
                    y: 0.0,
                },
            ))
            .await?;
        tokio::time::sleep(rest).await;
    }
    let ready = "(() => { const r = document.getElementById('f-UserSettings-ExecutionRole'); return !!r && r.placeholder.startsWith('Inherits'); })()";
    let answer = in_page(
        browser,
        NAVIGATE_AND_WAIT,
        vec![Value::from(link), Value::from(ready), Value::Null],
    )
    .await?;
    ms_of(&answer)
}

fn report(rows: &[Row]) -> anyhow::Result<()> {
    let dir = paths::artifacts("bench-results")?;
    let path = dir.join("browser.json");
    std::fs::write(&path, serde_json::to_string_pretty(rows)?)
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!(
        "{:<100} {:>10} {:>8} {:>6}",
        "browser measurement", "value", "target", "pass"
    );
    for row in rows {
        let target = row
            .target
            .map_or_else(|| "-".to_owned(), |t| format!("{t}"));
        let pass = row.pass.map_or("-", |p| if p { "yes" } else { "NO" });
        println!(
            "{:<100} {:>7.2} {:<2} {:>8} {:>6}",
            row.name, row.value, row.unit, target, pass
        );
    }
    println!("written to {}", path.display());
    Ok(())
}
