//! Who is asking: sign-in with built-in accounts (sessions in SQLite), identity headers of
//! a trusted reverse proxy, demo accounts, or the explicit single-user `--no-auth` mode;
//! roles and domain scope; CSRF protection of every state-changing request.
//!
//! | file | job |
//! |---|---|
//! | `config.rs` | the accounts file (`--auth-config`, TOML) |
//! | `password.rs` | argon2id hashes |
//! | `tokens.rs` | session and CSRF tokens, digests, constant-time comparison |
//! | `session.rs` | the session cookie and the session a request carries |
//! | `header.rs` | identity from a trusted reverse proxy's headers |
//! | `hosts.rs` | the names the server answers to (DNS rebinding) |
//! | `csrf.rs` | same-origin and token checks of state-changing requests |
//! | `rate_limit.rs` | failed sign-ins per name and address (in the database), the cap on password checks at once |
//! | `roles.rs` | [`Role`], [`Principal`] (an extractor) and the permission checks |
//! | `layer.rs` | the middleware that resolves the principal of every API request |

pub mod config;
mod csrf;
mod header;
mod hosts;
mod layer;
pub mod password;
mod rate_limit;
mod roles;
mod session;
mod tokens;

use std::net::IpAddr;

use ipnet::IpNet;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::OnceCell;

pub use crate::clock::Clock;
pub use config::{AuthConfig, ConfigError, HeaderAuthConfig};
pub use hosts::{AllowedHosts, check_host};
pub use layer::{api_path, peer_ip, resolve};
pub use rate_limit::{ACCOUNT_LIMIT, ADDRESS_LIMIT, AttemptKeys, HashGate, WINDOW_MS};
pub use roles::Principal;
pub use session::{
    COOKIE_NAME, MaybePrincipal, SECURE_COOKIE_NAME, SessionContext, clear_cookie, set_cookie,
};
pub use studio_admin_api::{DemoAccount, DomainScope, Role, Source, User};
pub use tokens::{digest, new_token};

use crate::store::{SessionRow, Store, StoreError};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo";

/// How people are recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `--no-auth`: every caller is the admin `local`; no sessions, no CSRF tokens.
    Open,
    /// People sign in (accounts, demo accounts) or come through a trusted reverse proxy.
    SignIn,
}

/// A built-in account.
#[derive(Debug, Clone)]
pub struct Account {
    /// Sign-in name (compared case-insensitively).
    pub name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// What it may do.
    pub role: Role,
    /// Where.
    pub domains: DomainScope,
    /// Its own SageMaker UserProfileName.
    pub profile: String,
}

impl Account {
    /// The principal of a signed-in session of this account.
    pub fn principal(&self) -> Principal {
        Principal(User {
            name: self.name.clone(),
            role: self.role,
            domains: self.domains.clone(),
            profile: self.profile.clone(),
            source: Source::Password,
        })
    }
}

/// How the server recognizes people, fixed at start.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Open or sign-in.
    pub mode: Mode,
    /// Built-in accounts (from the accounts file, or the demo accounts).
    pub accounts: Vec<Account>,
    /// Identity headers of a trusted reverse proxy.
    pub header: Option<HeaderAuthConfig>,
    /// Reverse proxies and load balancers whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed (and, with `header`, whose identity headers are).
    pub trusted_proxies: Vec<IpNet>,
    /// The names requests may be addressed to (`Host`); others get 421.
    pub allowed_hosts: AllowedHosts,
    /// Absolute lifetime of a session.
    pub session_lifetime: Duration,
    /// A session unused this long ends (whatever its lifetime says).
    pub session_idle: Duration,
    /// Mark cookies `Secure` and take the site's origin as https.
    pub secure_cookies: bool,
    /// Demo accounts offered on the sign-in page (empty unless `--demo`).
    pub demo_accounts: Vec<DemoAccount>,
    /// The time sessions and rate limits use.
    pub clock: Clock,
}

impl AuthSettings {
    /// `--no-auth`: every caller is an admin named `local`.
    pub fn open() -> Self {
        Self {
            mode: Mode::Open,
            accounts: Vec::new(),
            header: None,
            trusted_proxies: Vec::new(),
            allowed_hosts: AllowedHosts::loopback(),
            session_lifetime: Duration::from_secs(config::DEFAULT_SESSION_HOURS * 3600),
            session_idle: Duration::from_secs(config::DEFAULT_IDLE_HOURS * 3600),
            secure_cookies: false,
            demo_accounts: Vec::new(),
            clock: Clock::system(),
        }
    }

    /// Sign-in with `accounts` only.
    pub fn accounts(accounts: Vec<Account>) -> Self {
        Self {
            mode: Mode::SignIn,
            accounts,
            ..Self::open()
        }
    }

