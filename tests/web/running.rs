//! The running page: totals a person can check against the rows, the filter, the note
//! that the figures are an estimate, and a lead stopping a selection after confirming.

use std::collections::BTreeMap;

use studio_admin_web::api::transport::Method;
use wasm_bindgen_test::*;

use crate::support::*;

const DOMAINS: &str =
    r#"{"domains":[{"DomainId":"d-iam0001","DomainName":"team","AuthMode":"IAM"}]}"#;

const RUNNING: &str = "/api/domains/d-iam0001/running";

/// Four apps of ana and bo, priced, with the totals the server adds from the rows.
const PAGE: &str = r#"{
  "at": 1800000000000,
  "apps": [
    {"app_type":"JupyterServer","app_name":"default","user_profile_name":"ana","person":"ana","instance_type":"system","status":"InService","running_since":1799820000000,"hours":50.0,"past_idle_timeout":false},
    {"app_type":"JupyterLab","app_name":"default","space_name":"ana-lab","person":"ana","instance_type":"ml.t3.medium","status":"InService","running_since":1799982000000,"last_activity":1799989200000,"hours":5.0,"idle":{"minutes":120,"source":"domain"},"past_idle_timeout":true,"cost":{"amount":0.25,"currency":"USD"}},
    {"app_type":"JupyterLab","app_name":"default","space_name":"bo-lab","person":"bo","instance_type":"ml.g5.xlarge","status":"InService","running_since":1799985600000,"last_activity":1799989200000,"hours":4.0,"idle":{"minutes":600,"source":"profile"},"past_idle_timeout":false,"cost":{"amount":5.64,"currency":"USD"}},
    {"app_type":"KernelGateway","app_name":"kg-1","user_profile_name":"ana","person":"ana","instance_type":"ml.t3.medium","status":"InService","running_since":1799992800000,"hours":2.33,"past_idle_timeout":false,"cost":{"amount":0.12,"currency":"USD"}}
  ],
  "by_instance_type": [
    {"key":"system","apps":1,"hours":50.0,"unpriced":1},
    {"key":"ml.t3.medium","apps":2,"hours":7.33,"cost":[{"amount":0.37,"currency":"USD"}]},
    {"key":"ml.g5.xlarge","apps":1,"hours":4.0,"cost":[{"amount":5.64,"currency":"USD"}]}
  ],
  "by_person": [
    {"key":"ana","apps":3,"hours":57.33,"cost":[{"amount":0.37,"currency":"USD"}],"unpriced":1},
    {"key":"bo","apps":1,"hours":4.0,"cost":[{"amount":5.64,"currency":"USD"}]}
  ],
  "total": {"key":"","apps":4,"hours":61.33,"cost":[{"amount":6.01,"currency":"USD"}],"unpriced":1},
  "priced": true
}"#;

/// Hundredths of an hour in a cell's text.
fn hundredths(text: &str) -> i64 {
    let hours: f64 = text.trim().parse().expect("hours");
    (hours * 100.0).round() as i64
}

/// Hundredths of an hour in a row's hours cell (0 without one).
fn hours_of(row: &web_sys::Element) -> i64 {
    row.query_selector("[data-hours]")
        .ok()
        .flatten()
        .map(|c| hundredths(&text_of(&c)))
        .unwrap_or_default()
}

/// Hundredths of an hour per value of the rows' `column` cell (`person`, `instance`).
fn rows_by(container: &web_sys::HtmlElement, column: &str) -> BTreeMap<String, i64> {
    let mut sums = BTreeMap::new();
    for row in find_all(container, "#running-table tbody tr") {
        let key = row
            .query_selector(&format!("[data-{column}]"))
            .ok()
            .flatten()
            .map(|c| text_of(&c))
            .unwrap_or_default();
        *sums.entry(key).or_insert(0) += hours_of(&row);
    }
    sums
}

