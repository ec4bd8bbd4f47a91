//! The harness of studio-admin's end-to-end tests and browser measurements.
//!
//! - [`Server`]: the real `studio-admin serve --demo` binary, on a free loopback port, with
//!   the SPA that `cargo xtask bundle` wrote to `dist/`.
//! - [`Browser`]: headless Chromium driven over WebDriver (the Debian chromedriver), with
//!   the flags of the repository's `webdriver.json`.
//! - [`paths`]: where the workspace, the built SPA and the artifacts are.

pub mod browser;
pub mod paths;
pub mod server;

pub use browser::Browser;
pub use server::Server;

/// A fresh server and a browser on it, signed in on the sign-in page as the demo account
/// `account`; with the id of the demo domain named `domain_name`.
pub async fn open_as(
    account: &str,
    domain_name: &str,
) -> anyhow::Result<(Server, Browser, String)> {
    let server = Server::start().await?;
    let browser = Browser::start(&server.url).await?;
    browser.sign_in_as_demo(account).await?;
    let domain = server.domain_id(domain_name).await?;
    Ok((server, browser, domain))
}

/// Runs `test` on a fresh multi-threaded runtime (tests and the benchmark are plain
/// functions; WebDriver and the server's API are async).
pub fn run<F: Future<Output = anyhow::Result<()>>>(test: F) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(test)
}

/// One browser and one server at a time: the machine has two cores, and parallel
/// Chromiums make every timing (and the tests' patience) worse.
pub fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