    /// `--demo`: one account per role, password [`DEMO_PASSWORD`], every domain, each
    /// account's own profile named like the account.
    pub fn demo() -> Self {
        let hash = password::hash(DEMO_PASSWORD);
        let roles = Role::ALL;
        let accounts: Vec<Account> = roles
            .into_iter()
            .map(|role| Account {
                name: format!("demo-{role}"),
                password_hash: hash.clone(),
                role,
                domains: DomainScope::All,
                profile: format!("demo-{role}"),
            })
            .collect();
        let demo_accounts = accounts
            .iter()
            .map(|a| DemoAccount {
                name: a.name.clone(),
                role: a.role,
                password: DEMO_PASSWORD.to_owned(),
            })
            .collect();
        Self {
            demo_accounts,
            ..Self::accounts(accounts)
        }
    }

    /// The settings an accounts file describes.
    pub fn from_config(config: AuthConfig) -> Self {
        let accounts = config
            .users
            .into_iter()
            .map(|u| Account {
                profile: u.profile.unwrap_or_else(|| u.name.clone()),
                name: u.name,
                password_hash: u.password_hash,
                role: u.role,
                domains: DomainScope::from_list(&u.domains),
            })
            .collect();
        let mut trusted_proxies = config.trusted_proxies;
        if let Some(header) = &config.header_auth {
            trusted_proxies.extend(header.trusted_proxies.iter().copied());
        }
        let allowed_hosts = config
            .allowed_hosts
            .iter()
            .fold(AllowedHosts::loopback(), |hosts, name| hosts.with(name));
        Self {
            header: config.header_auth,
            trusted_proxies,
            allowed_hosts,
            session_lifetime: Duration::from_secs(
                config
                    .session_hours
                    .unwrap_or(config::DEFAULT_SESSION_HOURS)
                    * 3600,
            ),
            session_idle: Duration::from_secs(
                config
                    .session_idle_hours
                    .unwrap_or(config::DEFAULT_IDLE_HOURS)
                    * 3600,
            ),
            secure_cookies: config.secure_cookies,
            ..Self::accounts(accounts)
        }
    }

    /// The same settings on another clock (tests of expiry).
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The same settings answering to `hosts` (the server's listen address and names).
    #[must_use]
    pub fn with_allowed_hosts(mut self, hosts: AllowedHosts) -> Self {
        self.allowed_hosts = hosts;
        self
    }

    /// The account signing in as `name` (case-insensitive).
    pub fn account(&self, name: &str) -> Option<&Account> {
        self.accounts
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

/// Sign-in at run time: the settings, the failed-attempt counters and the database that
/// holds sessions and the CSRF key. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Auth {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    settings: AuthSettings,
    /// Bounds the password checks running at once.
    hashes: HashGate,
    store: Store,
    /// The key CSRF tokens are HMACs under, read (or made) once from the database.
    key: OnceCell<Vec<u8>>,
}

impl Auth {
    /// Sign-in with `settings`, keeping sessions in `store`.
    pub fn new(settings: AuthSettings, store: Store) -> Self {
        Self {
            inner: Arc::new(Inner {
                settings,
                hashes: HashGate::default(),
                store,
                key: OnceCell::new(),
            }),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &AuthSettings {
        &self.inner.settings
    }

    /// The gate every password check passes.
    pub fn hashes(&self) -> &HashGate {
        &self.inner.hashes
    }

    /// The database of sessions.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Now, by the settings' clock.
    pub fn now_ms(&self) -> i64 {
        self.inner.settings.clock.now_ms()
    }

    /// The CSRF token of the session stored under `token_digest`.
    pub async fn session_csrf(&self, token_digest: &str) -> Result<String, StoreError> {
        Ok(tokens::mac(
            self.key().await?,
            &format!("session\n{token_digest}"),
        ))
    }

    /// The CSRF token of a reverse-proxy identity (it has no session row).
    pub async fn header_csrf(&self, name: &str) -> Result<String, StoreError> {
        Ok(tokens::mac(self.key().await?, &format!("header\n{name}")))
    }

    async fn key(&self) -> Result<&[u8], StoreError> {
        let key = self
            .inner
            .key
            .get_or_try_init(|| self.inner.store.secret("csrf"))
            .await?;
        Ok(key)
    }

    /// Whether a stored session still signs its browser in at `now`: within its lifetime,
    /// used within the idle timeout, and its account still in the accounts file.
    pub fn session_is_live(&self, row: &SessionRow, now: i64) -> bool {
        let idle_ms = i64::try_from(self.settings().session_idle.as_millis()).unwrap_or(i64::MAX);
        row.expires_at > now
            && now - row.last_seen_at < idle_ms
            && self.settings().account(&row.name).is_some()
    }

    /// Whether the session a request came with is still live, for answers that outlive
    /// their request (event streams). Reverse-proxy and open identities have no session to
    /// end.
    pub async fn session_alive(&self, context: &SessionContext) -> Result<bool, StoreError> {
        let Some(digest) = &context.token_digest else {
            return Ok(true);
        };
        let row = self.store().session(digest).await?;
        Ok(row.is_some_and(|row| self.session_is_live(&row, self.now_ms())))
    }

    /// Whether `ip` is one of the configured trusted reverse proxies.
    pub fn trusted_peer(&self, ip: Option<IpAddr>) -> bool {
        ip.is_some_and(|ip| {
            self.inner
                .settings
                .trusted_proxies
                .iter()
                .any(|net| net.contains(&ip))
        })
    }
}
