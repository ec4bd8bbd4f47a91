//! Signing in and out, the CSRF token, and what each role is offered.

use studio_admin_web::api::transport::Method;
use studio_admin_web::pages::sign_in::{SIGN_IN_NAME_ID, SIGN_IN_PASSWORD_ID};
use wasm_bindgen_test::*;

use crate::support::*;

const SIGNED_OUT: &str = r#"{"user":null,"csrf_token":null,"expires_at":null,"demo_accounts":[]}"#;

const DEMO_SIGNED_OUT: &str = r#"{"user":null,"csrf_token":null,"expires_at":null,"demo_accounts":[
  {"name":"demo-viewer","role":"viewer","password":"demo"},
  {"name":"demo-requester","role":"requester","password":"demo"},
  {"name":"demo-lead","role":"lead","password":"demo"},
  {"name":"demo-admin","role":"admin","password":"demo"}]}"#;

const DOMAINS: &str = r#"{"domains":[{"DomainId":"d-iam0001","DomainName":"team","AuthMode":"IAM"},{"DomainId":"d-other01","DomainName":"other","AuthMode":"IAM"}]}"#;

const PROFILE: &str = r#"{"profile":{"DomainId":"d-iam0001","UserProfileName":"alice","UserProfileArn":"arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-iam0001/alice","Status":"InService"},"apps":[],"spaces":[]}"#;

/// A server where `name` is signed in with `role` in `domains`, with two domains and
/// alice's profile.
fn server_for(name: &str, role: &str, domains: &[&str]) -> std::sync::Arc<FakeServer> {
    let server = FakeServer::signed_in_as(name, role, domains);
    server.answer(Method::Get, "/api/domains", 200, DOMAINS);
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/profiles/alice",
        200,
        PROFILE,
    );
    server
}

fn summary_text(container: &web_sys::HtmlElement) -> String {
    find(container, "#sign-in-errors")
        .map(|s| text_of(&s))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn signed_out_people_see_the_sign_in_page_and_a_wrong_password_is_summarized_at_the_top() {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/session", 200, SIGNED_OUT);
    server.answer(
        Method::Post,
        "/api/session",
        401,
        r#"{"errors":[{"path":"","message":"name or password is wrong"}],"code":"InvalidCredentials"}"#,
    );
    let (container, _app) = open_at(&server, "/domains/d-iam0001/profiles", "#sign-in-name").await;

    assert!(
        find(&container, "header nav").is_none(),
        "no navigation before signing in"
    );
    assert!(
        server
            .sent(Method::Get)
            .iter()
            .all(|r| r.path == "/api/session"),
        "nothing but the session is asked for: {:?}",
        server.sent(Method::Get)
    );

    click(&button(&container, "Sign in")).await;
    next_frame().await;
    let summary = summary_text(&container);
    assert!(summary.contains("There is a problem"), "{summary}");
    assert!(
        summary.contains("Enter your name") && summary.contains("Enter your password"),
        "{summary}"
    );
    assert!(
        server.sent(Method::Post).is_empty(),
        "nothing is sent while fields are empty"
    );
    assert_eq!(focused_id(), "sign-in-errors", "the summary takes focus");

    type_into(&input(&container, SIGN_IN_NAME_ID), "alice").await;
    type_into(&input(&container, SIGN_IN_PASSWORD_ID), "not-her-password").await;
    click(&button(&container, "Sign in")).await;
    settle().await;

    let sent = server.sent_to(Method::Post, "/api/session");
    assert_eq!(sent.len(), 1);
    let body: serde_json::Value =
        serde_json::from_str(sent[0].body.as_deref().unwrap_or("")).expect("a JSON body");
    assert_eq!(
        body,
        serde_json::json!({"name": "alice", "password": "not-her-password"})
    );
    let summary = summary_text(&container);
    assert!(summary.contains("name or password is wrong"), "{summary}");
    let link = find(&container, "#sign-in-errors a").expect("the message links to a field");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#sign-in-name"));
    let name = input(&container, SIGN_IN_NAME_ID);
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        find(&container, "#sign-in-name").is_some(),
        "still on the sign-in page"
    );
}

