//! The running page: every live app of a domain with its hours, idle flag and totals
//! (costs with a prices file), and stopping one app or a selection, for leads only, each
//! stop in the audit log.

use std::time::Duration;

use axum::http::Method;
use serde_json::{Value, json};
use studio_admin_emulator::RunningEmulator;
use studio_admin_model::{
    AppInstanceType, AppLifecycleManagement, AppNetworkAccessType, AppStatus, AppType, AuthMode,
    CodeEditorAppSettings, CreateAppRequest, CreateDomainRequest, CreateUserProfileRequest,
    DomainStatus, IdleSettings, JupyterLabAppSettings, LifecycleManagement, ResourceSpec,
    SharingType, UserSettings,
};
use studio_admin_proxy::auth::Clock;
use studio_admin_proxy::prices::Prices;

use crate::helpers::binary::run_with_file;
use crate::helpers::{
    Browser, TestApp, profile_request, seed_profile_as, seed_space, start_emulator,
};

const HOUR: u64 = 3600;

/// JupyterLab idle shutdown after `lab` minutes, Code Editor after `code` (when given).
fn idle(lab: i32, code: Option<i32>) -> UserSettings {
    let lifecycle = |minutes| {
        Some(AppLifecycleManagement {
            idle_settings: Some(IdleSettings {
                lifecycle_management: Some(LifecycleManagement::Enabled),
                idle_timeout_in_minutes: Some(minutes),
                ..IdleSettings::default()
            }),
        })
    };
    UserSettings {
        jupyter_lab_app_settings: Some(JupyterLabAppSettings {
            app_lifecycle_management: lifecycle(lab),
            ..JupyterLabAppSettings::default()
        }),
        code_editor_app_settings: code.map(|code| CodeEditorAppSettings {
            app_lifecycle_management: lifecycle(code),
            ..CodeEditorAppSettings::default()
        }),
        ..UserSettings::default()
    }
}

/// An app seeded `age` ago on `instance`; `idle`: how long ago its user last did
/// something in it.
struct Seeded<'a> {
    user: Option<&'a str>,
    space: Option<&'a str>,
    app_type: AppType,
    name: &'a str,
    instance: &'a str,
    status: AppStatus,
    age_hours: u64,
    idle_hours: Option<u64>,
}

fn seed(emulator: &RunningEmulator, domain: &str, app: Seeded<'_>) {
    let request = CreateAppRequest {
        domain_id: Some(domain.to_owned()),
        user_profile_name: app.user.map(str::to_owned),
        space_name: app.space.map(str::to_owned),
        app_type: Some(app.app_type),
        app_name: Some(app.name.to_owned()),
        resource_spec: Some(ResourceSpec {
            instance_type: Some(AppInstanceType::from_wire(app.instance)),
            ..ResourceSpec::default()
        }),
        ..CreateAppRequest::default()
    };
    let age = Duration::from_secs(app.age_hours * HOUR);
    let idle = app
        .idle_hours
        .map(|hours| Duration::from_secs(hours * HOUR));
    emulator
        .emulator()
        .seed_idle_app(request, app.status, age, idle)
        .expect("app seeds");
}

