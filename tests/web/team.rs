//! A team from a file: the page reads a pasted file with the model's reader, shows each
//! problem at its line and column before anything is asked, sends the file as typed for
//! the plan, and shows the plan's counts and rows.

use serde_json::Value;
use studio_admin_web::api::transport::Method;
use wasm_bindgen_test::*;

use crate::support::*;

const DOMAINS: &str = r#"{"domains":[{"DomainId":"d-iam0001","DomainName":"team","AuthMode":"IAM","AppNetworkAccessType":"PublicInternetOnly","DefaultUserSettings":{"ExecutionRole":"arn:aws:iam::123456789012:role/Team"}}]}"#;

const PLAN: &str = r#"{"domain_id":"d-iam0001","create_only":false,"counts":{"create":1,"update":1,"unchanged":0,"invalid":0},"rows":[{"row":1,"line":2,"name":"ada","action":"create"},{"row":2,"line":3,"name":"bo","action":"update","changes":["UserSettings.ExecutionRole"]}]}"#;

fn lead() -> std::sync::Arc<FakeServer> {
    FakeServer::lead_of("d-iam0001", DOMAINS)
}

#[wasm_bindgen_test]
async fn problems_of_a_pasted_file_show_at_their_line_and_column_before_any_plan() {
    let server = lead();
    let (container, _app) = mount_app(&server, "/domains/d-iam0001/team");
    let text = wait_for(&container, "#team-text").await;
    type_into_any(
        &text,
        "UserProfileName,UserSettings.SecurityGroups\nada,sg-0a1b2c3d\nbad_name!,not a group\n",
    )
    .await;
    says(
        &container,
        "#team-local",
        &[
            "2 rows read",
            "line 3, UserProfileName",
            "line 3, UserSettings.SecurityGroups",
        ],
    )
    .await;
    assert!(
        server.sent(Method::Post).is_empty(),
        "nothing is sent before the plan is asked for"
    );
}

#[wasm_bindgen_test]
async fn an_unknown_column_is_named_and_the_plan_cannot_be_asked_for_an_empty_file() {
    let server = lead();
    let (container, _app) = mount_app(&server, "/domains/d-iam0001/team");
    let text = wait_for(&container, "#team-text").await;
    let plan = button(&container, "Show the plan");
    assert!(plan.has_attribute("disabled"), "no file, no plan");
    type_into_any(&text, "UserProfileName,UserSettings.ExecutionRol\nada,x\n").await;
    let local = text_of(&wait_for(&container, "#team-local").await);
    assert!(
        local.contains("line 1, UserSettings.ExecutionRol"),
        "{local}"
    );
}

