//! End-to-end: real headless Chromium over WebDriver against the real `studio-admin
//! serve --demo` binary, as a team lead uses the panel (signed in on the sign-in page with
//! the demo lead's button), and as a requester asks for a profile. Screenshots of every
//! page land in `target/e2e-screenshots/`.
//!
//! The web app must be built first (`cargo xtask bundle`; `cargo xtask test` does).

use std::time::Duration;

use serde_json::json;
use studio_admin_e2e::{Browser, Server, one_at_a_time, open_as, run};

/// Profiles reach InService in the demo within seconds; a delete with apps takes longer.
const SAGEMAKER_PATIENCE: Duration = Duration::from_secs(45);

/// How long the page may take to react to what the person did (a message, a preview).
const REACTION: Duration = Duration::from_secs(5);

/// A fresh server and a browser on it, signed in on the sign-in page as the demo team
/// lead.
async fn open() -> anyhow::Result<(Server, Browser, String)> {
    open_as("demo-lead", "ml-platform-team").await
}

/// Searches the domain's profile list for `search` and waits for the row of the profile
/// `name` to read `text`; the row's text.
async fn search_list(
    browser: &Browser,
    domain: &str,
    search: &str,
    name: &str,
    text: &str,
) -> anyhow::Result<String> {
    browser.goto(&format!("/domains/{domain}/profiles")).await?;
    browser.type_into("#profile-search", search).await?;
    browser
        .wait_for_text(
            &format!("#profile-table tbody tr[data-profile='{name}']"),
            text,
            Duration::from_secs(10),
        )
        .await
}

/// Creates a profile through the API (for tests that start from an existing profile).
async fn create_profile(server: &Server, domain: &str, name: &str) -> anyhow::Result<()> {
    let (status, body) = server
        .post(
            &format!("/api/domains/{domain}/profiles"),
            &json!({"UserProfileName": name, "Tags": [{"Key": "Team", "Value": "e2e"}]}),
        )
        .await?;
    anyhow::ensure!(status == 201, "creating {name} answered {status}: {body}");
    Ok(())
}

#[test]
fn a_user_created_through_the_form_reaches_in_service_in_the_list() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, domain) = open().await?;

        // The domain picker, remembered from here on.
        browser.goto("/domains").await?;
        browser.wait_for("a.domain-link").await?;
        browser.screenshot("01-domain-picker", None).await?;
        browser.click("a.domain-link[href$='/profiles']").await?;
        browser.wait_for("#profile-table tbody tr").await?;
        browser.screenshot("02-profile-list", None).await?;

        browser.click("a.button-primary[href$='/add-user']").await?;
        browser.wait_for("#f-UserProfileName").await?;
        browser
            .type_into("#f-UserProfileName", "e2e-created")
            .await?;
        browser
            .type_into(
                "#f-UserSettings-ExecutionRole",
                "arn:aws:iam::123456789012:role/service-role/e2e",
            )
            .await?;
        browser.click_button("Add tag").await?;
        browser.type_into("#f-Tags-0-Key", "Team").await?;
        browser.type_into("#f-Tags-0-Value", "platform").await?;
        let preview = browser
            .wait_for_text("#json-preview", "e2e-created", REACTION)
            .await?;
        let preview: serde_json::Value = serde_json::from_str(&preview)?;
        assert_eq!(
            preview["Tags"],
            json!([{"Key": "Team", "Value": "platform"}])
        );
        browser.screenshot("03-add-user-form", Some(2200)).await?;
        browser.click("#submit-profile").await?;

        // The new profile's page follows it from Pending to InService.
        browser
            .wait_for_text("#profile-title", "e2e-created", Duration::from_secs(10))
            .await?;
        assert!(
            browser
                .path()
                .await?
                .ends_with(&format!("/domains/{domain}/profiles/e2e-created?created=1")),
            "{}",
            browser.path().await?
        );
        browser.screenshot("04-profile-created", None).await?;
        browser
            .wait_for_text("#profile-title .badge", "In service", SAGEMAKER_PATIENCE)
            .await?;
        browser.screenshot("05-profile-detail", Some(1600)).await?;

        // And the list shows it, In service, when searched for.
        let row = search_list(&browser, &domain, "e2e-cre", "e2e-created", "In service").await?;
        assert!(row.contains("e2e-created"), "{row}");
        assert_eq!(
            server
                .profile_status(&domain, "e2e-created")
                .await?
                .as_deref(),
            Some("InService")
        );
        browser.screenshot("06-profile-list-search", None).await?;
        browser.close().await
    })
}

