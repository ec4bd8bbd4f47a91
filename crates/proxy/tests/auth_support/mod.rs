//! Helpers of the sign-in, role, request and audit tests: an app with accounts for every
//! role in front of the emulator, reached in-process from a chosen peer address, and a
//! "browser" that keeps its session cookie and CSRF token.

#![allow(dead_code, missing_docs, unreachable_pub)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, Request};
use serde_json::Value;
use studio_admin_api::{DomainScope, Role};
use studio_admin_emulator::RunningEmulator;
use studio_admin_proxy::auth::{Account, AuthSettings, Clock, password};
use studio_admin_proxy::{AppState, Settings, app};

use crate::common::{Reply, client, send};

/// The password of every test account.
pub const PASSWORD: &str = "correct horse battery";

/// The site as the tests address it.
pub const HOST: &str = "admin.test";
pub const ORIGIN: &str = "http://admin.test";

/// A browser's address, and the reverse proxy's.
pub const BROWSER_IP: [u8; 4] = [192, 0, 2, 10];
pub const PROXY_IP: [u8; 4] = [127, 0, 0, 1];

/// One hash for every account (hashing costs tens of milliseconds).
fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash(PASSWORD)).clone()
}

/// An account of `role` in `domains` whose own profile is `profile`.
pub fn account(name: &str, role: Role, domains: DomainScope, profile: &str) -> Account {
    Account {
        name: name.to_owned(),
        password_hash: password_hash(),
        role,
        domains,
        profile: profile.to_owned(),
    }
}

/// The accounts of the role tests: a viewer, a requester and a lead of `domain`, a lead
/// of `other` only, and an admin.
pub fn team_accounts(domain: &str, other: &str) -> Vec<Account> {
    let only = |d: &str| DomainScope::Only(vec![d.to_owned()]);
    vec![
        account("vera", Role::Viewer, only(domain), "vera"),
        account("rita", Role::Requester, only(domain), "rita"),
        account("leo", Role::Lead, only(domain), "leo"),
        account("lou", Role::Lead, only(other), "lou"),
        account("ada", Role::Admin, DomainScope::All, "ada"),
    ]
}

/// The application state for `settings` in front of `emulator`.
pub fn state(emulator: &RunningEmulator, settings: AuthSettings) -> AppState {
    AppState::new(
        Arc::new(client(&emulator.url())),
        Settings {
            assets_dir: PathBuf::from("/nonexistent/dist"),
            db_path: None,
            auth: settings,
        },
    )
}

/// The app for `state`, as reached from the peer `peer`.
pub fn app_from(state: AppState, peer: [u8; 4]) -> Router {
    app(state).layer(MockConnectInfo(SocketAddr::from((peer, 40_000))))
}

/// The app with `settings` in front of `emulator`, reached from a browser's address.
pub fn app_for(emulator: &RunningEmulator, settings: AuthSettings) -> Router {
    app_from(state(emulator, settings), BROWSER_IP)
}

/// Settings with `accounts` on `clock`.
pub fn settings(accounts: Vec<Account>, clock: &Clock) -> AuthSettings {
    for_site(AuthSettings::accounts(accounts).with_clock(clock.clone()))
}

/// `settings` answering to the site's host name (as `serve --allowed-host` does).
pub fn for_site(settings: AuthSettings) -> AuthSettings {
    settings.with_allowed_hosts(studio_admin_proxy::auth::AllowedHosts::loopback().with(HOST))
}

/// A request to the site with the browser's headers (Host, Origin), declaring a JSON body.
pub fn request(method: Method, path: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(path)
        .header("host", HOST)
        .header("origin", ORIGIN)
        .header("content-type", "application/json")
}

/// A signed-in browser (or a signed-out one: no cookie, no token).
#[derive(Debug, Clone, Default)]
pub struct Browser {
    pub cookie: Option<String>,
    pub csrf: Option<String>,
}

impl Browser {
    /// Nobody signed in.
    pub fn signed_out() -> Self {
        Self::default()
    }

    /// Signs in as `name` with [`PASSWORD`]; panics unless it works.
    pub async fn sign_in(app: &Router, name: &str) -> Self {
        let reply = sign_in(app, name, PASSWORD).await;
        assert_eq!(reply.status, 200, "{name} signs in: {}", reply.text());
        Self::from_sign_in(&reply)
    }

    /// The browser after the successful sign-in `reply`.
    pub fn from_sign_in(reply: &Reply) -> Self {
        let cookie = reply
            .header("set-cookie")
            .and_then(|c| c.split(';').next())
            .map(str::to_owned);
        let csrf = reply.json()["csrf_token"].as_str().map(str::to_owned);
        Self { cookie, csrf }
    }

    /// `method path` with this browser's cookie and token (and Origin, Host).
    pub async fn send(
        &self,
        app: &Router,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Reply {
        let mut builder = request(method, path);
        if let Some(cookie) = &self.cookie {
            builder = builder.header("cookie", cookie);
        }
        if let Some(csrf) = &self.csrf {
            builder = builder.header("x-csrf-token", csrf);
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        send(app, builder.body(body).expect("valid request")).await
    }

    pub async fn get(&self, app: &Router, path: &str) -> Reply {
        self.send(app, Method::GET, path, None).await
    }
}

/// `POST /api/session` with `name` and `password`, from the site's own origin.
pub async fn sign_in(app: &Router, name: &str, password: &str) -> Reply {
    let body = serde_json::json!({"name": name, "password": password});
    send(
        app,
        request(Method::POST, "/api/session")
            .body(Body::from(body.to_string()))
            .expect("valid request"),
    )
    .await
}

/// The `code` of an error answer.
pub fn code(reply: &Reply) -> String {
    reply.json()["code"].as_str().unwrap_or_default().to_owned()
}
