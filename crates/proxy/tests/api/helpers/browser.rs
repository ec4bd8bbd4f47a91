//! A browser at the site: the accounts it signs in with, the headers it sends (Host,
//! Origin), and, once signed in, its session cookie and CSRF token.

use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, request};
use serde_json::Value;
use studio_admin_api::{DomainScope, Role};
use studio_admin_proxy::auth::{Account, AuthSettings, password};

use super::http::{Reply, send};

/// The password of every test account.
pub const PASSWORD: &str = "correct horse battery";

/// The site's host, as the tests address it.
pub const HOST: &str = "admin.test";
/// The site's own origin.
pub const ORIGIN: &str = "http://admin.test";

/// `settings` answering to the site's host name, as `serve --allowed-host admin.test`
/// would (every test app is addressed as [`HOST`]).
pub fn for_site(settings: AuthSettings) -> AuthSettings {
    let hosts = settings.allowed_hosts.clone().with(HOST);
    settings.with_allowed_hosts(hosts)
}

/// One hash for every account (hashing costs tens of milliseconds).
fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash(PASSWORD)).clone()
}

/// An account of `role` in `domains` whose own profile is `profile`, with [`PASSWORD`].
pub fn account(name: &str, role: Role, domains: DomainScope, profile: &str) -> Account {
    Account {
        name: name.to_owned(),
        password_hash: password_hash(),
        role,
        domains,
        profile: profile.to_owned(),
    }
}

/// A team: a viewer (vera), a requester (rita) and a lead (leo) of `domain`, a lead of
/// `other` only (lou), and an admin (ada).
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

/// A request with the site's Host and Origin, declaring a JSON body.
pub fn site_request(method: Method, path: &str) -> request::Builder {
    Request::builder()
        .method(method)
        .uri(path)
        .header("host", HOST)
        .header("origin", ORIGIN)
        .header("content-type", "application/json")
}

/// `POST /api/session` with `name` and `password`, from the site's own origin.
pub async fn sign_in(router: &Router, name: &str, password: &str) -> Reply {
    let body = serde_json::json!({"name": name, "password": password});
    send(
        router,
        site_request(Method::POST, "/api/session")
            .body(Body::from(body.to_string()))
            .expect("valid request"),
    )
    .await
}

/// A browser on one app: signed in (its cookie and CSRF token) or signed out (neither).
#[derive(Debug, Clone)]
pub struct Browser {
    router: Router,
    /// The `Cookie` header (`name=value`) after signing in.
    pub cookie: Option<String>,
    /// The CSRF token the sign-in answered with.
    pub csrf: Option<String>,
}

impl Browser {
    /// Nobody signed in.
    pub fn signed_out(router: &Router) -> Self {
        Self {
            router: router.clone(),
            cookie: None,
            csrf: None,
        }
    }

    /// Signs in as `name` with [`PASSWORD`]; panics unless it works.
    pub async fn sign_in(router: &Router, name: &str) -> Self {
        let reply = sign_in(router, name, PASSWORD).await;
        assert_eq!(reply.status, 200, "{name} signs in: {}", reply.text());
        Self::after_sign_in(router, &reply)
    }

    /// The browser after the successful sign-in `reply`.
    pub fn after_sign_in(router: &Router, reply: &Reply) -> Self {
        let cookie = reply
            .header("set-cookie")
            .and_then(|c| c.split(';').next())
            .map(str::to_owned);
        let csrf = reply.json()["csrf_token"].as_str().map(str::to_owned);
        Self {
            router: router.clone(),
            cookie,
            csrf,
        }
    }

    /// The same cookie and token, at another app (for instance one restarted on the same
    /// database).
    pub fn on(&self, router: &Router) -> Self {
        Self {
            router: router.clone(),
            ..self.clone()
        }
    }

    /// The same session without its CSRF token (a forged form post).
    pub fn without_token(&self) -> Self {
        Self {
            csrf: None,
            ..self.clone()
        }
    }

    /// `method path` with the site's headers and this browser's cookie, as an
    /// `EventSource` sends it (no token).
    pub fn request(&self, method: Method, path: &str) -> request::Builder {
        let builder = site_request(method, path);
        match &self.cookie {
            Some(cookie) => builder.header("cookie", cookie),
            None => builder,
        }
    }

    /// `method path` with this browser's cookie and CSRF token.
    pub async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> Reply {
        let mut builder = self.request(method, path);
        if let Some(csrf) = &self.csrf {
            builder = builder.header("x-csrf-token", csrf);
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        send(&self.router, builder.body(body).expect("valid request")).await
    }

    /// `POST path` with the JSON `body`, this browser's cookie and CSRF token.
    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(body)).await
    }

    /// Submits an onboarding request for the profile `name` in `domain`, requiring it to
    /// be accepted (201); returns the request's id.
    pub async fn submit_request(&self, domain: &str, name: &str) -> i64 {
        let body = serde_json::json!({"DomainId": domain, "UserProfileName": name});
        let reply = self.post("/api/requests", &body).await;
        assert_eq!(reply.status, 201, "{}", reply.text());
        reply.json()["id"].as_i64().expect("the request has an id")
    }

    /// Starts deleting `profile` of `domain` as this browser; the job's id.
    pub async fn start_delete(&self, domain: &str, profile: &str) -> i64 {
        let path = format!("/api/domains/{domain}/profiles/{profile}");
        self.send(Method::DELETE, &path, None).await.started_job()
    }

    /// `GET path` with this browser's cookie and token.
    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }
}