#[test]
fn an_invalid_form_cannot_be_sent() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, domain) = open().await?;
        browser.goto(&format!("/domains/{domain}/add-user")).await?;
        browser
            .type_into("#f-UserProfileName", "-not valid")
            .await?;
        browser
            .wait_for_text("#f-UserProfileName-messages", "Error:", REACTION)
            .await
            .ok();
        browser
            .type_into("#f-UserSettings-ExecutionRole", "not-an-arn")
            .await?;
        browser.click("#submit-profile").await?;

        let summary = browser
            .wait_for_text("#error-summary", "There is a problem", REACTION)
            .await?;
        assert!(summary.contains("UserProfileName"), "{summary}");
        assert!(summary.contains("ExecutionRole"), "{summary}");
        assert_eq!(
            browser.focused_id().await?,
            "error-summary",
            "focus moves to the summary"
        );
        assert!(
            browser.path().await?.ends_with("/add-user"),
            "still on the form"
        );
        browser.screenshot("07-invalid-form", None).await?;

        // The summary's link takes the keyboard to the field.
        browser
            .click("#error-summary a[href='#f-UserSettings-ExecutionRole']")
            .await?;
        assert_eq!(browser.focused_id().await?, "f-UserSettings-ExecutionRole");

        tokio::time::sleep(Duration::from_millis(500)).await;
        let list: serde_json::Value = server
            .get(&format!("/api/domains/{domain}/profiles?search=not"))
            .await?;
        assert_eq!(list["profiles"], json!([]), "nothing was created");
        browser.close().await
    })
}

#[test]
fn editing_a_user_sends_the_change_and_the_profile_shows_it() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, domain) = open().await?;
        create_profile(&server, &domain, "e2e-edited").await?;

        browser
            .goto(&format!("/domains/{domain}/profiles/e2e-edited"))
            .await?;
        browser
            .wait_for_text("#profile-title .badge", "In service", SAGEMAKER_PATIENCE)
            .await?;
        browser.click("#edit-profile").await?;
        let name = browser.wait_for("#f-UserProfileName").await?;
        assert_eq!(
            name.prop("value").await?.as_deref(),
            Some("e2e-edited"),
            "prefilled"
        );
        assert!(
            name.attr("readonly").await?.is_some(),
            "the name cannot change"
        );
        browser
            .type_into(
                "#f-UserSettings-ExecutionRole",
                "arn:aws:iam::123456789012:role/service-role/e2e-edited",
            )
            .await?;
        browser
            .click("#f-UserSettings-JupyterLabAppSettings-section summary")
            .await?;
        browser
            .type_into(
                "#f-UserSettings-JupyterLabAppSettings-DefaultResourceSpec-InstanceType",
                "ml.t3.large",
            )
            .await?;
        let preview = browser
            .wait_for_text("#json-preview", "ml.t3.large", REACTION)
            .await?;
        assert!(
            !preview.contains("\"Tags\""),
            "UpdateUserProfile has no tags: {preview}"
        );
        browser.screenshot("08-edit-user-form", Some(2200)).await?;
        browser.click("#submit-profile").await?;

        browser
            .wait_for_text("#profile-title", "e2e-edited", Duration::from_secs(10))
            .await?;
        assert!(
            browser.path().await?.ends_with("?updated=1"),
            "{}",
            browser.path().await?
        );
        let settings = browser
            .wait_for_text(".settings", "ml.t3.large", Duration::from_secs(10))
            .await?;
        assert!(settings.contains("e2e-edited"), "{settings}");
        browser
            .wait_for_text("#profile-title .badge", "In service", SAGEMAKER_PATIENCE)
            .await?;
        browser
            .screenshot("09-profile-after-edit", Some(1600))
            .await?;
        browser.close().await
    })
}

