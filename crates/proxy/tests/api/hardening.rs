//! What an attacker and a bad day could do to the proxy, closed: guesses arriving together,
//! one account's lock-out spilling onto its neighbours, forged client addresses and
//! identity headers, DNS rebinding, audit-log stuffing and formula injection, ids of other
//! domains, stale and idle sessions.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request};
use futures_util::future::join_all;
use serde_json::{Value, json};
use studio_admin_api::{AuditAction, AuditOutcome, EpochMillis, Role};
use studio_admin_proxy::audit::retention;
use studio_admin_proxy::auth::{AuthConfig, AuthSettings, Clock};
use studio_admin_proxy::store::NewAuditEntry;

use crate::helpers::{
    Browser, HOST, PASSWORD, PROXY_IP, Scripted, TestApp, db_file, for_site, ok, seed_iam_domain,
    send, sign_in, site_request, start_emulator, team_accounts,
};

#[tokio::test]
async fn sixty_four_parallel_guesses_at_one_account_check_at_most_five_passwords() {
    let emulator = start_emulator().await;
    let app = TestApp::for_team(emulator, &Clock::manual(0));
    let guesses = (0..64).map(|i| {
        let router = app.router().clone();
        async move { sign_in(&router, "leo", &format!("guess {i}")).await }
    });
    let answers = join_all(guesses).await;
    let checked = answers.iter().filter(|a| a.status == 401).count();
    let refused = answers
        .iter()
        .filter(|a| a.status == 429 && a.code() == "TooManySignInAttempts")
        .count();
    assert_eq!(
        (checked, refused),
        (5, 59),
        "{:?}",
        answers.iter().map(|a| a.status).collect::<Vec<_>>()
    );
    // And the right password waits out the lock like any other attempt.
    assert_eq!(sign_in(app.router(), "leo", PASSWORD).await.status, 429);
}

#[tokio::test]
async fn failed_sign_ins_are_remembered_across_a_restart() {
    let emulator = start_emulator().await;
    let db = db_file();
    let path = db.path.clone();
    let clock = Clock::manual(0);
    let first = TestApp::builder()
        .emulator(emulator)
        .accounts(team_accounts("d-aaaaaaaaaaaa", "d-bbbbbbbbbbbb"))
        .clock(&clock)
        .db(db)
        .build();
    for _ in 0..5 {
        assert_eq!(sign_in(first.router(), "leo", "guess").await.status, 401);
    }
    // Sign-in needs no SageMaker: any backend will do for the restarted server.
    let restarted = TestApp::builder()
        .emulator(start_emulator().await)
        .accounts(team_accounts("d-aaaaaaaaaaaa", "d-bbbbbbbbbbbb"))
        .clock(&clock)
        .db_at(&path)
        .build();
    let locked = sign_in(restarted.router(), "leo", PASSWORD).await;
    assert_eq!(locked.status, 429, "{}", locked.text());
    drop(first);
}

/// Accounts-file settings with password accounts and a load balancer at 127.0.0.1.
fn behind_a_load_balancer() -> AuthSettings {
    let hash = studio_admin_proxy::auth::password::hash(PASSWORD);
    let text = format!(
        "trusted_proxies = [\"127.0.0.1/32\"]\n\
         [[users]]\nname = \"kim\"\npassword_hash = \"{hash}\"\nrole = \"viewer\"\ndomains = [\"*\"]\n"
    );
    for_site(AuthSettings::from_config(
        AuthConfig::parse(&text).expect("valid file"),
    ))
}

fn forwarded_sign_in(forwarded_for: &str, password: &str) -> Request<Body> {
    site_request(Method::POST, "/api/session")
        .header("x-forwarded-for", forwarded_for)
        .body(Body::from(
            json!({"name": "kim", "password": password}).to_string(),
        ))
        .unwrap()
}

#[tokio::test]
async fn behind_a_trusted_load_balancer_each_client_is_its_right_most_untrusted_address() {
    let emulator = start_emulator().await;
    let app = TestApp::builder()
        .emulator(emulator)
        .auth(behind_a_load_balancer())
        .clock(&Clock::manual(0))
        .peer(PROXY_IP)
        .build();
    // The client claims to be 198.51.100.1; the balancer appended what it saw.
    let reply = app
        .send(forwarded_sign_in("198.51.100.1, 203.0.113.9", PASSWORD))
        .await;
    assert_eq!(reply.status, 200);
    let admin = Browser::after_sign_in(app.router(), &reply);
    let entries = app.state.store.audit(&Default::default()).await.unwrap();
    assert_eq!(entries[0].source_ip.as_deref(), Some("203.0.113.9"));
    drop(admin);
    // Fifty failures from one client lock that client's address, not the next client's.
    for i in 0..studio_admin_proxy::auth::ADDRESS_LIMIT {
        let guess = site_request(Method::POST, "/api/session")
            .header("x-forwarded-for", "203.0.113.9")
            .body(Body::from(
                json!({"name": format!("guess{}", i / 5), "password": "wrong"}).to_string(),
            ))
            .unwrap();
        assert_eq!(app.send(guess).await.status, 401, "attempt {i}");
    }
    let locked = app.send(forwarded_sign_in("203.0.113.9", PASSWORD)).await;
    assert_eq!(locked.status, 429, "{}", locked.text());
    let next_client = app.send(forwarded_sign_in("203.0.113.10", PASSWORD)).await;
    assert_eq!(next_client.status, 200, "{}", next_client.text());
    let entries = app.state.store.audit(&Default::default()).await.unwrap();
    assert_eq!(entries[0].source_ip.as_deref(), Some("203.0.113.10"));
}