#[wasm_bindgen_test]
async fn the_plan_is_asked_for_the_file_as_typed_and_shows_counts_and_rows() {
    let server = lead();
    server.answer(Method::Post, "/api/domains/d-iam0001/batch/plan", 200, PLAN);
    let (container, _app) = mount_app(&server, "/domains/d-iam0001/team");
    let text = wait_for(&container, "#team-text").await;
    let file = "UserProfileName,UserSettings.ExecutionRole\nada,arn:aws:iam::123456789012:role/Team\nbo,arn:aws:iam::123456789012:role/Other\n";
    type_into_any(&text, file).await;
    click(&button(&container, "Show the plan")).await;
    let counts = text_of(&wait_for(&container, "#team-plan-counts").await);
    assert!(
        counts.contains("1 to create, 1 to update, 0 unchanged, 0 invalid"),
        "{counts}"
    );
    let sent = server.sent_to(Method::Post, "/api/domains/d-iam0001/batch/plan");
    assert_eq!(sent.len(), 1);
    let body: Value = serde_json::from_str(sent[0].body.as_deref().unwrap_or("{}")).unwrap();
    assert_eq!(body["file"], file);
    assert_eq!(body["create_only"], false);
    let rows = find_all(&container, "#team-plan-table tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(text_of(&rows[1]).contains("Changes UserSettings.ExecutionRole"));
    assert_eq!(
        rows[0].get_attribute("data-action").as_deref(),
        Some("create")
    );
}

/// A batch of the two rows of [`PLAN`] as `status`, with its rows as given.
fn batch(status: &str, done: usize, failed: usize, rows: &str) -> String {
    let pending = 2 - done - failed;
    format!(
        r#"{{"batch":{{"id":7,"domain_id":"d-iam0001","create_only":false,"status":"{status}","cancel_requested":false,"created_by":"leo","counts":{{"total":2,"pending":{pending},"running":0,"done":{done},"failed":{failed},"cancelled":0}},"attempt":1,"created_at":1,"updated_at":2}},"rows":[{rows}]}}"#
    )
}

const ADA_PENDING: &str =
    r#"{"row":1,"name":"ada","action":"create","status":"pending","updated_at":1}"#;
const BO_PENDING: &str =
    r#"{"row":2,"name":"bo","action":"update","status":"pending","updated_at":1}"#;
const ADA_DONE: &str = r#"{"row":1,"name":"ada","action":"create","status":"done","outcome":"created","profile_arn":"arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-iam0001/ada","updated_at":2}"#;
const BO_FAILED: &str = r#"{"row":2,"name":"bo","action":"update","status":"failed","error":"AccessDenied: not allowed","updated_at":2}"#;

#[wasm_bindgen_test]
async fn apply_sends_the_planned_file_and_follows_the_batch_row_by_row() {
    let server = lead();
    server.answer(Method::Post, "/api/domains/d-iam0001/batch/plan", 200, PLAN);
    let started = batch("running", 0, 0, &format!("{ADA_PENDING},{BO_PENDING}"));
    server.answer(
        Method::Post,
        "/api/domains/d-iam0001/batches",
        202,
        &started,
    );
    let (container, _app) = mount_app(&server, "/domains/d-iam0001/team");
    let text = wait_for(&container, "#team-text").await;
    let file = "UserProfileName,UserSettings.ExecutionRole\nada,arn:aws:iam::123456789012:role/Team\nbo,arn:aws:iam::123456789012:role/Other\n";
    type_into_any(&text, file).await;
    click(&button(&container, "Show the plan")).await;
    click(&wait_for(&container, "#team-apply").await).await;
    says(
        &container,
        "#team-batch-status",
        &["Running", "0 of 2 rows done"],
    )
    .await;
    let sent = server.sent_to(Method::Post, "/api/domains/d-iam0001/batches");
    assert_eq!(sent.len(), 1);
    let body: Value = serde_json::from_str(sent[0].body.as_deref().unwrap_or("{}")).unwrap();
    assert_eq!(body["file"], file);

    // The stream says ada is done, then that bo failed and the batch ended.
    let events = "/api/domains/d-iam0001/batches/7/events";
    server
        .stream_event(events, "batch", &batch("running", 1, 0, ADA_DONE))
        .await;
    says(&container, "#team-batch-status", &["1 of 2 rows done"]).await;
    server
        .stream_event(events, "batch", &batch("failed", 1, 1, BO_FAILED))
        .await;
    says(
        &container,
        "#team-batch-status",
        &["Finished with failures", "1 of 2 rows done, 1 failed"],
    )
    .await;
    let rows = find_all(&container, "#team-batch-table tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(
        text_of(&rows[0]).contains("created"),
        "{}",
        text_of(&rows[0])
    );
    assert!(
        text_of(&rows[1]).contains("AccessDenied: not allowed"),
        "{}",
        text_of(&rows[1])
    );
    assert_eq!(
        href_of(&container, "#team-results").as_deref(),
        Some("/api/domains/d-iam0001/batches/7/results.csv")
    );
    // The failed row can be run again.
    let retried = batch("running", 1, 0, &format!("{ADA_DONE},{BO_PENDING}"));
    server.answer(
        Method::Post,
        "/api/domains/d-iam0001/batches/7/retry",
        202,
        &retried,
    );
    click(&wait_for(&container, "#team-retry").await).await;
    says(
        &container,
        "#team-batch-status",
        &["Running", "1 of 2 rows done"],
    )
    .await;
    assert_eq!(
        server
            .sent_to(Method::Post, "/api/domains/d-iam0001/batches/7/retry")
            .len(),
        1
    );
}

#[wasm_bindgen_test]
async fn an_earlier_batch_of_the_domain_can_be_followed_again_after_a_reload() {
    let server = lead();
    let failed = batch("failed", 1, 1, &format!("{ADA_DONE},{BO_FAILED}"));
    let detail: Value = serde_json::from_str(&failed).unwrap();
    let list = serde_json::json!({ "batches": [detail["batch"].clone()] }).to_string();
    server.answer(Method::Get, "/api/domains/d-iam0001/batches", 200, &list);
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/batches/7",
        200,
        &failed,
    );
    let (container, _app) = mount_app(&server, "/domains/d-iam0001/team");
    says(
        &container,
        "#team-earlier",
        &["Batch 7 by leo: Finished with failures, 1 of 2 rows done, 1 failed"],
    )
    .await;
    click(&wait_for(&container, "#team-earlier button[data-batch='7']").await).await;
    says(
        &container,
        "#team-batch-status",
        &["Finished with failures", "1 of 2 rows done, 1 failed"],
    )
    .await;
    assert_eq!(find_all(&container, "#team-batch-table tbody tr").len(), 2);
    assert!(find(&container, "#team-retry").is_some_and(|b| !b.has_attribute("hidden")));
}

