//! End-to-end in the demo's IAM Identity Center domain (`research-sso`): a lead picks a
//! person of the directory with the keyboard, creates the profile, sees that the person
//! was let into Studio, then offboards them, and their own assignment is gone.
//!
//! The web app must be built first (`cargo xtask bundle`; `cargo xtask test` does).

use std::time::Duration;

use fantoccini::key::Key;
use serde_json::json;
use studio_admin_e2e::{one_at_a_time, open_as, run};

/// Profiles reach InService in the demo within seconds; a delete takes a little longer.
const SAGEMAKER_PATIENCE: Duration = Duration::from_secs(45);

/// How long the page may take to react to what the person did (a message, a preview).
const REACTION: Duration = Duration::from_secs(5);

#[test]
fn a_lead_onboards_a_directory_person_and_offboards_them_without_leaving_the_panel()
-> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, sso) = open_as("demo-lead", "research-sso").await?;

        // Yuki Tanaka is in the directory, in no assigned group, not assigned.
        browser.goto(&format!("/domains/{sso}/add-user")).await?;
        browser
            .type_into("#f-SingleSignOnUserValue", "tanaka")
            .await?;
        browser
            .wait_for("#f-SingleSignOnUserValue-people [data-user='yuki.tanaka']")
            .await?;
        let input = browser.wait_for("#f-SingleSignOnUserValue").await?;
        input.send_keys(&char::from(Key::Down).to_string()).await?;
        input.send_keys(&char::from(Key::Enter).to_string()).await?;
        let preview = browser
            .wait_for_text("#json-preview", "yuki-tanaka", REACTION)
            .await?;
        let preview: serde_json::Value = serde_json::from_str(&preview)?;
        assert_eq!(preview["SingleSignOnUserValue"], "yuki.tanaka");
        assert_eq!(preview["UserProfileName"], "yuki-tanaka");
        browser
            .screenshot("15-sso-directory-picker", Some(1600))
            .await?;
        browser.click("#submit-profile").await?;

        // The profile's page says the person gets into Studio, assigned directly.
        browser
            .wait_for_text("#profile-title", "yuki-tanaka", Duration::from_secs(10))
            .await?;
        let state = browser.wait_for("#studio-access-state").await?;
        assert_eq!(state.attr("data-kind").await?.as_deref(), Some("direct"));
        browser
            .wait_for_absence("#grant-access", Duration::from_secs(1))
            .await?;
        browser.screenshot("16-sso-access-granted", None).await?;
        let detail: serde_json::Value = server
            .get(&format!("/api/domains/{sso}/profiles/yuki-tanaka"))
            .await?;
        assert_eq!(detail["access"]["kind"], "direct", "{detail}");

        // Offboarding: the plan shows the assignment; the job removes it last.
        browser.click("#delete-profile").await?;
        browser
            .wait_for_text(
                "#delete-access",
                "assigned to this domain's Studio application directly",
                Duration::from_secs(10),
            )
            .await?;
        let tick = browser.wait_for("#remove-access").await?;
        assert_eq!(tick.prop("checked").await?.as_deref(), Some("true"));
        browser.screenshot("17-sso-delete-plan", Some(1600)).await?;
        browser.type_into("#confirm-name", "yuki-tanaka").await?;
        browser.click("#confirm-delete").await?;
        browser
            .wait_for_text("#delete-status", "Done", SAGEMAKER_PATIENCE)
            .await?;
        browser
            .wait_for_text(
                "#delete-steps",
                "Remove Studio access of yuki.tanaka",
                REACTION,
            )
            .await?;
        assert_eq!(
            server.profile_status(&sso, "yuki-tanaka").await?,
            None,
            "the profile is gone"
        );

        // The assignment went with it: a new profile for Yuki has to grant it again.
        let (status, created) = server
            .post(
                &format!("/api/domains/{sso}/profiles"),
                &json!({
                    "UserProfileName": "yuki-again",
                    "SingleSignOnUserIdentifier": "UserName",
                    "SingleSignOnUserValue": "yuki.tanaka",
                }),
            )
            .await?;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["access"]["granted"], true, "{created}");
        browser.close().await
    })
}

#[test]
fn a_user_name_nobody_in_the_directory_has_is_refused_in_the_form() -> anyhow::Result<()> {
    let _one = one_at_a_time();
    run(async {
        let (server, browser, sso) = open_as("demo-lead", "research-sso").await?;
        browser.goto(&format!("/domains/{sso}/add-user")).await?;
        browser.type_into("#f-UserProfileName", "ghost").await?;
        browser
            .type_into("#f-SingleSignOnUserValue", "no.body")
            .await?;
        browser
            .wait_for_text("#f-SingleSignOnUserValue-messages", "no.body", REACTION)
            .await?;
        browser.click("#submit-profile").await?;
        // The form holds it back: nothing was sent.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(server.profile_status(&sso, "ghost").await?, None);
        browser.close().await
    })
}
