//! A team that leaves: the selection (one by one or every profile matching a search), one
//! combined plan, the count typed to confirm, then a delete job per profile with one
//! progress bar.

use serde_json::json;
use studio_admin_web::api::transport::Method;
use studio_admin_web::api::types::JobStatus;
use wasm_bindgen_test::*;

use crate::delete::job_of;
use crate::support::*;

const DOMAINS: &str =
    r#"{"domains":[{"DomainId":"d-iam0001","DomainName":"team","AuthMode":"IAM"}]}"#;

const PROFILES: &str = r#"{"profiles":[{"UserProfileName":"alice"},{"UserProfileName":"bob"},{"UserProfileName":"carol"}]}"#;

/// The delete plan of `name`: one app of its own, and a space with one app.
fn plan_of(name: &str) -> String {
    let app = |space: Option<&str>| {
        json!({"app_type": "JupyterLab", "app_name": "default", "status": "InService",
               "space_name": space, "action": "delete", "note": null})
    };
    json!({
        "domain_id": "d-iam0001", "profile_name": name, "profile_status": "InService",
        "home_efs_file_system_uid": "200001",
        "apps": [app(None)],
        "spaces": [{"space_name": format!("{name}-space"), "status": "InService", "apps": [app(Some("s"))]}],
        "kept": [{"what": "home directory", "id": "200001", "why": "EFS keeps it"}]
    })
    .to_string()
}

#[wasm_bindgen_test]
async fn a_selection_is_planned_confirmed_by_its_count_and_followed_to_the_end() {
    let server = FakeServer::lead_of("d-iam0001", DOMAINS);
    server.answer(
        Method::Get,
        "/api/domains/d-iam0001/profiles",
        200,
        PROFILES,
    );
    for (id, name) in [(7, "alice"), (8, "carol")] {
        let base = format!("/api/domains/d-iam0001/profiles/{name}");
        server.answer(
            Method::Get,
            &format!("{base}/delete-plan"),
            200,
            &plan_of(name),
        );
        let started = serde_json::to_string(&job_of(id, name, JobStatus::Running, 1)).unwrap();
        server.answer(Method::Delete, &base, 202, &started);
        let ended = serde_json::to_string(&job_of(id, name, JobStatus::Succeeded, 1)).unwrap();
        server.answer(Method::Get, &format!("/api/jobs/{id}"), 200, &ended);
    }
    let (container, _app) = mount_app(&server, "/domains/d-iam0001/offboard");
    wait_for(&container, "#offboard-profiles input[value='bob']").await;

    // Every profile whose name has an "a": alice and carol, not bob.
    type_into_any(&wait_for(&container, "#offboard-search").await, "a").await;
    click(&button(&container, "Select all 2 matching")).await;
    assert_eq!(
        text_of(&wait_for(&container, "#offboard-selected").await),
        "2 selected."
    );
    click(&button(&container, "Show the plan")).await;
    says(
        &container,
        "#offboard-plan-totals",
        &["2 profiles, 4 apps and 2 spaces to delete; 2 things stay"],
    )
    .await;
    assert!(
        server.sent(Method::Delete).is_empty(),
        "nothing is deleted before the count is typed"
    );

    let start = button(&container, "Offboard 2 profiles");
    assert!(start.has_attribute("disabled"));
    type_into_any(&wait_for(&container, "#offboard-count").await, "3").await;
    assert!(
        start.has_attribute("disabled"),
        "the wrong count does not confirm"
    );
    type_into_any(&wait_for(&container, "#offboard-count").await, "2").await;
    click(&button(&container, "Offboard 2 profiles")).await;

    let deleted: Vec<String> = server
        .sent(Method::Delete)
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert_eq!(
        deleted,
        [
            "/api/domains/d-iam0001/profiles/alice",
            "/api/domains/d-iam0001/profiles/carol"
        ]
    );
    // The jobs are asked for every 2 s until they end.
    let mut count = String::new();
    for _ in 0..40 {
        count = text_of(&wait_for(&container, "#offboard-progress-count").await);
        if count == "2 of 2 ended." {
            break;
        }
        sleep(200).await;
    }
    assert_eq!(count, "2 of 2 ended.");
    let done = JobStatus::Succeeded.label();
    says(
        &container,
        "#offboard-progress",
        &[&format!("alice: {done}"), &format!("carol: {done}")],
    )
    .await;
}
