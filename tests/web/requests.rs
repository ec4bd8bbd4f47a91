//! Onboarding requests: a requester's form (own name, policy-fixed values read-only, the
//! body exactly as previewed), a lead's queue and decisions, and the domain policy page.

use serde_json::{Value, json};
use studio_admin_web::api::transport::Method;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::support::*;

const DOMAINS: &str = r#"{"domains":[{"DomainId":"d-iam0001","DomainName":"team","AuthMode":"IAM","AppNetworkAccessType":"PublicInternetOnly"}]}"#;

const POLICY: &str = r#"{"fixed":{"UserSettings":{"ExecutionRole":"arn:aws:iam::123456789012:role/Team"}},"updated_by":"lee","updated_at":1700000000000}"#;

fn row(id: i64, requester: &str, status: &str, extra: &str) -> String {
    format!(
        r#"{{"id":{id},"domain_id":"d-iam0001","profile_name":"{requester}","requester":"{requester}","status":"{status}","request":{{"DomainId":"d-iam0001","UserProfileName":"{requester}","UserSettings":{{"ExecutionRole":"arn:aws:iam::123456789012:role/Team"}}}},"created_at":1700000000000,"updated_at":1700000000000{extra}}}"#
    )
}

fn server_for(name: &str, role: &str) -> std::sync::Arc<FakeServer> {
    let server = FakeServer::signed_in_as(name, role, &["d-iam0001"]);
    server.answer(Method::Get, "/api/domains", 200, DOMAINS);
    server.answer(Method::Get, "/api/domains/d-iam0001/policy", 200, POLICY);
    server
}

/// A lead's server holding request `id` of `requester`, pending.
fn lead_with_pending(id: i64, requester: &str) -> std::sync::Arc<FakeServer> {
    let server = server_for("lee", "lead");
    server.answer(
        Method::Get,
        &format!("/api/requests/{id}"),
        200,
        &row(id, requester, "pending", ""),
    );
    server
}

fn preview(container: &HtmlElement) -> Value {
    let text = text_of(&find(container, "#json-preview").expect("a JSON preview"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("the preview is JSON ({e}): {text}"))
}

fn body_of(request: &studio_admin_web::api::transport::HttpRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap_or("")).expect("a JSON body")
}