#[tokio::test]
async fn a_request_with_two_identity_headers_is_refused_and_audited() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let text = format!(
        "[header_auth]\nuser_header = \"X-Forwarded-User\"\ngroups_header = \"X-Forwarded-Groups\"\n\
         trusted_proxies = [\"127.0.0.1/32\"]\n\
         [[header_auth.groups]]\ngroup = \"ml-leads\"\nrole = \"lead\"\ndomains = [\"{domain}\"]\n"
    );
    let app = TestApp::builder()
        .emulator(emulator)
        .auth(for_site(AuthSettings::from_config(
            AuthConfig::parse(&text).expect("valid file"),
        )))
        .peer(PROXY_IP)
        .build();
    let request = Request::get("/api/session")
        .header("host", HOST)
        .header("x-forwarded-user", "mallory")
        .header("x-forwarded-user", "admin")
        .header("x-forwarded-groups", "ml-leads")
        .body(Body::empty())
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.code(), "DuplicateIdentityHeader");
    let entries = app.state.store.audit(&Default::default()).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, AuditAction::DuplicateIdentityHeader);
    assert_eq!(entries[0].outcome, AuditOutcome::Refused);
}

#[tokio::test]
async fn with_no_auth_a_request_for_another_host_is_refused_whatever_its_origin() {
    let emulator = start_emulator().await;
    let app = TestApp::with_auth(emulator, AuthSettings::open());
    let rebound = |method: Method, path: &str| {
        Request::builder()
            .method(method)
            .uri(path)
            .header("host", "evil.test:8080")
            .header("origin", "http://evil.test:8080")
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .unwrap()
    };
    for (method, path) in [
        (Method::GET, "/api/domains"),
        (Method::POST, "/api/validate"),
        (Method::GET, "/"),
    ] {
        let reply = app.send(rebound(method.clone(), path)).await;
        assert_eq!(reply.status, 421, "{method} {path}");
    }
    let refused = app.send(rebound(Method::GET, "/api/domains")).await;
    assert_eq!(refused.code(), "HostNotAllowed");
    // The site's own name still works.
    let own = app
        .send(
            Request::get("/api/session")
                .header("host", "localhost:8080")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(own.status, 200);
}

#[tokio::test]
async fn refusals_of_callers_nobody_signed_in_are_recorded_compactly() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = team_app_with(emulator, &domain);
    let stuffed_id = "x".repeat(60 * 1024);
    let stuffed_body = json!({"UserProfileName": "a".repeat(50 * 1024)}).to_string();
    for _ in 0..40 {
        let reply = app
            .send(
                site_request(Method::POST, &format!("/api/domains/{domain}/profiles"))
                    .header("x-request-id", stuffed_id.as_str())
                    .body(Body::from(stuffed_body.clone()))
                    .unwrap(),
            )
            .await;
        assert_eq!(reply.status, 401);
        assert_ne!(reply.header("x-request-id"), Some(stuffed_id.as_str()));
    }
    let entries = app.state.store.audit(&Default::default()).await.unwrap();
    assert_eq!(entries.len(), 40);
    for entry in &entries {
        assert_eq!(entry.action, AuditAction::ProfileCreate);
        assert_eq!(entry.summary, None, "no body before authorization");
        assert_eq!(
            entry.request_id.as_deref().map(str::len),
            Some(36),
            "a fresh UUID"
        );
    }
    let stored = serde_json::to_vec(&entries).unwrap().len() / entries.len();
    assert!(stored < 512, "{stored} bytes per refused request");
}

fn team_app_with(emulator: studio_admin_emulator::RunningEmulator, domain: &str) -> TestApp {
    TestApp::for_team_of(emulator, domain, &Clock::manual(1_700_000_000_000))
}