#[test]
fn deleting_a_user_shows_the_plan_then_live_progress_until_it_is_gone() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, domain) = open().await?;
        // A demo profile with apps and owned spaces, so the delete has steps to show.
        let name = "alice-nguyen";
        browser
            .goto(&format!("/domains/{domain}/profiles/{name}"))
            .await?;
        browser.wait_for("#apps-table").await?;
        browser.click("#delete-profile").await?;

        // The plan: what goes, what stays.
        browser.wait_for("#delete-plan").await?;
        let kept = browser
            .wait_for_text(
                "#delete-kept",
                "EFS home directory",
                Duration::from_secs(10),
            )
            .await?;
        assert!(!kept.is_empty());
        browser.screenshot("10-delete-plan", Some(1600)).await?;

        // A wrong name does not start anything.
        browser.type_into("#confirm-name", "alice").await?;
        browser.click("#confirm-delete").await?;
        browser
            .wait_for_text(".confirm .field-messages", "exactly", REACTION)
            .await?;
        browser.type_into("#confirm-name", name).await?;
        browser.click("#confirm-delete").await?;

        // Live progress, and it survives a reload (the job is found again).
        browser.wait_for("#delete-progress").await?;
        browser.wait_for("#delete-steps li").await?;
        let at = browser.path().await?;
        assert!(at.contains("/delete?job="), "{at}");
        browser.screenshot("11-delete-progress", None).await?;
        browser.client.refresh().await?;
        browser.wait_for("#delete-progress").await?;
        assert!(
            browser
                .client
                .find_all(fantoccini::Locator::Css("#confirm-name"))
                .await?
                .is_empty(),
            "a reload shows the running job, not the confirmation"
        );
        let status = browser
            .wait_for_text("#delete-status", "Done", SAGEMAKER_PATIENCE)
            .await?;
        assert!(status.contains(name), "{status}");
        browser.screenshot("12-delete-done", None).await?;

        assert_eq!(
            server.profile_status(&domain, name).await?,
            None,
            "the profile is gone"
        );
        browser.goto(&format!("/domains/{domain}/profiles")).await?;
        browser.wait_for("#profile-table tbody tr").await?;
        browser
            .wait_for_absence(
                &format!("tr[data-profile='{name}']"),
                Duration::from_secs(10),
            )
            .await?;
        browser.close().await
    })
}

#[test]
fn the_form_follows_the_domain_sso_sign_in_and_vpc_security_groups() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, _) = open().await?;
        let sso = server.domain_id("research-sso").await?;
        let vpc = server.domain_id("regulated-vpc").await?;

        browser.goto(&format!("/domains/{sso}/add-user")).await?;
        browser.wait_for("#f-SingleSignOnUserValue").await?;
        browser
            .wait_for_text("#identity-center-notice", "IAM Identity Center", REACTION)
            .await?;
        let preview = browser
            .wait_for_text("#json-preview", "SingleSignOnUserIdentifier", REACTION)
            .await?;
        assert!(preview.contains("\"UserName\""), "{preview}");
        browser.screenshot("13-add-user-sso-domain", None).await?;

        browser.goto(&format!("/domains/{vpc}/add-user")).await?;
        browser.wait_for("#f-UserProfileName").await?;
        assert!(
            browser
                .client
                .find_all(fantoccini::Locator::Css("#f-SingleSignOnUserValue"))
                .await?
                .is_empty(),
            "no SSO fields outside SSO domains"
        );
        let groups = browser
            .wait_for_text(
                "#f-UserSettings-SecurityGroups-section",
                "VPC only",
                REACTION,
            )
            .await?;
        assert!(groups.contains("default groups"), "{groups}");
        browser.screenshot("14-add-user-vpc-domain", None).await?;
        browser.close().await
    })
}