#[wasm_bindgen_test]
async fn a_viewer_is_told_why_and_offered_no_file_chooser() {
    let server = FakeServer::signed_in_as("vic", "viewer", &["d-iam0001"]);
    server.answer(Method::Get, "/api/domains", 200, DOMAINS);
    let (container, _app) = open_at(&server, "/domains/d-iam0001/team", "#team-title").await;
    settle().await;
    assert!(find(&container, "#team-text").is_none());
    assert!(
        text_of(&container).contains("requires the lead role"),
        "{}",
        text_of(&container)
    );
}

const SSO_DOMAINS: &str = r#"{"domains":[{"DomainId":"d-sso0001","DomainName":"research","AuthMode":"SSO","AppNetworkAccessType":"PublicInternetOnly","DefaultUserSettings":{"ExecutionRole":"arn:aws:iam::123456789012:role/Team"}}]}"#;

const GROUPS: &str = r#"{"groups":[{"GroupId":"g-fin","DisplayName":"finance"},{"GroupId":"g-ml","DisplayName":"ml-researchers"}]}"#;

const GROUP_FILE: &str = r#"{"group":{"GroupId":"g-ml","DisplayName":"ml-researchers"},"members":[{"UserId":"u-1","UserName":"kenji.watanabe"},{"UserId":"u-2","UserName":"maria.garcia"}],"file":"UserProfileName,SingleSignOnUserIdentifier,SingleSignOnUserValue\nkenji-watanabe,UserName,kenji.watanabe\nmaria-garcia,UserName,maria.garcia\n"}"#;

#[wasm_bindgen_test]
async fn a_directory_group_becomes_the_file_one_row_per_member() {
    let server = FakeServer::lead_of("d-sso0001", SSO_DOMAINS);
    server.answer(
        Method::Get,
        "/api/domains/d-sso0001/directory/groups",
        200,
        GROUPS,
    );
    server.answer(
        Method::Get,
        "/api/domains/d-sso0001/directory/groups/g-ml/team",
        200,
        GROUP_FILE,
    );
    let (container, _app) = mount_app(&server, "/domains/d-sso0001/team");
    wait_for(&container, "#team-group-select option[value='g-ml']").await;
    choose(&wait_for(&container, "#team-group-select").await, "g-ml").await;
    click(&button(&container, "Use this group")).await;
    says(
        &container,
        "#team-local",
        &["2 rows read, no problems found"],
    )
    .await;
    says(
        &container,
        "#team-group [role='status']",
        &["2 members of ml-researchers"],
    )
    .await;
    assert!(
        server.sent(Method::Post).is_empty(),
        "nothing is planned until the lead asks"
    );
}

#[wasm_bindgen_test]
async fn an_iam_domain_offers_no_directory_groups() {
    let server = lead();
    let (container, _app) = mount_app(&server, "/domains/d-iam0001/team");
    wait_for(&container, "#team-text").await;
    settle().await;
    assert!(find(&container, "#team-group").is_none());
}