#[wasm_bindgen_test]
async fn too_many_failed_sign_ins_say_how_long_to_wait() {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/session", 200, SIGNED_OUT);
    server.answer(
        Method::Post,
        "/api/session",
        429,
        r#"{"errors":[{"path":"","message":"too many failed sign-ins"}],"code":"TooManySignInAttempts"}"#,
    );
    *server.retry_after.lock().expect("lock") = Some(600);
    let (container, _app) = open_at(&server, "/", "#sign-in-name").await;
    type_into(&input(&container, SIGN_IN_NAME_ID), "alice").await;
    type_into(&input(&container, SIGN_IN_PASSWORD_ID), "guess").await;
    click(&button(&container, "Sign in")).await;
    settle().await;
    let summary = summary_text(&container);
    assert!(
        summary.contains("Wait 10 minutes before you try again"),
        "{summary}"
    );
}

#[wasm_bindgen_test]
async fn a_demo_account_button_signs_in_with_one_click_and_the_header_says_who_and_which_role() {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/session", 200, DEMO_SIGNED_OUT);
    server.answer(Method::Get, "/api/domains", 200, DOMAINS);
    server.answer(
        Method::Post,
        "/api/session",
        200,
        &session_of("demo-lead", "lead", &["*"]),
    );
    let (container, _app) = open_at(&server, "/domains", "#sign-in-name").await;
    for account in [
        "Sign in as demo-viewer (viewer)",
        "Sign in as demo-requester (requester)",
        "Sign in as demo-lead (lead)",
        "Sign in as demo-admin (admin)",
    ] {
        assert!(shows_action(&container, account), "{account}");
    }

    click(&button(&container, "Sign in as demo-lead (lead)")).await;
    wait_for(&container, "#sign-out").await;

    let sent = server.sent_to(Method::Post, "/api/session");
    let body: serde_json::Value =
        serde_json::from_str(sent[0].body.as_deref().unwrap_or("")).expect("a JSON body");
    assert_eq!(
        body,
        serde_json::json!({"name": "demo-lead", "password": "demo"})
    );
    let who = text_of(&find(&container, "#signed-in-as").expect("who is signed in"));
    assert!(who.contains("demo-lead") && who.contains("lead"), "{who}");
    assert!(
        find(&container, "#sign-in-name").is_none(),
        "the sign-in page is gone"
    );
    let nav = text_of(&find(&container, "header nav").expect("a navigation"));
    assert!(
        nav.contains("Requests") && nav.contains("Add user"),
        "{nav}"
    );
    assert!(
        !nav.contains("Audit log"),
        "leads do not read the audit log: {nav}"
    );

    server.answer(Method::Delete, "/api/session", 204, "");
    server.answer(Method::Get, "/api/session", 200, DEMO_SIGNED_OUT);
    click(&button(&container, "Sign out")).await;
    wait_for(&container, "#sign-in-name").await;
    let signed_out = server.sent_to(Method::Delete, "/api/session");
    assert_eq!(signed_out.len(), 1);
    assert_eq!(signed_out[0].csrf_token.as_deref(), Some("token-demo-lead"));
}

#[wasm_bindgen_test]
async fn state_changing_calls_carry_the_csrf_token_and_a_stale_token_is_renewed_once() {
    let server = FakeServer::signed_in_as("lee", "lead", &["*"]);
    server.answer(
        Method::Post,
        "/api/requests/7/approve",
        200,
        r#"{"id":7,"domain_id":"d-iam0001","profile_name":"kim","requester":"kim","status":"approved","request":{},"created_at":1700000000000,"updated_at":1700000000000}"#,
    );
    let api = server.api();
    api.session().await.expect("the session");
    let _ = api.domains().await;
    api.approve_request(7).await.expect("approved");
    let approve = server.sent_to(Method::Post, "/api/requests/7/approve");
    assert_eq!(approve[0].csrf_token.as_deref(), Some("token-lee"));
    assert!(
        server
            .sent(Method::Get)
            .iter()
            .all(|r| r.csrf_token.is_none()),
        "reads carry no token"
    );

    // The server says the token is stale: the client reads the session once and tries
    // again with the new token, and does not loop.
    server.answer(
        Method::Post,
        "/api/requests/8/approve",
        403,
        r#"{"errors":[{"path":"","message":"the CSRF token is missing or wrong"}],"code":"CsrfTokenInvalid"}"#,
    );
    let mut renewed = session_of("lee", "lead", &["*"]);
    renewed = renewed.replace("token-lee", "token-renewed");
    server.answer(Method::Get, "/api/session", 200, &renewed);
    let reads_before = server.sent_to(Method::Get, "/api/session").len();
    let error = api.approve_request(8).await.expect_err("still refused");
    assert_eq!(error.status(), Some(403));
    let tries: Vec<Option<String>> = server
        .sent_to(Method::Post, "/api/requests/8/approve")
        .into_iter()
        .map(|r| r.csrf_token)
        .collect();
    assert_eq!(
        tries,
        [
            Some("token-lee".to_owned()),
            Some("token-renewed".to_owned())
        ]
    );
    assert_eq!(
        server.sent_to(Method::Get, "/api/session").len(),
        reads_before + 1
    );
}