/// A domain whose JupyterLab apps stop after 120 idle minutes and Code Editor after 60;
/// ana (its default) and bo (JupyterLab after 600), each with a private lab;
/// ana's JupyterServer (system, 50 h), ana's kernel gateway (ml.m5.large, 2 h), ana's lab
/// (ml.t3.medium, 5 h, idle 3 h: past 120 minutes), bo's lab (ml.g5.xlarge, 4 h, idle
/// 3 h: within 600), and two apps that hold nothing (Failed, Deleted).
async fn team() -> (RunningEmulator, String) {
    let emulator = start_emulator().await;
    let domain = emulator
        .emulator()
        .seed_domain(
            CreateDomainRequest {
                domain_name: Some("team".to_owned()),
                auth_mode: Some(AuthMode::Iam),
                app_network_access_type: Some(AppNetworkAccessType::PublicInternetOnly),
                default_user_settings: Some(UserSettings {
                    execution_role: Some(
                        "arn:aws:iam::123456789012:role/StudioExecution".to_owned(),
                    ),
                    ..idle(120, Some(60))
                }),
                vpc_id: Some("vpc-0a1b2c3d4e5f67890".to_owned()),
                subnet_ids: Some(vec!["subnet-0f1e2d3c4b5a69788".to_owned()]),
                ..CreateDomainRequest::default()
            },
            DomainStatus::InService,
            Duration::from_secs(100 * 24 * HOUR),
        )
        .expect("domain seeds");
    for (name, settings) in [("ana", None), ("bo", Some(idle(600, None)))] {
        let request = CreateUserProfileRequest {
            user_settings: settings,
            ..profile_request(&domain, name)
        };
        seed_profile_as(&emulator, request, 90 * 24 * HOUR);
        seed_space(
            &emulator,
            &domain,
            &format!("{name}-lab"),
            name,
            SharingType::Private,
        );
    }
    let user = |user, app_type, name, instance, status, age_hours| Seeded {
        user: Some(user),
        space: None,
        app_type,
        name,
        instance,
        status,
        age_hours,
        idle_hours: None,
    };
    let lab = |space, instance, age_hours, idle_hours| Seeded {
        user: None,
        space: Some(space),
        app_type: AppType::JupyterLab,
        name: "default",
        instance,
        status: AppStatus::InService,
        age_hours,
        idle_hours: Some(idle_hours),
    };
    for app in [
        user(
            "ana",
            AppType::JupyterServer,
            "default",
            "system",
            AppStatus::InService,
            50,
        ),
        user(
            "ana",
            AppType::KernelGateway,
            "kg-1",
            "ml.m5.large",
            AppStatus::InService,
            2,
        ),
        user(
            "bo",
            AppType::KernelGateway,
            "kg-failed",
            "ml.m5.large",
            AppStatus::Failed,
            10,
        ),
        user(
            "bo",
            AppType::KernelGateway,
            "kg-old",
            "ml.m5.large",
            AppStatus::Deleted,
            20,
        ),
        lab("ana-lab", "ml.t3.medium", 5, 3),
        lab("bo-lab", "ml.g5.xlarge", 4, 3),
    ] {
        seed(&emulator, &domain, app);
    }
    (emulator, domain)
}

/// `(owner, app name, hours)` of each listed app, in the page's order.
fn rows(page: &Value) -> Vec<(String, String, f64)> {
    page["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .map(|a| {
            let owner = a["user_profile_name"]
                .as_str()
                .or(a["space_name"].as_str())
                .unwrap_or_default();
            (
                owner.to_owned(),
                a["app_name"].as_str().unwrap_or_default().to_owned(),
                a["hours"].as_f64().expect("hours"),
            )
        })
        .collect()
}