#[tokio::test]
async fn a_plain_short_request_id_is_kept() {
    let emulator = start_emulator().await;
    let app = team_app_with(emulator, "d-aaaaaaaaaaaa");
    let reply = app
        .send(
            site_request(Method::GET, "/api/session")
                .header("x-request-id", "lb-7f3a.91_c")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.header("x-request-id"), Some("lb-7f3a.91_c"));
}

#[tokio::test]
async fn audit_entries_older_than_the_retention_are_deleted() {
    let emulator = start_emulator().await;
    let clock = Clock::manual(1_700_000_000_000);
    let app = TestApp::for_team(emulator, &clock);
    assert_eq!(sign_in(app.router(), "leo", "wrong").await.status, 401);
    clock.advance(Duration::from_secs(10 * 24 * 3600));
    assert_eq!(sign_in(app.router(), "leo", PASSWORD).await.status, 200);
    let deleted = retention::prune(&app.state.store, &clock, 7).await.unwrap();
    assert_eq!(deleted, 1);
    let left = app.state.store.audit(&Default::default()).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].outcome, AuditOutcome::Ok);
}

#[tokio::test]
async fn the_csv_export_neutralizes_formulas_and_the_json_export_stays_exact() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = team_app_with(emulator, &domain);
    let vera = Browser::sign_in(app.router(), "vera").await;
    let refused = vera
        .send(
            Method::PUT,
            &format!("/api/domains/{domain}/profiles/=2+5"),
            Some(&json!({})),
        )
        .await;
    assert_eq!(refused.status, 403);
    let ada = Browser::sign_in(app.router(), "ada").await;
    let csv = ada.get("/api/audit/export?format=csv").await.text();
    assert!(csv.contains(",'=2+5,"), "{csv}");
    assert!(!csv.contains(",=2+5,"), "{csv}");
    let exported = ada.get("/api/audit/export?format=json").await.json();
    let targets: Vec<&Value> = exported["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["target"])
        .collect();
    assert!(targets.contains(&&json!("=2+5")), "{exported}");
}

#[tokio::test]
async fn the_export_holds_every_entry_however_many_batches_it_takes() {
    let emulator = start_emulator().await;
    let app = team_app_with(emulator, "d-aaaaaaaaaaaa");
    for i in 0..1234_i64 {
        app.state
            .store
            .insert_audit(&NewAuditEntry {
                at: i,
                actor: format!("user{i}"),
                role: Some(Role::Viewer),
                source_ip: None,
                action: AuditAction::SignIn,
                domain_id: None,
                target: None,
                arn: None,
                summary: None,
                outcome: AuditOutcome::Refused,
                status: 401,
                message: None,
                request_id: None,
            })
            .await
            .unwrap();
    }
    let ada = Browser::sign_in(app.router(), "ada").await;
    let csv = ada.get("/api/audit/export?format=csv").await.text();
    // The header, 1234 entries and ada's sign-in.
    assert_eq!(csv.lines().count(), 1 + 1234 + 1);
    let json = ada.get("/api/audit/export?format=json").await.json();
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1235);
    let ids: Vec<i64> = entries.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(
        ids.windows(2).all(|w| w[0] > w[1]),
        "newest first, once each"
    );
    assert_eq!(entries[1234]["actor"], "user0");
    assert_eq!(entries[1234]["at"], json!(EpochMillis(0)));
}

#[tokio::test]
async fn a_request_id_outside_the_callers_domains_answers_as_an_unknown_one() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let app = team_app_with(emulator, &domain);
    let rita = Browser::sign_in(app.router(), "rita").await;
    let id = rita.submit_request(&domain, "rita").await;
    let lou = Browser::sign_in(app.router(), "lou").await;
    let foreign = lou.get(&format!("/api/requests/{id}")).await;
    let unknown = lou.get(&format!("/api/requests/{}", id + 1000)).await;
    assert_eq!(
        (foreign.status.as_u16(), unknown.status.as_u16()),
        (404, 404)
    );
    assert!(!foreign.text().contains(&domain), "{}", foreign.text());
    let shape = |r: &crate::helpers::Reply| {
        r.text()
            .replace(&(id + 1000).to_string(), "N")
            .replace(&id.to_string(), "N")
    };
    assert_eq!(shape(&foreign), shape(&unknown));
}

#[tokio::test]
async fn validate_describes_only_domains_the_caller_may_see() {
    let scripted = Scripted::start(|call, _| match call.operation.as_str() {
        "DescribeDomain" => ok(json!({"DomainId": "d-bbbbbbbbbbbb", "AuthMode": "SSO"})),
        _ => ok(json!({})),
    })
    .await;
    let app = TestApp::builder()
        .scripted(scripted)
        .accounts(team_accounts("d-aaaaaaaaaaaa", "d-bbbbbbbbbbbb"))
        .build();
    let vera = Browser::sign_in(app.router(), "vera").await;
    let reply = vera
        .post(
            "/api/validate",
            &json!({"DomainId": "d-bbbbbbbbbbbb", "UserProfileName": "x"}),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["domain_checked"], false);
    assert!(
        !app.scripted()
            .operations()
            .contains(&"DescribeDomain".to_owned()),
        "{:?}",
        app.scripted().operations()
    );
}