#[wasm_bindgen_test]
async fn a_requesters_form_locks_their_name_and_the_fixed_values_and_sends_exactly_the_preview() {
    let server = server_for("alice", "requester");
    server.answer(
        Method::Post,
        "/api/requests",
        201,
        &row(12, "alice", "pending", ""),
    );
    server.answer(
        Method::Get,
        "/api/requests",
        200,
        &format!(r#"{{"requests":[{}]}}"#, row(12, "alice", "pending", "")),
    );
    let (container, _app) =
        open_at(&server, "/domains/d-iam0001/request", "#f-UserProfileName").await;

    let name = input(&container, "f-UserProfileName");
    assert_eq!(name.value(), "alice", "the name is the requester's own");
    assert!(name.read_only(), "and cannot be changed");
    let role = input(&container, "f-UserSettings-ExecutionRole");
    assert_eq!(role.value(), "arn:aws:iam::123456789012:role/Team");
    assert!(role.read_only(), "the policy's value is read-only");
    let page = text_of(&container);
    assert!(page.contains("Fixed by your team lead"), "{page}");

    // Even a change that reaches the input leaves fixed values alone.
    type_into(&role, "arn:aws:iam::123456789012:role/Other").await;
    type_into(&name, "someone-else").await;
    type_into(
        &input(
            &container,
            "f-UserSettings-JupyterLabAppSettings-DefaultResourceSpec-InstanceType",
        ),
        "ml.t3.medium",
    )
    .await;
    let shown = preview(&container);
    assert_eq!(shown["UserProfileName"], "alice");
    assert_eq!(
        shown["UserSettings"]["ExecutionRole"],
        "arn:aws:iam::123456789012:role/Team"
    );

    click(&button(&container, "Submit request")).await;
    wait_for(&container, ".alert-success").await;

    let sent = server.sent_to(Method::Post, "/api/requests");
    assert_eq!(sent.len(), 1, "one request submitted");
    assert_eq!(sent[0].path, "/api/requests");
    assert_eq!(body_of(&sent[0]), shown, "the body is exactly the preview");
    assert_eq!(sent[0].csrf_token.as_deref(), Some("token-alice"));
    assert!(
        server.sent_to(Method::Post, "/api/domains").is_empty(),
        "a requester creates no profile"
    );
    let page = text_of(&container);
    assert!(page.contains("Request #12 submitted"), "{page}");
    assert!(
        page.contains("Pending") && page.contains("Waiting for a team lead"),
        "{page}"
    );
}

#[wasm_bindgen_test]
async fn my_requests_show_rejection_reasons_and_links_to_created_profiles() {
    let server = server_for("alice", "requester");
    let rows = [
        row(
            3,
            "alice",
            "rejected",
            r#","reason":"Use the team's shared role first""#,
        ),
        row(
            2,
            "alice",
            "approved",
            r#","profile_arn":"arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-iam0001/alice""#,
        ),
        row(1, "bob", "pending", ""),
    ];
    server.answer(
        Method::Get,
        "/api/requests",
        200,
        &format!(r#"{{"requests":[{}]}}"#, rows.join(",")),
    );
    let (container, _app) = open_at(&server, "/requests/mine", "#request-table").await;
    let ids = attributes_of(&container, "#request-table tbody tr", "data-request");
    assert_eq!(ids, ["3", "2"], "only alice's own requests");
    let table = text_of(&find(&container, "#request-table").expect("a table"));
    assert!(
        table.contains("Rejected: Use the team's shared role first"),
        "{table}"
    );
    assert_eq!(
        href_of(&container, "a.request-profile-link").as_deref(),
        Some("/domains/d-iam0001/profiles/alice"),
        "a link to the profile"
    );
}

#[wasm_bindgen_test]
async fn a_leads_queue_lists_pending_requests_and_approving_links_to_the_new_profile() {
    let server = server_for("lee", "lead");
    server.answer(
        Method::Get,
        "/api/requests",
        200,
        &format!(
            r#"{{"requests":[{},{}]}}"#,
            row(13, "bob", "pending", ""),
            row(12, "alice", "pending", "")
        ),
    );
    let (container, app) = open_at(&server, "/requests", "#request-table").await;
    let asked = server.sent_to(Method::Get, "/api/requests");
    assert!(
        asked
            .iter()
            .any(|r| r.path == "/api/requests?status=pending"),
        "the queue asks for pending requests: {asked:?}"
    );
    let table = text_of(&find(&container, "#request-table").expect("a table"));
    assert!(
        table.contains("alice") && table.contains("bob") && table.contains("Pending"),
        "{table}"
    );
    drop(app);

    server.answer(
        Method::Get,
        "/api/requests/12",
        200,
        &row(12, "alice", "pending", ""),
    );
    server.answer(
        Method::Post,
        "/api/requests/12/approve",
        200,
        &row(12, "alice", "approved", r#","decided_by":"lee","decided_at":1700000100000,"profile_arn":"arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-iam0001/alice""#),
    );
    let (detail, _detail_app) = open_at(&server, "/requests/12", "#approve-request").await;
    let summary = text_of(&find(&detail, "#request-summary").expect("a summary"));
    assert!(
        summary.contains("alice") && summary.contains("d-iam0001"),
        "{summary}"
    );
    let asked_for = text_of(&detail);
    assert!(
        asked_for.contains("arn:aws:iam::123456789012:role/Team"),
        "the settings asked for are shown: {asked_for}"
    );
    assert!(shows_action(&detail, "Edit"));

    click(&find(&detail, "#approve-request").expect("an Approve button")).await;
    wait_for(&detail, "#request-notice").await;
    let approvals = server.sent_to(Method::Post, "/api/requests/12/approve");
    assert_eq!(approvals.len(), 1, "approved once");
    assert_eq!(approvals[0].csrf_token.as_deref(), Some("token-lee"));
    let notice = text_of(&find(&detail, "#request-notice").expect("a notice"));
    assert!(
        notice.contains("Approved: the profile alice was created"),
        "{notice}"
    );
    assert_eq!(
        href_of(&detail, "a.request-profile-link").as_deref(),
        Some("/domains/d-iam0001/profiles/alice"),
        "a link to the new profile"
    );
    assert!(
        find(&detail, "#approve-request").is_none(),
        "nothing is left to decide"
    );
}

#[wasm_bindgen_test]
async fn approving_a_request_someone_else_decided_shows_where_it_stands_now() {
    let server = lead_with_pending(13, "bob");
    server.answer(
        Method::Post,
        "/api/requests/13/approve",
        409,
        &row(13, "bob", "approved", ""),
    );
    let (detail, _app) = open_at(&server, "/requests/13", "#approve-request").await;
    server.answer(
        Method::Get,
        "/api/requests/13",
        200,
        &row(13, "bob", "approved", r#","decided_by":"ada""#),
    );
    click(&find(&detail, "#approve-request").expect("an Approve button")).await;
    wait_for(&detail, "#request-notice").await;
    settle().await;
    let notice = text_of(&find(&detail, "#request-notice").expect("a notice"));
    assert!(
        notice.contains("Someone decided this request first"),
        "{notice}"
    );
    let summary = text_of(&find(&detail, "#request-summary").expect("a summary"));
    assert!(
        summary.contains("ada") && summary.contains("Profile bob created"),
        "{summary}"
    );
}

#[wasm_bindgen_test]
async fn rejecting_needs_a_reason_and_sends_it() {
    let server = lead_with_pending(14, "carol");
    server.answer(
        Method::Post,
        "/api/requests/14/reject",
        200,
        &row(
            14,
            "carol",
            "rejected",
            r#","reason":"Ask for the GPU quota first""#,
        ),
    );
    let (detail, _app) = open_at(&server, "/requests/14", "#reject-request").await;

    click(&find(&detail, "#reject-request").expect("a Reject button")).await;
    let page = text_of(&detail);
    assert!(
        page.contains("Enter the reason the requester will read"),
        "{page}"
    );
    assert!(
        server
            .sent_to(Method::Post, "/api/requests/14/reject")
            .is_empty(),
        "nothing is sent without a reason"
    );
    let reason = find(&detail, "#reject-reason").expect("a reason box");
    assert_eq!(
        reason.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );

    type_into_any(&reason, "Ask for the GPU quota first").await;
    click(&find(&detail, "#reject-request").expect("a Reject button")).await;
    wait_for(&detail, "#request-notice").await;

    let sent = server.sent_to(Method::Post, "/api/requests/14/reject");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        body_of(&sent[0]),
        json!({"reason": "Ask for the GPU quota first"})
    );
    let outcome = text_of(&find(&detail, "#request-outcome").expect("the outcome"));
    assert!(
        outcome.contains("Rejected: Ask for the GPU quota first"),
        "{outcome}"
    );
}

#[wasm_bindgen_test]
async fn a_lead_saves_the_domain_policy_from_what_is_filled_in() {
    let server = server_for("lee", "lead");
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/policy",
        200,
        r#"{"fixed":{}}"#,
    );
    server.answer(Method::Put, "/api/domains/d-iam0001/policy", 200, POLICY);
    let (container, _app) = open_at(
        &server,
        "/domains/d-iam0001/policy",
        "#f-UserSettings-ExecutionRole",
    )
    .await;
    assert!(
        find(&container, "#f-UserProfileName").is_none(),
        "a policy names no one"
    );
    type_into(
        &input(&container, "f-UserSettings-ExecutionRole"),
        "arn:aws:iam::123456789012:role/Team",
    )
    .await;
    let shown = preview(&container);
    click(&button(&container, "Save policy")).await;
    wait_for(&container, ".alert-success").await;
    let sent = server.sent_to(Method::Put, "/api/domains/d-iam0001/policy");
    assert_eq!(sent.len(), 1, "{}", text_of(&container));
    let body = body_of(&sent[0]);
    assert_eq!(body, shown, "the body is exactly the preview");
    assert_eq!(
        body,
        json!({"fixed": {"UserSettings": {"ExecutionRole": "arn:aws:iam::123456789012:role/Team"}}})
    );
}

#[wasm_bindgen_test]
async fn a_lead_edits_a_pending_request_and_saves_exactly_the_preview() {
    let server = lead_with_pending(12, "alice");
    server.answer(
        Method::Put,
        "/api/requests/12",
        200,
        &row(12, "alice", "pending", ""),
    );
    let (container, _app) = open_at(
        &server,
        "/requests/12/edit",
        "#f-UserSettings-ExecutionRole",
    )
    .await;
    let role = input(&container, "f-UserSettings-ExecutionRole");
    assert!(!role.read_only(), "a lead may differ from the policy");
    assert!(
        input(&container, "f-UserProfileName").read_only(),
        "the name stays the requester's"
    );
    type_into(&role, "arn:aws:iam::123456789012:role/Bigger").await;
    let shown = preview(&container);
    click(&button(&container, "Save request")).await;
    wait_for(&container, "#request-summary").await;
    let sent = server.sent_to(Method::Put, "/api/requests/12");
    assert_eq!(sent.len(), 1);
    assert_eq!(body_of(&sent[0]), shown);
    assert_eq!(
        shown["UserSettings"]["ExecutionRole"],
        "arn:aws:iam::123456789012:role/Bigger"
    );
    assert_eq!(shown["UserProfileName"], "alice");
}

#[wasm_bindgen_test]
async fn approve_is_disabled_while_in_flight_so_a_second_click_sends_nothing() {
    let server = lead_with_pending(15, "dana");
    server.answer(
        Method::Post,
        "/api/requests/15/approve",
        200,
        &row(15, "dana", "approved", ""),
    );
    let (detail, _app) = mount_app(&server, "/requests/15");
    let approve = wait_for(&detail, "#approve-request").await;
    *server.delay_ms.lock().expect("lock") = 300;
    click(&approve).await;
    let approve = find(&detail, "#approve-request").expect("still shown while in flight");
    assert!(
        approve.has_attribute("disabled"),
        "disabled while in flight"
    );
    assert_eq!(text_of(&approve).trim(), "Working…");
    click(&approve).await;
    wait_for(&detail, "#request-notice").await;
    assert_eq!(
        server
            .sent_to(Method::Post, "/api/requests/15/approve")
            .len(),
        1,
        "one approval, however many clicks"
    );
}

#[wasm_bindgen_test]
async fn choosing_a_domain_in_the_queue_asks_for_that_domains_requests_and_keeps_it_in_the_address()
{
    let server = server_for("lee", "lead");
    server.answer(
        Method::Get,
        "/api/requests",
        200,
        &format!(r#"{{"requests":[{}]}}"#, row(12, "alice", "pending", "")),
    );
    let (container, _app) = open_at(&server, "/requests", "#request-table").await;
    let domain = find(&container, "#queue-domain").expect("a domain filter");
    wait_for(&container, "#queue-domain option[value='d-iam0001']").await;
    let offered = text_of(&domain);
    assert!(offered.contains("team (d-iam0001)"), "{offered}");

    choose(&domain, "d-iam0001").await;
    settle().await;

    let asked = server.paths_sent(Method::Get, "/api/requests");
    assert!(
        asked.contains(&"/api/requests?status=pending&domain=d-iam0001".to_owned()),
        "the queue asks for the domain's requests: {asked:?}"
    );
    let address = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    assert!(
        address.contains("domain=d-iam0001"),
        "the address keeps the choice, so a link shares the view: {address}"
    );
}