#[wasm_bindgen_test]
async fn a_call_answered_sign_in_required_brings_back_the_sign_in_page() {
    let server = FakeServer::new();
    server.answer(
        Method::Get,
        "/api/domains",
        401,
        r#"{"errors":[{"path":"","message":"sign in first"}],"code":"SignInRequired"}"#,
    );
    let (container, _app) = open_at(&server, "/domains", "#sign-in-name").await;
    assert!(find(&container, "#sign-out").is_none());
}

#[wasm_bindgen_test]
async fn a_viewer_is_offered_no_add_edit_delete_or_studio_link() {
    let server = server_for("vic", "viewer", &["d-iam0001"]);
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/profiles",
        200,
        r#"{"profiles":[{"UserProfileName":"alice","Status":"InService"}]}"#,
    );
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/profiles/alice",
        200,
        PROFILE,
    );

    let (container, app) =
        open_at(&server, "/domains/d-iam0001/profiles/alice", "#profile-arn").await;
    for action in [
        "Edit",
        "Delete",
        "Open in Studio",
        "Add user",
        "Request a profile",
    ] {
        assert!(
            !shows_action(&container, action),
            "a viewer is not offered {action}"
        );
    }
    let nav = text_of(&find(&container, "header nav").expect("a navigation"));
    assert!(!nav.contains("Requests") && !nav.contains("Audit"), "{nav}");
    assert!(
        shows_action(&container, "Copy ARN"),
        "reading stays possible"
    );
    drop(app);

    let (list, _list_app) = open_at(&server, "/domains/d-iam0001/profiles", "#profile-table").await;
    assert!(!shows_action(&list, "Add user") && !shows_action(&list, "Request a profile"));
}

#[wasm_bindgen_test]
async fn a_lead_may_change_profiles_only_in_their_domains_and_sees_only_those_domains() {
    let server = server_for("lee", "lead", &["d-iam0001"]);
    let (container, app) =
        open_at(&server, "/domains/d-iam0001/profiles/alice", "#profile-arn").await;
    assert!(shows_action(&container, "Edit") && shows_action(&container, "Delete"));
    assert!(
        !shows_action(&container, "Open in Studio"),
        "a Studio link signs in as alice: only alice or an admin gets one"
    );
    drop(app);

    let (picker, _picker_app) = open_at(&server, "/domains", ".domain-link").await;
    let names: Vec<String> = find_all(&picker, ".domain-link")
        .iter()
        .map(text_of)
        .collect();
    assert!(names.iter().any(|n| n.contains("team")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("other")), "{names:?}");
}

#[wasm_bindgen_test]
async fn a_requester_gets_the_studio_link_for_their_own_profile_and_is_offered_to_request_one() {
    let server = server_for("alice", "requester", &["d-iam0001"]);
    let (container, _app) =
        open_at(&server, "/domains/d-iam0001/profiles/alice", "#profile-arn").await;
    assert!(shows_action(&container, "Open in Studio"));
    assert!(!shows_action(&container, "Edit"));
    let nav = text_of(&find(&container, "header nav").expect("a navigation"));
    assert!(
        nav.contains("Request a profile") && nav.contains("My requests"),
        "{nav}"
    );
    assert!(!nav.contains("Add user"), "{nav}");
}