#[test]
fn a_requester_asks_for_a_profile_and_the_lead_approves_it_into_the_list() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, domain) = open().await?;
        browser.sign_out().await?;
        browser.screenshot("20-sign-in", None).await?;

        // The requester asks for their own profile with the add-user form.
        browser.sign_in_as_demo("demo-requester").await?;
        browser.goto(&format!("/domains/{domain}/request")).await?;
        let name = browser.wait_for("#f-UserProfileName").await?;
        assert_eq!(
            name.prop("value").await?.as_deref(),
            Some("demo-requester"),
            "the name is the requester's own"
        );
        assert!(name.attr("readonly").await?.is_some(), "and locked");
        browser
            .type_into(
                "#f-UserSettings-ExecutionRole",
                "arn:aws:iam::123456789012:role/service-role/e2e",
            )
            .await?;
        browser.screenshot("21-request-form", Some(2200)).await?;
        browser.click("#submit-profile").await?;
        let mine = browser
            .wait_for_text(".alert-success", "submitted", Duration::from_secs(10))
            .await?;
        assert!(mine.contains("Request #"), "{mine}");
        browser
            .wait_for_text("#request-table", "Pending", Duration::from_secs(10))
            .await?;
        browser.screenshot("22-my-requests", None).await?;
        assert_eq!(
            server.profile_status(&domain, "demo-requester").await?,
            None,
            "nothing is created before a lead approves"
        );

        // The lead finds it in the queue and approves it.
        browser.sign_out().await?;
        browser.sign_in_as_demo("demo-lead").await?;
        browser.goto("/requests").await?;
        browser
            .wait_for_text("#request-table", "demo-requester", Duration::from_secs(10))
            .await?;
        browser.screenshot("23-request-queue", None).await?;
        browser
            .click("#request-table tbody tr a[href^='/requests/']")
            .await?;
        browser.wait_for("#approve-request").await?;
        browser.screenshot("24-request-detail", Some(1600)).await?;
        browser.click("#approve-request").await?;
        let notice = browser
            .wait_for_text("#request-notice", "Approved", SAGEMAKER_PATIENCE)
            .await?;
        assert!(notice.contains("demo-requester"), "{notice}");
        browser.screenshot("25-request-approved", None).await?;

        // The profile exists and the list shows it.
        browser.click("a.request-profile-link").await?;
        browser
            .wait_for_text("#profile-title", "demo-requester", Duration::from_secs(10))
            .await?;
        let row = search_list(
            &browser,
            &domain,
            "demo-req",
            "demo-requester",
            "demo-requester",
        )
        .await?;
        assert!(row.contains("demo-requester"), "{row}");
        assert!(
            server
                .profile_status(&domain, "demo-requester")
                .await?
                .is_some(),
            "the server has the profile"
        );
        browser.close().await
    })
}

#[test]
fn a_lead_edits_a_profiles_tags_and_sees_them_after_a_reload() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, domain) = open().await?;
        let profile = format!("/domains/{domain}/profiles/alice-nguyen");

        // The demo gave her tags; the profile page lists them.
        browser.goto(&profile).await?;
        let listed = browser
            .wait_for_text("#tags-list", "ml-platform", Duration::from_secs(10))
            .await?;
        assert!(listed.contains("fraud-detection"), "{listed}");

        browser.click("#edit-profile").await?;
        let first = browser.wait_for("#f-Tags-0-Key").await?;
        assert_eq!(first.prop("value").await?.as_deref(), Some("Team"));
        browser.click_button("Add tag").await?;
        // The same key twice is refused as it is typed.
        browser.type_into("#f-Tags-3-Key", "Team").await?;
        browser
            .wait_for_text("#f-Tags-3-Key-messages", "Duplicate tag key", REACTION)
            .await?;
        browser.type_into("#f-Tags-3-Key", "Owner").await?;
        browser.type_into("#f-Tags-3-Value", "alice").await?;
        browser.type_into("#f-Tags-1-Value", "ml-4022").await?;
        browser.screenshot("30-tag-editor", Some(2400)).await?;
        browser.click("#save-tags").await?;
        browser
            .wait_for_text("#tags-outcome", "Tags saved", Duration::from_secs(10))
            .await?;

        // A fresh load of the profile page reads them from SageMaker again.
        browser.goto(&profile).await?;
        let listed = browser
            .wait_for_text("#tags-list", "Owner", Duration::from_secs(10))
            .await?;
        assert!(
            listed.contains("ml-4022") && !listed.contains("ml-4021"),
            "{listed}"
        );
        let tags: serde_json::Value = server
            .get(&format!("/api/domains/{domain}/profiles/alice-nguyen/tags"))
            .await?;
        assert_eq!(
            tags,
            json!({"Tags": [
                {"Key": "Team", "Value": "ml-platform"},
                {"Key": "CostCenter", "Value": "ml-4022"},
                {"Key": "Project", "Value": "fraud-detection"},
                {"Key": "Owner", "Value": "alice"},
            ]})
        );
        browser.screenshot("31-profile-tags", Some(1600)).await?;
        browser.close().await
    })
}