/// `(key, apps, hours)` of each total of `group`.
fn totals(page: &Value, group: &str) -> Vec<(String, u64, f64)> {
    page[group]
        .as_array()
        .expect("totals")
        .iter()
        .map(|t| {
            (
                t["key"].as_str().unwrap_or_default().to_owned(),
                t["apps"].as_u64().unwrap_or_default(),
                t["hours"].as_f64().unwrap_or_default(),
            )
        })
        .collect()
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[tokio::test]
async fn the_running_page_lists_exactly_the_live_apps_with_hours_idle_flags_and_totals() {
    let (emulator, domain) = team().await;
    let app = TestApp::with_emulator(emulator);
    let reply = app.get(&format!("/api/domains/{domain}/running")).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let page = reply.json();
    assert_eq!(
        rows(&page),
        [
            (s("ana"), s("default"), 50.0),
            (s("ana-lab"), s("default"), 5.0),
            (s("bo-lab"), s("default"), 4.0),
            (s("ana"), s("kg-1"), 2.0),
        ],
        "longest running first, the Failed and Deleted apps left out"
    );
    assert_eq!(
        totals(&page, "by_person"),
        [(s("ana"), 3, 57.0), (s("bo"), 1, 4.0)],
        "a space's hours count for its owner"
    );
    assert_eq!(
        totals(&page, "by_instance_type"),
        [
            (s("system"), 1, 50.0),
            (s("ml.t3.medium"), 1, 5.0),
            (s("ml.g5.xlarge"), 1, 4.0),
            (s("ml.m5.large"), 1, 2.0),
        ]
    );
    assert_eq!(
        (
            page["total"]["apps"].clone(),
            page["total"]["hours"].clone()
        ),
        (json!(4), json!(61.0))
    );
    let labs = &page["apps"];
    assert_eq!(labs[1]["idle"], json!({"minutes": 120, "source": "domain"}));
    assert_eq!(
        labs[1]["past_idle_timeout"], true,
        "idle 3 h, past 120 minutes"
    );
    assert_eq!(
        labs[2]["idle"],
        json!({"minutes": 600, "source": "profile"})
    );
    assert_eq!(
        labs[2]["past_idle_timeout"], false,
        "idle 3 h, within 600 minutes"
    );
    assert_eq!(
        labs[0]["idle"],
        Value::Null,
        "JupyterServer has no idle shutdown"
    );
    let since = labs[1]["running_since"].as_i64().expect("epoch ms");
    let last = labs[1]["last_activity"].as_i64().expect("epoch ms");
    assert!(
        (last - since - 2 * 3_600_000).abs() < 60_000,
        "{since} {last}"
    );
    assert_eq!(page["priced"], false);
    assert!(page["total"].get("cost").is_none(), "no prices, no cost");
}

#[tokio::test]
async fn every_page_of_list_apps_is_read() {
    let (emulator, domain) = team().await;
    for i in 0..12 {
        let name = format!("kg-extra-{i:02}");
        let app = Seeded {
            user: Some("bo"),
            space: None,
            app_type: AppType::KernelGateway,
            name: &name,
            instance: "ml.t3.medium",
            status: AppStatus::InService,
            age_hours: 1,
            idle_hours: None,
        };
        seed(&emulator, &domain, app);
    }
    let app = TestApp::with_emulator(emulator);
    let page = app
        .get(&format!("/api/domains/{domain}/running"))
        .await
        .json();
    assert_eq!(page["apps"].as_array().expect("apps").len(), 16);
    let lists = app.emulator().emulator().calls_of("ListApps");
    assert!(lists.len() >= 2, "{} ListApps calls", lists.len());
    assert!(
        lists
            .iter()
            .all(|c| c.id("DomainIdEquals") == Some(domain.as_str()))
    );
}

#[tokio::test]
async fn with_a_prices_file_each_app_and_total_has_an_estimated_cost() {
    let (emulator, domain) = team().await;
    let prices = Prices::parse(
        "instance_type,hourly_price,currency\nml.t3.medium,0.05,USD\nml.g5.xlarge,1.41,USD\n",
    )
    .expect("prices parse");
    let app = TestApp::builder().emulator(emulator).prices(prices).build();
    let page = app
        .get(&format!("/api/domains/{domain}/running"))
        .await
        .json();
    assert_eq!(page["priced"], true);
    assert_eq!(
        page["apps"][1]["cost"],
        json!({"amount": 0.25, "currency": "USD"})
    );
    assert_eq!(
        page["apps"][2]["cost"],
        json!({"amount": 5.64, "currency": "USD"})
    );
    assert!(page["apps"][0].get("cost").is_none(), "system has no price");
    assert_eq!(
        page["total"]["cost"],
        json!([{"amount": 5.89, "currency": "USD"}])
    );
    assert_eq!(page["total"]["unpriced"], 2);
    let bo = &page["by_person"][1];
    assert_eq!(bo["cost"], json!([{"amount": 5.64, "currency": "USD"}]));
}

#[tokio::test]
async fn the_profile_page_shows_the_effective_idle_shutdown() {
    let (emulator, domain) = team().await;
    let app = TestApp::with_emulator(emulator);
    let bo = app
        .get(&format!("/api/domains/{domain}/profiles/bo"))
        .await
        .json();
    assert_eq!(
        bo["idle"],
        json!({
            "jupyter_lab": {"minutes": 600, "source": "profile"},
            "code_editor": {"minutes": 60, "source": "domain"},
        })
    );
    let ana = app
        .get(&format!("/api/domains/{domain}/profiles/ana"))
        .await
        .json();
    assert_eq!(
        ana["idle"]["jupyter_lab"],
        json!({"minutes": 120, "source": "domain"})
    );
}

/// The app of the running page `page` at `index`, as a stop names it.
fn app_ref(page: &Value, index: usize) -> Value {
    let app = &page["apps"][index];
    let mut reference = json!({"AppType": app["app_type"], "AppName": app["app_name"]});
    if let Some(user) = app.get("user_profile_name") {
        reference["UserProfileName"] = user.clone();
    }
    if let Some(space) = app.get("space_name") {
        reference["SpaceName"] = space.clone();
    }
    reference
}

#[tokio::test]
async fn a_lead_stops_one_app_then_a_selection_and_each_stop_is_audited() {
    let (emulator, domain) = team().await;
    let app = TestApp::for_team_of(emulator, &domain, &Clock::system());
    let leo = Browser::sign_in(app.router(), "leo").await;
    let running = format!("/api/domains/{domain}/running");
    let stop = format!("{running}/stop");
    let page = leo.get(&running).await.json();

    let one = leo.post(&stop, &json!({"apps": [app_ref(&page, 3)]})).await;
    assert_eq!(one.status, 200, "{}", one.text());
    assert_eq!(one.json()["results"][0]["stopped"], true);
    let deletes = app.emulator().emulator().calls_of("DeleteApp");
    assert_eq!(deletes.len(), 1);
    assert_eq!(deletes[0].id("AppName"), Some("kg-1"));
    let after = leo.get(&running).await.json();
    assert!(
        rows(&after).iter().all(|(_, name, _)| name != "kg-1"),
        "{after}"
    );

    let selection = json!({"apps": [app_ref(&page, 1), app_ref(&page, 2)]});
    let both = leo.post(&stop, &selection).await;
    assert_eq!(both.status, 200, "{}", both.text());
    let results = both.json()["results"].clone();
    assert_eq!(results.as_array().map(Vec::len), Some(2));
    assert!(
        results
            .as_array()
            .into_iter()
            .flatten()
            .all(|r| r["stopped"] == true)
    );
    let spaces: Vec<Option<String>> = app
        .emulator()
        .emulator()
        .calls_of("DeleteApp")
        .iter()
        .skip(1)
        .map(|c| c.id("SpaceName").map(str::to_owned))
        .collect();
    assert_eq!(spaces, [Some(s("ana-lab")), Some(s("bo-lab"))]);
    assert_eq!(
        rows(&leo.get(&running).await.json()),
        [(s("ana"), s("default"), 50.0)]
    );

    let ada = Browser::sign_in(app.router(), "ada").await;
    let audit = ada.get("/api/audit?action=app.stop").await.json();
    let entries = audit["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 2, "{audit}");
    let summary = entries[0]["summary"].to_string();
    for name in ["space ana-lab", "space bo-lab"] {
        assert!(summary.contains(name), "{summary}");
    }
    assert_eq!(entries[1]["target"], "KernelGateway/kg-1 of profile ana");
    assert!(
        entries
            .iter()
            .all(|e| e["actor"] == "leo" && e["outcome"] == "ok")
    );
}

#[tokio::test]
async fn a_viewer_and_a_lead_of_another_domain_cannot_stop_apps() {
    let (emulator, domain) = team().await;
    let app = TestApp::for_team_of(emulator, &domain, &Clock::system());
    let stop = format!("/api/domains/{domain}/running/stop");
    let body = json!({"apps": [{"AppType": "KernelGateway", "AppName": "kg-1", "UserProfileName": "ana"}]});
    for name in ["vera", "lou"] {
        let browser = Browser::sign_in(app.router(), name).await;
        let reply = browser.post(&stop, &body).await;
        assert_eq!(reply.status, 403, "{name}: {}", reply.text());
    }
    let vera = Browser::sign_in(app.router(), "vera").await;
    let page = vera.get(&format!("/api/domains/{domain}/running")).await;
    assert_eq!(page.status, 200, "a viewer reads the page");
    assert!(app.emulator().emulator().calls_of("DeleteApp").is_empty());
}

#[tokio::test]
async fn a_stop_names_one_to_a_hundred_apps_each_of_a_profile_or_a_space() {
    let (emulator, domain) = team().await;
    let app = TestApp::with_emulator(emulator);
    let stop = format!("/api/domains/{domain}/running/stop");
    let empty = app
        .send_json(Method::POST, &stop, &json!({"apps": []}))
        .await;
    assert_eq!(empty.status, 422, "{}", empty.text());
    let both = json!({"apps": [{"AppType": "JupyterLab", "AppName": "default", "UserProfileName": "ana", "SpaceName": "ana-lab"}]});
    let reply = app.send_json(Method::POST, &stop, &both).await;
    assert_eq!(reply.status, 422, "{}", reply.text());
    assert_eq!(reply.json()["errors"][0]["path"], "apps[0]");
    let gone = json!({"apps": [{"AppType": "KernelGateway", "AppName": "nothing", "UserProfileName": "ana"}]});
    assert_eq!(app.send_json(Method::POST, &stop, &gone).await.status, 404);
    assert_eq!(
        app.emulator().emulator().calls_of("DeleteApp").len(),
        1,
        "only the well-formed stop reached SageMaker"
    );
}

#[test]
fn a_malformed_prices_file_refuses_to_start_with_its_line() {
    let output = run_with_file(
        "prices.csv",
        "instance_type,hourly_price,currency\nml.t3.medium,0.05,USD\nml.g5.xlarge,one dollar,USD\n",
        &["serve", "--demo", "--listen", "127.0.0.1:0", "--prices"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("one dollar"), "{stderr}");
}