/// Hundredths of an hour of each row of the totals table `id`, by its key.
fn totals(container: &web_sys::HtmlElement, id: &str) -> BTreeMap<String, i64> {
    find_all(container, &format!("#{id} tbody tr"))
        .iter()
        .map(|row| {
            let key = row.get_attribute("data-key").unwrap_or_default();
            (key, hours_of(row))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_totals_add_up_the_rows_by_person_and_by_instance_type() {
    let server = FakeServer::signed_in_as("vic", "viewer", &["d-iam0001"]);
    server.answer(Method::Get, "/api/domains", 200, DOMAINS);
    server.answer(Method::Get, RUNNING, 200, PAGE);
    let (container, _app) = open_at(
        &server,
        "/domains/d-iam0001/running",
        "#running-table tbody tr",
    )
    .await;

    assert_eq!(
        rows_by(&container, "person"),
        totals(&container, "totals-by-person")
    );
    assert_eq!(
        rows_by(&container, "instance"),
        totals(&container, "totals-by-instance")
    );
    let all = find(&container, "#totals-by-person tfoot tr[data-key='*']").expect("a total row");
    let said = text_of(&all);
    assert!(said.contains("61.33"), "{said}");
    assert!(said.contains("6.01 USD"), "{said}");
    assert!(said.contains("1 app without a price"), "{said}");

    let note = text_of(&find(&container, "#estimate-note").expect("a note"));
    assert!(
        note.contains("an estimate from start times, not a bill"),
        "{note}"
    );
    let refreshed = text_of(&find(&container, "#last-refresh").expect("the refresh time"));
    assert!(refreshed.starts_with("Refreshed at "), "{refreshed}");
    let flagged = find_all(&container, "#running-table tbody tr[data-idle-past]");
    assert_eq!(flagged.len(), 1);
    assert!(text_of(&flagged[0]).contains("Idle past its timeout"));
    assert!(
        find(&container, "#stop-selected").is_none(),
        "a viewer is offered no stop"
    );

    type_into(&input(&container, "running-filter"), "bo").await;
    settle().await;
    let shown = find_all(&container, "#running-table tbody tr");
    assert_eq!(shown.len(), 1);
    assert_eq!(
        text_of(&find(&container, "#shown-sum").expect("the sum shown")),
        "1 app shown, 4.00 h"
    );
}

#[wasm_bindgen_test]
async fn a_lead_stops_the_selected_apps_after_confirming() {
    let server = FakeServer::lead_of("d-iam0001", DOMAINS);
    server.answer(Method::Get, RUNNING, 200, PAGE);
    server.answer(
        Method::Post,
        "/api/domains/d-iam0001/running/stop",
        200,
        r#"{"results":[
          {"app":{"AppType":"JupyterLab","AppName":"default","SpaceName":"ana-lab"},"stopped":true},
          {"app":{"AppType":"JupyterLab","AppName":"default","SpaceName":"bo-lab"},"stopped":true}
        ]}"#,
    );
    let (container, _app) = open_at(
        &server,
        "/domains/d-iam0001/running",
        "#running-table tbody tr",
    )
    .await;

    for key in ["|ana-lab|JupyterLab|default", "|bo-lab|JupyterLab|default"] {
        let checkbox = find(
            &container,
            &format!("tr[data-app='{key}'] input[type=checkbox]"),
        )
        .expect("a checkbox");
        click(&checkbox).await;
    }
    let stop = find(&container, "#stop-selected").expect("a stop button");
    assert_eq!(text_of(&stop), "Stop selected (2)");
    click(&stop).await;
    let confirm = wait_for(&container, "#stop-confirm").await;
    let said = text_of(&confirm);
    assert!(said.contains("Stop 2 apps?"), "{said}");
    assert!(
        said.contains("space ana-lab") && said.contains("space bo-lab"),
        "{said}"
    );
    assert!(
        server
            .sent_to(Method::Post, "/api/domains/d-iam0001/running/stop")
            .is_empty(),
        "nothing is stopped before the confirmation"
    );

    click(&find(&container, "#confirm-stop").expect("a confirm button")).await;
    let outcome = wait_for(&container, "#stop-outcome").await;
    assert!(
        text_of(&outcome).contains("Stopped 2 apps"),
        "{}",
        text_of(&outcome)
    );
    let sent = server.sent_to(Method::Post, "/api/domains/d-iam0001/running/stop");
    assert_eq!(sent.len(), 1);
    let body: serde_json::Value =
        serde_json::from_str(sent[0].body.as_deref().unwrap_or_default()).expect("JSON");
    assert_eq!(
        body,
        serde_json::json!({"apps": [
            {"AppType": "JupyterLab", "AppName": "default", "SpaceName": "ana-lab"},
            {"AppType": "JupyterLab", "AppName": "default", "SpaceName": "bo-lab"}
        ]})
    );
    assert!(
        server.paths_sent(Method::Get, RUNNING).len() >= 2,
        "the page loads again after the stop"
    );
}