#[tokio::test]
async fn signing_in_again_ends_the_browsers_previous_session() {
    let emulator = start_emulator().await;
    let app = team_app_with(emulator, "d-aaaaaaaaaaaa");
    let first = Browser::sign_in(app.router(), "leo").await;
    let again = send(
        app.router(),
        first
            .request(Method::POST, "/api/session")
            .body(Body::from(
                json!({"name": "vera", "password": PASSWORD}).to_string(),
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(again.status, 200);
    assert_eq!(
        first.get("/api/domains").await.status,
        401,
        "leo's session ended"
    );
    let second = Browser::after_sign_in(app.router(), &again);
    assert_eq!(
        second.get("/api/session").await.json()["user"]["name"],
        "vera"
    );
}

#[tokio::test]
async fn a_session_unused_for_the_idle_timeout_ends_before_its_lifetime() {
    let emulator = start_emulator().await;
    let clock = Clock::manual(1_700_000_000_000);
    let app = TestApp::for_team(emulator, &clock);
    let idle = Browser::sign_in(app.router(), "vera").await;
    let busy = Browser::sign_in(app.router(), "leo").await;
    clock.advance(Duration::from_secs(7 * 3600));
    assert_eq!(busy.get("/api/domains").await.status, 200);
    clock.advance(Duration::from_secs(3600 + 1));
    assert_eq!(
        idle.get("/api/domains").await.status,
        401,
        "eight idle hours end a session (its lifetime is twelve)"
    );
    assert_eq!(
        busy.get("/api/domains").await.status,
        200,
        "the idle time counts from the last use"
    );
}

#[tokio::test]
async fn a_secure_session_cookie_carries_the_host_prefix() {
    let emulator = start_emulator().await;
    let hash = studio_admin_proxy::auth::password::hash(PASSWORD);
    let text = format!(
        "secure_cookies = true\n[[users]]\nname = \"kim\"\npassword_hash = \"{hash}\"\nrole = \"viewer\"\ndomains = [\"*\"]\n"
    );
    let app = TestApp::with_auth(
        emulator,
        AuthSettings::from_config(AuthConfig::parse(&text).expect("valid file")),
    );
    let request = Request::post("/api/session")
        .header("host", HOST)
        .header("origin", format!("https://{HOST}"))
        .header("content-type", "application/json")
        .body(Body::from(
            json!({"name": "kim", "password": PASSWORD}).to_string(),
        ))
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let cookie = reply.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with("__Host-studio_admin_session="),
        "{cookie}"
    );
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain="), "{cookie}");
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_not_sent_again_and_answers_created() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    emulator
        .emulator()
        .lose_next_answers("CreateUserProfile", 1);
    let calls = emulator.emulator().clone();
    let app = team_app_with(emulator, &domain);
    let leo = Browser::sign_in(app.router(), "leo").await;
    let created = leo
        .post(
            &format!("/api/domains/{domain}/profiles"),
            &json!({"UserProfileName": "newbie"}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    assert!(
        created.json()["UserProfileArn"]
            .as_str()
            .is_some_and(|arn| arn.ends_with("/newbie"))
    );
    let creates = calls.calls_of("CreateUserProfile");
    assert_eq!(creates.len(), 1, "sent once: {creates:?}");
    assert_eq!(creates.iter().filter(|c| c.took_effect()).count(), 1);
}

#[tokio::test]
async fn an_approval_whose_create_answer_was_lost_is_approved_with_one_profile() {
    let emulator = start_emulator().await;
    let domain = seed_iam_domain(&emulator, "team");
    let calls = emulator.emulator().clone();
    let app = team_app_with(emulator, &domain);
    let rita = Browser::sign_in(app.router(), "rita").await;
    let id = rita.submit_request(&domain, "rita").await;
    calls.lose_next_answers("CreateUserProfile", 1);
    let leo = Browser::sign_in(app.router(), "leo").await;
    let approved = leo
        .send(Method::POST, &format!("/api/requests/{id}/approve"), None)
        .await;
    assert_eq!(approved.status, 200, "{}", approved.text());
    assert_eq!(approved.json()["status"], "approved");
    assert!(approved.json()["profile_arn"].is_string());
    let creates = calls.calls_of("CreateUserProfile");
    assert_eq!(creates.len(), 1, "created once, never again: {creates:?}");
}
