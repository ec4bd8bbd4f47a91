//! Headless Chromium over WebDriver: chromedriver on a free port, one session, and the
//! few moves the tests make (go to a page, wait for something, type, click, look).

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::Value;
use tokio::process::{Child, Command};

use crate::paths;

/// How long a test waits for something the page should show.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The window every page is looked at in.
pub const WINDOW: (u32, u32) = (1400, 1000);

/// A browser session; chromedriver stops when dropped.
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    base: String,
    _driver: Child,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// A free TCP port on loopback (asked of the kernel, then released).
fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// The Chrome options of the repository's `webdriver.json` (headless, no sandbox, no
/// background networking), with the window size the screenshots use.
fn capabilities() -> anyhow::Result<serde_json::Map<String, Value>> {
    let path = paths::workspace().join("webdriver.json");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut caps: serde_json::Map<String, Value> =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let args = caps
        .get_mut("goog:chromeOptions")
        .and_then(|o| o.get_mut("args"))
        .and_then(Value::as_array_mut)
        .ok_or_else(|| anyhow!("{} has no goog:chromeOptions.args", path.display()))?;
    args.push(Value::from(format!(
        "--window-size={},{}",
        WINDOW.0, WINDOW.1
    )));
    Ok(caps)
}

impl Browser {
    /// Starts chromedriver (`CHROMEDRIVER`, else `/usr/bin/chromedriver`) and a session
    /// whose relative addresses are taken from `base`.
    pub async fn start(base: &str) -> anyhow::Result<Self> {
        let driver_path = std::env::var_os("CHROMEDRIVER")
            .map_or_else(|| PathBuf::from("/usr/bin/chromedriver"), PathBuf::from);
        let port = free_port()?;
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| {
                format!(
                    "cannot start {} (install chromium and chromium-driver, or set CHROMEDRIVER)",
                    driver_path.display()
                )
            })?;
        let started = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            if started.elapsed() > PATIENCE {
                bail!("chromedriver did not listen on port {port}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities()?)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .context("cannot open a Chromium session")?;
        Ok(Self {
            client,
            base: base.trim_end_matches('/').to_owned(),
            _driver: driver,
        })
    }

    /// Opens `path` (relative to the server).
    pub async fn goto(&self, path: &str) -> anyhow::Result<()> {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .with_context(|| format!("cannot open {path}"))
    }

    /// The path (and query) of the page shown now.
    pub async fn path(&self) -> anyhow::Result<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        })
    }

    /// Waits until an element matches `css`.
    pub async fn wait_for(&self, css: &str) -> anyhow::Result<Element> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("nothing matched {css} within {PATIENCE:?}"))
    }

    /// Waits until the text of the first element matching `css` contains `needle`, for
    /// at most `patience`; returns the text.
    pub async fn wait_for_text(
        &self,
        css: &str,
        needle: &str,
        patience: Duration,
    ) -> anyhow::Result<String> {
        let started = Instant::now();
        let mut last = String::new();
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
            {
                if text.contains(needle) {
                    return Ok(text);
                }
                last = text;
            }
            if started.elapsed() > patience {
                bail!(
                    "{css} did not come to contain {needle:?} within {patience:?}; it says {last:?}"
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matches `css`.
    pub async fn wait_for_absence(&self, css: &str, patience: Duration) -> anyhow::Result<()> {
        let started = Instant::now();
        while !self.client.find_all(Locator::Css(css)).await?.is_empty() {
            if started.elapsed() > patience {
                bail!("{css} was still shown after {patience:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Types `text` into the (emptied) input matching `css`, key by key.
    pub async fn type_into(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let input = self.wait_for(css).await?;
        input.clear().await?;
        input
            .send_keys(text)
            .await
            .with_context(|| format!("cannot type into {css}"))
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        let element = self.wait_for(css).await?;
        element
            .click()
            .await
            .with_context(|| format!("cannot click {css}"))
    }

    /// Clicks the button whose text is `label`.
    pub async fn click_button(&self, label: &str) -> anyhow::Result<()> {
        let xpath = format!("//button[normalize-space(.)='{label}']");
        let button = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::XPath(&xpath))
            .await
            .with_context(|| format!("no button {label:?}"))?;
        button
            .click()
            .await
            .with_context(|| format!("cannot click {label:?}"))
    }

    /// Signs in on the real sign-in page by clicking the demo account `name`'s button
    /// (`demo-lead`, ...), and waits until the header says who is signed in.
    pub async fn sign_in_as_demo(&self, name: &str) -> anyhow::Result<()> {
        self.goto("/").await?;
        self.click(&format!("#demo-{name}")).await?;
        self.wait_for_text("#signed-in-as", name, PATIENCE)
            .await
            .with_context(|| format!("signing in as {name}"))?;
        Ok(())
    }

    /// Signs out with the header's button and waits for the sign-in page.
    pub async fn sign_out(&self) -> anyhow::Result<()> {
        self.click("#sign-out").await?;
        self.wait_for("#sign-in-name").await?;
        Ok(())
    }

    /// The id of the element with keyboard focus.
    pub async fn focused_id(&self) -> anyhow::Result<String> {
        let value = self
            .client
            .execute(
                "return document.activeElement ? document.activeElement.id : '';",
                vec![],
            )
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Saves what the window shows as `target/e2e-screenshots/<name>.png`; with `height`,
    /// the window is that tall for the picture (long forms).
    pub async fn screenshot(&self, name: &str, height: Option<u32>) -> anyhow::Result<PathBuf> {
        if let Some(height) = height {
            self.client.set_window_size(WINDOW.0, height).await?;
        }
        let png = self.client.screenshot().await;
        if height.is_some() {
            self.client.set_window_size(WINDOW.0, WINDOW.1).await?;
        }
        let path = paths::artifacts("e2e-screenshots")?.join(format!("{name}.png"));
        std::fs::write(&path, png?).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    }

    /// Ends the session.
    pub async fn close(self) -> anyhow::Result<()> {
        self.client.close().await.context("cannot end the session")
    }
}