#[wasm_bindgen_test]
async fn a_requester_who_opens_add_user_is_sent_to_request_a_profile_instead() {
    let server = server_for("alice", "requester", &["d-iam0001"]);
    let (container, _app, _refusal) = mount_refused(&server, "/domains/d-iam0001/add-user").await;
    assert!(
        find(&container, "#submit-profile").is_none(),
        "no form to send"
    );
    assert_eq!(
        href_of(&container, "#not-allowed a").as_deref(),
        Some("/domains/d-iam0001/request"),
        "a way to ask instead"
    );
}

#[wasm_bindgen_test]
async fn a_refused_page_shows_the_servers_reason() {
    // The session says requester, the server no longer agrees (the role was changed
    // since): the page can only tell what the server says.
    let server = server_for("alice", "requester", &["d-iam0001"]);
    server.answer(
        Method::Get,
        "/api/requests",
        403,
        r#"{"errors":[{"path":"","message":"requires the requester role"}],"code":"Forbidden"}"#,
    );
    let (container, _app) = open_at(&server, "/requests/mine", ".state-error").await;
    let page = text_of(&container);
    assert!(page.contains("requires the requester role"), "{page}");
}

#[wasm_bindgen_test]
async fn a_viewer_who_opens_a_delete_page_is_told_their_role_does_not_delete() {
    let server = server_for("vic", "viewer", &["d-iam0001"]);
    server.answer(Method::Get, "/api/jobs", 200, r#"{"jobs":[]}"#);
    let (container, _app, _refusal) =
        mount_refused(&server, "/domains/d-iam0001/profiles/alice/delete").await;
    assert!(find(&container, "#confirm-delete").is_none());
    assert!(
        server
            .sent_to(
                Method::Get,
                "/api/domains/d-iam0001/profiles/alice/delete-plan"
            )
            .is_empty(),
        "no plan is asked for"
    );
}

#[wasm_bindgen_test]
async fn a_viewer_who_opens_my_requests_is_told_it_requires_the_requester_role_and_nothing_is_asked()
 {
    let server = server_for("vic", "viewer", &["d-iam0001"]);
    let (container, _app, refusal) = mount_refused(&server, "/requests/mine").await;
    assert!(
        refusal.contains("This page requires the requester role."),
        "{refusal}"
    );
    for action in ["Refresh", "Try again"] {
        assert!(!shows_action(&container, action), "no {action}");
    }
    assert!(
        server.sent_to(Method::Get, "/api/requests").is_empty(),
        "no requests are asked for"
    );
}

#[wasm_bindgen_test]
async fn a_viewer_who_opens_a_domains_policy_is_told_it_requires_the_lead_role_in_that_domain() {
    let server = server_for("vic", "viewer", &["d-iam0001"]);
    let (container, _app, refusal) = mount_refused(&server, "/domains/d-iam0001/policy").await;
    assert!(
        refusal.contains("This page requires the lead role in domain d-iam0001."),
        "{refusal}"
    );
    assert_eq!(
        text_of(&find(&container, "#policy-title").expect("the title")),
        "Domain policy for requests"
    );
    assert!(
        find(&container, "#submit-profile").is_none(),
        "no form to send"
    );
    let page = text_of(&container);
    assert!(
        !page.contains("What you fill in here"),
        "only the title and why: {page}"
    );
    assert!(
        server
            .sent_to(Method::Get, "/api/domains/d-iam0001/policy")
            .is_empty(),
        "the policy is not asked for"
    );
}

#[wasm_bindgen_test]
async fn a_lead_who_opens_add_user_of_another_domain_is_told_whose_role_it_needs_there() {
    let server = server_for("lee", "lead", &["d-iam0001"]);
    let (container, _app, refusal) = mount_refused(&server, "/domains/d-other01/add-user").await;
    assert!(
        refusal.contains("This page requires the lead role in domain d-other01."),
        "{refusal}"
    );
    assert!(
        refusal.contains("A team lead of the domain or an admin adds users."),
        "{refusal}"
    );
    assert!(
        find(&container, "#submit-profile").is_none(),
        "no form to send"
    );
}