#[test]
fn a_team_file_is_checked_fixed_planned_and_applied_and_a_selection_is_offboarded()
-> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, domain) = open().await?;
        browser.goto(&format!("/domains/{domain}/team")).await?;
        browser.wait_for("#team-text").await?;
        let role = "arn:aws:iam::123456789012:role/service-role/e2e";
        let rows = |fifth: &str| {
            let mut file = "UserProfileName,UserSettings.ExecutionRole\n".to_owned();
            for name in [
                "e2e-team-1",
                "e2e-team-2",
                "e2e-team-3",
                "e2e-team-4",
                fifth,
            ] {
                file.push_str(&format!("{name},{role}\n"));
            }
            file
        };
        // One name SageMaker would refuse: the browser says where before anything is sent.
        browser.type_into("#team-text", &rows("e2e team 5")).await?;
        let local = browser
            .wait_for_text("#team-local", "5 rows read, 1 problems", REACTION)
            .await?;
        assert!(local.contains("line 6, UserProfileName"), "{local}");
        browser.screenshot("32-team-file-problem", None).await?;

        browser.type_into("#team-text", &rows("e2e-team-5")).await?;
        browser
            .wait_for_text("#team-local", "5 rows read, no problems found", REACTION)
            .await?;
        browser.click("#team-plan").await?;
        browser
            .wait_for_text(
                "#team-plan-counts",
                "5 to create, 0 to update, 0 unchanged, 0 invalid",
                Duration::from_secs(10),
            )
            .await?;
        browser.screenshot("33-team-plan", Some(1400)).await?;

        // Applied as a batch on the server, followed row by row until it ends; then all
        // five are In service.
        browser.click("#team-apply").await?;
        browser
            .wait_for_text(
                "#team-batch-status",
                "Succeeded: 5 of 5 rows done",
                SAGEMAKER_PATIENCE,
            )
            .await?;
        browser.screenshot("34-team-applied", Some(1400)).await?;
        for n in 1..=5 {
            let name = format!("e2e-team-{n}");
            search_list(&browser, &domain, &name, &name, "In service").await?;
        }

        // Three people leave: chosen by a search, planned together, confirmed by their
        // count, followed until every delete job ends.
        for name in ["e2e-leaver-1", "e2e-leaver-2", "e2e-leaver-3"] {
            create_profile(&server, &domain, name).await?;
        }
        browser.goto(&format!("/domains/{domain}/offboard")).await?;
        browser
            .wait_for("#offboard-profiles input[value='e2e-leaver-3']")
            .await?;
        browser.type_into("#offboard-search", "e2e-leaver").await?;
        browser.click_button("Select all 3 matching").await?;
        browser.click("#offboard-plan").await?;
        browser
            .wait_for_text("#offboard-plan-totals", "3 profiles", REACTION)
            .await?;
        browser.type_into("#offboard-count", "3").await?;
        browser.click("#offboard-start").await?;
        browser
            .wait_for_text(
                "#offboard-progress-count",
                "3 of 3 ended.",
                SAGEMAKER_PATIENCE,
            )
            .await?;
        browser.screenshot("35-offboarded", Some(1400)).await?;
        let left: serde_json::Value = server
            .get(&format!("/api/domains/{domain}/profiles?search=e2e-leaver"))
            .await?;
        assert_eq!(left["profiles"], json!([]), "{left}");
        browser.close().await
    })
}
