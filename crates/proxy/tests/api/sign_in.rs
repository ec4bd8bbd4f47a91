//! Sign-in as issue 7 asks for it: sessions with HttpOnly, SameSite=Strict cookies that
//! expire, sign-out, failed sign-ins rate-limited, CSRF refusals, identity headers believed
//! only from trusted proxies, demo accounts and the open mode.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request};
use serde_json::json;
use studio_admin_api::{AuditAction, AuditOutcome, DomainScope, Role};
use studio_admin_proxy::auth::{AuthConfig, AuthSettings, Clock};

use crate::helpers::{
    BROWSER_IP, Browser, HOST, ORIGIN, PASSWORD, PROXY_IP, Reply, TestApp, account, for_site,
    router_for, seed_iam_domain, send, sign_in, site_request, start_emulator, team_accounts,
};

#[tokio::test]
async fn signing_in_sets_a_strict_http_only_cookie_and_shows_who_is_signed_in() {
    let emulator = start_emulator().await;
    let clock = Clock::manual(1_700_000_000_000);
    let app = TestApp::for_team(emulator, &clock);

    let reply = sign_in(app.router(), "Leo", PASSWORD).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let cookie = reply.header("set-cookie").expect("a cookie").to_owned();
    assert!(cookie.starts_with("studio_admin_session="), "{cookie}");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
        assert!(cookie.contains(part), "{cookie} has {part}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP: not Secure");
    let body = reply.json();
    assert_eq!(
        body["user"],
        json!({"name": "leo", "role": "lead", "domains": ["d-aaaaaaaaaaaa"], "profile": "leo", "source": "password"})
    );
    assert_eq!(
        body["expires_at"],
        json!(1_700_000_000_000_i64 + 12 * 3_600_000)
    );
    assert_eq!(body["demo_accounts"], json!([]));

    let browser = Browser::after_sign_in(app.router(), &reply);
    let session = browser.get("/api/session").await.json();
    assert_eq!(session["user"]["name"], "leo");
    assert_eq!(session["csrf_token"], body["csrf_token"]);

    let signed_out = session_signed_out(&app).await;
    assert_eq!(signed_out.status, 200);
    assert_eq!(
        signed_out.json(),
        json!({"user": null, "csrf_token": null, "expires_at": null, "demo_accounts": []})
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_name_get_the_same_answer() {
    let emulator = start_emulator().await;
    let app = TestApp::for_team(emulator, &Clock::manual(0));
    let wrong = sign_in(app.router(), "leo", "not the password").await;
    let unknown = sign_in(app.router(), "nobody", PASSWORD).await;
    for reply in [&wrong, &unknown] {
        assert_eq!(reply.status, 401);
        assert_eq!(reply.code(), "InvalidCredentials");
        assert_eq!(
            reply.json()["errors"][0]["message"],
            "name or password is wrong"
        );
        assert!(reply.header("set-cookie").is_none());
    }
}

#[tokio::test]
async fn a_malformed_sign_in_body_is_refused_without_quoting_it() {
    let emulator = start_emulator().await;
    let app = TestApp::for_team(emulator, &Clock::manual(0));
    let reply = app
        .send(
            site_request(Method::POST, "/api/session")
                .body(Body::from(r#"{"name": "leo", "password": 987654321}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert!(!reply.text().contains("987654321"), "{}", reply.text());
}

#[tokio::test]
async fn a_session_ends_after_its_lifetime_and_the_stale_cookie_is_cleared() {
    let emulator = start_emulator().await;
    let clock = Clock::manual(1_700_000_000_000);
    let app = TestApp::for_team(emulator, &clock);
    let browser = Browser::sign_in(app.router(), "vera").await;
    assert_eq!(browser.get("/api/domains").await.status, 200);

    // Used every four hours (within the idle timeout) until the lifetime's last second.
    for _ in 0..2 {
        clock.advance(Duration::from_secs(4 * 3600));
        assert_eq!(browser.get("/api/domains").await.status, 200);
    }
    clock.advance(Duration::from_secs(4 * 3600 - 1));
    assert_eq!(browser.get("/api/domains").await.status, 200);
    clock.advance(Duration::from_secs(1));
    let expired = browser.get("/api/domains").await;
    assert_eq!(expired.status, 401);
    assert_eq!(expired.code(), "SignInRequired");
    assert!(
        expired
            .header("set-cookie")
            .unwrap_or_default()
            .contains("Max-Age=0"),
        "the stale cookie is cleared"
    );
    let session = browser.get("/api/session").await.json();
    assert_eq!(session["user"], json!(null));
}

#[tokio::test]
async fn the_session_lifetime_comes_from_the_accounts_file() {
    let hash = studio_admin_proxy::auth::password::hash(PASSWORD);
    let text = format!(
        "session_hours = 1\n[[users]]\nname = \"kim\"\npassword_hash = \"{hash}\"\nrole = \"viewer\"\ndomains = [\"*\"]\n"
    );
    let config = AuthConfig::parse(&text).expect("valid file");
    let clock = Clock::manual(0);
    let emulator = start_emulator().await;
    let app = TestApp::builder()
        .emulator(emulator)
        .auth(AuthSettings::from_config(config))
        .clock(&clock)
        .build();
    let browser = Browser::sign_in(app.router(), "KIM").await;
    clock.advance(Duration::from_secs(3600));
    assert_eq!(browser.get("/api/domains").await.status, 401);
}

#[tokio::test]
async fn signing_out_ends_the_session_and_clears_the_cookie() {
    let emulator = start_emulator().await;
    let app = TestApp::for_team(emulator, &Clock::manual(0));
    let browser = Browser::sign_in(app.router(), "ada").await;
    let out = browser.send(Method::DELETE, "/api/session", None).await;
    assert_eq!(out.status, 204, "{}", out.text());
    assert!(
        out.header("set-cookie")
            .unwrap_or_default()
            .contains("Max-Age=0")
    );
    assert_eq!(browser.get("/api/domains").await.status, 401);
}

#[tokio::test]
async fn five_failed_sign_ins_lock_the_name_out_for_fifteen_minutes() {
    let emulator = start_emulator().await;
    let clock = Clock::manual(1_000_000);
    let app = TestApp::for_team(emulator, &clock);
    for _ in 0..5 {
        assert_eq!(sign_in(app.router(), "leo", "guess").await.status, 401);
    }
    let locked = sign_in(app.router(), "leo", PASSWORD).await;
    assert_eq!(locked.status, 429);
    assert_eq!(locked.code(), "TooManySignInAttempts");
    assert_eq!(locked.header("retry-after"), Some("900"));

    clock.advance(Duration::from_secs(15 * 60));
    assert_eq!(sign_in(app.router(), "leo", PASSWORD).await.status, 200);
}

#[tokio::test]
async fn one_accounts_failures_do_not_lock_out_other_accounts_behind_the_same_address() {
    let emulator = start_emulator().await;
    let app = TestApp::for_team(emulator, &Clock::manual(0));
    for _ in 0..5 {
        assert_eq!(sign_in(app.router(), "leo", "typo").await.status, 401);
    }
    assert_eq!(sign_in(app.router(), "leo", PASSWORD).await.status, 429);
    for name in ["a1", "a2", "a3", "a4"] {
        assert_eq!(sign_in(app.router(), name, "guess").await.status, 401);
    }
    assert_eq!(sign_in(app.router(), "ada", PASSWORD).await.status, 200);
}

#[tokio::test]
async fn an_address_trying_many_accounts_is_locked_out_after_fifty_failures() {
    let emulator = start_emulator().await;
    let app = TestApp::for_team(emulator, &Clock::manual(0));
    for i in 0..studio_admin_proxy::auth::ADDRESS_LIMIT {
        let name = format!("guess{}", i / 5);
        assert_eq!(
            sign_in(app.router(), &name, "guess").await.status,
            401,
            "attempt {i}"
        );
    }
    let locked = sign_in(app.router(), "ada", PASSWORD).await;
    assert_eq!(locked.status, 429);
    assert_eq!(locked.code(), "TooManySignInAttempts");
}

#[tokio::test]
async fn state_changing_requests_need_the_sites_origin_and_the_session_token() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let accounts = team_accounts(&domain, "d-bbbbbbbbbbbb");
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(accounts)
        .clock(&Clock::manual(0))
        .build();
    let browser = Browser::sign_in(app.router(), "leo").await;
    let path = format!("/api/domains/{domain}/profiles");
    let body = json!({"UserProfileName": "new-person"}).to_string();
    let post = |origin: Option<&str>, token: Option<&str>| {
        let mut builder = Request::builder()
            .method(Method::POST)
            .uri(&path)
            .header("host", HOST)
            .header("content-type", "application/json")
            .header("cookie", browser.cookie.clone().expect("cookie"));
        if let Some(origin) = origin {
            builder = builder.header("origin", origin);
        }
        if let Some(token) = token {
            builder = builder.header("x-csrf-token", token);
        }
        builder
            .body(Body::from(body.clone()))
            .expect("valid request")
    };
    let token = browser.csrf.clone().expect("a token");

    let no_origin = app.send(post(None, Some(&token))).await;
    assert_eq!(
        (no_origin.status.as_u16(), no_origin.code().as_str()),
        (403, "CsrfOriginMismatch")
    );
    let other_origin = app.send(post(Some("http://evil.test"), Some(&token))).await;
    assert_eq!(
        (other_origin.status.as_u16(), other_origin.code().as_str()),
        (403, "CsrfOriginMismatch")
    );
    let no_token = app.send(post(Some(ORIGIN), None)).await;
    assert_eq!(
        (no_token.status.as_u16(), no_token.code().as_str()),
        (403, "CsrfTokenInvalid")
    );
    let wrong_token = app.send(post(Some(ORIGIN), Some("forged"))).await;
    assert_eq!(
        (wrong_token.status.as_u16(), wrong_token.code().as_str()),
        (403, "CsrfTokenInvalid")
    );
    let not_created = browser
        .get(&format!("/api/domains/{domain}/profiles/new-person"))
        .await;
    assert_eq!(not_created.status, 404, "nothing refused reached SageMaker");

    let created = app.send(post(Some(ORIGIN), Some(&token))).await;
    assert_eq!(created.status, 201, "{}", created.text());
}

#[tokio::test]
async fn signing_in_without_the_sites_origin_is_refused() {
    let emulator = start_emulator().await;
    let app = TestApp::for_team(emulator, &Clock::manual(0));
    let body = json!({"name": "leo", "password": PASSWORD}).to_string();
    for origin in [None, Some("http://evil.test")] {
        let mut builder = Request::post("/api/session")
            .header("host", HOST)
            .header("content-type", "application/json");
        if let Some(origin) = origin {
            builder = builder.header("origin", origin);
        }
        let reply = app
            .send(builder.body(Body::from(body.clone())).unwrap())
            .await;
        assert_eq!(reply.status, 403);
        assert_eq!(reply.code(), "CsrfOriginMismatch");
        assert!(reply.header("set-cookie").is_none());
    }
}

/// Accounts-file settings with reverse-proxy headers trusted from 127.0.0.1 only.
/// What `GET /api/session` answers a browser without a session.
async fn session_signed_out(app: &TestApp) -> Reply {
    Browser::signed_out(app.router()).get("/api/session").await
}

fn header_settings(domain: &str) -> AuthSettings {
    let text = format!(
        "[header_auth]\nuser_header = \"X-Forwarded-User\"\ngroups_header = \"X-Forwarded-Groups\"\n\
         trusted_proxies = [\"127.0.0.1/32\"]\n\
         [[header_auth.groups]]\ngroup = \"ml-leads\"\nrole = \"lead\"\ndomains = [\"{domain}\"]\n\
         [[header_auth.groups]]\ngroup = \"staff\"\nrole = \"viewer\"\ndomains = [\"*\"]\n"
    );
    for_site(AuthSettings::from_config(
        AuthConfig::parse(&text).expect("valid file"),
    ))
}

fn with_identity(method: Method, path: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("host", HOST)
        .header("x-forwarded-user", "mallory")
        .header("x-forwarded-groups", "ml-leads")
        .body(Body::empty())
        .expect("valid request")
}

#[tokio::test]
async fn a_forged_identity_header_from_an_untrusted_address_is_refused_and_audited() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = TestApp::with_auth(emulator, header_settings(&domain));
    let from_proxy = app.router_from(PROXY_IP);

    let forged = app.send(with_identity(Method::GET, "/api/session")).await;
    assert_eq!(forged.status, 401);
    assert_eq!(forged.code(), "UntrustedIdentityHeader");

    let trusted = send(&from_proxy, with_identity(Method::GET, "/api/session")).await;
    assert_eq!(trusted.status, 200);
    let session = trusted.json();
    assert_eq!(session["user"]["name"], "mallory");
    assert_eq!(session["user"]["role"], "lead");
    assert_eq!(session["user"]["domains"], json!([domain]));
    assert_eq!(session["user"]["source"], "header");
    assert!(
        session["csrf_token"].is_string(),
        "header identities get a token too"
    );
    let domains = send(&from_proxy, with_identity(Method::GET, "/api/domains")).await;
    assert_eq!(domains.status, 200);

    let entries = app
        .state
        .store
        .audit(&studio_admin_proxy::store::AuditFilter::default())
        .await
        .expect("the audit log reads");
    assert_eq!(entries.len(), 1, "{entries:#?}");
    assert_eq!(entries[0].action, AuditAction::UntrustedHeader);
    assert_eq!(entries[0].outcome, AuditOutcome::Refused);
    assert_eq!(entries[0].status, 401);
    assert_eq!(entries[0].source_ip.as_deref(), Some("192.0.2.10"));
}

#[tokio::test]
async fn groups_that_grant_no_role_are_refused() {
    let emulator = start_emulator().await;
    let app = TestApp::builder()
        .emulator(emulator)
        .auth(header_settings("d-aaaaaaaaaaaa"))
        .peer(PROXY_IP)
        .build();
    let request = Request::get("/api/domains")
        .header("x-forwarded-user", "cook")
        .header("x-forwarded-groups", "kitchen")
        .body(Body::empty())
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.json()["errors"][0]["message"],
        "your groups grant no role in studio-admin"
    );
}

#[tokio::test]
async fn demo_mode_offers_one_account_per_role_with_the_password_demo() {
    let emulator = start_emulator().await;
    let app = TestApp::with_auth(emulator, AuthSettings::demo());
    let session = session_signed_out(&app).await.json();
    let offered: Vec<(&str, &str, &str)> = session["demo_accounts"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap(),
                a["role"].as_str().unwrap(),
                a["password"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        offered,
        [
            ("demo-viewer", "viewer", "demo"),
            ("demo-requester", "requester", "demo"),
            ("demo-lead", "lead", "demo"),
            ("demo-admin", "admin", "demo"),
        ]
    );
    let reply = sign_in(app.router(), "demo-requester", "demo").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["user"]["profile"], "demo-requester");
    assert_eq!(reply.json()["user"]["domains"], json!(["*"]));
}

#[tokio::test]
async fn the_open_mode_makes_everyone_the_local_admin_and_refuses_only_a_foreign_origin() {
    let emulator = start_emulator().await;
    let app = TestApp::with_auth(emulator, AuthSettings::open());
    let session = session_signed_out(&app).await.json();
    assert_eq!(session["user"]["name"], "local");
    assert_eq!(session["user"]["role"], "admin");
    assert_eq!(session["user"]["source"], "open");
    assert_eq!(session["csrf_token"], json!(null));

    let validate = |origin: Option<&'static str>| {
        let mut builder = Request::post("/api/validate")
            .header("host", HOST)
            .header("content-type", "application/json");
        if let Some(origin) = origin {
            builder = builder.header("origin", origin);
        }
        builder.body(Body::from("{}")).unwrap()
    };
    assert_eq!(app.send(validate(None)).await.status, 200);
    assert_eq!(app.send(validate(Some(ORIGIN))).await.status, 200);
    let foreign = app.send(validate(Some("http://evil.test"))).await;
    assert_eq!(foreign.status, 403);
    assert_eq!(foreign.code(), "CsrfOriginMismatch");
}

#[tokio::test]
async fn an_account_removed_from_the_file_loses_its_session() {
    let emulator = start_emulator().await;
    let store_clock = Clock::manual(0);
    let app = TestApp::builder()
        .emulator(emulator)
        .accounts(vec![account("kim", Role::Viewer, DomainScope::All, "kim")])
        .clock(&store_clock)
        .build();
    let browser = Browser::sign_in(app.router(), "kim").await;
    // The same database, read by a server whose accounts file no longer has kim.
    let without = studio_admin_proxy::AppState {
        auth: studio_admin_proxy::auth::Auth::new(
            for_site(AuthSettings::accounts(Vec::new()).with_clock(store_clock.clone())),
            app.state.store.clone(),
        ),
        ..app.state.clone()
    };
    let restarted = router_for(without, BROWSER_IP);
    assert_eq!(browser.on(&restarted).get("/api/domains").await.status, 401);
}

#[tokio::test]
async fn cookies_are_secure_behind_a_trusted_tls_proxy_and_the_origin_becomes_https() {
    let hash = studio_admin_proxy::auth::password::hash(PASSWORD);
    let text = format!(
        "[[users]]\nname = \"kim\"\npassword_hash = \"{hash}\"\nrole = \"viewer\"\ndomains = [\"*\"]\n\
         [header_auth]\nuser_header = \"X-Forwarded-User\"\ntrusted_proxies = [\"127.0.0.0/8\"]\n"
    );
    let settings = for_site(AuthSettings::from_config(
        AuthConfig::parse(&text).expect("valid file"),
    ));
    let emulator = start_emulator().await;
    let app = TestApp::with_auth(emulator, settings);
    let body = json!({"name": "kim", "password": PASSWORD}).to_string();
    let over_tls = || {
        Request::post("/api/session")
            .header("host", HOST)
            .header("origin", "https://admin.test")
            .header("x-forwarded-proto", "https")
            .header("content-type", "application/json")
            .body(Body::from(body.clone()))
            .unwrap()
    };
    let behind_proxy = send(&app.router_from(PROXY_IP), over_tls()).await;
    assert_eq!(behind_proxy.status, 200, "{}", behind_proxy.text());
    assert!(
        behind_proxy
            .header("set-cookie")
            .unwrap_or_default()
            .ends_with("; Secure")
    );
    // The same claim of TLS from anyone else is not believed: the https Origin is foreign.
    let direct = send(&app.router_from(BROWSER_IP), over_tls()).await;
    assert_eq!(direct.status, 403);
    assert_eq!(direct.code(), "CsrfOriginMismatch");
}
