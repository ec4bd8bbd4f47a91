//! The audit log page: entries newest first, filters, paging, and exports that carry the
//! same filters.

use studio_admin_web::api::transport::Method;
use wasm_bindgen_test::*;

use crate::support::*;

const PAGE: &str = r#"{"entries":[
  {"id":42,"at":1700000300000,"actor":"lee","role":"lead","action":"request.approve","domain_id":"d-iam0001","target":"12","outcome":"ok","status":200},
  {"id":41,"at":1700000200000,"actor":"vic","role":"viewer","action":"profile.create","domain_id":"d-iam0001","target":"mallory","outcome":"refused","status":403,"message":"requires the lead role in domain d-iam0001"}
],"next":41}"#;

#[wasm_bindgen_test]
async fn the_audit_page_lists_entries_and_builds_export_links_from_the_filters() {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/domains", 200, r#"{"domains":[]}"#);
    server.answer(Method::Get, "/api/audit", 200, PAGE);
    let (container, _app) = open_at(&server, "/audit", "#audit-table").await;

    let rows = attributes_of(&container, "#audit-table tbody tr", "data-entry");
    assert_eq!(rows, ["42", "41"], "newest first");
    let table = text_of(&find(&container, "#audit-table").expect("a table"));
    assert!(
        table.contains("requires the lead role in domain d-iam0001"),
        "{table}"
    );
    assert_eq!(
        href_of(&container, "#export-csv").as_deref(),
        Some("/api/audit/export?format=csv")
    );

    type_into(&input(&container, "audit-actor"), "vic").await;
    choose(
        &find(&container, "#audit-outcome").expect("an outcome filter"),
        "refused",
    )
    .await;
    choose(
        &find(&container, "#audit-action").expect("an action filter"),
        "profile.create",
    )
    .await;
    click(&button(&container, "Apply filters")).await;
    settle().await;

    let filters = "actor=vic&action=profile.create&outcome=refused";
    assert_eq!(
        href_of(&container, "#export-csv"),
        Some(format!("/api/audit/export?format=csv&{filters}"))
    );
    assert_eq!(
        href_of(&container, "#export-json"),
        Some(format!("/api/audit/export?format=json&{filters}"))
    );
    let asked = server.paths_sent(Method::Get, "/api/audit");
    assert!(
        asked.contains(&format!("/api/audit?{filters}")),
        "the page asks with the same filters: {asked:?}"
    );

    click(&find(&container, "#older-entries").expect("an Older button")).await;
    settle().await;
    let asked = server.paths_sent(Method::Get, "/api/audit");
    assert!(
        asked.contains(&format!("/api/audit?{filters}&before=41")),
        "the next page starts before the last entry: {asked:?}"
    );
}

#[wasm_bindgen_test]
async fn only_admins_are_offered_the_audit_log() {
    let server = FakeServer::signed_in_as("lee", "lead", &["*"]);
    server.answer(Method::Get, "/api/domains", 200, r#"{"domains":[]}"#);
    let (container, _app) = open_at(&server, "/domains", "#sign-out").await;
    let nav = text_of(&find(&container, "header nav").expect("a navigation"));
    assert!(!nav.contains("Audit log"), "{nav}");
}

#[wasm_bindgen_test]
async fn since_and_until_are_sent_as_the_moments_typed_in_the_browsers_time_zone() {
    let server = FakeServer::new();
    server.answer(Method::Get, "/api/domains", 200, r#"{"domains":[]}"#);
    server.answer(Method::Get, "/api/audit", 200, PAGE);
    let (container, _app) = open_at(&server, "/audit", "#audit-table").await;

    type_into(&input(&container, "audit-since"), "2026-11-01T08:30").await;
    type_into(&input(&container, "audit-until"), "2026-11-29T17:45").await;
    click(&button(&container, "Apply filters")).await;
    settle().await;

    // What the browser means by those local times, in epoch milliseconds.
    let ms = |local: &str| js_sys::Date::new(&local.into()).get_time() as i64;
    let (since, until) = (ms("2026-11-01T08:30"), ms("2026-11-29T17:45"));
    assert!(until - since > 27 * 24 * 3_600_000, "{since} .. {until}");
    let filters = format!("since={since}&until={until}");
    let asked = server.paths_sent(Method::Get, "/api/audit");
    assert!(
        asked.contains(&format!("/api/audit?{filters}")),
        "the page asks for that window: {asked:?}"
    );
    assert_eq!(
        href_of(&container, "#export-csv"),
        Some(format!("/api/audit/export?format=csv&{filters}")),
        "the export carries the same window"
    );
}

#[wasm_bindgen_test]
async fn a_lead_who_opens_the_audit_log_by_its_address_is_told_why_and_offered_no_controls() {
    let server = FakeServer::signed_in_as("lee", "lead", &["*"]);
    server.answer(Method::Get, "/api/domains", 200, r#"{"domains":[]}"#);
    server.answer(Method::Get, "/api/audit", 200, PAGE);
    let (container, _app, refusal) = mount_refused(&server, "/audit").await;

    assert!(
        refusal.contains("This page requires the admin role."),
        "{refusal}"
    );
    assert!(
        find(&container, "#not-allowed a[href='/domains']").is_some(),
        "a way back to where the lead may work: {refusal}"
    );
    assert_eq!(
        text_of(&find(&container, "#audit-title").expect("the title")),
        "Audit log"
    );
    for control in [
        "#audit-actor",
        "#audit-action",
        "#audit-domain",
        "#audit-outcome",
        "#audit-since",
        "#audit-until",
        "#apply-filters",
        "#export-csv",
        "#export-json",
        "#older-entries",
        "#audit-table",
    ] {
        assert!(find(&container, control).is_none(), "no {control}");
    }
    for action in ["Try again", "Export CSV", "Export JSON", "Apply filters"] {
        assert!(!shows_action(&container, action), "no {action}");
    }
    assert!(
        server.sent_to(Method::Get, "/api/audit").is_empty(),
        "nothing of the log is asked for"
    );
}
