//! The real `studio-admin` binary in demo mode, on a free loopback port. The harness's own
//! API calls (seeding, checking) are signed in as a demo account, with the session cookie,
//! the site's `Origin` and the CSRF token a browser would send.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context as _, anyhow, bail};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::io::{AsyncBufReadExt as _, BufReader};
use tokio::process::{Child, Command};

use crate::paths;

/// How long the binary may take to print the address it serves.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo";

/// The demo account the harness's own API calls use.
const HARNESS_ACCOUNT: &str = "demo-admin";

/// A running `studio-admin serve --demo`; stopped when dropped.
#[derive(Debug)]
pub struct Server {
    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub url: String,
    http: reqwest::Client,
    _child: Child,
    _db_dir: TempDir,
}

/// A directory removed when dropped (the job database of one run).
#[derive(Debug)]
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds the `studio-admin` binary (in the profile this harness was built with) and
/// returns its path; `STUDIO_ADMIN_BIN` names a binary to use instead.
pub fn binary() -> anyhow::Result<PathBuf> {
    if let Some(path) = std::env::var_os("STUDIO_ADMIN_BIN") {
        return Ok(PathBuf::from(path));
    }
    let exe = std::env::current_exe().context("cannot find the running test")?;
    // target/<profile>/deps/<this> -> target/<profile>
    let profile_dir = exe
        .parent()
        .and_then(std::path::Path::parent)
        .ok_or_else(|| anyhow!("unexpected test location {}", exe.display()))?;
    let release = profile_dir.file_name().is_some_and(|n| n == "release");
    let mut cargo = std::process::Command::new(env!("CARGO"));
    cargo.current_dir(paths::workspace()).args([
        "build",
        "--quiet",
        "-p",
        "studio-admin-proxy",
        "--bin",
        "studio-admin",
    ]);
    if release {
        cargo.arg("--release");
    }
    let status = cargo
        .status()
        .context("cannot run cargo to build studio-admin")?;
    if !status.success() {
        bail!("`cargo build -p studio-admin-proxy --bin studio-admin` failed ({status})");
    }
    let binary = profile_dir.join("studio-admin");
    if !binary.is_file() {
        bail!("built studio-admin, but {} is missing", binary.display());
    }
    Ok(binary)
}

impl Server {
    /// Starts the binary with the demo data and the built SPA.
    pub async fn start() -> anyhow::Result<Self> {
        Self::start_with_assets(&paths::dist()?).await
    }

    /// Starts the binary with the demo data, serving the web app from `dist`.
    pub async fn start_with_assets(dist: &std::path::Path) -> anyhow::Result<Self> {
        let binary = binary()?;
        let db_dir = paths::artifacts("e2e-db")?.join(format!(
            "run-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        std::fs::create_dir_all(&db_dir)?;
        let db_dir = TempDir(db_dir);
        let mut child = Command::new(&binary)
            .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
            .arg("--assets")
            .arg(dist)
            .arg("--db")
            .arg(db_dir.0.join("jobs.db"))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let url = tokio::time::timeout(START_TIMEOUT, async {
            while let Some(line) = lines.next_line().await? {
                if let Some(rest) = line.strip_prefix("studio-admin serving ") {
                    return Ok::<_, anyhow::Error>(rest.trim().trim_end_matches('/').to_owned());
                }
            }
            bail!("studio-admin stopped before saying where it serves")
        })
        .await
        .context("studio-admin did not start in time")??;
        // Keep reading stdout so the binary never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        // See Cargo.toml: in a workspace-wide build reqwest carries rustls without a
        // provider. Installing one twice is harmless (the second call reports it is set).
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let http = signed_in_client(&url, HARNESS_ACCOUNT).await?;
        Ok(Self {
            url,
            http,
            _child: child,
            _db_dir: db_dir,
        })
    }

    /// An HTTP client for the server's API, signed in as a demo admin (cheap to clone).
    pub fn http(&self) -> reqwest::Client {
        self.http.clone()
    }

    /// `GET <url><path>` as JSON.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let response = self.http.get(format!("{}{path}", self.url)).send().await?;
        let status = response.status();
        let text = response.text().await?;
        if !status.is_success() {
            bail!("GET {path} answered {status}: {text}");
        }
        serde_json::from_str(&text).with_context(|| format!("GET {path}: {text}"))
    }

    /// `POST <url><path>` with a JSON body; the status and the answer.
    pub async fn post<B: Serialize>(
        &self,
        path: &str,
        body: &B,
    ) -> anyhow::Result<(u16, serde_json::Value)> {
        let response = self
            .http
            .post(format!("{}{path}", self.url))
            .json(body)
            .send()
            .await?;
        let status = response.status().as_u16();
        let value = response.json().await.unwrap_or(serde_json::Value::Null);
        Ok((status, value))
    }

    /// The id of the demo domain called `name`.
    pub async fn domain_id(&self, name: &str) -> anyhow::Result<String> {
        let list: serde_json::Value = self.get("/api/domains").await?;
        list["domains"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["DomainName"] == name)
            .and_then(|d| d["DomainId"].as_str())
            .map(str::to_owned)
            .ok_or_else(|| anyhow!("the demo has no domain {name}: {list}"))
    }

    /// The profile's status, `None` once it is gone.
    pub async fn profile_status(&self, domain: &str, name: &str) -> anyhow::Result<Option<String>> {
        let response = self
            .http
            .get(format!("{}/api/domains/{domain}/profiles/{name}", self.url))
            .send()
            .await?;
        if response.status().as_u16() == 404 {
            return Ok(None);
        }
        let value: serde_json::Value = response.json().await?;
        Ok(value["profile"]["Status"].as_str().map(str::to_owned))
    }
}

/// A client signed in as the demo account `name` through `POST /api/session`, as the
/// sign-in page does: every request it sends carries the session cookie, the site's
/// `Origin` and the CSRF token, as a browser's would.
async fn signed_in_client(url: &str, name: &str) -> anyhow::Result<reqwest::Client> {
    let response = reqwest::Client::new()
        .post(format!("{url}/api/session"))
        .header("Origin", url)
        .json(&serde_json::json!({ "name": name, "password": DEMO_PASSWORD }))
        .send()
        .await?;
    let status = response.status();
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.split(';')
                .next()
                .filter(|c| c.starts_with("studio_admin_session="))
        })
        .map(str::to_owned);
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    let (Some(cookie), Some(token)) = (cookie, body["csrf_token"].as_str()) else {
        bail!("signing in as {name} answered {status}: {body}");
    };
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse()?);
    headers.insert(reqwest::header::ORIGIN, url.parse()?);
    headers.insert("x-csrf-token", token.parse()?);
    Ok(reqwest::Client::builder()
        .default_headers(headers)
        .build()?)
}
